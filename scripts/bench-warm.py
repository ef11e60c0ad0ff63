#!/usr/bin/env python3
"""Prints time to first token of a PyTorch test: cold (a new `python -m harness run` process) vs
warm (a later request to a `python -m harness serve` worker that already served one).

    python scripts/bench-warm.py [--row decoder.beam_search.num_beams=1] [--repeats 3] [--device cpu]

Cold: from spawning the process to its first `token` event (imports, model load, warm-up
included). Warm: from writing the request line to the worker to that request's first `token`
event. Also prints each side's time to `result` and the CPU time of the processes (2 cores shared).
Medians over --repeats; the warm worker serves 1 + repeats requests (the first one loads the model).
"""

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def cold(row: str, device: str) -> tuple[float, float]:
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-u", "-m", "harness", "run", "--row", row, "--backend", "pytorch",
                             "--device", device], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    first = None
    for line in proc.stdout:
        event = json.loads(line)
        if event["event"] == "token" and first is None:
            first = time.perf_counter() - started
        if event["event"] == "result":
            done = time.perf_counter() - started
    proc.wait()
    return first, done


def warm(row: str, device: str, repeats: int) -> list[tuple[float, float]]:
    proc = subprocess.Popen([sys.executable, "-u", "-m", "harness", "serve", "--backend", "pytorch", "--device", device],
                            cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    figures = []
    for index in range(repeats + 1):
        started = time.perf_counter()
        proc.stdin.write(json.dumps({"id": f"r{index}", "matrix": "params", "row": row}) + "\n")
        proc.stdin.flush()
        first = None
        for line in proc.stdout:
            event = json.loads(line)
            if event.get("id") != f"r{index}":
                continue
            if event["event"] == "token" and first is None:
                first = time.perf_counter() - started
            if event["event"] == "result":
                if index > 0:  # the first request loads the model
                    figures.append((first, time.perf_counter() - started))
                break
    proc.stdin.close()
    proc.wait()
    return figures


def cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--row", default="decoder.beam_search.num_beams=1")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--device", default="cpu")
    args = parser.parse_args()

    before = cpu()
    colds = [cold(args.row, args.device) for _ in range(args.repeats)]
    cold_cpu = (cpu() - before) / args.repeats
    before = cpu()
    warms = warm(args.row, args.device, args.repeats)
    warm_cpu = cpu() - before
    print(f"row {args.row} on {args.device}, medians of {args.repeats}:")
    print(f"cold (new process): first token {statistics.median(f for f, _ in colds):.2f} s, "
          f"result {statistics.median(d for _, d in colds):.2f} s, CPU {cold_cpu:.1f} s per test "
          f"(runs: {', '.join(f'{f:.2f}' for f, _ in colds)})")
    print(f"warm (worker's later request): first token {statistics.median(f for f, _ in warms):.2f} s, "
          f"result {statistics.median(d for _, d in warms):.2f} s (runs: {', '.join(f'{f:.2f}' for f, _ in warms)}); "
          f"worker CPU {warm_cpu:.1f} s for start-up + {args.repeats + 1} requests")
    print(f"(load average now: {', '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} cores)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
