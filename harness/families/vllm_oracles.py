"""Oracles of the vLLM backend: what each parameter family checks once the engine is up
(config values visible in the engine, greedy with and without prefix caching, logprob counts,
sampling reproducibility, streamed deltas). Beam search and its length penalty are in
vllm_beam.py; batching, max_num_seqs and traffic arrivals are watched in the scheduler's steps
(vllm_steps.py).

Split from vllm_backend.py, which resolves the row, starts the engine and reports the verdict.
"""

from __future__ import annotations

import enum
import time

from harness import mutation
from harness.errors import RunSkipped
from harness.families import vllm_beam, vllm_steps
from harness.prompts import PROMPTS
from harness.verdict import EFFECT, EVIDENCE


CONFIG_HOMES = ("cache_config", "scheduler_config", "model_config", "parallel_config", "load_config",
                "offload_config", "attention_config")


def _vllm_config(llm):
    engine = llm.llm_engine
    return getattr(engine, "vllm_config", None) or engine.get_vllm_config()


# Where vLLM 0.3x keeps an engine argument under another name.
RENAMED = {"attention_backend": ("attention_config", "backend"), "kv_cache_dtype": ("cache_config", "cache_dtype")}


def _find_setting(config, key):
    if key in RENAMED:
        home, name = RENAMED[key]
        sub = getattr(config, home, None)
        if sub is not None and hasattr(sub, name):
            return f"{home}.{name}", getattr(sub, name)
    for home in CONFIG_HOMES:
        sub = getattr(config, home, None)
        if sub is not None and hasattr(sub, key):
            return f"{home}.{key}", getattr(sub, key)
        for inner in ("uva", "prefetch"):  # offload_config nests the CPU offload size in 0.3x
            nested = getattr(sub, inner, None) if sub is not None else None
            if nested is not None and hasattr(nested, key):
                return f"{home}.{inner}.{key}", getattr(nested, key)
    return None, None


def _same(got, want) -> bool:
    if want is None:
        return got is None or got == "auto"
    if isinstance(got, enum.Enum) and isinstance(want, str) and got.name.lower() == want.lower():
        return True  # vLLM 0.26's AttentionBackendEnum.FLASH_ATTN: its value is the class path, its name the row's
    if hasattr(got, "value") and not isinstance(got, (int, float, str)):
        got = got.value
    if str(got).startswith("torch."):
        got = str(got)[len("torch."):]
    if isinstance(want, float) or isinstance(got, float):
        try:
            return abs(float(got) - float(want)) < 1e-9
        except (TypeError, ValueError):
            return False
    return str(got).lower() == str(want).lower() if isinstance(want, str) else got == want


def config_checks(ctx, llm, engine):
    """Each engine argument the row set is visible in the engine's resolved config."""
    config = _vllm_config(llm)
    for key, want in engine.items():
        where, got = _find_setting(config, key)
        if where is None:
            ctx.notes.append(f"{key} not found in the engine config")
            continue
        ctx.check(f"{key} in engine config", _same(got, want), f"{where} = {got!r}, asked {want!r}", kind=EVIDENCE)


def _generate(ctx, llm, sampling, prompts=PROMPTS, emit=True):
    """`LLM.generate` on the batch; with `emit`, its events once the batch is back (emit_outputs)."""
    started = time.perf_counter()
    outputs = llm.generate(prompts, sampling, use_tqdm=False)
    if emit:
        emit_outputs(ctx.writer, outputs, time.perf_counter() - started)
    return outputs


def emit_outputs(writer, outputs, elapsed):
    """One `token` event per prompt (its whole text) and `tokens_per_s` of the timed call: a few
    events per batch, none per generated token (scripts/bench-vllm.py times them)."""
    tokens = sum(len(c.token_ids) for o in outputs for c in o.outputs)
    for seq, out in enumerate(outputs):
        writer.emit("token", seq=seq, text=out.outputs[0].text)
    writer.emit("metric", name="tokens_per_s", value=tokens / elapsed if elapsed else 0.0, unit="tok/s")


def _ids(outputs):
    return [list(o.outputs[0].token_ids) for o in outputs]


def _greedy(ctx, llm, plan, sampling, row):
    """Greedy on the row's engine: the config read back and "greedy reproduces" (evidence only:
    uncertain unless the row adds logprobs, whose count per token is its effect)."""
    ctx.writer.emit("phase", name="generate")
    _generate(ctx, llm, sampling)
    ctx.writer.emit("phase", name="validate")
    if plan.sampling.get("logprobs") is not None:
        _logprob_check(ctx, llm, plan)
    if plan.sampling.get("temperature", 0) == 0:
        first, again = _alone(llm, sampling), _alone(llm, sampling)
        differ = [i for i, (a, b) in enumerate(zip(first, again)) if a != b]
        if not differ:
            ctx.check("greedy reproduces", True, f"{len(PROMPTS)} prompts, each alone from a cold prefix cache, "
                      "twice: identical", kind=EVIDENCE)
        else:
            # vLLM promises no run-to-run determinism (bf16 KV caches on a multi-threaded CPU,
            # bitsandbytes on a GPU flip the tiny model's near-tied argmax): kept in the run's log,
            # never a verdict on the parameter. The row's own oracle decides.
            ctx.writer.log(f"greedy did not reproduce: {len(PROMPTS)} prompts, each alone from a cold prefix "
                           f"cache, twice: prompts {differ} differ (vLLM does not promise run-to-run "
                           "determinism; this decides nothing)")
    if not ctx.checks:
        ctx.notes.append("the engine started and generated, but no oracle tells whether "
                         f"{row.key} took effect")


