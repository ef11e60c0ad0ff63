"""Model × feature cells on the vLLM backend (issue 5 §5): the row's architecture as a tiny
random-weight checkpoint (`configs.tiny_config` with vLLM-compatible sizes, saved with the local
tokenizer to a cached directory), served by `vllm.LLM`, one oracle per feature column
(`vllm_oracles.py`).

vLLM's CPU attention needs head dim ≥ 32, so the checkpoint uses `VLLM_SIZES` (hidden 128, 4 heads of
32) on top of the PyTorch tiny config; the PyTorch cells keep their own sizes. One engine is kept
per worker (`Engines`): cells of the same architecture and engine arguments reuse it, any other
shuts it down first, and the worker's end shuts the last one down.

Dispatch: `harness/cli.py` wraps the vLLM session's requests with `feature_requests`, which runs
feature/multimodal requests here and passes `params` requests on to `serve_vllm`.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import time
import traceback

from harness.backends.vllm_backend import INSTALL_HINT, _LogTail, _shutdown, gpu_turn, vllm_available, vllm_device
from harness.backends.vllm_mapping import base_engine
from harness.features.configs import ArchitectureUnavailable
from harness.features.pytorch_oracles import FeatureSkipped
from harness.features.pytorch_models import feature_key
from harness.tiny_model import BUILD_SEED
from harness.verdict import EVIDENCE, Check, checked_kind, checks_verdict

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
NOT_APPLICABLE = {
    "overlap-scheduler": "TensorRT-LLM's executor overlap scheduler",
    "mtp": "multi-token prediction needs the checkpoint's trained MTP layers (vLLM speculative_config "
           "method 'mtp', CUDA only)",
    "eagle-3-one-model-engine": "EAGLE-3 needs a trained draft head (vLLM speculative_config method 'eagle3', "
                                "CUDA only)",
    "eagle-3-two-model-engine": "EAGLE-3 needs a trained draft model (vLLM speculative_config, CUDA only)",
    "epd-disaggregated-serving": "encode, prefill and decode on separate instances (multimodal serving across hosts)",
    "disaggregated-serving": "separate prefill/decode instances joined by a KV connector (vLLM kv_transfer_config, "
                             "several GPUs)",
    "attention-data-parallelism": "attention data parallelism across GPUs (vLLM data_parallel_size, several GPUs)",
    "tllm-c-sampler": "TensorRT-LLM's C++ sampler",
}


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


# MARK: - Engines


class EngineFailed(Exception):
    pass


class Engines:
    """At most one live `vllm.LLM`: reused while the (model dir, engine arguments) key stays the same."""

    def __init__(self, writer):
        self.writer = writer
        self.tail = _LogTail(writer)
        self.key = None
        self.llm = None
        self.started = 0

    def get(self, ctx, path: str, **engine):
        from vllm import LLM

        args = {**base_engine(ctx.device), **ENGINE, **ARCH_ENGINE.get(ctx.arch, {}), **engine}
        key = (path, json.dumps(args, sort_keys=True, default=str))
        if key == self.key:
            self.writer.log("reusing the running engine", stream="harness")
            self.writer.emit("metric", name="load_s", value=0.0, unit="s")
            return self.llm
        self.close()
        self.writer.emit("phase", name="load")
        self.tail.lines.clear()
        started = time.perf_counter()
        try:
            self.llm = LLM(model=path, **args)
        except Exception as exc:  # noqa: BLE001 — vLLM's text, root cause from the engine core first
            cause = self.tail.root_cause()
            text = f"{type(exc).__name__}: {exc}"
            raise EngineFailed(f"{cause} ({text})" if cause and cause not in text else text) from None
        self.key = key
        self.started += 1
        self.writer.emit("metric", name="load_s", value=time.perf_counter() - started, unit="s")
        ctx.applied["engine"] = {k: v for k, v in args.items() if k != "logits_processors"}
        return self.llm

    def close(self):
        if self.llm is not None:
            with gpu_turn(releasing=True):
                _shutdown(self.llm)
            self.llm, self.key = None, None
            import gc

            gc.collect()


# MARK: - One cell


@dataclasses.dataclass
class Ctx:
    writer: object
    seed: int
    engines: Engines
    arch: str
    device: str = "cpu"
    checks: list = dataclasses.field(default_factory=list)
    applied: dict = dataclasses.field(default_factory=dict)

    def check(self, name, passed, evidence, kind=EVIDENCE):
        self.checks.append(Check(name, bool(passed), evidence, checked_kind(kind)))
        self.writer.emit("check", name=name, passed=bool(passed), evidence=evidence, kind=kind)


def unsupported_reason(arch: str) -> str | None:
    """vLLM's own message when its model registry lacks the architecture."""
    from vllm import ModelRegistry

    if arch in ModelRegistry.get_supported_archs():
        return None
    return f"Model architectures ['{arch}'] are not supported for now (vLLM's ModelRegistry)"


