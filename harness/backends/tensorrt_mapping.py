"""Row → TensorRT-LLM LLM-API arguments for each flow, as plain data (no import of tensorrt_llm).

Two explicit mappings (tensorrt_flows.py picks one from the installed version): the engine flow
(`tensorrt_llm._tensorrt_engine.LLM`, TrtLlmArgs + BuildConfig, 1.0-1.3) and the PyTorch flow
(`tensorrt_llm.LLM`, TorchLlmArgs). The fields and defaults are those of TensorRT-LLM's own
sources, listed with their versions in docs/backends.md; the stand-in package of the tests
(harness/tests/trtllm_standin) carries the same names and is what the tests check this against.

    args = tensorrt_arguments(parse_row("tensorrt.max_batch_size=4"), "/models/tiny", ENGINE)
    args["BuildConfig"]["max_batch_size"]    # 4
    args["observe"]                          # ["scheduler_cap"]: the effect the run looks for

Besides the constructor arguments the result says what the run compares: `baseline` (argument
overrides for a second run without the setting), `default` (why the row only restates a default,
so nothing can change), `expect_refusal` (a setting the executor is documented to refuse).
A baseline's `LLM` entry is merged into the row's; any other section replaces the row's (None
empties it).
"""

from __future__ import annotations

import os

from harness.backends.tensorrt_flows import ENGINE, PYTORCH, PYTORCH_BACKEND
from harness.catalogue import CATALOGUE
from harness.errors import MappingError, NotApplicable
from harness.params import Row, expect_choice

INSTALL_HINT = ("install it on a Linux machine with an NVIDIA GPU and CUDA: `pip install tensorrt-llm` "
                "(https://nvidia.github.io/TensorRT-LLM/installation/linux.html); it cannot run on CPU")
CALIBRATION_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "tensorrt_calibration")

# Harness-side sizes: the tiny offline model has 512 positions; 16 new tokens per prompt.
BASE_SIZES = {"max_input_len": 256, "max_seq_len": 512}
CHUNK_SIZES = {"max_input_len": 448, "max_seq_len": 512, "max_num_tokens": 64}  # long prompt, small budget
BASE_SAMPLING = {"max_tokens": 16, "top_k": 1}  # top_k=1: greedy in TensorRT-LLM's samplers
SAMPLE = {"top_k": 0, "top_p": 1.0, "temperature": 1.0, "seed": 0}  # top_k=0 + top_p=1.0: the full distribution

QUANT_METHODS = {"fp8": "FP8", "int8_sq": "W8A8_SQ_PER_CHANNEL", "int8_weight_only": "W8A16",
                 "int4_weight_only": "W4A16", "int4_awq": "W4A16_AWQ", "none": None}  # → QuantAlgo
CALIBRATED = {"FP8", "W8A8_SQ_PER_CHANNEL", "W4A16_AWQ"}  # ModelOpt calibrates these on text
KV_CACHE_TYPES = {"paged": "PAGED", "continuous": "CONTINUOUS", "disabled": "DISABLED"}  # KVCacheType
# The catalogue's decoder presets (data/catalogue.json) as SamplingParams: greedy is top_k 1.
PRESETS = {name: {k: v for k, v in p.items() if k != "do_sample"} if p["do_sample"] else {"top_k": 1}
           for name, p in CATALOGUE.presets.items()}
DEFAULT_BEAMS = 4
NO_ENGINE = {  # rows the PyTorch flow has no counterpart for, and why
    "strongly_typed": "no TensorRT network is built (BuildConfig.strongly_typed)",
    "multiple_profiles": "no TensorRT optimisation profiles (PluginConfig.multiple_profiles)",
    "kv_cache_type": "the KV cache is always paged (BuildConfig.kv_cache_type is engine-only)",
    "builder_opt_level": "no TensorRT builder",
    "force_rebuild": "no engine is built or cached (TrtLlmArgs.enable_build_cache)",
    "batching.strategy": "always in-flight batching (TrtLlmArgs.batching_type is engine-only)",
    "quantization": "no on-the-fly quantization (TrtLlmArgs.quant_config/calib_config); it needs a "
                    "ModelOpt-quantized checkpoint, or KvCacheConfig(dtype='fp8') for an FP8 KV cache",
}


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


