"""Runs every applicable params row of one backend with and without its mutation and writes the
outcomes as JSON; `--markdown` merges such files into docs/oracles.md. `scripts/oracles-report`
runs both backends (PyTorch in its venv, vLLM in the vLLM venv) and writes the report.

    python -m harness.oracle_report run --backend pytorch -o /tmp/pytorch.json
    python -m harness.oracle_report run --backend vllm --recorded data/runs/cpu-2026-12-01-vllm-params.runs.json -o /tmp/vllm.json
    python -m harness.oracle_report markdown /tmp/pytorch.json /tmp/vllm.json -o docs/oracles.md
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time

from harness.events import CollectingWriter
from harness.mutation_runs import REPO, Outcome, applicable_rows, mutation_outcome, recorded_runs


def runner_for(backend: str):
    """run(row) → (status, reason, checks) of one params cell in this process, and the closer of
    the backend's adapter (a vLLM worker's engine is kept between rows with the same arguments)."""
    from harness.cell import run_cell
    from harness.dispatch import open_adapter

    holder = CollectingWriter()
    adapter = open_adapter(backend, holder, model=None, device="cpu", start=time.perf_counter())

    def run(row):
        writer = CollectingWriter()
        holder.emit = writer.emit  # the adapter's (and vLLM's log tail's) events go to this run's list
        run_cell(holder, adapter, "params", row, 0)
        return _summary(writer.events)

    return run, adapter.close


def _summary(events):
    result = events[-1]
    return result["status"], result.get("reason", ""), [e for e in events if e["event"] == "check"]


def _engine_order(rows):
    """vLLM rows grouped by engine arguments, so a warm engine serves consecutive rows."""
    from harness.backends.vllm_mapping import vllm_plan
    from harness.params import parse_row

    def key(row):
        try:
            return json.dumps(vllm_plan(parse_row(row)).engine, sort_keys=True, default=str)
        except Exception:  # noqa: BLE001 — an unmappable row fails on its own
            return ""

    return sorted(rows, key=key)


def run_backend(backend: str, rows=None, output: str | None = None, recorded: dict | None = None) -> list[dict]:
    """Runs the rows (all applicable ones by default); with `output`, the outcomes so far are written
    there after every row and rows already in it are not run again (an interrupted run resumes).
    `recorded` (mutation_runs.recorded_runs): rows already run unmutated, e.g. by `infermatrix test
    --all`; only their mutated runs are made here."""
    recorded = recorded or {}
    rows = rows or applicable_rows(backend)
    if backend == "vllm":
        rows = _engine_order(rows)
    outcomes = []
    if output and os.path.exists(output):
        with open(output) as f:
            outcomes = [o for o in json.load(f) if o["backend"] == backend and o["row"] in rows]
    done = {o["row"] for o in outcomes}
    run, close = runner_for(backend)
    try:
        for i, row in enumerate(rows, 1):
            if row in done:
                continue
            started = time.perf_counter()
            outcome = mutation_outcome(run, row, recorded.get(row))
            print(f"[{i}/{len(rows)}] {row}: {outcome.verdict} → mutated {outcome.mutated or '-'} "
                  f"({time.perf_counter() - started:.0f} s)", file=sys.stderr, flush=True)
            outcomes.append({"backend": backend, **outcome.__dict__, **({"recorded": True} if row in recorded else {})})
            if output:
                with open(output, "w") as f:
                    json.dump(outcomes, f, indent=1)
    finally:
        close()
    return outcomes


# MARK: - Markdown

def _figures(outcomes):
    strong = sum(1 for o in outcomes if o.verdict == "passed" and not o.survived)
    survivors = sum(1 for o in outcomes if o.survived)
    uncertain = sum(1 for o in outcomes if o.verdict == "uncertain")
    skipped = sum(1 for o in outcomes if o.verdict == "skipped")
    failed = sum(1 for o in outcomes if o.verdict in ("failed", "error"))
    return strong, uncertain, skipped, failed, survivors


def oracle_text(backend: str, row: str) -> str:
    """What the row's oracle checks, from its one home: the parameter's `oracle` text (PyTorch) or
    the first line of the vLLM oracle's docstring."""
    from harness.params import PARAMS, parse_row

    name = parse_row(row).name
    if backend == "pytorch":
        spec = PARAMS.get(name)
        return spec.oracle if spec and spec.oracle else "—"
    try:
        from harness.backends.vllm_mapping import vllm_plan
        from harness.families.vllm_oracles import oracle_for

        doc = oracle_for(vllm_plan(parse_row(row)).mode).__doc__ or ""
    except Exception:  # noqa: BLE001 — a row vLLM cannot express has no oracle
        return "—"
    return doc.strip().splitlines()[0] if doc.strip() else "—"


