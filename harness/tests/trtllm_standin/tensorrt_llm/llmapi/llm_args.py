"""tensorrt_llm/llmapi/llm_args.py as the 1.2 line defines it: BaseLlmArgs, TrtLlmArgs (engine
flow), TorchLlmArgs (PyTorch flow), KvCacheConfig, CalibConfig, BatchingType; QuantConfig and
QuantAlgo (models/modeling_utils.py, quantization/mode.py) re-exported as llm_args does.
Field names are those of the stored 1.2-era llm_args.py (docs/backends.md); defaults likewise."""

from enum import Enum

from .._standin import forbid_extra


class _Model:
    """A StrictBaseModel: known fields with defaults, extra="forbid"."""

    FIELDS: dict = {}

    def __init__(self, **kwargs):
        forbid_extra(type(self).__name__, kwargs, self.FIELDS)
        for name, default in self.FIELDS.items():
            setattr(self, name, kwargs.get(name, default() if callable(default) else default))
        self._validate()

    def _validate(self):
        pass

    def model_dump(self) -> dict:
        return {name: getattr(self, name) for name in self.FIELDS}


class BatchingType(str, Enum):
    STATIC = "STATIC"
    INFLIGHT = "INFLIGHT"


class QuantAlgo(str, Enum):
    W8A16 = "W8A16"
    W4A16 = "W4A16"
    W4A16_AWQ = "W4A16_AWQ"
    W4A8_AWQ = "W4A8_AWQ"
    W8A16_GPTQ = "W8A16_GPTQ"
    W4A16_GPTQ = "W4A16_GPTQ"
    W8A8_SQ_PER_CHANNEL = "W8A8_SQ_PER_CHANNEL"
    W8A8_SQ_PER_TENSOR_PLUGIN = "W8A8_SQ_PER_TENSOR_PLUGIN"
    FP8 = "FP8"
    FP8_PER_CHANNEL_PER_TOKEN = "FP8_PER_CHANNEL_PER_TOKEN"
    FP8_BLOCK_SCALES = "FP8_BLOCK_SCALES"
    INT8 = "INT8"
    NVFP4 = "NVFP4"
    MIXED_PRECISION = "MIXED_PRECISION"
    NO_QUANT = "NO_QUANT"


class QuantConfig(_Model):
    FIELDS = {"quant_algo": None, "kv_cache_quant_algo": None, "group_size": 128, "smoothquant_val": 0.5,
              "clamp_val": None, "use_meta_recipe": False, "has_zero_point": False, "pre_quant_scale": False,
              "exclude_modules": None}

    def _validate(self):
        for name in ("quant_algo", "kv_cache_quant_algo"):
            value = getattr(self, name)
            if value is not None and not isinstance(value, QuantAlgo):
                raise TypeError(f"QuantConfig.{name} must be a QuantAlgo, got {value!r}")


class KvCacheConfig(_Model):
    FIELDS = {"enable_block_reuse": True, "max_tokens": None, "max_attention_window": None,
              "sink_token_length": None, "free_gpu_memory_fraction": 0.9, "host_cache_size": None,
              "onboard_blocks": True, "cross_kv_cache_fraction": None, "secondary_offload_min_priority": None,
              "event_buffer_max_size": 0, "attention_dp_events_gather_period_ms": 5, "enable_partial_reuse": True,
              "copy_on_partial_reuse": True, "use_uvm": False, "max_gpu_total_bytes": 0, "dtype": "auto",
              "mamba_ssm_cache_dtype": "auto", "tokens_per_block": 32, "use_kv_cache_manager_v2": False,
              "max_util_for_resume": 0.95}

    def _validate(self):
        fraction = self.free_gpu_memory_fraction
        if fraction is not None and not 0 <= fraction <= 1:
            raise ValueError("free_gpu_memory_fraction: Input should be less than or equal to 1 [type=less_than_equal]")


class CalibConfig(_Model):
    FIELDS = {"device": "cuda", "calib_dataset": "cnn_dailymail", "calib_batches": 512, "calib_batch_size": 1,
              "calib_max_seq_length": 512, "random_seed": 1234, "tokenizer_max_seq_length": 2048}


