"""`traffic_simulation.*`: requests arriving over time, served in order with real generate calls.

Arrivals at RATE requests/s from a seeded generator: constant → gaps of exactly 1/RATE;
poisson → exponential gaps (mean 1/RATE). `enabled` (bare or True) means mode=constant.
Without the parameter every request is there at once and they are served back to back
(`enabled`); without `mode=poisson` the gaps are constant (mode=constant is the default mode:
uncertain, nothing to observe).

A client thread puts the requests into the server's queue at their arrival times; the queue
notes when each arrived, the server serves them in order. Oracles on the gaps between the
arrivals of the REQUESTS requests really served (effect; service time does not enter them):
- constant: mean served gap within 25% of 1/RATE and the gaps' coefficient of variation below
  the ALPHA-quantile of an exponential sample's CV (Poisson rejected at significance ALPHA);
- poisson: the served gaps' CV at or above that quantile (Poisson not rejected at ALPHA; constant
  gaps, CV ~ 0, are rejected).
Evidence: served in arrival order, never before arrival; each output equals its greedy output.
"""

import queue
import random
import statistics
import threading
import time

from harness import mutation
from harness.catalogue import CATALOGUE, spoken
from harness.errors import RunFailed
from harness.families.common import default_loaded
from harness.prompts import PROMPTS
from harness.verdict import DEFAULT_VALUE, EFFECT, EVIDENCE
from harness.backends.pytorch_run import measured_generate

RATE = 4.0      # requests/s: gaps (250 ms) well above a tiny-model request's service time
REQUESTS = 8
ALPHA = 0.01    # significance level of the Poisson-versus-constant test
NULL_SAMPLES = 20000


def arrival_gaps(mode: str, count: int, rate: float, seed: int) -> list[float]:
    if mode == "constant":
        return [1.0 / rate] * count
    if mode == "poisson":
        rng = random.Random(seed)
        return [rng.expovariate(rate) for _ in range(count)]
    if mode == "none":  # no traffic simulation: every request is there at once
        return [0.0] * count
    raise ValueError(f"unknown traffic mode {mode!r}; expected {spoken(CATALOGUE.traffic_modes)}")


def cv(gaps: list[float]) -> float:
    mean = statistics.fmean(gaps)
    return statistics.pstdev(gaps) / mean if mean > 0 else 0.0


def poisson_cv_quantile(n: int, alpha: float = ALPHA) -> float:
    """The alpha-quantile of the CV of n exponential gaps (Monte Carlo, fixed seed): below it,
    'these gaps come from a Poisson process' is rejected at significance alpha."""
    rng = random.Random(12345)
    sample = sorted(cv([rng.expovariate(1.0) for _ in range(n)]) for _ in range(NULL_SAMPLES))
    return sample[int(alpha * NULL_SAMPLES)]


def send(gaps) -> tuple[queue.Queue, float]:
    """Starts the client: a thread that puts (request index, seconds since `origin`) into the
    returned queue at each request's arrival time. Returns (the queue, origin). The PyTorch server
    below and vLLM's (harness/families/vllm_steps.py) take their requests from it."""
    requests: queue.Queue = queue.Queue()
    origin = time.perf_counter()

    def client():
        due = 0.0
        for i, gap in enumerate(gaps):
            due += gap
            delay = due - (time.perf_counter() - origin)
            if delay > 0:
                time.sleep(delay)
            requests.put((i, time.perf_counter() - origin))

    threading.Thread(target=client, daemon=True).start()
    return requests, origin


def _serve(ctx, loaded, gaps):
    """The server takes the client's requests (`send`) in order and generates. Returns (arrival
    times, service start times, outputs, new tokens, total seconds)."""
    requests, origin = send(gaps)
    arrived, served, outputs, tokens = [], [], [], 0
    for _ in gaps:
        i, at = requests.get(timeout=600)
        arrived.append(at)
        served.append(time.perf_counter() - origin)
        out, plen = measured_generate(ctx, loaded, [PROMPTS[i]], seq_offset=i, emit_metrics=False, do_sample=False)
        outputs.append(out[0][plen:].tolist())
        tokens += ctx.last_stats["new_tokens"]
    return arrived, served, outputs, tokens, time.perf_counter() - origin


