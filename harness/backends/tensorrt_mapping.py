"""Row → TensorRT-LLM LLM-API constructor arguments, as plain data (no import of tensorrt_llm).

The mapping follows the LLM API as TensorRT-LLM's own sources define it (docs/backends.md lists
the files and commits read):

- `tensorrt_llm/llmapi/llm_args.py`: `BaseLlmArgs`/`TrtLlmArgs` (pydantic, `extra="forbid"`):
  `dtype`, `build_config`, `kv_cache_config`, `quant_config`, `enable_chunked_prefill`,
  `batching_type` (`STATIC`/`INFLIGHT`), `enable_build_cache`, `tensor_parallel_size`, …;
  `KvCacheConfig`: `enable_block_reuse`, `free_gpu_memory_fraction`, …
- `tensorrt_llm/builder.py`: `@dataclass BuildConfig`: `max_batch_size`, `max_beam_width`,
  `kv_cache_type`, `strongly_typed`, `plugin_config`, … (no builder optimisation level field).
- `tensorrt_llm/models/modeling_utils.py`: `QuantConfig(quant_algo, kv_cache_quant_algo, …)`;
  `tensorrt_llm/quantization/mode.py`: `QuantAlgo` (`FP8`, `W8A16`, `W8A8_SQ_PER_CHANNEL`, `W4A16`, …).
- `tensorrt_llm/sampling_params.py`: `SamplingParams` (`temperature`, `top_p`, `top_k`, `n`,
  `best_of`, `use_beam_search`, `length_penalty`, `early_stopping`, `no_repeat_ngram_size`, …).

    args = tensorrt_arguments(parse_row("tensorrt.max_batch_size=4"), "/models/tiny")
    args["BuildConfig"]            # {"max_batch_size": 4, "max_input_len": 256, "max_seq_len": 512}
"""

from __future__ import annotations

from harness.params import Row

INSTALL_HINT = ("install it on a Linux machine with an NVIDIA GPU and CUDA: `pip install tensorrt-llm` "
                "(https://nvidia.github.io/TensorRT-LLM/installation/linux.html); it cannot run on CPU")

# Harness-side defaults: the tiny offline model has 512 positions; 16 new tokens per prompt.
BASE_BUILD = {"max_input_len": 256, "max_seq_len": 512}
BASE_SAMPLING = {"max_tokens": 16, "top_k": 1}  # top_k=1: greedy in TensorRT-LLM's sampler

QUANT_METHODS = {  # tensorrt.quantization.method → QuantAlgo member name (None: no quantization)
    "fp8": "FP8",
    "int8_sq": "W8A8_SQ_PER_CHANNEL",
    "int8_weight_only": "W8A16",
    "int4_weight_only": "W4A16",
    "int4_awq": "W4A16_AWQ",
    "none": None,
}
KV_CACHE_TYPES = {"paged": "PAGED", "continuous": "CONTINUOUS", "disabled": "DISABLED"}  # KVCacheType

PRESETS = {  # the same table as harness/families/decoder.py (PyTorch backend)
    "deterministic": {"top_k": 1},
    "standard": {"temperature": 0.7, "top_p": 0.9, "top_k": 50},
    "creative": {"temperature": 1.0, "top_p": 0.95, "top_k": 100},
    "factual": {"temperature": 0.3, "top_p": 0.8, "top_k": 20},
}
DEFAULT_BEAMS = 4


class MappingError(ValueError):
    """The row has no counterpart in TensorRT-LLM's LLM API: a `failed` result with this text."""


def _bool(row: Row) -> bool:
    if isinstance(row.value, bool):
        return row.value
    raise MappingError(f"{row.name} expects True or False, got {row.value!r}")


def _number(row: Row, kind=int, low=None, high=None):
    value = row.value
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise MappingError(f"{row.name} expects a number, got {value!r}")
    if kind is int and float(value) != int(value):
        raise MappingError(f"{row.name} expects an integer, got {value!r}")
    value = kind(value)
    if (low is not None and value < low) or (high is not None and value > high):
        raise MappingError(f"{row.name}={value} is out of range [{low}, {high}]")
    return value


