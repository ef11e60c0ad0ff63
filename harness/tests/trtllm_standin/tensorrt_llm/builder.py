"""tensorrt_llm/builder.py `BuildConfig` (engine flow only; main has no engine builder)."""

from dataclasses import asdict, dataclass, field

from ._standin import has_engine_flow
from .llmapi.kv_cache_type import KVCacheType
from .plugin import PluginConfig

if not has_engine_flow():
    raise ModuleNotFoundError("No module named 'tensorrt_llm.builder'", name="tensorrt_llm.builder")


@dataclass
class BuildConfig:
    max_input_len: int = 1024
    max_seq_len: int = None
    opt_batch_size: int = 8
    max_batch_size: int = 2048
    max_beam_width: int = 1
    max_num_tokens: int = 8192
    opt_num_tokens: int = None
    max_prompt_embedding_table_size: int = 0
    kv_cache_type: KVCacheType = None
    gather_context_logits: bool = False
    gather_generation_logits: bool = False
    strongly_typed: bool = True
    force_num_profiles: int = None
    profiling_verbosity: str = "layer_names_only"
    enable_debug_output: bool = False
    max_draft_len: int = 0
    speculative_decoding_mode: int = 1
    use_refit: bool = False
    input_timing_cache: str = None
    output_timing_cache: str = "model.cache"
    lora_config: dict = field(default_factory=dict)
    weight_sparsity: bool = False
    weight_streaming: bool = False
    plugin_config: PluginConfig = field(default_factory=PluginConfig)
    use_strip_plan: bool = False
    max_encoder_input_len: int = 1024
    dry_run: bool = False
    visualize_network: str = None
    monitor_memory: bool = False
    use_mrope: bool = False

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