BASE_FIELDS = {
    "model": None, "tokenizer": None, "tokenizer_mode": "auto", "custom_tokenizer": None, "skip_tokenizer_init": False,
    "trust_remote_code": False, "tensor_parallel_size": 1, "dtype": "auto", "revision": None,
    "tokenizer_revision": None, "model_kwargs": None, "pipeline_parallel_size": 1, "context_parallel_size": 1,
    "gpus_per_node": None, "moe_cluster_parallel_size": None, "moe_tensor_parallel_size": None,
    "moe_expert_parallel_size": None, "enable_attention_dp": False, "enable_lm_head_tp_in_adp": False,
    "pp_partition": None, "cp_config": None, "load_format": "auto", "enable_lora": False, "lora_config": None,
    "kv_cache_config": KvCacheConfig, "enable_chunked_prefill": False, "guided_decoding_backend": None,
    "batched_logits_processor": None, "iter_stats_max_iterations": None, "request_stats_max_iterations": None,
    "peft_cache_config": None, "scheduler_config": None, "cache_transceiver_config": None,
    "sparse_attention_config": None, "speculative_config": None, "max_batch_size": 2048, "max_input_len": 1024,
    "max_seq_len": None, "max_beam_width": 1, "max_num_tokens": 8192, "gather_generation_logits": False,
    "num_postprocess_workers": 0, "postprocess_tokenizer_dir": None, "reasoning_parser": None,
    "decoding_config": None, "mpi_session": None, "otlp_traces_endpoint": None, "backend": None,
    "return_perf_metrics": False, "perf_metrics_max_requests": 0, "orchestrator_type": None, "env_overrides": None,
}
TRT_ONLY = {
    "enable_tqdm": False, "workspace": None, "fail_fast_on_attention_window_too_large": False,
    "enable_build_cache": False, "extended_runtime_perf_knob_config": None, "calib_config": CalibConfig,
    "quant_config": QuantConfig, "embedding_parallel_mode": "SHARDING_ALONG_VOCAB", "fast_build": False,
    "build_config": None, "enable_prompt_adapter": False, "max_prompt_adapter_token": 0, "batching_type": None,
    "normalize_log_probs": False,
}
TORCH_ONLY = {
    "garbage_collection_gen0_threshold": 20000, "cuda_graph_config": None, "attention_dp_config": None,
    "disable_overlap_scheduler": False, "moe_config": None, "nvfp4_gemm_config": None, "attn_backend": "TRTLLM",
    "sampler_type": "auto", "sampler_force_async_worker": False, "enable_iter_perf_stats": False,
    "enable_iter_req_stats": False, "print_iter_log": False, "batch_wait_timeout_ms": 0,
    "batch_wait_timeout_iters": 0, "batch_wait_max_tokens_ratio": 0, "torch_compile_config": None,
    "enable_autotuner": True, "enable_layerwise_nvtx_marker": False, "enable_min_latency": False,
    "stream_interval": 1, "force_dynamic_quantization": False, "allreduce_strategy": "AUTO",
    "checkpoint_loader": None, "checkpoint_format": None, "kv_connector_config": None, "mm_encoder_only": False,
    "ray_worker_extension_cls": None, "ray_placement_config": None, "enable_sleep": False,
    "use_cute_dsl_blockscaling_mm": False, "use_cute_dsl_blockscaling_bmm": False,
    "disable_flashinfer_sampling": False, "max_stats_len": 1000, "layer_wise_benchmarks_config": None,
}


class TrtLlmArgs(_Model):
    FIELDS = {**BASE_FIELDS, **TRT_ONLY}

    def _validate(self):
        if self.build_config is None:  # init_build_config: a default BuildConfig from the runtime sizes
            from ..builder import BuildConfig

            self.build_config = BuildConfig(max_batch_size=self.max_batch_size, max_num_tokens=self.max_num_tokens,
                                            max_beam_width=self.max_beam_width, max_input_len=self.max_input_len)
        for name in ("max_batch_size", "max_num_tokens"):  # validate_build_config_with_runtime_params
            setattr(self, name, min(getattr(self, name), getattr(self.build_config, name)))
        for name in ("max_seq_len", "max_beam_width", "max_input_len"):
            setattr(self, name, getattr(self.build_config, name))
        if self.kv_cache_config.dtype != "auto":  # validate_kv_cache_dtype
            raise AssertionError("KvCacheConfig.dtype is not supported by the TensorRT backend.")
        if self.batching_type is not None and not isinstance(self.batching_type, BatchingType):
            self.batching_type = BatchingType(self.batching_type)


class TorchLlmArgs(_Model):
    FIELDS = {**BASE_FIELDS, **TORCH_ONLY, "backend": "pytorch"}