def tensorrt_arguments(row: Row, model: str, flow: str = ENGINE) -> dict:
    """The arguments one row asks for on `flow`. Raises MappingError (wrong value) or NotApplicable."""
    engine = flow == ENGINE
    args = {"flow": flow, "LLM": {"model": model, "dtype": "auto", **({} if engine else BASE_SIZES)},
            "BuildConfig": dict(BASE_SIZES) if engine else {}, "KvCacheConfig": {}, "QuantConfig": {},
            "CalibConfig": {}, "SamplingParams": dict(BASE_SAMPLING), "generate": {"streaming": False},
            "notes": [], "observe": [], "arrivals": None, "baseline": None, "default": None, "expect_refusal": None}
    if not engine:
        args["LLM"]["enable_iter_perf_stats"] = True  # TorchLlmArgs: get_stats() is empty without it
    name = row.name
    if name.startswith("tensorrt."):
        _tensorrt_specific(row, name[len("tensorrt."):], args, engine)
    elif name == "fp_precision":
        if row.value not in ("float16", "bfloat16", "float32", "auto"):
            raise MappingError(f"fp_precision={row.value!r}: LLM(dtype=…) takes auto, float16, bfloat16 or float32")
        args["LLM"]["dtype"] = row.value
        if engine:  # the engine's weights follow the dtype: compare its size with the other width
            args["observe"].append("engine_size")
            args["baseline"] = {"LLM": {"dtype": "float32" if row.value != "float32" else "float16"}}
    elif name == "batching.batch_size":
        _batch_size(_number(row, int, 1), args, engine)
    elif name == "batching.strategy":
        expect_choice(name, row.value, CATALOGUE.batching_strategies)
        if not engine:
            raise NotApplicable(f"{PYTORCH_BACKEND}: {NO_ENGINE['batching.strategy']}")
        if row.value.endswith("static"):
            args["LLM"]["batching_type"] = "STATIC"
        else:  # batching_type None runs INFLIGHT (_tensorrt_engine/llm.py)
            args["default"] = "in-flight batching is what the engine flow runs when batching_type is unset"
        if row.value.startswith("sorted"):
            args["notes"].append("prompts sorted by length by the harness before submission")
    elif name.startswith("decoder."):
        _decoder(row, name[len("decoder."):], args, engine)
    elif name.startswith("quantization."):
        if not engine:
            if name == "quantization.bnb_4bit_quant_type":
                _bnb_quant_type(row)
            raise NotApplicable(f"{PYTORCH_BACKEND}: {NO_ENGINE['quantization']}")
        _quantization(row, name[len("quantization."):], args)
    elif name == "streaming":
        args["generate"]["streaming"] = _bool(row)  # LLM.generate_async(prompt, sampling_params, streaming=…)
        if args["generate"]["streaming"]:
            args["observe"].append("streaming")
            args["baseline"] = {"generate": {"streaming": False}}
        else:
            args["default"] = "generate_async streams only when asked (streaming=False is its default)"
    elif name.startswith("traffic_simulation."):
        if name == "traffic_simulation.mode":
            expect_choice(name, row.value, CATALOGUE.traffic_modes)
        args["generate"]["streaming"] = True
        args["arrivals"] = row.value if name == "traffic_simulation.mode" else "constant"
        args["observe"].append("arrivals")
        args["notes"].append("arrivals simulated by the harness with LLM.generate_async; no constructor argument")
    elif name == "parallelism.strategy":
        sizes = {"tensor_parallel": "tensor_parallel_size", "pipeline_parallel": "pipeline_parallel_size"}
        if row.value not in sizes:
            raise MappingError(f"parallelism.strategy={row.value!r}: expected tensor_parallel or pipeline_parallel")
        args["LLM"][sizes[row.value]] = 2
        args["notes"].append("needs 2 GPUs")
    else:
        raise MappingError(f"unknown parameter {name!r} for TensorRT-LLM (see docs/backends.md for the mapped rows)")
    return args


def _batch_size(size: int, args: dict, engine: bool) -> None:
    (args["BuildConfig"] if engine else args["LLM"])["max_batch_size"] = size
    args["observe"].append("scheduler_cap")


