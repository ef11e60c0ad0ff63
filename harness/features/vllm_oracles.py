"""One oracle per feature column on the vLLM backend, and the cell's entry (`run_feature_cell`).
Each oracle takes the cell's context (harness/cell.py), gets its engine from `vllm_models.engine`
and emits checks.

The base engine of an architecture (`BASE`: prefix caching on, block size 32, the harness's ban
logits processor installed) serves kv-cache-reuse, logits-post-processor, guided-decoding and
torch-sampler; chunked-prefill, cuda-graph and sliding-window compare it with a second engine.

    run_feature_cell(ctx)    # ctx.row "Qwen2ForCausalLM", ctx.column "kv-cache-reuse"
"""

from __future__ import annotations

import dataclasses
import json

from harness.backends.vllm_backend import vllm_device
from harness.errors import EngineFailed, RunSkipped
from harness.features import feature_column, oracle_table
from harness.features.pytorch_oracles import PATTERN
from harness.features.vllm_models import engine, model_dir, unsupported_reason
from harness.families.vllm_worker import worker_facts
from harness.greedy import agree_up_to_ties, vllm_logprobs
from harness.prompts import PROMPTS
from harness.verdict import EFFECT

NEW = 12
PREFIX = " ".join(PROMPTS)  # 71 tokens with the local tokenizer: two full 32-token blocks
LONG = [PREFIX + " " + p for p in PROMPTS[:3]]
BAN = "harness.features.vllm_logits:BanTokensProcessor"
# vLLM 0.32 takes disable_any_whitespace from the engine's StructuredOutputsConfig only (the request's
# StructuredOutputsParams field is not read by the xgrammar/guidance backends), and only with an explicit
# xgrammar or guidance backend: without it a random model fills a JSON object with newlines up to max_tokens.
BASE = {"enable_prefix_caching": True, "logits_processors": [BAN],
        "structured_outputs_config": {"backend": "xgrammar", "disable_any_whitespace": True}}
CHUNK = 16
TOP = 5  # candidates per position kept to judge near-ties (harness/greedy.py)
NOT_APPLICABLE = {
    "overlap-scheduler": "TensorRT-LLM's executor overlap scheduler",
    "mtp": "multi-token prediction needs the checkpoint's trained MTP layers (vLLM speculative_config "
           "method 'mtp', CUDA only)",
    "eagle-3-one-model-engine": "EAGLE-3 needs a trained draft head (vLLM speculative_config method 'eagle3', "
                                "CUDA only)",
    "eagle-3-two-model-engine": "EAGLE-3 needs a trained draft model (vLLM speculative_config, CUDA only)",
    "epd-disaggregated-serving": "encode, prefill and decode on separate instances (multimodal serving across hosts)",
    "disaggregated-serving": "separate prefill/decode instances joined by a KV connector (vLLM kv_transfer_config, "
                             "several GPUs)",
    "attention-data-parallelism": "attention data parallelism across GPUs (vLLM data_parallel_size, several GPUs)",
    "tllm-c-sampler": "TensorRT-LLM's C++ sampler",
}


def _base(ctx, **variant):
    return engine(ctx, model_dir(ctx.row, **variant), **BASE)


def _config(llm):
    engine = llm.llm_engine
    return getattr(engine, "vllm_config", None) or engine.get_vllm_config()


def _params(**kwargs):
    from vllm import SamplingParams

    args = {"temperature": 0.0, "max_tokens": NEW, "ignore_eos": True}
    args.update(kwargs)
    return SamplingParams(**args)


def _generate(ctx, llm, prompts, params, emit=False):
    outputs = llm.generate(prompts, params, use_tqdm=False)
    if emit:
        for seq, out in enumerate(outputs):
            ctx.writer.emit("token", seq=seq, text=out.outputs[0].text)
    return outputs


def _ids(outputs):
    return [list(o.outputs[0].token_ids) for o in outputs]


def _same(a, b):
    return "identical" if a == b else f"{sum(x != y for x, y in zip(a, b))}/{len(a)} prompts differ: {a} vs {b}"


# MARK: - Features


def kv_cache_reuse(ctx):
    llm = _base(ctx)
    ctx.writer.emit("phase", name="generate")
    config = _config(llm)
    ctx.check("enable_prefix_caching in engine config", config.cache_config.enable_prefix_caching is True,
              f"cache_config.enable_prefix_caching = {config.cache_config.enable_prefix_caching!r}, "
              f"block_size = {config.cache_config.block_size}")
    cold, cold_hits = [], []
    for prompt in LONG:  # each alone after a reset: nothing cached
        llm.reset_prefix_cache()
        out = _generate(ctx, llm, [prompt], _params())[0]
        cold.append(list(out.outputs[0].token_ids))
        cold_hits.append(out.num_cached_tokens or 0)
    warm_out = _generate(ctx, llm, LONG, _params(), emit=True)  # the last prompt's blocks are cached now
    warm, warm_hits = _ids(warm_out), [o.num_cached_tokens or 0 for o in warm_out]
    lengths = [len(o.prompt_token_ids) for o in warm_out]
    ctx.check("greedy identical cold vs cached", cold == warm,
              f"{len(LONG)} prompts of {lengths} tokens sharing a {len(PREFIX.split())}-word prefix: " + _same(cold, warm))
    block = config.cache_config.block_size
    ctx.check("cached run hit the prefix cache", all(h == 0 for h in cold_hits) and all(h >= block for h in warm_hits),
              f"num_cached_tokens cold {cold_hits}, cached {warm_hits} (block size {block})", kind=EFFECT)


