"""The TensorRT-LLM mapping checked against the documented signatures (no tensorrt_llm needed).

The name sets below are copied from TensorRT-LLM's sources as read for docs/backends.md:
they are what the real constructors accept, so a mapping that produced any other keyword
would fail there (TrtLlmArgs is pydantic with extra="forbid"; the rest are dataclasses).
"""

import json
import subprocess
import sys

import pytest

from harness.backends.tensorrt_mapping import MappingError, QUANT_METHODS, tensorrt_arguments
from harness.params import parse_row

# tensorrt_llm/llmapi/llm_args.py (NVIDIA/TensorRT-LLM @ fcd3f316): BaseLlmArgs + TrtLlmArgs fields.
LLM_ARGS = {
    "model", "tokenizer", "tokenizer_mode", "skip_tokenizer_init", "trust_remote_code", "tensor_parallel_size",
    "dtype", "revision", "tokenizer_revision", "pipeline_parallel_size", "context_parallel_size", "gpus_per_node",
    "moe_cluster_parallel_size", "moe_tensor_parallel_size", "moe_expert_parallel_size", "enable_attention_dp",
    "cp_config", "load_format", "enable_lora", "max_lora_rank", "max_loras", "max_cpu_loras", "lora_config",
    "enable_prompt_adapter", "max_prompt_adapter_token", "quant_config", "kv_cache_config",
    "enable_chunked_prefill", "guided_decoding_backend", "batched_logits_processor", "iter_stats_max_iterations",
    "request_stats_max_iterations", "peft_cache_config", "scheduler_config", "cache_transceiver_config",
    "speculative_config", "batching_type", "normalize_log_probs", "max_batch_size", "max_input_len", "max_seq_len",
    "max_beam_width", "max_num_tokens", "gather_generation_logits", "num_postprocess_workers",
    "postprocess_tokenizer_dir", "reasoning_parser", "garbage_collection_gen0_threshold", "decoding_config",
    "backend",
    # TrtLlmArgs
    "auto_parallel", "auto_parallel_world_size", "enable_tqdm", "workspace", "enable_build_cache",
    "extended_runtime_perf_knob_config", "calib_config", "embedding_parallel_mode", "fast_build", "build_config",
}
# llm_args.py: BatchingType(StrEnum) members.
BATCHING_TYPES = {"STATIC", "INFLIGHT"}
# llm_args.py: class KvCacheConfig(BaseModel, PybindMirror).
KV_CACHE_CONFIG = {
    "enable_block_reuse", "max_tokens", "max_attention_window", "sink_token_length", "free_gpu_memory_fraction",
    "host_cache_size", "onboard_blocks", "cross_kv_cache_fraction", "secondary_offload_min_priority",
    "event_buffer_max_size", "enable_partial_reuse", "copy_on_partial_reuse",
}
# tensorrt_llm/builder.py (@ 008b2b8d): @dataclass class BuildConfig.
BUILD_CONFIG = {
    "max_input_len", "max_seq_len", "opt_batch_size", "max_batch_size", "max_beam_width", "max_num_tokens",
    "opt_num_tokens", "max_prompt_embedding_table_size", "kv_cache_type", "gather_context_logits",
    "gather_generation_logits", "strongly_typed", "force_num_profiles", "profiling_verbosity",
    "enable_debug_output", "max_draft_len", "speculative_decoding_mode", "use_refit", "input_timing_cache",
    "output_timing_cache", "lora_config", "auto_parallel_config", "weight_sparsity", "weight_streaming",
    "plugin_config", "use_strip_plan", "max_encoder_input_len", "dry_run", "visualize_network", "monitor_memory",
    "use_mrope",
}
# tensorrt_llm/plugin/plugin.py PluginConfig: the two fields this mapping sets (trtllm-build
# --multiple_profiles / --use_paged_context_fmha).
PLUGIN_CONFIG = {"multiple_profiles", "use_paged_context_fmha"}
# builder.py: KVCacheType (CONTINUOUS, PAGED, DISABLED), from tensorrt_llm/llmapi/kv_cache_type.py.
KV_CACHE_TYPES = {"CONTINUOUS", "PAGED", "DISABLED"}
# tensorrt_llm/models/modeling_utils.py (@ 01ea6d79): @dataclass class QuantConfig.
QUANT_CONFIG = {"quant_algo", "kv_cache_quant_algo", "group_size", "smoothquant_val", "clamp_val",
                "use_meta_recipe", "has_zero_point", "pre_quant_scale", "exclude_modules"}