def markdown(outcomes: list[dict], note: str = "") -> str:
    by_backend: dict[str, list[Outcome]] = {}
    reused: dict[str, int] = {}
    for o in outcomes:
        data = dict(o)
        backend = data.pop("backend")
        reused[backend] = reused.get(backend, 0) + bool(data.pop("recorded", False))
        by_backend.setdefault(backend, []).append(Outcome(**data))
    lines = [
        "# Oracles: what each params row checks, and whether dropping its parameter is noticed",
        "",
        "Written by `scripts/oracles-report` (do not edit by hand). Each row below ran on CPU (tiny",
        "offline Qwen2), then — when it passed — again with its parameter dropped before it reached the",
        "library (`INFERMATRIX_MUTATE=drop`, harness/mutation.py); applicable rows not run for this",
        "report are listed under the figures. A check is of",
        "kind **effect** when it observes the parameter acting on the computation against a baseline",
        "without it, **evidence** otherwise (config read back, invariance); a run passes only with an",
        "effect check (DECISIONS.md item 3, harness/verdict.py). *What would make it fail*: any check",
        "failing; the effect checks are the ones the mutation makes fail. A pass that survives its",
        "mutation is a weak oracle: there must be none.",
        "",
        "| backend | rows | strong (passed, mutation caught) | uncertain (by the rule) | skipped | failed/error | survivors |",
        "|---|---|---|---|---|---|---|",
    ]
    missing = {}
    for backend in ("pytorch", "vllm"):
        done = {o.row for o in by_backend.get(backend, [])}
        missing[backend] = [row for row in applicable_rows(backend) if row not in done]
        items = by_backend.get(backend, [])
        strong, uncertain, skipped, failed, survivors = _figures(items)
        lines.append(f"| {backend} | {len(items)} of {len(items) + len(missing[backend])} | {strong} | {uncertain} | "
                     f"{skipped} | {failed} | {survivors} |")
    if note:
        lines += ["", note]
    for backend, count in reused.items():
        if count:
            lines += ["", f"On {backend}, {count} of the unmutated runs are the ones `infermatrix test --all` recorded "
                      f"(`scripts/oracles-report {backend} --recorded FILE`, the runs file in `data/runs/`); their "
                      "mutated runs were made for this report."]
    for backend, rows in missing.items():
        if rows:
            lines += ["", f"Not run for this report on {backend} ({len(rows)} rows; `scripts/oracles-report "
                      f"{backend}` runs them): " + ", ".join(f"`{r}`" for r in rows) + "."]
    for backend, items in by_backend.items():
        lines += ["", f"## {backend}", "",
                  "| row | oracle | verdict | effect checks (what would fail) | evidence checks | with the parameter dropped |",
                  "|---|---|---|---|---|---|"]
        for o in items:
            effect = "; ".join(name for name, kind, _ in o.checks if kind == "effect") or "—"
            evidence = "; ".join(name for name, kind, _ in o.checks if kind != "effect") or "—"
            reason = o.reason.replace("|", "\\|").replace("\n", " ")[:160]
            mutated = (f"{o.mutated}: {o.mutated_reason.replace('|', '/')[:120]}" if o.mutated
                       else "not run (the row did not pass)")
            if o.survived:
                mutated = "**SURVIVED** — " + mutated
            oracle = oracle_text(backend, o.row).replace("|", "/")
            lines.append(f"| `{o.row}` | {oracle} | {o.verdict}: {reason} | {effect} | {evidence} | {mutated} |")
    return "\n".join(lines + legacy_runs(outcomes)) + "\n"


def legacy_runs(outcomes: list[dict]) -> list[str]:
    """The section on the committed runs (data/runs/*.runs.json) that passed without any check
    kind: under the rule they read as recorded under the old rule (the engine counts kind-less checks
    as evidence, so they are not shown as passed); beside each, what today's oracle makes of the row."""
    import glob

    from harness.catalogue import CATALOGUE

    today = {(o["backend"], o["row"]): o for o in outcomes}
    lines = ["", "## Committed runs recorded under the old rule", "",
             "Runs in `data/runs/` whose checks carry no `kind` were judged by the old rule. The engine reads",
             "such checks as evidence (DECISIONS.md item 2), and a runs file is read under today's rule when",
             "it is imported (`RunVerdict.recorded`, so also in the bundled database): none of these is kept",
             "as passed; each is stored `uncertain`, \"recorded under the old rule as passed (…): no check",
             "observed the parameter's effect\", until it is re-run (the H100 PyTorch column was re-run on an",
             "H200 under the rule: data/runs/h200-2026-12-01-pytorch-*.runs.json). Today's oracle for the",
             "same row (CPU):", "",
             "| runs file | row | recorded | checks then | today on CPU |", "|---|---|---|---|---|"]
    for path in sorted(glob.glob(os.path.join(REPO, "data", "runs", "*.runs.json"))):
        with open(path) as f:
            runs = json.load(f).get("runs", [])
        for run in runs:
            checks = run.get("checks") or []
            if run.get("status") != "passed" or any("kind" in c for c in checks):
                continue
            request = run.get("request", {})
            row = request.get("row", "?")
            if CATALOGUE.matrix_kind(request.get("matrix", "")) != "parameters":
                row = f"{row} × {request.get('column')}"
            now = today.get((request.get("backend"), row))
            verdict = f"{now['verdict']}: {now['reason'][:80]}" if now else "not a params row run here"
            names = "; ".join(c.get("name", "?") for c in checks) or "—"
            lines.append(f"| {os.path.basename(path)} | `{row}` | passed (old rule) | {names} | {verdict} |")
    return lines


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m harness.oracle_report")
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run")
    run.add_argument("--backend", required=True, choices=("pytorch", "vllm"))
    run.add_argument("--rows", nargs="*", default=None)
    run.add_argument("-o", "--output", required=True)
    run.add_argument("--recorded", help="a runs file whose runs stand for the unmutated runs of its rows")
    md = sub.add_parser("markdown")
    md.add_argument("inputs", nargs="+")
    md.add_argument("-o", "--output", required=True)
    md.add_argument("--note", default="", help="how and when the figures were made (machine, load), under the table")
    args = parser.parse_args(argv)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    if args.command == "run":
        run_backend(args.backend, args.rows, args.output, recorded_runs(args.recorded) if args.recorded else None)
        return 0
    outcomes = []
    for path in args.inputs:
        with open(path) as f:
            outcomes += json.load(f)
    with open(args.output, "w") as f:
        f.write(markdown(outcomes, args.note))
    return 0


if __name__ == "__main__":
    sys.exit(main())
