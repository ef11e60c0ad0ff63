"""tensorrt_llm/plugin/plugin.py `PluginConfig`: the fields the adapter reads or sets, with the
1.x defaults (use_paged_context_fmha True, multiple_profiles False, tokens_per_block 32)."""

from dataclasses import asdict

from .._standin import with_fields


@with_fields({
    "dtype": "float16", "gpt_attention_plugin": "auto", "gemm_plugin": None, "context_fmha": True,
    "remove_input_padding": True, "paged_kv_cache": True, "tokens_per_block": 32, "use_paged_context_fmha": True,
    "use_fp8_context_fmha": True, "multiple_profiles": False, "paged_state": True, "streamingllm": False,
    "manage_weights": False, "nccl_plugin": None, "lora_plugin": None,
})
class PluginConfig:
    def to_dict(self) -> dict:
        return asdict(self)
