"""A per-request logits processor for vLLM's V1 engine (imports vllm: load it only in the vLLM venv).

vLLM 0.32 has no per-request `SamplingParams(logits_processors=…)`; custom processors are engine
classes given as `LLM(logits_processors=["module:Class"])` and switched on per request through
`SamplingParams(extra_args=…)`. `AdapterLogitsProcessor` wraps a per-request callable.

    LLM(model=…, logits_processors=[BAN_TOKENS])
    llm.generate(p, SamplingParams(temperature=0, extra_args={"ban_token_ids": [5, 9]}))
"""

from __future__ import annotations

from vllm.v1.sample.logits_processor import AdapterLogitsProcessor


class BanTokensProcessor(AdapterLogitsProcessor):
    """Sets the logits of `extra_args["ban_token_ids"]` to -inf; requests without it are untouched."""

    def is_argmax_invariant(self) -> bool:
        return False  # it changes greedy choices

    def new_req_logits_processor(self, params):
        banned = (params.extra_args or {}).get("ban_token_ids")
        if not banned:
            return None
        banned = [int(t) for t in banned]

        def ban(output_ids, logits):
            logits[banned] = float("-inf")
            return logits

        return ban