# tensorrt_llm/quantization/mode.py QuantAlgo (members used by the mapping are among these).
QUANT_ALGOS = {"W8A16", "W4A16", "W4A16_AWQ", "W4A8_AWQ", "W8A16_GPTQ", "W4A16_GPTQ", "W8A8_SQ_PER_CHANNEL",
               "W8A8_SQ_PER_TENSOR_PLUGIN", "W8A8_SQ_PER_CHANNEL_PER_TOKEN_PLUGIN", "FP8", "INT8", "NVFP4",
               "FP8_PER_CHANNEL_PER_TOKEN", "FP8_BLOCK_SCALES", "MIXED_PRECISION", "NO_QUANT"}
# tensorrt_llm/sampling_params.py (@ 000a01de): @dataclass(kw_only=True) class SamplingParams (init fields).
SAMPLING_PARAMS = {
    "end_id", "pad_id", "max_tokens", "bad", "bad_token_ids", "stop", "stop_token_ids",
    "include_stop_str_in_output", "embedding_bias", "logits_processor", "apply_batched_logits_processor", "n",
    "best_of", "use_beam_search", "top_k", "top_p", "top_p_min", "top_p_reset_ids", "top_p_decay", "seed",
    "temperature", "min_tokens", "beam_search_diversity_rate", "repetition_penalty", "presence_penalty",
    "frequency_penalty", "length_penalty", "early_stopping", "no_repeat_ngram_size", "min_p", "beam_width_array",
    "logprobs", "prompt_logprobs", "return_context_logits", "return_generation_logits",
    "exclude_input_from_output", "return_encoder_output", "return_perf_metrics", "additional_model_outputs",
    "lookahead_config", "guided_decoding", "ignore_eos", "detokenize", "add_special_tokens",
    "truncate_prompt_tokens", "skip_special_tokens", "spaces_between_special_tokens",
}
# llm.py: LLM.generate_async(inputs, sampling_params=None, ..., streaming=False, ...).
GENERATE_ASYNC = {"sampling_params", "streaming", "lora_request", "prompt_adapter_request",
                  "kv_cache_retention_config", "disaggregated_params"}

SEED_ROWS = [  # every tensorrt.* row of seed 000 (TensorRT-specific section) that maps
    "tensorrt.enable_chunked_context", "tensorrt.enable_chunked_context=True", "tensorrt.enable_kv_cache_reuse",
    "tensorrt.enable_kv_cache_reuse=True", "tensorrt.force_rebuild=True", "tensorrt.gpu_memory_utilization=0.7",
    "tensorrt.gpu_memory_utilization=0.9", "tensorrt.kv_cache_type=continuous", "tensorrt.kv_cache_type=paged",
    "tensorrt.max_batch_size=1", "tensorrt.max_batch_size=4", "tensorrt.max_batch_size=8",
    "tensorrt.multiple_profiles", "tensorrt.multiple_profiles=True", "tensorrt.quantization.method=fp8",
    "tensorrt.quantization.method=int8_sq", "tensorrt.quantization.method=int8_weight_only",
    "tensorrt.quantization.method=none", "tensorrt.strongly_typed", "tensorrt.strongly_typed=True",
]
SHARED_ROWS = [
    "fp_precision=float16", "fp_precision=bfloat16", "fp_precision=float32", "batching.batch_size=8",
    "batching.strategy=static", "batching.strategy=dynamic", "batching.strategy=sorted_dynamic",
    "decoder.temperature=0.7", "decoder.top_p=0.9", "decoder.top_k=50", "decoder.do_sample=True",
    "decoder.preset=creative", "decoder.preset=deterministic", "decoder.beam_search.enabled",
    "decoder.beam_search.num_beams=4", "decoder.beam_search.early_stopping=True",
    "decoder.beam_search.length_penalty=1.5", "decoder.beam_search.no_repeat_ngram_size=3",
    "quantization.load_in_4bit", "quantization.load_in_8bit", "quantization.quantization", "streaming=True",
    "traffic_simulation.enabled", "traffic_simulation.mode=poisson", "parallelism.strategy=tensor_parallel",
]


def _check_signatures(args):
    assert set(args["LLM"]) <= LLM_ARGS, set(args["LLM"]) - LLM_ARGS
    assert set(args["BuildConfig"]) <= BUILD_CONFIG, set(args["BuildConfig"]) - BUILD_CONFIG
    assert set(args["BuildConfig"].get("plugin_config", {})) <= PLUGIN_CONFIG
    assert set(args["KvCacheConfig"]) <= KV_CACHE_CONFIG
    assert set(args["QuantConfig"]) <= QUANT_CONFIG
    assert set(args["SamplingParams"]) <= SAMPLING_PARAMS, set(args["SamplingParams"]) - SAMPLING_PARAMS
    assert set(args["generate"]) <= GENERATE_ASYNC
    if "quant_algo" in args["QuantConfig"]:
        assert args["QuantConfig"]["quant_algo"] in QUANT_ALGOS
    if "kv_cache_type" in args["BuildConfig"]:
        assert args["BuildConfig"]["kv_cache_type"] in KV_CACHE_TYPES
    if "batching_type" in args["LLM"]:
        assert args["LLM"]["batching_type"] in BATCHING_TYPES
    json.dumps(args)  # plain data


