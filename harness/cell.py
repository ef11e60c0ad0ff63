"""Runs one cell: resolve the row, hand it to its family, turn the outcome into a `result`.

    outcome = run_cell(writer, adapter, "params", "streaming=True", seed=0)
"""

from __future__ import annotations

import os
import time
import traceback

from harness.backends.pytorch_run import RunContext, RunFailed, RunSkipped
from harness.params import BACKEND_NAMES, PARAMS, RowError, owner_backend, parse_row
from harness import mutation
from harness.verdict import checks_verdict


def _library_error(exc: BaseException) -> bool:
    """True when the innermost frame is outside the harness (torch, transformers, …)."""
    tb = exc.__traceback__
    last = None
    while tb is not None:
        last = tb.tb_frame.f_code.co_filename
        tb = tb.tb_next
    here = os.path.dirname(os.path.abspath(__file__))
    return last is not None and not os.path.abspath(last).startswith(here)


def _resolve(row_key: str, backend: str):
    """Returns (row, family) or raises RunFailed/RunSkipped."""
    try:
        row = parse_row(row_key)
    except RowError as exc:
        raise RunFailed(str(exc)) from None
    owner = owner_backend(row.name)
    spec = PARAMS.get(row.name)
    if owner and owner != backend:
        raise RunSkipped(f"parameter of the {BACKEND_NAMES[owner]} backend; not applicable to {backend}")
    if spec is None:
        raise RunFailed(f"unknown parameter {row.name!r} (not in the params matrix; see `python -m harness list-params`)")
    if backend not in spec.backends:
        raise RunSkipped(f"{row.name} is not applicable to {backend}: {spec.maps_to.get(backend, '')}")
    return row, spec.family


def run_cell(writer, adapter, matrix: str, row_key: str, seed: int = 0, column: str | None = None) -> str:
    """Runs one cell and writes its events, the `result` last. Returns the result status."""
    from harness.families import FAMILIES

    started = time.perf_counter()
    ctx = RunContext(writer=writer, adapter=adapter, seed=seed)
    status, reason = "error", ""
    try:
        writer.emit("phase", name="resolve")
        if matrix != "params":
            raise RunSkipped(f"the {matrix} matrix is not testable yet (issue 5); only 'params' is")
        row, family = _resolve(row_key, adapter.name)
        ctx.applied["row"] = row.key
        ctx.applied["value"] = row.value
        if mutation.mode():
            ctx.applied["mutation"] = mutation.mode()
        FAMILIES[family](ctx, row)
        status, reason = checks_verdict(ctx.checks, ctx.uncertain, "; ".join(ctx.notes))
    except RunSkipped as exc:
        status, reason = "skipped", str(exc)
    except RunFailed as exc:
        status, reason = "failed", str(exc)
    except Exception as exc:  # noqa: BLE001 — every failure becomes a verdict
        text = f"{type(exc).__name__}: {exc}"
        trace = traceback.format_exc()
        if _library_error(exc):
            writer.log(trace, stream="harness")
            status, reason = "failed", text
        else:
            writer.emit("error", message=text, traceback=trace)
            status, reason = "error", text
    writer.emit("result", status=status, reason=reason, elapsed_s=round(time.perf_counter() - started, 4),
                parameters=ctx.applied, model=ctx.model_name or (adapter.model_arg or "tiny-random-qwen2"))
    return status
