"""The TensorRT-LLM backend: picks the flow from the installed version (tensorrt_flows), maps the
row for it (tensorrt_mapping), runs it (tensorrt_run) and checks it (tensorrt_checks).

Where `tensorrt_llm` cannot be imported (every CPU machine) every request is answered `skipped`
with "TensorRT-LLM not installed" and how to install it — never passed, never failed; what the
row would map to (or why it cannot) follows in the reason. Installed: a row without a
counterpart on the flow in use is `skipped` ("not applicable on TensorRT-LLM's PyTorch backend"),
a row TensorRT-LLM cannot do is `failed` with the reason.

    status = run_cell(writer, TensorrtAdapter(writer, model=None), "params", "tensorrt.max_batch_size=4")
"""

from __future__ import annotations

import importlib.util
import tempfile
import traceback

from harness.backends.tensorrt_checks import effects, read_back, verdict
from harness.backends.tensorrt_flows import ENGINE, choose_flow
from harness.backends.tensorrt_mapping import INSTALL_HINT, tensorrt_arguments
from harness.errors import MappingError, NotApplicable, RowError, RunFailed, RunSkipped
from harness.params import own_row, parse_row

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


class TensorrtAdapter:
    """The TensorRT-LLM backend's worker state: whether `tensorrt_llm` is importable, the model asked for."""

    name = "tensorrt"

    def __init__(self, writer, model: str | None):
        self.writer = writer
        self.model_arg = model
        self.installed = tensorrt_available()

    @property
    def default_model(self) -> str:
        return self.model_arg or "tiny-random-qwen2"

    def failure(self, ctx, exc: BaseException) -> tuple[str, str]:
        """The library's own error text is the verdict `failed`."""
        ctx.log(traceback.format_exc())
        return "failed", f"{type(exc).__name__}: {exc}"

    def close(self) -> None:
        pass


def run_parameter_cell(ctx) -> None:
    """One params cell: `skipped` without TensorRT-LLM (what the row would map to in `parameters`),
    else the row on the installed flow."""
    adapter = ctx.adapter
    if not adapter.installed:
        tail, ctx.applied = _what_it_would_be(ctx.row)
        raise RunSkipped(NOT_INSTALLED + tail)
    row = own_row(ctx.row, adapter.name)
    flow = _installed_flow()
    ctx.log(f"TensorRT-LLM {flow.version}: {flow.name} flow" + (f" ({flow.gone})" if flow.gone else ""))
    try:
        args = tensorrt_arguments(row, adapter.model_arg or "<tiny-random-qwen2>", flow.name)
    except NotApplicable as exc:
        raise NotApplicable(f"{exc}" + (f"; {flow.gone}" if flow.gone else "")) from exc
    ctx.applied = _plain(args)
    ctx.log(f"TensorRT-LLM arguments: {ctx.applied}")
    with tempfile.TemporaryDirectory(prefix="infermatrix-trt-workspace-") as workspace:
        if flow.name == ENGINE:  # ours: the built engine stays readable if the executor refuses it
            args["LLM"]["workspace"] = workspace
        _run_installed(ctx, args, adapter.model_arg)


def run_feature_cell(ctx) -> None:
    adapter = ctx.adapter
    wired = f"the {ctx.matrix} matrix is not wired to TensorRT-LLM yet"
    raise RunSkipped(NOT_INSTALLED + f" ({wired})" if not adapter.installed else wired)


def _what_it_would_be(row_key: str) -> tuple[str, dict]:
    """The not-installed reason's tail and parameters: the row's engine-flow mapping, for the reader."""
    try:
        args = tensorrt_arguments(parse_row(row_key), "<model>", ENGINE)
        return " (the engine flow's arguments are in `parameters`)", _plain(args)
    except (MappingError, NotApplicable, RowError) as exc:
        return f" (on an install this row would not run: {exc})", {}


def _plain(args: dict) -> dict:
    keep = ("LLM", "BuildConfig", "KvCacheConfig", "QuantConfig", "CalibConfig", "SamplingParams", "generate")
    return {"flow": args["flow"], **{k: v for k, v in args.items() if k in keep and v}}


def _run_installed(ctx, args: dict, model: str | None) -> None:
    """One LLM for the row (and one for its baseline), the prompts, the checks; the verdict's
    `uncertain` reason goes to `ctx.uncertain` (tensorrt_checks.verdict)."""
    from harness.backends.tensorrt_run import build_llm, engine_config_in, observe, with_baseline

    writer = ctx.writer
    if model is None:
        from harness.tiny_model import ensure_tiny_qwen2

        args["LLM"]["model"], _ = ensure_tiny_qwen2()
    ctx.phase("load")
    try:
        llm, sampling = build_llm(args)
    except Exception as exc:  # noqa: BLE001
        if not args["expect_refusal"]:
            raise
        built = engine_config_in(args["LLM"].get("workspace"))
        for item in read_back(args, {"engine_config": built} if built else {}):
            ctx.check(**item)
        raise RunFailed(f"refused, as expected: {args['expect_refusal']} ({type(exc).__name__}: {exc})") from None
    if args["expect_refusal"]:
        ctx.log(f"expected a refusal ({args['expect_refusal']}) but the LLM started")
    try:
        ctx.phase("generate")
        seen = observe(writer, llm, sampling, args, emit=True)
    finally:
        llm.shutdown()
    base = None
    if args["baseline"]:
        ctx.phase("baseline")
        base_args = with_baseline(args)
        try:
            base_llm, base_sampling = build_llm(base_args)
            try:
                base = observe(writer, base_llm, base_sampling, base_args, emit=False)
            finally:
                base_llm.shutdown()
        except Exception as exc:  # noqa: BLE001 — a refused baseline is an observation (chunked context)
            ctx.log(f"baseline refused: {type(exc).__name__}: {exc}")
    ctx.phase("validate")
    checks = read_back(args, seen) + effects(args, seen, base)
    for item in checks:
        ctx.check(**item)
    status, reason = verdict(checks, args)
    ctx.uncertain = reason if status == "uncertain" else ""
