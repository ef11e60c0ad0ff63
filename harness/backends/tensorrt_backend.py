"""The TensorRT-LLM backend: picks the flow from the installed version (tensorrt_flows), maps the
row for it (tensorrt_mapping), runs it (tensorrt_run) and checks it (tensorrt_checks).

Where `tensorrt_llm` cannot be imported (every CPU machine) every request is answered `skipped`
with "TensorRT-LLM not installed" and how to install it — never passed, never failed; what the
row would map to (or why it cannot) follows in the reason. Installed: a row without a
counterpart on the flow in use is `skipped` ("not applicable on TensorRT-LLM's PyTorch backend"),
a row TensorRT-LLM cannot do is `failed` with the reason.

    status = run_tensorrt_cell(writer, "params", "tensorrt.max_batch_size=4", model=None)
"""

from __future__ import annotations

import importlib.util
import tempfile
import time
import traceback

from harness.backends.tensorrt_checks import effects, read_back, verdict
from harness.backends.tensorrt_flows import ENGINE, FlowUnavailable, choose_flow
from harness.backends.tensorrt_mapping import INSTALL_HINT, MappingError, NotApplicable, tensorrt_arguments
from harness.params import RowError, owner_backend, parse_row

NOT_INSTALLED = "TensorRT-LLM not installed; " + INSTALL_HINT


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


def _installed_flow():
    import tensorrt_llm

    try:  # 1.0-1.3: the engine flow; main: gone (ModuleNotFoundError)
        import tensorrt_llm._tensorrt_engine  # noqa: F401

        engine = True
    except ImportError:
        engine = False
    return choose_flow(getattr(tensorrt_llm, "__version__", "unknown"), engine)


def run_tensorrt_cell(writer, matrix: str, row_key: str, model: str | None, column: str | None = None) -> str:
    """Writes phase/check/result events for one cell; returns the result status."""
    started = time.perf_counter()
    applied: dict = {}
    status, reason = "error", ""
    installed = tensorrt_available()
    try:
        writer.emit("phase", name="resolve")
        if not installed:
            tail, applied = _what_it_would_be(matrix, row_key)
            status, reason = "skipped", NOT_INSTALLED + tail
        elif matrix != "params":
            status, reason = "skipped", f"the {matrix} matrix is not wired to TensorRT-LLM yet"
        else:
            row = parse_row(row_key)
            owner = owner_backend(row.name)
            if owner and owner != "tensorrt":
                status, reason = "skipped", f"parameter of the {owner} backend; not applicable to tensorrt"
            else:
                flow = _installed_flow()
                writer.log(f"TensorRT-LLM {flow.version}: {flow.name} flow" + (f" ({flow.gone})" if flow.gone else ""))
                try:
                    args = tensorrt_arguments(row, model or "<tiny-random-qwen2>", flow.name)
                except NotApplicable as exc:
                    raise NotApplicable(f"{exc}" + (f"; {flow.gone}" if flow.gone else "")) from exc
                applied = _plain(args)
                writer.log(f"TensorRT-LLM arguments: {applied}", stream="harness")
                with tempfile.TemporaryDirectory(prefix="infermatrix-trt-workspace-") as workspace:
                    if flow.name == ENGINE:  # ours: the built engine stays readable if the executor refuses it
                        args["LLM"]["workspace"] = workspace
                    status, reason = _run_installed(writer, args, model)
    except (NotApplicable, FlowUnavailable) as exc:
        status, reason = "skipped", str(exc)
    except (MappingError, RowError) as exc:
        status, reason = "failed", str(exc)
    except Exception as exc:  # noqa: BLE001 — the library's own error text becomes the verdict
        writer.log(traceback.format_exc(), stream="harness")
        status, reason = "failed", f"{type(exc).__name__}: {exc}"
    writer.emit("result", status=status, reason=reason, elapsed_s=round(time.perf_counter() - started, 4),
                parameters=applied, model=model or "tiny-random-qwen2")
    return status


def _what_it_would_be(matrix: str, row_key: str) -> tuple[str, dict]:
    """The not-installed reason's tail and parameters: the row's engine-flow mapping, for the reader."""
    try:
        if matrix != "params":
            return f" (the {matrix} matrix is not wired to TensorRT-LLM yet)", {}
        args = tensorrt_arguments(parse_row(row_key), "<model>", ENGINE)
        return " (the engine flow's arguments are in `parameters`)", _plain(args)
    except (MappingError, NotApplicable, RowError) as exc:
        return f" (on an install this row would not run: {exc})", {}


def _plain(args: dict) -> dict:
    keep = ("LLM", "BuildConfig", "KvCacheConfig", "QuantConfig", "CalibConfig", "SamplingParams", "generate")
    return {"flow": args["flow"], **{k: v for k, v in args.items() if k in keep and v}}


def _run_installed(writer, args: dict, model: str | None):
    """One LLM for the row (and one for its baseline), the prompts, the checks."""
    from harness.backends.tensorrt_run import build_llm, engine_config_in, observe, with_baseline

    if model is None:
        from harness.tiny_model import ensure_tiny_qwen2

        args["LLM"]["model"], _ = ensure_tiny_qwen2()
    writer.emit("phase", name="load")
    try:
        llm, sampling = build_llm(args)
    except Exception as exc:  # noqa: BLE001
        if not args["expect_refusal"]:
            raise
        built = engine_config_in(args["LLM"].get("workspace"))
        for item in read_back(args, {"engine_config": built} if built else {}):
            writer.emit("check", **item)
        return "failed", f"refused, as expected: {args['expect_refusal']} ({type(exc).__name__}: {exc})"
    if args["expect_refusal"]:
        writer.log(f"expected a refusal ({args['expect_refusal']}) but the LLM started", stream="harness")
    try:
        writer.emit("phase", name="generate")
        seen = observe(writer, llm, sampling, args, emit=True)
    finally:
        llm.shutdown()
    base = None
    if args["baseline"]:
        writer.emit("phase", name="baseline")
        base_args = with_baseline(args)
        try:
            base_llm, base_sampling = build_llm(base_args)
            try:
                base = observe(writer, base_llm, base_sampling, base_args, emit=False)
            finally:
                base_llm.shutdown()
        except Exception as exc:  # noqa: BLE001 — a refused baseline is an observation (chunked context)
            writer.log(f"baseline refused: {type(exc).__name__}: {exc}", stream="harness")
    writer.emit("phase", name="validate")
    checks = read_back(args, seen) + effects(args, seen, base)
    for item in checks:
        writer.emit("check", **item)
    return verdict(checks, args)


def serve_tensorrt(writer, args, requests) -> int:
    """Runs each request (one for `run`, stdin lines for `serve`); `hello` was written already."""
    for request in requests:
        with writer.answering(request):
            run_tensorrt_cell(writer, request.get("matrix", "params"), request.get("row", ""), args.model,
                              request.get("column"))
    return 0
