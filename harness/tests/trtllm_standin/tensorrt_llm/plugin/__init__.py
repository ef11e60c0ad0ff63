"""tensorrt_llm/plugin/plugin.py `PluginConfig`: the fields the adapter reads or sets, with the
1.x defaults (use_paged_context_fmha True, multiple_profiles False, tokens_per_block 32)."""

from dataclasses import asdict, dataclass


@dataclass
class PluginConfig:
    dtype: str = "float16"
    gpt_attention_plugin: str = "auto"
    gemm_plugin: str = None
    context_fmha: bool = True
    remove_input_padding: bool = True
    paged_kv_cache: bool = True
    tokens_per_block: int = 32
    use_paged_context_fmha: bool = True
    use_fp8_context_fmha: bool = True
    multiple_profiles: bool = False
    paged_state: bool = True
    streamingllm: bool = False
    manage_weights: bool = False
    nccl_plugin: str = None
    lora_plugin: str = None

    def to_dict(self) -> dict:
        return asdict(self)