def run_vllm_feature_cell(writer, engines, matrix: str, row: str, column: str | None, seed: int = 0) -> str:
    from harness.features.vllm_oracles import FEATURES

    started = time.perf_counter()
    ctx = Ctx(writer, seed, engines, row)
    status, reason = "error", ""
    key = feature_key(column or "")
    ctx.applied = {"matrix": matrix, "architecture": row, "feature": key, "backend": "vllm"}
    model = f"tiny-random {row} (offline, hidden 128, 2 layers, 4 heads of 32)"
    try:
        writer.emit("phase", name="resolve")
        if key in NOT_APPLICABLE:
            raise FeatureSkipped(f"not applicable on this backend (vllm): {NOT_APPLICABLE[key]}")
        if key not in FEATURES:
            raise _Failed(f"unknown feature column {column!r}; known: {sorted(FEATURES) + sorted(NOT_APPLICABLE)}")
        if not vllm_available():
            raise FeatureSkipped(INSTALL_HINT)
        missing = unsupported_reason(row)
        if missing:
            raise FeatureSkipped(missing)
        ctx.device = vllm_device()
        FEATURES[key](ctx)
        writer.emit("phase", name="validate")
        status, reason = checks_verdict(ctx.checks)
    except (FeatureSkipped, ArchitectureUnavailable) as exc:
        status, reason = "skipped", str(exc)
    except EngineFailed as exc:
        text = str(exc)  # an architecture or feature vLLM cannot run here: skipped with vLLM's text
        unsupported = any(s in text for s in ("not supported", "NotImplementedError", "is not implemented"))
        status, reason = ("skipped" if unsupported else "failed"), text
        engines.close()
    except _Failed as exc:
        status, reason = "failed", str(exc)
    except Exception as exc:  # noqa: BLE001 — vLLM's own error text becomes the verdict
        writer.log(traceback.format_exc(), stream="harness")
        text = f"{type(exc).__name__}: {exc}"
        cause = engines.tail.root_cause() if engines.llm is not None else None  # a worker died mid-run
        status, reason = "failed", f"{cause} ({text})" if cause and cause not in text else text
        engines.close()
    writer.emit("result", status=status, reason=reason, elapsed_s=round(time.perf_counter() - started, 4),
                parameters=ctx.applied, model=model)
    return status


class _Failed(Exception):
    pass


# MARK: - Session hook


def feature_requests(writer, requests, seed: int = 0):
    """Runs feature/multimodal requests of a vLLM session here, yields the others (params) on to
    `serve_vllm`. The running engine is shut down when the requests end."""
    os.environ.setdefault("VLLM_CPU_KVCACHE_SPACE", "1")
    os.environ.setdefault("VLLM_CPU_OMP_THREADS_BIND", "nobind")
    os.environ.setdefault("VLLM_NO_USAGE_STATS", "1")
    engines = None
    try:
        for request in requests:
            if request.get("matrix") not in ("features", "multimodal"):
                if engines is not None:
                    engines.close()  # the params cell starts its own engine
                yield request
                continue
            engines = engines or Engines(writer)
            with writer.answering(request):
                run_vllm_feature_cell(writer, engines, request["matrix"], request.get("row", ""),
                                      request.get("column"), int(request.get("seed", seed)))
    finally:
        if engines is not None:
            engines.close()
