"""One cell, on every backend and matrix: the run context oracles write to, and the one place that
emits a `result`.

    status = run_cell(writer, adapter, "params", "streaming=True", seed=0)

The adapter (harness/backends/*: PyTorchAdapter, VllmAdapter, TensorrtAdapter) holds the backend's
worker state; the runner harness/dispatch.py picks for the backend and the matrix's kind resolves
the row (or the feature column), loads, generates and records checks through the context. A verdict
of its own is raised as a `CellOutcome` (harness/errors.py); any other exception becomes the
verdict the adapter's `failure(ctx, exc)` gives.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from harness.catalogue import CATALOGUE
from harness.dispatch import runner_for
from harness.errors import CellOutcome
from harness.verdict import EVIDENCE, Check, checked_kind, checks_verdict


@dataclass
class RunContext:
    """What an oracle works with: the event writer, the adapter, the cell, its checks and parameters.

        ctx.phase("validate")
        ctx.check("streamed equals non-streamed", same, "16 tokens: identical", kind=EFFECT)
    """

    writer: object
    adapter: object
    seed: int = 0
    matrix: str = "params"
    row: str = ""
    column: str | None = None
    checks: list = field(default_factory=list)
    applied: dict = field(default_factory=dict)
    model_name: str = ""
    notes: list = field(default_factory=list)  # why no oracle could tell (the `uncertain` reason)
    uncertain: str = ""  # the checks cannot tell that the setting took effect (e.g. verdict.DEFAULT_VALUE)
    last_stats: dict = field(default_factory=dict)  # the last measured generate's figures (PyTorch families)

    @property
    def kind(self) -> str | None:
        """The matrix's kind from the catalogue: `parameters`, `features`, `models` (None: unknown)."""
        return CATALOGUE.matrix_kind(self.matrix)

    def phase(self, name: str) -> None:
        self.writer.emit("phase", name=name)

    def check(self, name: str, passed: bool, evidence: str, kind: str = EVIDENCE) -> bool:
        """Records one oracle check; `kind` is EFFECT or EVIDENCE (harness/verdict.py says which)."""
        passed = bool(passed)
        self.checks.append(Check(name, passed, evidence, checked_kind(kind)))
        self.writer.emit("check", name=name, passed=passed, evidence=evidence, kind=kind)
        return passed

    def metric(self, name: str, value: float, unit: str) -> None:
        self.writer.emit("metric", name=name, value=value, unit=unit)

    def log(self, text: str) -> None:
        self.writer.log(text, stream="harness")

    def verdict(self) -> tuple[str, str]:
        """harness/verdict.py's rule over the checks; an `uncertain` run with checks says its notes."""
        status, reason = checks_verdict(self.checks, self.uncertain, "; ".join(self.notes))
        if status == "uncertain" and self.notes and self.checks:
            reason += " (" + "; ".join(self.notes) + ")"
        return status, reason


def run_cell(writer, adapter, matrix: str, row_key: str, seed: int = 0, column: str | None = None) -> str:
    """Runs one cell and writes its events, the `result` last. Returns the result status."""
    started = time.perf_counter()
    ctx = RunContext(writer=writer, adapter=adapter, seed=seed, matrix=matrix or "params", row=row_key or "",
                     column=column)
    try:
        ctx.phase("resolve")
        runner_for(adapter.name, ctx.kind)(ctx)
        status, reason = ctx.verdict()
    except CellOutcome as exc:
        status, reason = exc.status, str(exc)
    except Exception as exc:  # noqa: BLE001 — every failure becomes a verdict
        status, reason = adapter.failure(ctx, exc)
    writer.emit("result", status=status, reason=reason, elapsed_s=round(time.perf_counter() - started, 4),
                parameters=ctx.applied, model=ctx.model_name or adapter.default_model)
    return status


def run_request(writer, adapter, request: dict, seed: int = 0) -> str:
    """One request (a `run` command line or a `serve` line) as a cell, its events carrying the request's id."""
    with writer.answering(request):
        return run_cell(writer, adapter, request.get("matrix") or "params", str(request.get("row", "")),
                        int(request.get("seed", seed)), request.get("column"))
