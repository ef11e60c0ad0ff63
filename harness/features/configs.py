"""Tiny random-weight configs, one per architecture key of the features/multimodal matrices.

Every config is small (hidden 64, 2 layers) and built from the architecture's own transformers
config class, so the model is the real architecture with random weights, nothing downloaded.
Architectures whose config needs care:
- Phi3: `pad_token_id` defaults to 32000 (outside a tiny vocab); `original_max_position_embeddings`.
- DeepSeek-V3 (MLA): `q_lora_rank`, `kv_lora_rank`, `qk_nope_head_dim` + `qk_rope_head_dim` (the
  query/key head size) and `v_head_dim` must agree with each other and the head count; the MoE
  needs `n_group`/`topk_group` dividing `n_routed_experts`; `first_k_dense_replace=1` keeps one
  dense layer and one MoE layer.
- Llama 4 (`Llama4ForConditionalGeneration`): a composite config, a MoE text model (every second
  layer MoE, `intermediate_size_mlp` for the dense ones, chunked local attention) plus a one-layer
  vision tower whose projector sizes meet the text model's hidden size; text-only prompts use
  only the text side, as the feature oracles need.
- Qwen3-Next: `layer_types` alternates gated-delta-net linear attention and full attention; the
  linear heads (`linear_num_key_heads` divides `linear_num_value_heads`) have their own sizes.

    config = tiny_config("Qwen3MoeForCausalLM", vocab_size=384, eos=0, pad=1)
"""

from __future__ import annotations

from harness.errors import ArchitectureUnavailable

BASE = {
    "hidden_size": 64, "intermediate_size": 128, "num_hidden_layers": 2, "num_attention_heads": 4,
    "num_key_value_heads": 2, "head_dim": 16, "max_position_embeddings": 256, "initializer_range": 0.5,
    "tie_word_embeddings": False,
}
SLIDING_TWO = ["sliding_attention", "full_attention"]
MOE = {"num_experts": 4, "num_experts_per_tok": 2, "moe_intermediate_size": 32}

# architecture key → (config class name in transformers, overrides of BASE)
TINY = {
    "Qwen2ForCausalLM": ("Qwen2Config", {}),
    "Qwen3ForCausalLM": ("Qwen3Config", {}),
    "Qwen3MoeForCausalLM": ("Qwen3MoeConfig", {**MOE, "decoder_sparse_step": 1, "mlp_only_layers": []}),
    "LlamaForCausalLM": ("LlamaConfig", {}),
    "MistralForCausalLM": ("MistralConfig", {"sliding_window": None}),
    "MixtralForCausalLM": ("MixtralConfig", {"num_local_experts": 4, "num_experts_per_tok": 2,
                                             "sliding_window": None}),
    "Gemma3ForCausalLM": ("Gemma3TextConfig", {"sliding_window": 4096, "layer_types": SLIDING_TWO,
                                               "query_pre_attn_scalar": 16}),
    "GptOssForCausalLM": ("GptOssConfig", {"num_local_experts": 4, "num_experts_per_tok": 2,
                                           "sliding_window": 4096, "layer_types": SLIDING_TWO}),
    "Exaone4ForCausalLM": ("Exaone4Config", {"sliding_window": 4096, "layer_types": SLIDING_TWO}),
    "NemotronForCausalLM": ("NemotronConfig", {}),
    "Phi3ForCausalLM": ("Phi3Config", {"num_key_value_heads": 4, "original_max_position_embeddings": 256,
                                       "rope_scaling": None, "sliding_window": None}),
    "DeepseekV3ForCausalLM": ("DeepseekV3Config", {
        "num_key_value_heads": 4, "q_lora_rank": 32, "kv_lora_rank": 16, "qk_nope_head_dim": 16,
        "qk_rope_head_dim": 8, "v_head_dim": 16, "head_dim": 8, "n_routed_experts": 4, "num_experts_per_tok": 2,
        "n_shared_experts": 1, "moe_intermediate_size": 32, "n_group": 1, "topk_group": 1,
        "first_k_dense_replace": 1, "rope_scaling": None}),
    "Qwen3NextForCausalLM": ("Qwen3NextConfig", {
        **MOE, "layer_types": ["linear_attention", "full_attention"], "linear_num_key_heads": 2,
        "linear_num_value_heads": 4, "linear_key_head_dim": 16, "linear_value_head_dim": 16,
        "linear_conv_kernel_dim": 4, "shared_expert_intermediate_size": 32, "decoder_sparse_step": 1,
        "mlp_only_layers": []}),
}
# Sliding-window knobs per architecture (the feature oracle flips them; absent: no SWA in transformers).
SLIDING = {
    "Qwen2ForCausalLM": {"use_sliding_window": True, "max_window_layers": 0},
    "Qwen3ForCausalLM": {"use_sliding_window": True, "max_window_layers": 0},
    "MistralForCausalLM": {}, "MixtralForCausalLM": {}, "Gemma3ForCausalLM": {}, "GptOssForCausalLM": {},
    "Exaone4ForCausalLM": {}, "Phi3ForCausalLM": {},
}


def _llama4(flat: dict):
    """Llama 4's config holds a text and a vision config; `flat` is BASE plus the token ids."""
    import transformers

    text = transformers.Llama4TextConfig(**{
        **flat, "intermediate_size_mlp": flat["intermediate_size"], "num_local_experts": 4,
        "num_experts_per_tok": 1, "interleave_moe_layer_step": 2, "attention_chunk_size": 64})
    vision = transformers.Llama4VisionConfig(
        hidden_size=32, num_hidden_layers=1, num_attention_heads=2, intermediate_size=64, image_size=28,
        patch_size=14, vision_output_dim=flat["hidden_size"], projector_input_dim=flat["hidden_size"],
        projector_output_dim=flat["hidden_size"])
    ids = {k: flat[k] for k in ("eos_token_id", "pad_token_id", "bos_token_id")}
    return transformers.Llama4Config(text_config=text, vision_config=vision, tie_word_embeddings=False, **ids)


# architecture key → builder of a composite config from the flat kwargs
COMPOSITE = {"Llama4ForConditionalGeneration": _llama4}


def tiny_config(arch: str, vocab_size: int, eos: int, pad: int, **extra):
    import transformers

    if arch in COMPOSITE:
        return COMPOSITE[arch]({**BASE, **extra, "vocab_size": vocab_size, "eos_token_id": eos,
                                "pad_token_id": pad, "bos_token_id": eos})
    if arch not in TINY:
        if hasattr(transformers, arch):
            raise ArchitectureUnavailable(f"{arch} exists in transformers {transformers.__version__} but the "
                                          "harness has no tiny config for it yet (harness/features/configs.py)")
        raise ArchitectureUnavailable(f"transformers {transformers.__version__} has no {arch}")
    class_name, overrides = TINY[arch]
    config_class = getattr(transformers, class_name)
    kwargs = {**BASE, **overrides, **extra, "vocab_size": vocab_size, "eos_token_id": eos, "pad_token_id": pad,
              "bos_token_id": eos}
    return config_class(**kwargs)


def model_class(arch: str):
    import transformers

    return getattr(transformers, arch)
