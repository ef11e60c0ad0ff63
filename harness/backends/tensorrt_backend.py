"""The TensorRT-LLM backend: maps the row (tensorrt_mapping) and runs it through the LLM API.

Where `tensorrt_llm` cannot be imported (every CPU machine), the run's result is `skipped` with
"TensorRT-LLM not installed" and how to install it — never a pass. A row the LLM API has no
counterpart for is `failed` with the reason, installed or not (the mapping is pure data).

    status = run_tensorrt_cell(writer, "params", "tensorrt.max_batch_size=4", model=None)
"""

from __future__ import annotations

import importlib.util
import time
import traceback

from harness.backends.tensorrt_mapping import INSTALL_HINT, MappingError, tensorrt_arguments
from harness.params import RowError, owner_backend, parse_row
from harness.verdict import checks_verdict

PROMPTS = ["the model reads", "beam search keeps several", "greedy", "stream traffic sample"]


def tensorrt_available() -> bool:
    return importlib.util.find_spec("tensorrt_llm") is not None


def tensorrt_versions() -> dict:
    if not tensorrt_available():
        return {"tensorrt_llm": None}
    try:
        import tensorrt_llm

        return {"tensorrt_llm": getattr(tensorrt_llm, "__version__", "unknown")}
    except Exception as exc:  # noqa: BLE001 — a broken install is reported, not fatal
        return {"tensorrt_llm": f"import failed: {exc}"}


def run_tensorrt_cell(writer, matrix: str, row_key: str, model: str | None, column: str | None = None) -> str:
    """Writes phase/check/result events for one cell; returns the result status."""
    started = time.perf_counter()
    applied: dict = {}
    status, reason = "error", ""
    try:
        writer.emit("phase", name="resolve")
        if matrix != "params":
            status, reason = "skipped", (f"the {matrix} matrix on TensorRT-LLM: TensorRT-LLM not installed; "
                                         + INSTALL_HINT if not tensorrt_available()
                                         else f"the {matrix} matrix is not wired to TensorRT-LLM yet")
        else:
            row = parse_row(row_key)
            owner = owner_backend(row.name)
            if owner and owner != "tensorrt":
                status, reason = "skipped", f"parameter of the {owner} backend; not applicable to tensorrt"
            else:
                args = tensorrt_arguments(row, model or "<tiny-random-qwen2>")
                applied = {k: v for k, v in args.items() if v}
                writer.log(f"TensorRT-LLM arguments: {applied}", stream="harness")
                if not tensorrt_available():
                    status, reason = "skipped", "TensorRT-LLM not installed; " + INSTALL_HINT
                else:
                    status, reason = _run_installed(writer, args, model)
    except (MappingError, RowError) as exc:
        status, reason = "failed", str(exc)
    except Exception as exc:  # noqa: BLE001 — the library's own error text becomes the verdict
        writer.log(traceback.format_exc(), stream="harness")
        status, reason = "failed", f"{type(exc).__name__}: {exc}"
    writer.emit("result", status=status, reason=reason, elapsed_s=round(time.perf_counter() - started, 4),
                parameters=applied, model=model or "tiny-random-qwen2")
    return status


def build_objects(args: dict):
    """LLM keyword arguments with the config objects built from the plain-data mapping."""
    from tensorrt_llm import BuildConfig, SamplingParams
    from tensorrt_llm.llmapi import KvCacheConfig, QuantAlgo, QuantConfig

    build_args = dict(args["BuildConfig"])
    plugin = build_args.pop("plugin_config", {})
    if "kv_cache_type" in build_args:
        from tensorrt_llm.llmapi import KvCacheType  # tensorrt_llm/llmapi/kv_cache_type.py (re-export)

        build_args["kv_cache_type"] = getattr(KvCacheType, build_args["kv_cache_type"])
    build = BuildConfig(**build_args)
    for key, value in plugin.items():
        setattr(build.plugin_config, key, value)
    quant_args = dict(args["QuantConfig"])
    if "quant_algo" in quant_args:
        quant_args["quant_algo"] = getattr(QuantAlgo, quant_args["quant_algo"])
    llm_kwargs = dict(args["LLM"], build_config=build, kv_cache_config=KvCacheConfig(**args["KvCacheConfig"]),
                      quant_config=QuantConfig(**quant_args))
    return llm_kwargs, SamplingParams(**args["SamplingParams"])


def _run_installed(writer, args: dict, model: str | None):
    """GPU path (untested here: no TensorRT-LLM on these machines; see docs/backends.md)."""
    try:  # 1.x releases keep the TensorRT-engine LLM here; tensorrt_llm.LLM is the PyTorch flow
        from tensorrt_llm._tensorrt_engine import LLM
    except ImportError:
        from tensorrt_llm import LLM
    if model is None:
        from harness.tiny_model import ensure_tiny_qwen2

        model, _ = ensure_tiny_qwen2()
        args["LLM"]["model"] = model
    writer.emit("phase", name="load")
    llm_kwargs, sampling = build_objects(args)
    llm = LLM(**llm_kwargs)
    writer.emit("phase", name="generate")
    started = time.perf_counter()
    outputs = llm.generate(PROMPTS, sampling)
    elapsed = time.perf_counter() - started
    tokens = sum(len(c.token_ids) for o in outputs for c in o.outputs)
    for seq, out in enumerate(outputs):
        writer.emit("token", seq=seq, text=out.outputs[0].text)
    writer.emit("metric", name="tokens_per_s", value=tokens / elapsed if elapsed else 0.0, unit="tok/s")
    writer.emit("phase", name="validate")
    checks = []
    build = llm_kwargs["build_config"]
    for key, value in args["BuildConfig"].items():
        if key in ("plugin_config", "kv_cache_type"):
            continue
        got = getattr(llm.args.build_config, key, None) if hasattr(llm, "args") else getattr(build, key, None)
        checks.append((f"BuildConfig.{key}", got == value, f"engine build config {key}={got!r}, asked {value!r}"))
    for name, passed, evidence in checks:
        writer.emit("check", name=name, passed=passed, evidence=evidence)
    llm.shutdown()
    return checks_verdict(checks, no_oracle="generated without an oracle for this parameter on TensorRT-LLM")


def serve_tensorrt(writer, args, requests) -> int:
    """Runs each request (one for `run`, stdin lines for `serve`); `hello` was written already."""
    for request in requests:
        with writer.answering(request):
            run_tensorrt_cell(writer, request.get("matrix", "params"), request.get("row", ""), args.model,
                              request.get("column"))
    return 0
