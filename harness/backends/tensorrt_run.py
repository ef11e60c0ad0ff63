"""The installed path of the TensorRT adapter: real TensorRT-LLM objects from the plain-data
mapping, one LLM per argument set, and what the run observes (docs/backends.md).

Import paths, per flow, as TensorRT-LLM 1.2 defines them: the engine flow's LLM is
`tensorrt_llm._tensorrt_engine.LLM`; `KVCacheType` lives in `tensorrt_llm.llmapi.kv_cache_type`
(not re-exported); `BuildConfig`, `KvCacheConfig`, `QuantConfig`, `QuantAlgo`, `CalibConfig`,
`BatchingType` and `SamplingParams` come from `tensorrt_llm.llmapi`; the PyTorch flow's LLM is
`tensorrt_llm.LLM`. Runs against the test stand-in in CI; never on a real GPU yet.

    observation = observe(writer, llm, args, emit=True)
    observation["ttft_s"], observation["engine_config"]["build_config"]["max_batch_size"]
"""

from __future__ import annotations

import asyncio
import copy
import json
import os
import tempfile
import time

from harness.backends.tensorrt_flows import ENGINE
from harness.backends.tensorrt_mapping import CALIBRATION_DIR

PROMPTS = ["the model reads", "beam search keeps several", "greedy", "stream traffic sample"]


def long_prompt() -> str:
    """~150 words of the shipped calibration text: several KV blocks, longer than a 64-token step."""
    with open(os.path.join(CALIBRATION_DIR, "train.txt"), encoding="utf-8") as handle:
        return " ".join(" ".join(handle.read().split()[:150]).split())


def with_baseline(args: dict) -> dict:
    """The row's arguments with its baseline applied (LLM merged, other sections replaced)."""
    base = copy.deepcopy(args)
    for section, value in (args["baseline"] or {}).items():
        if section == "LLM":
            base["LLM"].update(value)
        else:
            base[section] = dict(value or {})
    return base


def build_llm(args: dict):
    """LLM(**kwargs) for the args' flow, and the SamplingParams the prompts use."""
    from tensorrt_llm.llmapi import KvCacheConfig, SamplingParams

    kwargs = dict(args["LLM"])
    if args["KvCacheConfig"]:
        kwargs["kv_cache_config"] = KvCacheConfig(**args["KvCacheConfig"])
    if args["flow"] == ENGINE:
        from tensorrt_llm._tensorrt_engine import LLM
        from tensorrt_llm.llmapi import BatchingType, BuildConfig, CalibConfig, QuantAlgo, QuantConfig
        from tensorrt_llm.llmapi.kv_cache_type import KVCacheType

        build_args = dict(args["BuildConfig"])
        plugin = build_args.pop("plugin_config", {})
        if "kv_cache_type" in build_args:
            build_args["kv_cache_type"] = KVCacheType[build_args["kv_cache_type"]]
        build = BuildConfig(**build_args)
        for key, value in plugin.items():
            setattr(build.plugin_config, key, value)
        kwargs["build_config"] = build
        if args["QuantConfig"]:
            quant = dict(args["QuantConfig"])
            quant["quant_algo"] = QuantAlgo[quant["quant_algo"]]
            kwargs["quant_config"] = QuantConfig(**quant)
        if args["CalibConfig"]:
            kwargs["calib_config"] = CalibConfig(**args["CalibConfig"])
        if "batching_type" in kwargs:
            kwargs["batching_type"] = BatchingType[kwargs["batching_type"]]
    else:
        from tensorrt_llm import LLM
    return LLM(**kwargs), SamplingParams(**args["SamplingParams"])


def observe(writer, llm, sampling, args: dict, emit: bool) -> dict:
    """Runs the prompts (streamed when the row streams) and whatever the row's effects need;
    `emit` writes token events and metrics (the row's own run, not its baseline)."""
    seen = {"stats": []}
    streaming = args["generate"]["streaming"]
    started = time.perf_counter()
    outputs = asyncio.run(_generate(writer if emit else None, llm, PROMPTS, sampling, streaming, args, seen))
    elapsed = time.perf_counter() - started
    seen["outputs"] = outputs
    seen["stats"] += llm.get_stats(timeout=2)
    tokens = sum(len(ids) for ids in outputs)
    if emit:
        writer.emit("metric", name="tokens_per_s", value=tokens / elapsed if elapsed else 0.0, unit="tok/s")
    if "sampling" in args["observe"]:  # the same seed again: sampling must reproduce
        seen["repeat"] = asyncio.run(_generate(None, llm, PROMPTS, sampling, False, args, {}))
    if "scheduler_cap" in args["observe"]:
        cap = (args["BuildConfig"] if args["flow"] == ENGINE else args["LLM"])["max_batch_size"]
        futures = [llm.generate_async(PROMPTS[i % len(PROMPTS)], sampling) for i in range(2 * cap + 1)]
        for future in futures:
            future.result()
        seen["burst"] = {"requests": len(futures), "stats": llm.get_stats(timeout=2)}
    if {"kv_reuse", "chunked_context"} & set(args["observe"]):
        seen["long"] = _long_prompt_twice(llm, sampling)
    if args["flow"] == ENGINE:
        seen.update(_built_engine(llm))
    seen["runtime"] = _runtime(llm)
    return seen