def _alone(llm, sampling):
    """Greedy ids of each prompt run alone from a cold prefix cache: a repeat of this call computes
    exactly the same shapes. A batch repeated need not: the engine core admits requests on its own
    loop (the batches differ from call to call), and a second call would hit the prefix cache;
    kernels that are not batch-invariant (bitsandbytes, bf16/fp8 KV caches) may then flip the tiny
    model's near-tied argmax, which says nothing about the parameter."""
    out = []
    for prompt in PROMPTS:
        vllm_steps.cold(llm)
        out.append(_ids(llm.generate([prompt], sampling, use_tqdm=False))[0])
    return out


def _block_prompt(llm, sampling):
    """A prompt of 1.5 KV blocks (whole blocks are what the prefix cache stores: a prompt shorter
    than one block is never served from it) that fits max_model_len with the generated tokens.
    Returns (TokensPrompt, block size)."""
    config = _vllm_config(llm)
    block = int(config.cache_config.block_size)
    room = int(config.model_config.max_model_len) - int(sampling.max_tokens or 16) - 1
    length = min(block + block // 2, room)
    if length <= block:
        raise RunSkipped(f"a KV block of {block} tokens does not fit max_model_len with the generated tokens: "
                         "no prompt can be served from the prefix cache here")
    ids = llm.get_tokenizer()(" ".join(PROMPTS * 64))["input_ids"][:length]
    return {"prompt_token_ids": ids}, block


def _prefix(ctx, llm, plan, sampling, row):
    """Prefix caching: the repeated prompt's tokens come from the cache (num_cached_tokens > 0, the
    effect); greedy before the cache holds the prompts equals greedy served from it (evidence)."""
    ctx.writer.emit("phase", name="generate")
    cold = _ids(_generate(ctx, llm, sampling))
    ctx.writer.emit("phase", name="validate")
    warm = _ids(_generate(ctx, llm, sampling, emit=False))
    shared = [PROMPTS[4] + " " + p for p in PROMPTS[:3]]  # a long shared prefix, new suffixes
    shared_out = _ids(_generate(ctx, llm, sampling, shared, emit=False))
    single = [_ids(_generate(ctx, llm, sampling, [p], emit=False))[0] for p in shared]
    ctx.check("greedy identical with cached prefixes", cold == warm,
              f"{len(PROMPTS)} prompts, cold vs cached: " + ("identical" if cold == warm else "different"), kind=EVIDENCE)
    ctx.check("shared-prefix prompts equal one-by-one", shared_out == single,
              f"{len(shared)} prompts sharing a {len(PROMPTS[4].split())}-word prefix: "
              + ("identical" if shared_out == single else "different"), kind=EVIDENCE)
    # The effect: the scheduler served the repeated prompt's blocks from the cache (without it: 0).
    prompt, block = _block_prompt(llm, sampling)
    vllm_steps.cold(llm)
    first = llm.generate([prompt], sampling, use_tqdm=False)[0]
    hit = llm.generate([prompt], sampling, use_tqdm=False)[0]
    cached = int(getattr(hit, "num_cached_tokens", 0) or 0)
    ctx.check("prompt tokens served from the prefix cache", cached >= block,
              f"a {len(hit.prompt_token_ids)}-token prompt twice (KV block {block} tokens): num_cached_tokens = "
              f"{int(getattr(first, 'num_cached_tokens', 0) or 0)} the first time, {cached} the second (a whole "
              "block or more from the cache; 0 without prefix caching)", kind=EFFECT)


def _logprob_check(ctx, llm, plan):
    from vllm import SamplingParams

    want = int(plan.sampling["logprobs"])
    out = llm.generate(PROMPTS[:2], SamplingParams(**plan.sampling), use_tqdm=False)
    counts = [len(step) for o in out for step in (o.outputs[0].logprobs or [])]
    ok = bool(counts) and all(c in (want, want + 1) for c in counts)  # + the sampled token if not in top-N
    ctx.check("logprobs per token", ok, f"{len(counts)} tokens, logprob entries per token: "
              f"{sorted(set(counts))} (asked {want}; the sampled token may add one; none without the parameter)",
              kind=EFFECT)


def _sampling(ctx, llm, plan, sampling, row):
    """Sampling: seeds differ against a greedy baseline (presets, do_sample) and top_k bounds the
    sampled tokens' ranks (effects); the same seed reproduces (evidence)."""
    from vllm import SamplingParams

    ctx.writer.emit("phase", name="generate")
    _generate(ctx, llm, SamplingParams(**plan.sampling, seed=ctx.seed))
    ctx.writer.emit("phase", name="validate")
    if plan.sampling.get("temperature", 0) == 0:
        return _greedy(ctx, llm, plan, sampling, row)
    a = _ids(_generate(ctx, llm, SamplingParams(**plan.sampling, seed=ctx.seed), emit=False))
    b = _ids(_generate(ctx, llm, SamplingParams(**plan.sampling, seed=ctx.seed), emit=False))
    c = _ids(_generate(ctx, llm, SamplingParams(**plan.sampling, seed=ctx.seed + 1), emit=False))
    ctx.check("same seed reproduces", a == b, f"seed {ctx.seed} twice: " + ("identical" if a == b else "different"),
              kind=EVIDENCE)
    # Against greedy (do_sample, presets) differing seeds are the effect; against neutral sampling they are not.
    greedy_baseline = row.name in ("decoder.do_sample", "decoder.preset")
    ctx.check("different seeds differ", a != c, f"seeds {ctx.seed}/{ctx.seed + 1}: "
              f"{sum(x != y for x, y in zip(a, c))}/{len(a)} prompts differ", kind=EFFECT if greedy_baseline else EVIDENCE)
    top_k = plan.sampling.get("top_k", -1)
    if top_k and top_k > 0:
        # logprobs=0: only the sampled token's entry, which carries its rank (top_k may exceed max_logprobs)
        out = llm.generate(PROMPTS[:2], SamplingParams(**{**plan.sampling, "logprobs": 0}, seed=ctx.seed),
                           use_tqdm=False)
        inside = all(step[tok].rank <= top_k for o in out for tok, step in zip(o.outputs[0].token_ids,
                                                                                 o.outputs[0].logprobs))
        ranks = [step[tok].rank for o in out for tok, step in zip(o.outputs[0].token_ids, o.outputs[0].logprobs)]
        ctx.check("sampled tokens within top_k", inside, f"every sampled token ranks <= {top_k}: {inside} "
                  f"(highest rank sampled {max(ranks)}; without top_k, ranks up to the vocabulary)",
                  kind=EFFECT if row.name == "decoder.top_k" else EVIDENCE)


def _streaming(ctx, llm, plan, sampling, row):
    """Streaming: text reaches the caller in many engine steps before each request finishes (DELTA
    outputs; without streaming one FINAL_ONLY output: the effect); the deltas concatenate to the
    batch text (evidence)."""
    from vllm import SamplingParams
    from vllm.sampling_params import RequestOutputKind

    ctx.writer.emit("phase", name="generate")
    engine = llm.llm_engine
    kind = mutation.deliver(RequestOutputKind.DELTA, RequestOutputKind.FINAL_ONLY)
    params = SamplingParams(**plan.sampling, output_kind=kind)
    prompts = PROMPTS[:3]
    ids = [f"stream-{i}" for i in range(len(prompts))]  # apart from LLM.generate's numbered requests
    texts = dict.fromkeys(ids, "")
    for rid, p in zip(ids, prompts):
        engine.add_request(rid, p, params)
    first = None
    started = time.perf_counter()
    step, delivered, finished = 0, dict.fromkeys(ids, 0), {}
    while engine.has_unfinished_requests():
        step += 1
        for out in engine.step():
            delta = out.outputs[0].text if out.outputs else ""
            if delta:
                first = first or time.perf_counter()
                texts[out.request_id] += delta
                delivered[out.request_id] += 1
                ctx.writer.emit("token", seq=ids.index(out.request_id), text=delta)
            if out.finished:
                finished[out.request_id] = step
    if first:
        ctx.writer.emit("metric", name="ttft_s", value=first - started, unit="s")
    ctx.writer.emit("phase", name="validate")
    whole = [o.outputs[0].text for o in _generate(ctx, llm, sampling, prompts, emit=False)]
    streamed = [texts[rid] for rid in ids]
    ctx.check("streamed equals non-streamed", streamed == whole,
              f"{len(prompts)} prompts: " + ("identical" if streamed == whole else f"{streamed!r} vs {whole!r}"),
              kind=EVIDENCE)
    # The effect: text reached the caller in many engine steps before each request finished
    # (without streaming, RequestOutputKind.FINAL_ONLY hands it over once, at the end).
    ok = all(delivered[rid] > 1 for rid in ids)
    ctx.check("text delivered step by step before the end", ok,
              "deltas per request " + ", ".join(f"{delivered[rid]} (finished at step {finished.get(rid)})" for rid in ids),
              kind=EFFECT)


ORACLES = {"greedy": _greedy, "prefix": _prefix, "sampling": _sampling, "beam": vllm_beam.beam, "streaming": _streaming,
           "batch": vllm_steps.batch, "traffic": vllm_steps.traffic, "scheduler": vllm_steps.max_num_seqs}


def oracle_for(mode: str):
    """The oracle of a parameter family (vllm_mapping's plan.mode); plain greedy by default."""
    return ORACLES.get(mode, _greedy)