def tensorrt_arguments(row: Row, model: str) -> dict:
    """The constructor arguments one row asks for. Raises MappingError for what the API lacks.

    Keys: LLM, BuildConfig (with `plugin_config` as a dict of PluginConfig fields), KvCacheConfig,
    QuantConfig (quant_algo as a QuantAlgo member name), SamplingParams, generate (keyword
    arguments of `LLM.generate`/`generate_async`), notes (what the harness does itself)."""
    args = {"LLM": {"model": model, "dtype": "auto"}, "BuildConfig": dict(BASE_BUILD), "KvCacheConfig": {},
            "QuantConfig": {}, "SamplingParams": dict(BASE_SAMPLING), "generate": {}, "notes": []}
    name, llm, build, quant = row.name, args["LLM"], args["BuildConfig"], args["QuantConfig"]
    if name.startswith("tensorrt."):
        _tensorrt_specific(row, name[len("tensorrt."):], args)
    elif name == "fp_precision":
        if row.value not in ("float16", "bfloat16", "float32", "auto"):
            raise MappingError(f"fp_precision={row.value!r}: LLM(dtype=…) takes auto, float16, bfloat16 or float32")
        llm["dtype"] = row.value
    elif name == "batching.batch_size":
        build["max_batch_size"] = _number(row, int, 1)
    elif name == "batching.strategy":
        if row.value not in ("static", "dynamic", "sorted_static", "sorted_dynamic"):
            raise MappingError(f"batching.strategy={row.value!r}: expected static, dynamic, sorted_static or sorted_dynamic")
        llm["batching_type"] = "STATIC" if row.value.endswith("static") else "INFLIGHT"
        if row.value.startswith("sorted"):
            args["notes"].append("prompts sorted by length by the harness before submission")
    elif name.startswith("decoder."):
        _decoder(row, name[len("decoder."):], args)
    elif name.startswith("quantization."):
        _quantization(row, name[len("quantization."):], quant)
    elif name == "streaming":
        args["generate"]["streaming"] = _bool(row)  # LLM.generate_async(prompt, sampling_params, streaming=…)
    elif name.startswith("traffic_simulation."):
        if name == "traffic_simulation.mode" and row.value not in ("constant", "poisson"):
            raise MappingError(f"traffic_simulation.mode={row.value!r}: expected constant or poisson")
        args["notes"].append("arrivals simulated by the harness with LLM.generate_async; no constructor argument")
    elif name == "parallelism.strategy":
        sizes = {"tensor_parallel": "tensor_parallel_size", "pipeline_parallel": "pipeline_parallel_size"}
        if row.value not in sizes:
            raise MappingError(f"parallelism.strategy={row.value!r}: expected tensor_parallel or pipeline_parallel")
        llm[sizes[row.value]] = 2
        args["notes"].append("needs 2 GPUs")
    else:
        raise MappingError(f"unknown parameter {name!r} for TensorRT-LLM (see docs/backends.md for the mapped rows)")
    return args


