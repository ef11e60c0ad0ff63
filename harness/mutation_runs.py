"""Runs rows with and without their mutation (harness/mutation.py) and says which oracle is weak:
the shared core of the CI test (harness/tests/test_mutation.py) and of `scripts/oracles-report`,
which writes docs/oracles.md.

    rows = applicable_rows("pytorch")                 # every params row the PyTorch harness runs
    outcome = mutation_outcome(run, "decoder.top_k=50")
    outcome.verdict, outcome.mutated, outcome.survived   # "passed", "failed", False
    recorded = recorded_runs("data/runs/cpu-2026-12-01-vllm-params.runs.json")   # row → (status, reason, checks)
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass, field

from harness import mutation
from harness.params import PARAMS, owner_backend, parse_row

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATABASE = os.path.join(REPO, "data", "matrix.sqlite")


def params_rows() -> list[str]:
    """The row keys of the bundled params matrix, in its order."""
    with sqlite3.connect(f"file:{DATABASE}?mode=ro", uri=True) as db:
        return [key for (key,) in db.execute(
            "SELECT key FROM matrix_row WHERE matrix_id = (SELECT id FROM matrix WHERE name = 'params') "
            "ORDER BY position")]


def applicable_rows(backend: str) -> list[str]:
    """Rows the harness runs on `backend` (others are skipped as not applicable before any oracle)."""
    keep = []
    for key in params_rows():
        name = parse_row(key).name
        owner = owner_backend(name)
        spec = PARAMS.get(name)
        if (owner and owner != backend) or (owner is None and spec is not None and backend not in spec.backends):
            continue
        keep.append(key)
    return keep


@dataclass
class Outcome:
    """One row run twice: its verdict, the mutated run's verdict, the checks' kinds."""

    row: str
    verdict: str
    reason: str
    mutated: str = ""
    mutated_reason: str = ""
    checks: list = field(default_factory=list)  # (name, kind, evidence) of the normal run

    @property
    def survived(self) -> bool:
        """A pass that still passes with its parameter dropped: the oracle is weak."""
        return self.verdict == "passed" and self.mutated == "passed"

    @property
    def strength(self) -> str:
        if self.verdict == "passed":
            return "weak (survives its mutation)" if self.survived else "strong"
        return self.verdict


def mutation_outcome(run, row: str, first=None) -> Outcome:
    """`run(row)` → (status, reason, check events). Runs it (or takes `first`, the same triple from
    a run recorded earlier), then, when it passed, runs it mutated."""
    status, reason, checks = first or run(row)
    outcome = Outcome(row, status, reason, checks=[(c["name"], c.get("kind"), c.get("evidence", "")) for c in checks])
    if status == "passed":
        saved = os.environ.get(mutation.VARIABLE)
        os.environ[mutation.VARIABLE] = "drop"
        try:
            outcome.mutated, outcome.mutated_reason, _ = run(row)
        finally:
            if saved is None:
                os.environ.pop(mutation.VARIABLE, None)
            else:
                os.environ[mutation.VARIABLE] = saved
    return outcome


def recorded_runs(path: str) -> dict:
    """The params rows' runs in a runs file (what `infermatrix test --all` recorded, exported), as
    `run` returns them: row → (status, reason, check events). The latest run of a row wins; error
    runs are left out, so those rows run again."""
    import json

    with open(path) as f:
        runs = json.load(f).get("runs", [])
    out = {}
    for recorded in runs:
        request = recorded.get("request") or {}
        if request.get("matrix", "params") != "params" or recorded.get("status") == "error":
            continue
        out[request.get("row")] = (recorded["status"], recorded.get("reason", ""), recorded.get("checks") or [])
    return out
