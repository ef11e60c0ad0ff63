"""Runs one model × feature cell on the PyTorch backend and writes its events, `result` last.

    run_feature_cell(writer, adapter, "features", "Qwen3MoeForCausalLM", "kv-cache-reuse")
"""

from __future__ import annotations

import copy
import re
import time
import traceback
from dataclasses import dataclass, field

from harness.features.configs import ArchitectureUnavailable, model_class, tiny_config
from harness.features.pytorch_oracles import FEATURES, NOT_APPLICABLE, FeatureSkipped
from harness.verdict import EVIDENCE, Check, checked_kind, checks_verdict

_TOKENIZER = None
_MODELS: dict = {}


def feature_key(header: str) -> str:
    """Column key: lowercased slug of the header ("KV Cache Reuse" → "kv-cache-reuse", "TLLM C++ Sampler" → "tllm-c-sampler")."""
    return re.sub(r"[^a-z0-9]+", "-", header.lower()).strip("-")


@dataclass
class Built:
    arch: str
    model: object
    tokenizer: object
    device: str
    eos: int
    pad: int
    config: object = None

    def variant(self, full: bool = False, **overrides):
        """The same weights under a changed config (sliding window on/off)."""
        config = copy.deepcopy(self.config)
        for key, value in overrides.items():
            setattr(config, key, value)
        if full:
            if hasattr(config, "use_sliding_window"):
                config.use_sliding_window = False
            if getattr(config, "layer_types", None):
                config.layer_types = ["full_attention"] * len(config.layer_types)
        elif getattr(config, "layer_types", None) and hasattr(config, "use_sliding_window"):
            config.layer_types = ["sliding_attention"] * len(config.layer_types)
        model = type(self.model)(config).to(self.device).eval()
        model.load_state_dict(self.model.state_dict())
        return model


@dataclass
class _Ctx:
    writer: object
    seed: int
    checks: list = field(default_factory=list)

    def check(self, name, passed, evidence, kind=EVIDENCE):
        self.checks.append(Check(name, bool(passed), evidence, checked_kind(kind)))
        self.writer.emit("check", name=name, passed=bool(passed), evidence=evidence, kind=kind)


def build(arch: str, device: str) -> Built:
    global _TOKENIZER
    if (arch, device) in _MODELS:
        return _MODELS[(arch, device)]
    from harness.tiny_model import build_tokenizer, seeded_model

    if _TOKENIZER is None:
        _TOKENIZER = build_tokenizer()
    tok = _TOKENIZER
    config = tiny_config(arch, len(tok), tok.eos_token_id, tok.pad_token_id)
    model = seeded_model(model_class(arch), config).to(device)
    built = Built(arch, model, tok, device, tok.eos_token_id, tok.pad_token_id, config)
    _MODELS[(arch, device)] = built
    return built


def run_feature_cell(writer, adapter, matrix: str, row: str, column: str | None, seed: int = 0) -> str:
    started = time.perf_counter()
    ctx = _Ctx(writer, seed)
    status, reason, model_name = "error", "", f"tiny-random {row}"
    applied = {"matrix": matrix, "architecture": row, "feature": column}
    try:
        writer.emit("phase", name="resolve")
        key = feature_key(column or "")
        applied["feature"] = key
        if key in NOT_APPLICABLE:
            raise FeatureSkipped(f"not applicable on this backend (pytorch): {NOT_APPLICABLE[key]}")
        if key not in FEATURES:
            status, reason = "failed", (f"unknown feature column {column!r}; known: "
                                        f"{sorted(FEATURES) + sorted(NOT_APPLICABLE)}")
            raise _Done()
        writer.emit("phase", name="load")
        t0 = time.perf_counter()
        built = build(row, adapter.device)
        writer.emit("metric", name="load_s", value=time.perf_counter() - t0, unit="s")
        model_name = f"tiny-random {row} (offline, hidden 64, 2 layers)"
        writer.emit("phase", name="generate")
        FEATURES[key](ctx, built)
        writer.emit("phase", name="validate")
        status, reason = checks_verdict(ctx.checks)
    except _Done:
        pass
    except (FeatureSkipped, ArchitectureUnavailable) as exc:
        status, reason = "skipped", str(exc)
    except Exception as exc:  # noqa: BLE001 — the library's error is the verdict
        writer.log(traceback.format_exc(), stream="harness")
        status, reason = "failed", f"{type(exc).__name__}: {exc}"
    writer.emit("result", status=status, reason=reason, elapsed_s=round(time.perf_counter() - started, 4),
                parameters=applied, model=model_name)
    return status


class _Done(Exception):
    pass