async def _generate(writer, llm, prompts, sampling, streaming, args, seen) -> list[list[int]]:
    gaps = _arrival_gaps(len(prompts), args["arrivals"]) if args["arrivals"] else [0.0] * len(prompts)
    tasks = []
    for seq, prompt in enumerate(prompts):
        await asyncio.sleep(gaps[seq])
        tasks.append(asyncio.ensure_future(_one(writer, llm, seq, prompt, sampling, streaming, seen)))
    return list(await asyncio.gather(*tasks))


async def _one(writer, llm, seq, prompt, sampling, streaming, seen) -> list[int]:
    submitted = time.perf_counter()
    result = llm.generate_async(prompt, sampling_params=sampling, streaming=streaming)
    if not streaming:
        output = await result.aresult()
        if writer:
            writer.emit("token", seq=seq, text=output.outputs[0].text)
        return list(output.outputs[0].token_ids)
    updates, first = 0, None
    async for output in result:
        diff = output.outputs[0].text_diff
        if output.outputs[0].token_ids_diff:
            updates += 1
            first = first if first is not None else time.perf_counter() - submitted
        if writer and diff:
            writer.emit("token", seq=seq, text=diff)
    done = time.perf_counter() - submitted
    seen.setdefault("streams", []).append({"seq": seq, "updates": updates, "ttft_s": first, "done_s": done})
    if writer and seq == 0 and first is not None:
        writer.emit("metric", name="ttft_s", value=first, unit="s")
    return list(output.outputs[0].token_ids)


def _arrival_gaps(count: int, mode: str, rate: float = 20.0) -> list[float]:
    """Seconds before each submission: equal gaps (constant) or exponential ones (poisson)."""
    import random

    rng = random.Random(0)
    return [0.0] + [(rng.expovariate(rate) if mode == "poisson" else 1 / rate) for _ in range(count - 1)]


def _long_prompt_twice(llm, sampling) -> dict:
    """The long prompt twice in a row: block reuse shows on the second, chunking on the first."""
    runs = []
    for _ in range(2):
        try:
            llm.generate_async(long_prompt(), sampling_params=sampling).result()
            runs.append({"ok": True, "stats": llm.get_stats(timeout=2)})
        except Exception as exc:  # noqa: BLE001 — a refused long prompt is an observation
            runs.append({"ok": False, "error": f"{type(exc).__name__}: {exc}", "stats": llm.get_stats(timeout=2)})
    return {"runs": runs}


def _built_engine(llm) -> dict:
    """The engine the LLM really built: LLM.save(dir) copies it; its config.json is what
    TensorRT-LLM wrote (build_config with plugin_config, pretrained_config with quantization)."""
    with tempfile.TemporaryDirectory(prefix="infermatrix-trt-engine-") as engine_dir:
        llm.save(engine_dir)
        with open(os.path.join(engine_dir, "config.json"), encoding="utf-8") as handle:
            config = json.load(handle)
        sizes = sum(os.path.getsize(os.path.join(engine_dir, name)) for name in os.listdir(engine_dir)
                    if name.endswith(".engine"))
    return {"engine_config": config, "engine_bytes": sizes}


def engine_config_in(workspace: str | None) -> dict | None:
    """The config.json of an engine built under `workspace` (the LLM's TemporaryDirectory lives
    there while the exception that refused it is being handled), else None."""
    for root, _, files in os.walk(workspace or "/nonexistent"):
        if "config.json" in files:
            with open(os.path.join(root, "config.json"), encoding="utf-8") as handle:
                config = json.load(handle)
            if "build_config" in config:
                return config
    return None


def _runtime(llm) -> dict:
    """What the runtime was configured with: llm.args after TrtLlmArgs/TorchLlmArgs validation
    (clamped to the engine's limits on the engine flow)."""
    args = llm.args
    kv = args.kv_cache_config
    return {"kv_cache_config.enable_block_reuse": kv.enable_block_reuse,
            "kv_cache_config.free_gpu_memory_fraction": kv.free_gpu_memory_fraction,
            "enable_chunked_prefill": args.enable_chunked_prefill, "max_batch_size": args.max_batch_size,
            "max_num_tokens": args.max_num_tokens, "max_beam_width": args.max_beam_width,
            "batching_type": str(getattr(getattr(args, "batching_type", None), "value", None) or "")
            or None, "dtype": args.dtype}