def chunked_prefill(ctx):
    prompts = LONG + PROMPTS[:2]
    llm = _base(ctx)
    ctx.writer.emit("phase", name="generate")
    llm.reset_prefix_cache()
    whole_batch = _config(llm).scheduler_config.max_num_batched_tokens
    whole = _ids(_generate(ctx, llm, prompts, _params()))
    llm = engine(ctx, model_dir(ctx.row), enable_chunked_prefill=True, max_num_batched_tokens=CHUNK,
                 enable_prefix_caching=False)
    ctx.writer.emit("phase", name="generate")
    sched = _config(llm).scheduler_config
    outs = _generate(ctx, llm, prompts, _params(), emit=True)
    lengths = [len(o.prompt_token_ids) for o in outs]
    ctx.check("chunked prefill in engine config", sched.enable_chunked_prefill and sched.max_num_batched_tokens == CHUNK,
              f"scheduler_config.enable_chunked_prefill = {sched.enable_chunked_prefill}, max_num_batched_tokens = "
              f"{sched.max_num_batched_tokens} (< prompt lengths {lengths}; reference engine {whole_batch})")
    chunked = _ids(outs)
    ctx.check("greedy with chunked prefill equals without", chunked == whole,
              f"{len(prompts)} prompts, prefill in chunks of {CHUNK} tokens vs one step: " + _same(chunked, whole))


def cuda_graph(ctx):
    """Eager greedy against greedy with CUDA graphs captured (enforce_eager=False): the worker must
    have captured graphs (the effect: compilation_counter.num_cudagraph_captured, 0 in an eager
    worker), and the outputs must agree up to near-ties (harness/greedy.py: padded graph batches
    run other kernels, whose round-off may flip a tie of the tiny model)."""
    if vllm_device() != "cuda":
        raise RunSkipped(f"CUDA graphs need CUDA (this run is on {vllm_device()}); on a GPU the oracle compares "
                         "enforce_eager=False (graphs captured) with eager greedy")
    base = _base(ctx)
    eager_out = _generate(ctx, base, PROMPTS, _params(logprobs=TOP))
    eager_graphs = base.collective_rpc(worker_facts)[0]["cudagraphs_captured"]
    llm = engine(ctx, model_dir(ctx.row), enforce_eager=False)
    ctx.writer.emit("phase", name="generate")
    graphs = _ids(_generate(ctx, llm, PROMPTS, _params(), emit=True))
    ctx.check("enforce_eager=False in engine config", _config(llm).model_config.enforce_eager is False,
              f"model_config.enforce_eager = {_config(llm).model_config.enforce_eager!r}")
    captured = llm.collective_rpc(worker_facts)[0]["cudagraphs_captured"]
    ctx.check("the worker captured CUDA graphs", captured > 0,
              f"compilation_counter.num_cudagraph_captured = {captured} (the eager engine's worker: {eager_graphs})",
              kind=EFFECT)
    same, evidence = agree_up_to_ties(_ids(eager_out), vllm_logprobs(eager_out), graphs)
    ctx.check("CUDA-graph greedy equals eager up to near-ties", same, evidence)


def logits_post_processor(ctx):
    llm = _base(ctx)
    ctx.writer.emit("phase", name="generate")
    prompts = PROMPTS[:3]
    plain = _ids(_generate(ctx, llm, prompts, _params()))
    banned = sorted({t for seq in plain for t in seq})
    processed = _ids(_generate(ctx, llm, prompts, _params(extra_args={"ban_token_ids": banned}), emit=True))
    ctx.check("processor changes the output", processed != plain,
              f"LLM(logits_processors=[{BAN.split(':')[1]}]) + extra_args: plain {plain[0][:6]}… vs processed "
              f"{processed[0][:6]}…", kind=EFFECT)
    hits = sorted({t for seq in processed for t in seq if t in banned})
    ctx.check("banned tokens never generated", not hits,
              f"{len(banned)} tokens banned (every token greedy chose); generated among them: {hits}")


def _structured(json_schema=None, regex=None):
    """`SamplingParams` keyword and value for a constraint, as this vLLM spells it."""
    from vllm import SamplingParams
    import vllm.sampling_params as sp

    fields = {f.name for f in dataclasses.fields(SamplingParams)} if dataclasses.is_dataclass(SamplingParams) \
        else set(SamplingParams.__struct_fields__)
    kwargs = {"json": json_schema} if json_schema else {"regex": regex}
    if "structured_outputs" in fields and hasattr(sp, "StructuredOutputsParams"):
        return "structured_outputs", sp.StructuredOutputsParams(**kwargs)
    if "guided_decoding" in fields and hasattr(sp, "GuidedDecodingParams"):
        return "guided_decoding", sp.GuidedDecodingParams(**kwargs)
    raise RunSkipped("this vLLM's SamplingParams has neither structured_outputs nor guided_decoding")