def planned_gaps(ctx, row) -> tuple[str, list[float]]:
    """(the row's mode, the gaps its arrivals are sent with: the baseline's under the mutation); notes mode,
    rate and count in ctx.applied and sets ctx.uncertain when the mode is the baseline's. Shared
    by the PyTorch family and vLLM's (harness/families/vllm_steps.py)."""
    mode = "constant" if row.name.endswith(".enabled") else str(row.value)
    if row.name.endswith(".enabled") and not row.value:
        raise RunFailed("traffic_simulation.enabled=False: no traffic to simulate")
    ctx.applied.update(mode=mode, rate_per_s=RATE, requests=REQUESTS)
    try:
        arrival_gaps(mode, REQUESTS, RATE, ctx.seed)
    except ValueError as exc:
        raise RunFailed(str(exc)) from None
    baseline = "none" if row.name.endswith(".enabled") else "constant"
    if mode == baseline:
        ctx.uncertain = DEFAULT_VALUE
    return mode, arrival_gaps(mutation.deliver(mode, baseline), REQUESTS, RATE, ctx.seed)


def judge_gaps(ctx, mode: str, arrived: list[float]) -> None:
    """The effect check on the served requests' arrival times (seconds since the client started)
    against the row's `mode`."""
    arrival_gaps_seen = [b - a for a, b in zip([0.0] + arrived, arrived)]
    observed, limit = cv(arrival_gaps_seen), poisson_cv_quantile(REQUESTS)
    mean = statistics.fmean(arrival_gaps_seen)
    listing = ", ".join(f"{g * 1000:.0f}" for g in arrival_gaps_seen)
    if mode == "constant":
        ok = abs(mean - 1 / RATE) <= 0.25 / RATE and observed < limit
        ctx.check("served requests arrived at constant gaps of 1/rate", ok,
                  f"gaps (ms) between the served requests' arrivals in the server's queue: {listing}; mean "
                  f"{mean * 1000:.0f} ms vs 1/rate {1000 / RATE:.0f} ms (±25%); CV {observed:.3f} < {limit:.3f}, the "
                  f"{ALPHA} quantile of {REQUESTS} exponential gaps' CV (Poisson rejected at that level)", kind=EFFECT)
    else:
        ctx.check("served requests arrived as a Poisson process, not at constant gaps", observed >= limit,
                  f"gaps (ms) between the served requests' arrivals in the server's queue: {listing}; CV "
                  f"{observed:.3f} vs {limit:.3f}, the {ALPHA} quantile of {REQUESTS} exponential gaps' CV: Poisson "
                  f"{'not ' if observed >= limit else ''}rejected at significance {ALPHA} (constant gaps: CV ~ 0); "
                  f"mean {mean * 1000:.0f} ms vs 1/rate {1000 / RATE:.0f} ms", kind=EFFECT)


def run(ctx, row):
    mode, sent = planned_gaps(ctx, row)
    loaded = default_loaded(ctx)
    ctx.phase("generate")
    arrived, served, outputs, tokens, total = _serve(ctx, loaded, sent)
    ctx.metric("tokens_per_s", tokens / total, "tok/s")
    ctx.metric("requests_per_s", REQUESTS / total, "req/s")
    ctx.phase("validate")
    judge_gaps(ctx, mode, arrived)
    arrivals = arrived
    order_ok = all(s >= a - 1e-3 for s, a in zip(served, arrivals)) and served == sorted(served)
    ctx.check("served in arrival order, never before arrival", order_ok,
              "arrival/start (s): " + ", ".join(f"{a:.3f}/{s:.3f}" for a, s in zip(arrivals, served)), kind=EVIDENCE)
    greedy = [loaded.greedy_ids([p])[0] for p in PROMPTS[:REQUESTS]]
    ctx.check("outputs equal greedy", outputs == greedy,
              f"{REQUESTS} requests: " + ("identical" if outputs == greedy else "different"), kind=EVIDENCE)
