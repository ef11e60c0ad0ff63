#!/usr/bin/env python3
"""Prints the scheduling overhead per cell of a batch on Ray against the local pool (issue 11:
target median ≤ 50 ms more per cell).

    python scripts/bench-ray.py [--cells 20] [--row decoder.preset=standard] [--address local]

The same cells, one at a time after one warm-up cell, go to (a) a local warm worker
(`python -m harness serve`, what the engine's pool runs) and (b) the Ray driver
(`python -m harness ray-driver`, which runs them on an actor wrapping that same worker). For each
cell: latency = request line written → its `result` line read; overhead = latency − the
harness's own `elapsed_s` for the cell (the work itself, identical on both). The Swift engine's
side (spawning, reading JSON lines) is the same for both paths and is not in either figure.
`--address local` starts a Ray cluster for the run (stopped after); any HOST:PORT is used as is.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def measure(command: list[str], cells: int, row: str, device: str) -> list[tuple[float, float]]:
    process = subprocess.Popen(command, cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                               env=dict(os.environ, PYTHONUNBUFFERED="1"))
    figures = []
    try:
        for index in range(cells + 1):         # the first cell warms the worker (imports, model)
            request = {"id": f"b{index}", "matrix": "params", "row": row, "backend": "pytorch", "device": device}
            sent = time.perf_counter()
            process.stdin.write(json.dumps(request) + "\n")
            process.stdin.flush()
            for line in process.stdout:
                event = json.loads(line)
                if event.get("event") == "result" and event.get("id") == request["id"]:
                    latency = time.perf_counter() - sent
                    if event["status"] != "passed":
                        sys.exit(f"bench-ray: {row} did not pass: {event.get('reason')}")
                    if index:
                        figures.append((latency, latency - float(event.get("elapsed_s") or 0)))
                    break
            else:
                sys.exit(f"bench-ray: {' '.join(command[2:5])} ended early")
    finally:
        process.stdin.close()
        process.wait(timeout=120)
    return figures


def summary(name: str, figures: list[tuple[float, float]]) -> float:
    latency = [f[0] * 1000 for f in figures]
    overhead = [f[1] * 1000 for f in figures]
    q = statistics.quantiles(overhead, n=10)
    print(f"{name:<12} latency median {statistics.median(latency):8.1f} ms · overhead median "
          f"{statistics.median(overhead):7.1f} ms, p10 {q[0]:6.1f}, p90 {q[-1]:6.1f} ms ({len(figures)} cells)")
    return statistics.median(overhead)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cells", type=int, default=20)
    parser.add_argument("--row", default="decoder.preset=standard")  # passes on an effect check; do_sample=False is uncertain (default value)
    parser.add_argument("--device", default="cpu")
    parser.add_argument("--address", default="local")
    args = parser.parse_args()
    python = sys.executable
    serve = [python, "-u", "-m", "harness", "serve", "--backend", "pytorch", "--device", args.device]
    driver = [python, "-u", "-m", "harness", "ray-driver", "--address", args.address]
    print(f"{args.cells} cells of {args.row} on {args.device}, one at a time, after one warm-up cell")
    local = summary("local pool", measure(serve, args.cells, args.row, args.device))
    ray = summary("Ray", measure(driver, args.cells, args.row, args.device))
    verdict = "within" if ray - local <= 50 else "OVER"
    print(f"Ray − local: {ray - local:+.1f} ms per cell (median overhead; target ≤ 50 ms: {verdict})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