def _tensorrt_specific(row: Row, key: str, args: dict, engine: bool) -> None:
    llm, build, kv = args["LLM"], args["BuildConfig"], args["KvCacheConfig"]
    if key in NO_ENGINE and not engine:
        raise NotApplicable(f"{PYTORCH_BACKEND}: {NO_ENGINE[key]}")
    if key == "max_batch_size":
        _batch_size(_number(row, int, 1), args, engine)
    elif key == "strongly_typed":
        build["strongly_typed"] = _bool(row)
        if build["strongly_typed"]:
            args["default"] = "BuildConfig.strongly_typed is True by default"
    elif key == "multiple_profiles":
        build["plugin_config"] = {"multiple_profiles": _bool(row)}
        if not _bool(row):
            args["default"] = "PluginConfig.multiple_profiles is False by default"
    elif key == "kv_cache_type":
        if row.value not in KV_CACHE_TYPES:
            raise MappingError(f"tensorrt.kv_cache_type={row.value!r}: KVCacheType has {sorted(KV_CACHE_TYPES)}")
        build["kv_cache_type"] = KV_CACHE_TYPES[row.value]
        if row.value == "paged":
            args["default"] = "the engine's KV cache is paged by default (PluginConfig.paged_kv_cache)"
        else:
            args["expect_refusal"] = (f"the executor refuses a {KV_CACHE_TYPES[row.value]} KV cache: it runs in-flight "
                                      "batching, which needs a paged KV cache (GptModelConfig::supportsInflightBatching)")
    elif key == "enable_chunked_context":
        llm["enable_chunked_prefill"] = _bool(row)
        if not llm["enable_chunked_prefill"]:
            args["default"] = "TrtLlmArgs/TorchLlmArgs.enable_chunked_prefill is False by default"
            return
        (build if engine else llm).update(CHUNK_SIZES)
        if engine:  # chunked context needs paged context FMHA in the engine
            build["plugin_config"] = {"use_paged_context_fmha": True}
        args["observe"].append("chunked_context")
        args["baseline"] = {"LLM": {"enable_chunked_prefill": False}}
    elif key == "enable_kv_cache_reuse":
        kv["enable_block_reuse"] = _bool(row)
        if engine and kv["enable_block_reuse"]:  # block reuse needs paged context FMHA in the engine
            build["plugin_config"] = {"use_paged_context_fmha": True}
        args["observe"].append("kv_reuse")  # True is KvCacheConfig's default: compare with the opposite
        args["baseline"] = {"KvCacheConfig": {"enable_block_reuse": not kv["enable_block_reuse"]}}
    elif key == "gpu_memory_utilization":
        kv["free_gpu_memory_fraction"] = _number(row, float, 0.0, 1.0)
        args["observe"].append("kv_blocks")  # 0.9 is the default: the baseline is always another fraction
        args["baseline"] = {"KvCacheConfig": {"free_gpu_memory_fraction": 0.5 if kv["free_gpu_memory_fraction"] != 0.5 else 0.9}}
    elif key == "force_rebuild":
        llm["enable_build_cache"] = not _bool(row)  # the engine is rebuilt unless a build cache is enabled
        if _bool(row):
            args["default"] = "TrtLlmArgs.enable_build_cache is False by default: every LLM(...) builds its engine"
    elif key == "quantization.method":
        method = str(row.value).lower()
        if method not in QUANT_METHODS:
            raise MappingError(f"tensorrt.quantization.method={row.value!r}: expected one of {sorted(QUANT_METHODS)}")
        if not engine and method != "none":
            raise NotApplicable(f"{PYTORCH_BACKEND}: {NO_ENGINE['quantization']}")
        _quant_algo(QUANT_METHODS[method], args)
    elif key == "builder_opt_level":
        raise MappingError("tensorrt.builder_opt_level has no counterpart in the LLM API: BuildConfig "
                           "(tensorrt_llm/builder.py) has no builder optimisation level field and TrtLlmArgs "
                           "forbids extra fields; TensorRT's IBuilderConfig.builder_optimization_level is not exposed")
    else:
        raise MappingError(f"unknown TensorRT-LLM parameter 'tensorrt.{key}'")


