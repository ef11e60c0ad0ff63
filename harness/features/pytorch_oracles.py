"""One oracle per feature column on the PyTorch backend (tiny random-weight model of the row's
architecture). Each takes (ctx, built) and emits checks; `NOT_APPLICABLE` columns are skipped.

    FEATURES["chunked-prefill"](ctx, built)   # prefill in chunks == one pass (logits)
"""

from __future__ import annotations

import copy
import json
import re
import time

import torch

from harness.errors import RunSkipped
from harness.families.common import PrefillRecorder
from harness.features import feature_column, oracle_table
from harness.verdict import EFFECT

PROMPT = "the cache keeps keys and values of every layer so that decoding stays fast on small machines"
NEW = 12
NOT_APPLICABLE = {
    "overlap-scheduler": "an executor scheduling feature of TensorRT-LLM",
    "mtp": "multi-token prediction heads are not implemented by transformers generate",
    "eagle-3-one-model-engine": "EAGLE-3 speculative decoding",
    "eagle-3-two-model-engine": "EAGLE-3 speculative decoding",
    "disaggregated-serving": "separate context and generation servers",
    "epd-disaggregated-serving": "encode, prefill and decode on separate servers (multimodal serving across hosts)",
    "attention-data-parallelism": "attention data parallelism across GPUs",
    "tllm-c-sampler": "TensorRT-LLM's C++ sampler",
}


def _ids(built, text=PROMPT):
    return built.tokenizer(text, return_tensors="pt")["input_ids"].to(built.device)


def _greedy(built, input_ids, **kwargs):
    args = {"max_new_tokens": NEW, "min_new_tokens": NEW, "do_sample": False, "pad_token_id": built.pad}
    args.update(kwargs)
    with torch.inference_mode():
        out = built.model.generate(input_ids=input_ids, attention_mask=torch.ones_like(input_ids), **args)
    return out[0, input_ids.shape[1]:].tolist()


# MARK: - Features


def cuda_graph(ctx, built):
    if not built.device.startswith("cuda"):
        raise RunSkipped("CUDA graphs need CUDA (this run is on CPU); on a GPU the oracle compares "
                             "static-cache + torch.compile decoding with eager greedy")
    ids = _ids(built)
    eager = _greedy(built, ids)
    compiled = _greedy(built, ids, cache_implementation="static")  # generate compiles static-cache decoding on CUDA
    ctx.check("static cache + compiled decode equals eager greedy", eager == compiled,
              f"{NEW} tokens: " + ("identical" if eager == compiled else f"{eager} vs {compiled}"))


def chunked_prefill(ctx, built):
    ids = _ids(built)
    widths = []
    hook = built.model.register_forward_pre_hook(
        lambda module, args, kwargs: widths.append(int(kwargs["input_ids"].shape[1])), with_kwargs=True)
    try:
        with torch.inference_mode():
            whole = built.model(input_ids=ids, use_cache=True).logits[0].float()
            cache, parts, chunk = None, [], 5
            for start in range(0, ids.shape[1], chunk):
                out = built.model(input_ids=ids[:, start:start + chunk], past_key_values=cache, use_cache=True)
                cache = out.past_key_values
                parts.append(out.logits[0].float())
    finally:
        hook.remove()
    chunked = torch.cat(parts)
    cached = cache.get_seq_length() if hasattr(cache, "get_seq_length") else None
    expected = [ids.shape[1]] + [min(chunk, ids.shape[1] - s) for s in range(0, ids.shape[1], chunk)]
    ctx.check("the prompt was prefilled chunk by chunk into one cache", widths == expected and cached == ids.shape[1],
              f"forward widths seen by a hook {widths} (one pass, then chunks of {chunk}); the cache holds {cached} of "
              f"{ids.shape[1]} tokens", kind=EFFECT)
    diff = float((whole - chunked).abs().max())
    same_argmax = bool((whole.argmax(-1) == chunked.argmax(-1)).all())
    ctx.check("chunked prefill logits equal one pass", diff < 1e-3 and same_argmax,
              f"{ids.shape[1]} tokens in chunks of {chunk}: max |logit diff| {diff:.2e}, argmax equal {same_argmax}")