@pytest.mark.parametrize("key", SEED_ROWS + SHARED_ROWS)
def test_rows_map_onto_documented_signatures(key):
    _check_signatures(tensorrt_arguments(parse_row(key), "/m"))


def test_specific_values_land_where_documented():
    m = lambda k: tensorrt_arguments(parse_row(k), "/m")  # noqa: E731
    assert m("tensorrt.max_batch_size=4")["BuildConfig"]["max_batch_size"] == 4
    assert m("tensorrt.enable_kv_cache_reuse=True")["KvCacheConfig"] == {"enable_block_reuse": True}
    assert m("tensorrt.gpu_memory_utilization=0.7")["KvCacheConfig"] == {"free_gpu_memory_fraction": 0.7}
    assert m("tensorrt.enable_chunked_context")["LLM"]["enable_chunked_prefill"] is True
    assert m("tensorrt.kv_cache_type=continuous")["BuildConfig"]["kv_cache_type"] == "CONTINUOUS"
    assert m("tensorrt.quantization.method=fp8")["QuantConfig"] == {"quant_algo": "FP8"}
    assert m("tensorrt.quantization.method=int8_sq")["QuantConfig"] == {"quant_algo": "W8A8_SQ_PER_CHANNEL"}
    assert m("tensorrt.quantization.method=int8_weight_only")["QuantConfig"] == {"quant_algo": "W8A16"}
    assert m("tensorrt.quantization.method=none")["QuantConfig"] == {}
    assert m("tensorrt.strongly_typed=True")["BuildConfig"]["strongly_typed"] is True
    assert m("tensorrt.multiple_profiles")["BuildConfig"]["plugin_config"] == {"multiple_profiles": True}
    assert m("tensorrt.force_rebuild=True")["LLM"]["enable_build_cache"] is False
    assert m("fp_precision=bfloat16")["LLM"]["dtype"] == "bfloat16"
    beam = m("decoder.beam_search.num_beams=4")
    assert beam["SamplingParams"]["use_beam_search"] and beam["SamplingParams"]["best_of"] == 4
    assert beam["BuildConfig"]["max_beam_width"] == 4
    assert m("decoder.preset=factual")["SamplingParams"]["top_k"] == 20
    assert m("streaming=True")["generate"] == {"streaming": True}
    assert set(QUANT_METHODS) >= {"fp8", "int8_sq", "int8_weight_only", "none"}


@pytest.mark.parametrize("key, text", [
    ("tensorrt.builder_opt_level=3", "no counterpart in the LLM API"),
    ("tensorrt.no_such_knob=1", "unknown TensorRT-LLM parameter"),
    ("tensorrt.kv_cache_type=ring", "KVCacheType"),
    ("tensorrt.gpu_memory_utilization=1.5", "out of range"),
    ("tensorrt.quantization.method=awq9", "expected one of"),
    ("fp_precision=float8", "LLM(dtype"),
    ("quantization.bnb_4bit_quant_type=nf4", "no bitsandbytes"),
])
def test_unknown_or_invalid_rows_are_mapping_errors(key, text):
    with pytest.raises(MappingError, match=text.replace("(", r"\(")):
        tensorrt_arguments(parse_row(key), "/m")


def _run(*argv):
    proc = subprocess.run([sys.executable, "-m", "harness", "run", *argv], capture_output=True, text=True, timeout=120)
    events = [json.loads(line) for line in proc.stdout.splitlines() if line.strip()]
    return proc.returncode, events


@pytest.mark.skipif(__import__("importlib").util.find_spec("tensorrt_llm") is not None,
                    reason="tensorrt_llm is installed: the not-installed path does not apply")
def test_cli_without_tensorrt_is_skipped_never_passed():
    rc, events = _run("--matrix", "params", "--row", "tensorrt.max_batch_size=4", "--backend", "tensorrt")
    assert rc == 0 and events[0]["event"] == "hello" and events[-1]["event"] == "result"
    result = events[-1]
    assert result["status"] == "skipped"
    assert "TensorRT-LLM not installed" in result["reason"] and "pip install tensorrt-llm" in result["reason"]
    assert result["parameters"]["BuildConfig"]["max_batch_size"] == 4


def test_cli_unknown_tensorrt_parameter_fails():
    rc, events = _run("--row", "tensorrt.builder_opt_level=3", "--backend", "tensorrt")
    assert rc == 0 and events[-1]["status"] == "failed"
    assert "builder_opt_level" in events[-1]["reason"]
