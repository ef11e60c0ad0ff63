"""The TensorRT adapter's checks: read-backs (kind evidence) from the BUILT engine's config.json
and from the runtime's validated arguments, and effects (kind effect) observed against the row's
baseline run (DECISIONS.md item 2). Pure functions of the mapping and the observations.

    checks = read_back(args, seen) + effects(args, seen, base)
    status, reason = verdict(checks, args)
"""

from __future__ import annotations

from harness.backends.tensorrt_flows import ENGINE
from harness.verdict import checks_verdict

NO_EFFECT = "no check observed the parameter's effect"


def check(name: str, passed: bool, evidence: str, kind: str) -> dict:
    return {"name": name, "passed": bool(passed), "evidence": evidence, "kind": kind}


def read_back(args: dict, seen: dict) -> list[dict]:
    """What the row set, read where TensorRT-LLM recorded it."""
    checks = []
    if args["flow"] == ENGINE and "engine_config" in seen:
        config = seen["engine_config"]
        built = config.get("build_config", {})
        for key, asked in args["BuildConfig"].items():
            if key == "plugin_config":
                for plugin_key, plugin_asked in asked.items():
                    got = built.get("plugin_config", {}).get(plugin_key)
                    checks.append(_same(f"engine:plugin_config.{plugin_key}", got, plugin_asked))
            else:
                checks.append(_same(f"engine:build_config.{key}", built.get(key), asked))
        if args["QuantConfig"].get("quant_algo"):
            got = config.get("pretrained_config", {}).get("quantization", {}).get("quant_algo")
            checks.append(_same("engine:quantization.quant_algo", got, args["QuantConfig"]["quant_algo"]))
        if args["LLM"].get("dtype", "auto") != "auto":
            checks.append(_same("engine:dtype", config.get("pretrained_config", {}).get("dtype"), args["LLM"]["dtype"]))
    runtime = seen.get("runtime", {})
    asked_runtime = {f"kv_cache_config.{k}": v for k, v in args["KvCacheConfig"].items()}
    for key in ("enable_chunked_prefill", "batching_type", "dtype") + (
            () if args["flow"] == ENGINE else ("max_batch_size", "max_beam_width")):
        if key in args["LLM"] and args["LLM"][key] != "auto":
            asked_runtime[key] = args["LLM"][key]
    for key, asked in asked_runtime.items():
        checks.append(_same(f"runtime:{key}", runtime.get(key), asked, where="the runtime's validated LLM.args"))
    return checks


def _same(name, got, asked, where="config.json of the built engine"):
    normal = (lambda v: v.upper()) if isinstance(asked, str) and isinstance(got, str) else (lambda v: v)
    return check(name, got is not None and normal(got) == normal(asked), f"{where}: {got!r} (asked {asked!r})", "evidence")


def effects(args: dict, seen: dict, base: dict | None) -> list[dict]:
    checks = []
    for kind in args["observe"]:
        checks += EFFECTS[kind](args, seen, base or {})
    return checks


def _streaming(args, seen, base):
    streams = seen.get("streams", [])
    early = [s for s in streams if s["updates"] >= 2 and s["ttft_s"] is not None and s["ttft_s"] < s["done_s"]]
    out = [check("effect:streamed_before_done", streams and len(early) == len(streams),
                 f"{len(early)}/{len(streams)} streams delivered ≥2 updates, the first before the request finished "
                 f"(updates {[s['updates'] for s in streams]})", "effect")]
    if base.get("outputs") is not None:
        out.append(check("streamed_equals_non_streamed", seen["outputs"] == base["outputs"],
                         "streamed token ids equal the baseline's generate_async(streaming=False) ids", "evidence"))
    return out


def _sampling(args, seen, base):
    sampling, differ = args["SamplingParams"], _differs(seen.get("outputs"), base.get("outputs"))
    if not sampling.get("use_beam_search"):
        out = [check("effect:sampling_differs_from_greedy", differ,
                     f"{differ} of {len(seen['outputs'])} prompts differ from the greedy baseline (top_k=1)", "effect")]
        if "seed" in sampling:
            out.append(check("sampling_reproduces_with_seed", seen["outputs"] == seen.get("repeat"),
                             f"seed {sampling['seed']} twice: identical={seen['outputs'] == seen.get('repeat')}", "evidence"))
        return out
    name = "effect:outputs_differ_from_baseline" if base and (args["baseline"]["SamplingParams"].get("use_beam_search")) \
        else "effect:beam_differs_from_greedy"
    if differ:
        return [check(name, True, f"{differ} of {len(seen['outputs'])} prompts differ from the baseline", "effect")]
    return [check(name.replace("effect:", "") + "_not_observable", True,
                  "identical to the baseline on these prompts: the effect was not observable", "evidence")]


def _differs(outputs, baseline) -> int:
    if outputs is None or baseline is None:
        return 0
    return sum(1 for a, b in zip(outputs, baseline) if a != b)