def kv_cache_reuse(ctx, built):
    prefix = _ids(built, "the cache keeps keys and values of every layer")
    full = _ids(built, PROMPT)
    if full[0, :prefix.shape[1]].tolist() != prefix[0].tolist():
        raise RuntimeError("tokenizer split the prefix differently inside the full prompt")
    fresh = _greedy(built, full)
    with torch.inference_mode():
        cache = built.model(input_ids=prefix, use_cache=True).past_key_values
    with PrefillRecorder(built.model) as seen:
        reused = _greedy(built, full, past_key_values=copy.deepcopy(cache))
    again = _greedy(built, full, past_key_values=copy.deepcopy(cache))
    ctx.check("greedy with reused prefix cache equals fresh", fresh == reused,
              f"prefix {prefix.shape[1]} of {full.shape[1]} tokens cached: "
              + ("identical" if fresh == reused else f"{fresh} vs {reused}"))
    ctx.check("second reuse identical", reused == again, "same cached prefix twice: "
              + ("identical" if reused == again else "different"))
    computed = seen.first_lengths[0] if seen.first_lengths else None
    suffix = full.shape[1] - prefix.shape[1]
    ctx.check("only the uncached suffix was prefilled", computed == suffix,
              f"the first forward pass computed {computed} new tokens of the {full.shape[1]}-token prompt; "
              f"{prefix.shape[1]} came from the reused cache (without reuse: all {full.shape[1]})", kind=EFFECT)


def sliding_window_attention(ctx, built):
    from harness.features.configs import SLIDING

    if built.arch not in SLIDING:
        raise RunSkipped(f"{built.arch} has no sliding window attention in transformers")
    ids = _ids(built)
    seq = ids.shape[1]
    window = 4

    def logits(model):
        with torch.inference_mode():
            return model(input_ids=ids).logits[0].float()

    limited_model = built.variant(sliding_window=window, **SLIDING[built.arch])
    wide_model = built.variant(sliding_window=seq, **SLIDING[built.arch])
    # Gemma3/GPT-OSS/Exaone4 mix sliding and full layers that also differ in RoPE: their reference keeps
    # the layer types with an unbounded window; the others switch sliding off entirely.
    layered = bool(getattr(built.config, "layer_types", None)) and not hasattr(built.config, "use_sliding_window")
    full_model = built.variant(sliding_window=100_000) if layered else built.variant(sliding_window=None, full=True)
    limited, wide, full = logits(limited_model), logits(wide_model), logits(full_model)
    d_wide = float((wide - full).abs().max())
    d_limited = float((limited - full).abs().max())
    d_early = float((limited[:window] - full[:window]).abs().max())
    ctx.check("window >= sequence equals full attention", d_wide < 1e-4,
              f"sliding_window={seq} vs unlimited attention over {seq} tokens: max |diff| {d_wide:.2e}")
    ctx.check("window < sequence limits attention", d_limited > 1e-3 and d_early < 1e-4,
              f"sliding_window={window}: first {window} positions equal full ({d_early:.2e}), later differ "
              f"(max |diff| {d_limited:.2e})", kind=EFFECT)


def logits_post_processor(ctx, built):
    from transformers import LogitsProcessor, LogitsProcessorList

    ids = _ids(built)
    plain = _greedy(built, ids)
    banned = sorted(set(plain))

    class Ban(LogitsProcessor):
        def __call__(self, input_ids, scores):
            scores[:, banned] = float("-inf")
            return scores

    processed = _greedy(built, ids, logits_processor=LogitsProcessorList([Ban()]))
    ctx.check("processor changes the output", processed != plain, f"plain {plain[:6]}… vs processed {processed[:6]}…", kind=EFFECT)
    hits = [t for t in processed if t in banned]
    ctx.check("banned tokens never generated", not hits, f"{len(banned)} tokens banned; generated among them: {hits}")