def _tensorrt_specific(row: Row, key: str, args: dict) -> None:
    llm, build, kv, quant = args["LLM"], args["BuildConfig"], args["KvCacheConfig"], args["QuantConfig"]
    if key == "max_batch_size":
        build["max_batch_size"] = _number(row, int, 1)
    elif key == "strongly_typed":
        build["strongly_typed"] = _bool(row)
    elif key == "multiple_profiles":
        build["plugin_config"] = {"multiple_profiles": _bool(row)}
    elif key == "kv_cache_type":
        if row.value not in KV_CACHE_TYPES:
            raise MappingError(f"tensorrt.kv_cache_type={row.value!r}: KVCacheType has {sorted(KV_CACHE_TYPES)}")
        build["kv_cache_type"] = KV_CACHE_TYPES[row.value]
    elif key == "enable_chunked_context":
        llm["enable_chunked_prefill"] = _bool(row)
        if llm["enable_chunked_prefill"]:  # chunked context needs paged context FMHA in the TRT flow
            build["plugin_config"] = {"use_paged_context_fmha": True}
    elif key == "enable_kv_cache_reuse":
        kv["enable_block_reuse"] = _bool(row)
        if kv["enable_block_reuse"]:
            build["plugin_config"] = {"use_paged_context_fmha": True}
    elif key == "gpu_memory_utilization":
        kv["free_gpu_memory_fraction"] = _number(row, float, 0.0, 1.0)
    elif key == "force_rebuild":
        # The LLM API rebuilds unless a build cache is enabled; forcing a rebuild = no build cache.
        llm["enable_build_cache"] = not _bool(row)
    elif key == "quantization.method":
        method = str(row.value).lower()
        if method not in QUANT_METHODS:
            raise MappingError(f"tensorrt.quantization.method={row.value!r}: expected one of {sorted(QUANT_METHODS)}")
        if QUANT_METHODS[method]:
            quant["quant_algo"] = QUANT_METHODS[method]
    elif key == "builder_opt_level":
        raise MappingError("tensorrt.builder_opt_level has no counterpart in the LLM API: BuildConfig "
                           "(tensorrt_llm/builder.py) has no builder optimisation level field and TrtLlmArgs "
                           "forbids extra fields; TensorRT's IBuilderConfig.builder_optimization_level is not exposed")
    else:
        raise MappingError(f"unknown TensorRT-LLM parameter 'tensorrt.{key}'")


def _decoder(row: Row, key: str, args: dict) -> None:
    sampling, build = args["SamplingParams"], args["BuildConfig"]
    if key == "preset":
        if row.value not in PRESETS:
            raise MappingError(f"unknown decoder preset {row.value!r}; expected one of {sorted(PRESETS)}")
        sampling.update(PRESETS[row.value])
        if row.value != "deterministic":
            sampling["seed"] = 0
    elif key == "do_sample":
        if _bool(row):
            sampling.update({"top_k": 0, "temperature": 1.0, "seed": 0})  # top_k 0 = all logits
    elif key in ("temperature", "top_p", "top_k"):
        sampling.update({"top_k": 0, "top_p": 1.0, "temperature": 1.0, "seed": 0})
        sampling[key] = _number(row, int if key == "top_k" else float, 0)
    elif key.startswith("beam_search."):
        beam_key = key[len("beam_search."):]
        width = DEFAULT_BEAMS
        if beam_key == "enabled":
            if not _bool(row):
                return
        elif beam_key == "num_beams":
            width = _number(row, int, 1)
        elif beam_key == "early_stopping":
            sampling["early_stopping"] = int(_bool(row))
        elif beam_key == "length_penalty":
            sampling["length_penalty"] = _number(row, float)
        elif beam_key == "no_repeat_ngram_size":
            sampling["no_repeat_ngram_size"] = _number(row, int, 1)
        else:
            raise MappingError(f"unknown beam search parameter 'decoder.{key}'")
        sampling.pop("top_k", None)
        sampling.update({"use_beam_search": True, "n": 1, "best_of": width})
        build["max_beam_width"] = width
    else:
        raise MappingError(f"unknown decoder parameter 'decoder.{key}'")


def _quantization(row: Row, key: str, quant: dict) -> None:
    if key in ("load_in_4bit", "quantization"):
        if _bool(row):
            quant["quant_algo"] = "W4A16"
    elif key == "load_in_8bit":
        if _bool(row):
            quant["quant_algo"] = "W8A16"
    elif key == "bnb_4bit_quant_type":
        if row.value == "fp4":
            quant["quant_algo"] = "NVFP4"
        else:
            raise MappingError(f"quantization.bnb_4bit_quant_type={row.value!r}: TensorRT-LLM has no bitsandbytes "
                               "NF4; its 4-bit weight formats are W4A16, W4A16_AWQ, W4A16_GPTQ and NVFP4")
    else:
        raise MappingError(f"unknown quantization parameter 'quantization.{key}'")