def _scheduler_cap(args, seen, base):
    cap = (args["BuildConfig"] if args["flow"] == ENGINE else args["LLM"])["max_batch_size"]
    burst = seen.get("burst", {"requests": 0, "stats": []})
    active = [s.get("numActiveRequests", 0) for s in burst["stats"]]
    most = max(active, default=0)
    return [check("effect:scheduler_cap", active and most == cap,
                  f"{burst['requests']} requests submitted at once; at most {most} active per iteration "
                  f"over {len(active)} iterations (cap {cap})", "effect")]


def _reused(long) -> int:
    runs = (long or {}).get("runs", [])
    return sum(s.get("kvCacheStats", {}).get("reusedBlocks", 0) for s in runs[1]["stats"]) if len(runs) > 1 else 0


def _kv_reuse(args, seen, base):
    on = args["KvCacheConfig"]["enable_block_reuse"]
    mine, theirs = _reused(seen.get("long")), _reused(base.get("long"))
    passed = (mine > 0 and theirs == 0) if on else (mine == 0 and theirs > 0)
    return [check("effect:kv_blocks_reused", passed,
                  f"second identical long prompt reused {mine} KV blocks; baseline "
                  f"(enable_block_reuse={not on}) reused {theirs}", "effect")]


def _context_steps(run) -> list[int]:
    return [s["inflightBatchingStats"]["numCtxTokens"] for s in run["stats"]
            if s.get("inflightBatchingStats", {}).get("numCtxTokens")]


def _chunked(args, seen, base):
    budget = (args["BuildConfig"] if args["flow"] == ENGINE else args["LLM"])["max_num_tokens"]
    run = seen["long"]["runs"][0]
    steps = _context_steps(run) if run["ok"] else []
    other = base.get("long", {}).get("runs", [{"ok": False, "error": "no baseline", "stats": []}])[0]
    other_text = other.get("error") if not other["ok"] else f"context in {len(_context_steps(other))} step(s)"
    passed = run["ok"] and len(steps) >= 2 and max(steps) <= budget and (not other["ok"] or len(_context_steps(other)) < len(steps))
    return [check("effect:chunked_context", passed,
                  f"long prompt with chunking: {'context in steps of ' + str(steps) if run['ok'] else run['error']} "
                  f"(budget {budget} tokens); baseline without chunking: {other_text}", "effect")]


def _blocks(stats) -> int:
    return max((s.get("kvCacheStats", {}).get("maxNumBlocks", 0) for s in stats), default=0)


def _kv_blocks(args, seen, base):
    mine, theirs = _blocks(seen["stats"]), _blocks(base.get("stats", []))
    want = args["KvCacheConfig"]["free_gpu_memory_fraction"] / args["baseline"]["KvCacheConfig"]["free_gpu_memory_fraction"]
    got = mine / theirs if theirs else 0.0
    return [check("effect:kv_cache_blocks", theirs and abs(got - want) <= 0.2 * want,
                  f"{mine} KV blocks vs {theirs} in the baseline: ratio {got:.2f}, fractions ask {want:.2f}", "effect")]


def _engine_size(args, seen, base):
    mine, theirs = seen.get("engine_bytes"), base.get("engine_bytes")
    if args["QuantConfig"]:
        return [check("effect:engine_smaller", mine and theirs and mine < theirs,
                      f"engine {mine} bytes vs {theirs} unquantized", "effect")]
    wider = args["LLM"]["dtype"] == "float32"
    return [check("effect:engine_size_follows_dtype", mine and theirs and (mine > theirs if wider else mine < theirs),
                  f"engine {mine} bytes ({args['LLM']['dtype']}) vs {theirs} ({args['baseline']['LLM']['dtype']})", "effect")]


def _arrivals(args, seen, base):
    streams = seen.get("streams", [])
    return [check("arrivals_served", len(streams) == len(seen.get("outputs", [])),
                  f"{len(streams)} requests submitted with {args['arrivals']} gaps were all served", "evidence")]


EFFECTS = {"streaming": _streaming, "sampling": _sampling, "scheduler_cap": _scheduler_cap, "kv_reuse": _kv_reuse,
           "chunked_context": _chunked, "kv_blocks": _kv_blocks, "engine_size": _engine_size, "arrivals": _arrivals}


def verdict(checks: list[dict], args: dict) -> tuple[str, str]:
    """harness/verdict.py's rule, with the two reasons a run that passed every check still is not
    `passed`: the row only restates a default, or no check observed an effect."""
    uncertain = ""
    if args["default"]:
        uncertain = f"default value, nothing changed: {args['default']}"
    elif not any(c["kind"] == "effect" for c in checks):
        uncertain = NO_EFFECT
    status, reason = checks_verdict([(c["name"], c["passed"], c["evidence"], c["kind"]) for c in checks], uncertain=uncertain,
                                    no_oracle="generated without an oracle for this parameter on TensorRT-LLM")
    return (status, uncertain) if status == "uncertain" and args["default"] else (status, reason)