# A tiny JSON schema and the regular language it allows: {"n": <integer 1..9999>}.
SCHEMA = {"type": "object", "properties": {"n": {"type": "integer"}}, "required": ["n"]}
SEGMENTS = [(set(c), 1, 1) for c in '{"n": '] + [(set("123456789"), 1, 1), (set("0123456789"), 0, 3), ({"}"}, 1, 1)]
PATTERN = re.compile(r'\{"n": [1-9][0-9]{0,3}\}')  # JSON integers have no leading zeros


def _states(text):
    """Reachable (segment, count) states after reading text; empty: not a prefix of the language."""
    states = {(0, 0)}
    for ch in text:
        nxt = set()
        for seg, count in states:
            frontier = [(seg, count)]
            while frontier:  # epsilon moves: leave a segment once its minimum is met
                s, c = frontier.pop()
                if s >= len(SEGMENTS):
                    continue
                chars, low, high = SEGMENTS[s]
                if ch in chars and c < high:
                    nxt.add((s, c + 1))
                if c >= low:
                    frontier.append((s + 1, 0))
        states = nxt
        if not states:
            break
    return states


def _complete(text):
    return any(s == len(SEGMENTS) - 1 and c >= SEGMENTS[-1][1] for s, c in _states(text))


def guided_decoding(ctx, built):
    tok = built.tokenizer
    pieces = {t: tok.decode([t]) for t in range(len(tok))}
    pieces = {t: p for t, p in pieces.items() if p and "\ufffd" not in p and t not in (built.eos, built.pad)}
    start = _ids(built, "matrix")
    plen = start.shape[1]

    def allowed(batch_id, input_ids):
        text = tok.decode(input_ids[plen:].tolist())
        if _complete(text):
            return [built.eos]
        ok = [t for t, p in pieces.items() if _states(text + p)]
        return ok or [built.eos]

    out = _greedy(built, start, prefix_allowed_tokens_fn=allowed, min_new_tokens=None, max_new_tokens=16,
                  eos_token_id=built.eos)
    text = tok.decode([t for t in out if t not in (built.eos, built.pad)])
    ctx.writer.emit("token", seq=0, text=text)
    match = bool(PATTERN.fullmatch(text))
    ctx.check("output matches the pattern", match, f"{text!r} against {PATTERN.pattern}")
    try:
        value = json.loads(text)
        valid = isinstance(value, dict) and set(value) == {"n"} and isinstance(value["n"], int)
    except json.JSONDecodeError as exc:
        value, valid = str(exc), False
    ctx.check("output satisfies the JSON schema", valid, f"parsed {value!r} against {json.dumps(SCHEMA)}")
    unconstrained = tok.decode(_greedy(built, start, max_new_tokens=16))
    ctx.check("constraint changed the output", unconstrained != text, f"unconstrained: {unconstrained!r}", kind=EFFECT)


def torch_sampler(ctx, built):
    ids = _ids(built)

    def sample(seed):
        torch.manual_seed(seed)
        return _greedy(built, ids, do_sample=True, temperature=1.0, top_k=0, top_p=1.0)

    a, b, c = sample(ctx.seed), sample(ctx.seed), sample(ctx.seed + 1)
    ctx.check("same seed reproduces", a == b, f"seed {ctx.seed} twice: " + ("identical" if a == b else "different"))
    ctx.check("different seeds differ", a != c, f"seeds {ctx.seed}/{ctx.seed + 1}: "
              + ("different" if a != c else "identical"), kind=EFFECT)


FEATURES = oracle_table(globals())


def run_feature_cell(ctx) -> None:
    """One model × feature cell on PyTorch: the row's architecture built tiny, the column's oracle."""
    from harness.features.pytorch_models import build

    arch = ctx.row
    ctx.model_name = f"tiny-random {arch}"
    ctx.applied.update({"matrix": ctx.matrix, "architecture": arch, "feature": ctx.column})
    key = feature_column(ctx, FEATURES, NOT_APPLICABLE, "pytorch")
    ctx.phase("load")
    started = time.perf_counter()
    built = build(arch, ctx.adapter.device, ctx.adapter.feature_models)
    ctx.metric("load_s", time.perf_counter() - started, "s")
    ctx.model_name = f"tiny-random {arch} (offline, hidden 64, 2 layers)"
    ctx.phase("generate")
    FEATURES[key](ctx, built)
    ctx.phase("validate")