def _quant_algo(algo: str | None, args: dict) -> None:
    if algo is None:
        args["default"] = "no quantization is the default (QuantConfig() has quant_algo None)"
        return
    args["QuantConfig"]["quant_algo"] = algo
    if algo in CALIBRATED:  # a local text instead of cnn_dailymail from the Hugging Face hub
        args["CalibConfig"] = {"calib_dataset": CALIBRATION_DIR, "calib_batches": 16, "calib_max_seq_length": 256}
    args["observe"].append("engine_size")
    args["baseline"] = {"QuantConfig": None, "CalibConfig": None}


def _decoder(row: Row, key: str, args: dict, engine: bool) -> None:
    sampling = args["SamplingParams"]
    if key == "preset":
        if row.value not in PRESETS:
            raise MappingError(f"unknown decoder preset {row.value!r}; expected one of {sorted(PRESETS)}")
        sampling.update(PRESETS[row.value])
        if row.value == "deterministic":
            args["default"] = "greedy (top_k=1) is what the harness runs without a decoder setting"
            return
        sampling["seed"] = 0
    elif key == "do_sample":
        if not _bool(row):
            args["default"] = "greedy decoding is the harness's default"
            return
        sampling.update(SAMPLE)  # top_p=1.0: with top_k=0 and top_p unset TensorRT-LLM decodes greedily
    elif key in ("temperature", "top_p", "top_k"):
        sampling.update(SAMPLE)
        sampling[key] = _number(row, int if key == "top_k" else float, 0)
    elif key.startswith("beam_search."):
        _beam(row, key[len("beam_search."):], args, engine)
        return
    else:
        raise MappingError(f"unknown decoder parameter 'decoder.{key}'")
    args["observe"].append("sampling")
    args["baseline"] = {"SamplingParams": dict(BASE_SAMPLING)}  # greedy


def _beam(row: Row, key: str, args: dict, engine: bool) -> None:
    sampling, width = args["SamplingParams"], DEFAULT_BEAMS
    if key == "enabled":
        if not _bool(row):
            args["default"] = "beam search is off by default"
            return
    elif key == "num_beams":
        width = _number(row, int, 1)
    elif key == "early_stopping":
        sampling["early_stopping"] = int(_bool(row))
        if _bool(row):
            args["default"] = "the executor's early_stopping is 1 when SamplingParams.early_stopping is unset"
    elif key == "length_penalty":
        sampling["length_penalty"] = _number(row, float)
        if sampling["length_penalty"] == 1.0:
            args["default"] = "length_penalty 1.0 is the executor's default"
    elif key == "no_repeat_ngram_size":
        sampling["no_repeat_ngram_size"] = _number(row, int, 1)
    else:
        raise MappingError(f"unknown beam search parameter 'decoder.beam_search.{key}'")
    sampling.pop("top_k", None)
    sampling.update({"use_beam_search": True, "n": 1, "best_of": width})
    (args["BuildConfig"] if engine else args["LLM"])["max_beam_width"] = width
    args["observe"].append("sampling")
    if key in ("length_penalty", "no_repeat_ngram_size"):  # the same beam search without the setting
        args["baseline"] = {"SamplingParams": {k: v for k, v in sampling.items() if k != key}}
    else:  # beam search against greedy
        args["baseline"] = {"SamplingParams": dict(BASE_SAMPLING)}


def _bnb_quant_type(row: Row) -> None:
    if row.value == "fp4":
        raise MappingError("quantization.bnb_4bit_quant_type=fp4: bitsandbytes FP4 has no TensorRT-LLM counterpart; "
                           "TensorRT-LLM's 4-bit float format is NVFP4 (QuantAlgo.NVFP4), a different format whose "
                           "kernels need a Blackwell GPU (SM100+), so mapping fp4 to it would test something else")
    raise MappingError(f"quantization.bnb_4bit_quant_type={row.value!r}: bitsandbytes NF4 has no TensorRT-LLM "
                       "counterpart; its 4-bit weight formats are W4A16, W4A16_AWQ, W4A16_GPTQ and NVFP4")


def _quantization(row: Row, key: str, args: dict) -> None:
    if key in ("load_in_4bit", "quantization", "load_in_8bit"):
        if _bool(row):
            _quant_algo("W8A16" if key == "load_in_8bit" else "W4A16", args)
        else:
            args["default"] = "no quantization is the default"
    elif key == "bnb_4bit_quant_type":
        _bnb_quant_type(row)
    else:
        raise MappingError(f"unknown quantization parameter 'quantization.{key}'")