SCHEMA = {"type": "object", "properties": {"n": {"type": "integer", "minimum": 1, "maximum": 9999}},
          "required": ["n"], "additionalProperties": False}


def guided_decoding(ctx):
    llm = _base(ctx)
    ctx.writer.emit("phase", name="generate")
    prompt = ["matrix"]
    key, regex = _structured(regex=PATTERN.pattern)
    text = _generate(ctx, llm, prompt, _params(max_tokens=24, ignore_eos=False, **{key: regex}), emit=True)[0] \
        .outputs[0].text
    ctx.check("output matches the regex", bool(PATTERN.fullmatch(text)),
              f"SamplingParams({key}=…(regex={PATTERN.pattern!r})): {text!r}")
    key, schema = _structured(json_schema=SCHEMA)
    text_json = _generate(ctx, llm, prompt, _params(max_tokens=24, ignore_eos=False, **{key: schema}))[0].outputs[0].text
    try:
        value = json.loads(text_json)
        valid = isinstance(value, dict) and set(value) == {"n"} and isinstance(value["n"], int) \
            and 1 <= value["n"] <= 9999
    except json.JSONDecodeError as exc:
        value, valid = str(exc), False
    ctx.check("output satisfies the JSON schema", valid,
              f"SamplingParams({key}=…(json=schema)): {text_json!r} parsed {value!r} against {json.dumps(SCHEMA)}")
    free = _generate(ctx, llm, prompt, _params(max_tokens=24, ignore_eos=False))[0].outputs[0].text
    ctx.check("constraint changed the output", free not in (text, text_json), f"unconstrained: {free!r}", kind=EFFECT)


def torch_sampler(ctx):
    llm = _base(ctx)
    ctx.writer.emit("phase", name="generate")

    def sample(seed, emit=False):
        return _ids(_generate(ctx, llm, PROMPTS[:4], _params(temperature=1.0, top_p=1.0, seed=seed), emit))

    a, b, c = sample(ctx.seed, True), sample(ctx.seed), sample(ctx.seed + 1)
    ctx.check("same seed reproduces", a == b, f"seed {ctx.seed} twice, temperature 1: " + _same(a, b))
    ctx.check("different seeds differ", a != c, f"seeds {ctx.seed}/{ctx.seed + 1}: "
              f"{sum(x != y for x, y in zip(a, c))}/{len(a)} prompts differ", kind=EFFECT)


def sliding_window_attention(ctx):
    from harness.features.configs import SLIDING

    if ctx.row not in SLIDING:
        raise RunSkipped(f"{ctx.row} has no sliding window attention in its transformers config")
    window = 8
    params = _params(max_tokens=1, prompt_logprobs=0)

    def prompt_logprobs(llm):
        llm.reset_prefix_cache()
        out = _generate(ctx, llm, [LONG[0]], params)[0]
        ids = out.prompt_token_ids
        return [step[ids[i]].logprob for i, step in enumerate(out.prompt_logprobs) if step is not None]

    full = prompt_logprobs(_base(ctx))
    limited_dir = model_dir(ctx.row, sliding_window=window, **SLIDING[ctx.row])
    limited = prompt_logprobs(engine(ctx, limited_dir, enable_prefix_caching=False))
    ctx.writer.emit("phase", name="generate")
    early = max(abs(x - y) for x, y in zip(full[:window - 1], limited[:window - 1]))
    late = max(abs(x - y) for x, y in zip(full[window:], limited[window:]))
    ctx.check("window < sequence limits attention", early < 1e-3 and late > 1e-3,
              f"sliding_window={window} over {len(full) + 1} tokens: prompt logprobs of the first {window - 1} "
              f"positions equal the unlimited model's (max |diff| {early:.2e}), later differ (max |diff| {late:.2e})", kind=EFFECT)


FEATURES = oracle_table(globals())


def run_feature_cell(ctx) -> None:
    """One model × feature cell on vLLM: the row's architecture as a tiny checkpoint, the column's
    oracle. An engine that says it cannot run the architecture or feature here: `skipped` with its text."""
    ctx.model_name = f"tiny-random {ctx.row} (offline, hidden 128, 2 layers, 4 heads of 32)"
    ctx.applied.update({"matrix": ctx.matrix, "architecture": ctx.row, "feature": ctx.column, "backend": "vllm"})
    key = feature_column(ctx, FEATURES, NOT_APPLICABLE, "vllm")
    ctx.adapter.require()
    missing = unsupported_reason(ctx.row)
    if missing:
        raise RunSkipped(missing)
    try:
        FEATURES[key](ctx)
    except EngineFailed as exc:
        ctx.adapter.engines.drop()
        if exc.unsupported:
            raise RunSkipped(str(exc)) from None
        raise
    ctx.phase("validate")
