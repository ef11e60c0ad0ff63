"""tensorrt_llm/builder.py `BuildConfig` (engine flow only; main has no engine builder)."""

from dataclasses import asdict, field

from ._standin import has_engine_flow, with_fields
from .llmapi.kv_cache_type import KVCacheType
from .plugin import PluginConfig

if not has_engine_flow():
    raise ModuleNotFoundError("No module named 'tensorrt_llm.builder'", name="tensorrt_llm.builder")


@with_fields({
    "max_input_len": 1024, "max_seq_len": None, "opt_batch_size": 8, "max_batch_size": 2048, "max_beam_width": 1,
    "max_num_tokens": 8192, "opt_num_tokens": None, "max_prompt_embedding_table_size": 0, "kv_cache_type": None,
    "gather_context_logits": False, "gather_generation_logits": False, "strongly_typed": True,
    "force_num_profiles": None, "profiling_verbosity": "layer_names_only", "enable_debug_output": False,
    "max_draft_len": 0, "speculative_decoding_mode": 1, "use_refit": False, "input_timing_cache": None,
    "output_timing_cache": "model.cache", "lora_config": field(default_factory=dict), "weight_sparsity": False,
    "weight_streaming": False, "plugin_config": field(default_factory=PluginConfig), "use_strip_plan": False,
    "max_encoder_input_len": 1024, "dry_run": False, "visualize_network": None, "monitor_memory": False,
    "use_mrope": False,
})
class BuildConfig:
    def __post_init__(self):
        if self.kv_cache_type is None:
            self.kv_cache_type = KVCacheType.PAGED if self.plugin_config.paged_kv_cache else KVCacheType.CONTINUOUS
        elif not isinstance(self.kv_cache_type, KVCacheType):
            raise TypeError(f"kv_cache_type must be a KVCacheType, got {self.kv_cache_type!r}")
        if self.max_seq_len is None:
            self.max_seq_len = 2048

    def to_dict(self) -> dict:
        out = asdict(self)
        out["kv_cache_type"] = self.kv_cache_type.name  # builder.ConfigEncoder writes "PAGED"
        out["plugin_config"] = self.plugin_config.to_dict()
        return out
