"""Model × feature cells on the vLLM backend (issue 5 §5): the row's architecture as a tiny
random-weight checkpoint (`configs.tiny_config` with vLLM-compatible sizes, saved with the local
tokenizer to a cached directory), served by `vllm.LLM`, one oracle per feature column
(`vllm_oracles.py`).

vLLM's CPU attention needs head dim ≥ 32, so the checkpoint uses `VLLM_SIZES` (hidden 128, 4 heads of
32) on top of the PyTorch tiny config; the PyTorch cells keep their own sizes. The engine is the
worker's one (`engine`, through the VllmAdapter's cache, shared with the params cells): cells of the
same architecture and engine arguments reuse it, any other shuts it down first, and the worker's end
shuts the last one down.
"""

from __future__ import annotations

import hashlib
import json
import os
import time

from harness.backends.vllm_mapping import base_engine
from harness.tiny_model import BUILD_SEED

VLLM_SIZES = {"hidden_size": 128, "intermediate_size": 256, "num_attention_heads": 4, "num_key_value_heads": 2,
              "head_dim": 32, "moe_intermediate_size": 64, "max_position_embeddings": 512}
ARCH_SIZES = {  # architectures whose own head sizes must follow (MLA, linear attention, Gemma's scalar)
    "DeepseekV3ForCausalLM": {"num_key_value_heads": 4, "qk_nope_head_dim": 32, "qk_rope_head_dim": 32,
                              "v_head_dim": 32, "kv_lora_rank": 32, "q_lora_rank": 64},
    "Qwen3NextForCausalLM": {"linear_key_head_dim": 32, "linear_value_head_dim": 32},
    "Gemma3ForCausalLM": {"query_pre_attn_scalar": 32},
    "Phi3ForCausalLM": {"num_key_value_heads": 4},
}
ARCH_ENGINE = {"Qwen3NextForCausalLM": {"dtype": "bfloat16"}}  # vLLM's CPU gated-delta-net kernel: "requires BF16"
ENGINE = {"block_size": 32}  # on top of the params cells' base_engine(device)


def vllm_sizes(arch: str) -> dict:
    """The tiny config's overrides for vLLM: head dim 32 everywhere (PyTorch's tiny configs use 16)."""
    return {**VLLM_SIZES, **ARCH_SIZES.get(arch, {})}


def cache_dir(arch: str, variant: dict) -> str:
    from harness.tiny_model import cache_root

    blob = json.dumps({"arch": arch, "sizes": vllm_sizes(arch), "variant": variant, "seed": BUILD_SEED, "v": 1},
                      sort_keys=True)
    return os.path.join(cache_root(), f"vllm-{arch}-{hashlib.sha256(blob.encode()).hexdigest()[:12]}")


def model_dir(arch: str, **variant) -> str:
    """Directory with config.json, random weights (seeded) and the local tokenizer; built once, atomically.
    `variant` changes config fields but not weight shapes, so variants share the weights."""
    from harness.features.configs import model_class, tiny_config
    from harness.tiny_model import build_atomically, build_tokenizer, seeded_model

    def build(staging):
        tok = build_tokenizer()
        config = tiny_config(arch, len(tok), tok.eos_token_id, tok.pad_token_id, **vllm_sizes(arch), **variant)
        seeded_model(model_class(arch), config).save_pretrained(staging)
        tok.save_pretrained(staging)

    path = cache_dir(arch, variant)
    build_atomically(path, build)
    return path


# MARK: - Engine


def engine(ctx, path: str, **engine_args):
    """The worker's `vllm.LLM` for the checkpoint at `path` with the feature cells' engine arguments
    (the adapter's one engine cache: reused while they stay the same, else the old one shut down)."""
    from vllm import LLM

    from harness.backends.vllm_backend import vllm_device

    args = {**base_engine(vllm_device()), **ENGINE, **ARCH_ENGINE.get(ctx.row, {}), **engine_args}
    key = json.dumps({"model": path, "engine": args}, sort_keys=True, default=str)
    engines = ctx.adapter.engines
    if engines.get(key) is not None:
        ctx.log("reusing the running engine")
        ctx.metric("load_s", 0.0, "s")
        return engines.llm
    ctx.phase("load")
    started = time.perf_counter()
    llm = engines.start(key, lambda: LLM(model=path, **args))
    ctx.metric("load_s", time.perf_counter() - started, "s")
    ctx.applied["engine"] = {k: v for k, v in args.items() if k != "logits_processors"}
    return llm


def unsupported_reason(arch: str) -> str | None:
    """vLLM's own message when its model registry lacks the architecture."""
    from vllm import ModelRegistry

    if arch in ModelRegistry.get_supported_archs():
        return None
    return f"Model architectures ['{arch}'] are not supported for now (vLLM's ModelRegistry)"
