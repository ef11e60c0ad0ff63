"""`traffic_simulation.*`: requests arriving over time, served in order with real generate calls.

Arrivals at RATE requests/s from a seeded generator: constant → gaps of exactly 1/RATE;
poisson → exponential gaps (mean 1/RATE). `enabled` (bare or True) means mode=constant.
Oracles: constant gaps are all equal; over POISSON_SAMPLES gaps the Poisson mean is within 10%
of 1/RATE and the coefficient of variation within 0.85..1.15; the REQUESTS served requests start
no earlier than they arrive, in arrival order, and each output equals its greedy output.
"""

import random
import statistics
import time

from harness.prompts import PROMPTS
from harness.context import RunFailed
from harness.families.common import default_loaded

RATE = 20.0
REQUESTS = 8
POISSON_SAMPLES = 2000


def arrival_gaps(mode: str, count: int, rate: float, seed: int) -> list[float]:
    if mode == "constant":
        return [1.0 / rate] * count
    if mode == "poisson":
        rng = random.Random(seed)
        return [rng.expovariate(rate) for _ in range(count)]
    raise ValueError(f"unknown traffic mode {mode!r}; expected constant or poisson")


def run(ctx, row):
    mode = "constant" if row.name.endswith(".enabled") else str(row.value)
    if row.name.endswith(".enabled") and not row.value:
        raise RunFailed("traffic_simulation.enabled=False: no traffic to simulate")
    ctx.applied.update(mode=mode, rate_per_s=RATE, requests=REQUESTS)
    try:
        gaps = arrival_gaps(mode, REQUESTS, RATE, ctx.seed)
    except ValueError as exc:
        raise RunFailed(str(exc)) from None
    loaded = default_loaded(ctx)
    ctx.phase("generate")
    arrivals, t = [], 0.0
    for gap in gaps:
        t += gap
        arrivals.append(t)
    origin = time.perf_counter()
    served, outputs, tokens = [], [], 0
    for i, (arrival, prompt) in enumerate(zip(arrivals, PROMPTS)):
        delay = arrival - (time.perf_counter() - origin)
        if delay > 0:
            time.sleep(delay)
        served.append(time.perf_counter() - origin)
        out, plen = ctx.measured_generate(loaded, [prompt], seq_offset=i, emit_metrics=False, do_sample=False)
        outputs.append(out[0][plen:].tolist())
        tokens += ctx.last_stats["new_tokens"]
    total = time.perf_counter() - origin
    ctx.metric("tokens_per_s", tokens / total, "tok/s")
    ctx.metric("requests_per_s", REQUESTS / total, "req/s")
    ctx.phase("validate")
    if mode == "constant":
        ctx.check("constant gaps equal", len(set(gaps)) == 1,
                  f"{len(gaps)} gaps, distinct values {sorted(set(gaps))} (1/rate = {1 / RATE})")
    else:
        sample = arrival_gaps(mode, POISSON_SAMPLES, RATE, ctx.seed)
        mean = statistics.fmean(sample)
        cv = statistics.pstdev(sample) / mean
        ctx.check("poisson inter-arrival mean ~ 1/rate", abs(mean - 1 / RATE) <= 0.1 / RATE,
                  f"{POISSON_SAMPLES} gaps: mean {mean:.5f} s vs 1/rate {1 / RATE:.5f} s (±10%)")
        ctx.check("poisson coefficient of variation ~ 1", 0.85 <= cv <= 1.15, f"CV {cv:.3f} (exponential: 1)")
    order_ok = all(s >= a - 1e-3 for s, a in zip(served, arrivals)) and served == sorted(served)
    ctx.check("served in arrival order, never before arrival", order_ok,
              "arrival/start (s): " + ", ".join(f"{a:.3f}/{s:.3f}" for a, s in zip(arrivals, served)))
    greedy = [loaded.greedy_ids([p])[0] for p in PROMPTS[:REQUESTS]]
    ctx.check("outputs equal greedy", outputs == greedy,
              f"{REQUESTS} requests: " + ("identical" if outputs == greedy else "different"))
