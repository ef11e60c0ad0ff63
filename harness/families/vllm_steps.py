"""vLLM oracles that drive the engine step by step (`LLMEngine.add_request` + `step()`) and watch
its scheduler: which requests produced a token in each step. That is where batching, the
`max_num_seqs` cap and request arrivals act, so it is what their effect checks observe.

    log = drive(llm.llm_engine, params, feed)        # feed(log, idle) → [(request id, prompt)]
    log.batches()                                    # [["b-0", "b-1", "b-2", "b-3"], ["b-4", ...]]: ran together

Each output of `step()` (RequestOutputKind.DELTA) is one request that got a token in that
scheduler step, so a step's outputs are the batch the model computed.
"""

from __future__ import annotations

import queue
import time
from dataclasses import dataclass, field

from harness import mutation
from harness.prompts import PROMPTS
from harness.verdict import DEFAULT_VALUE, EFFECT, EVIDENCE


@dataclass
class StepLog:
    """What `drive` saw: per scheduler step the requests with a new token, and when each request
    was added and finished (step index and seconds since the start)."""

    steps: list = field(default_factory=list)        # [[request id, ...] per step]
    added: dict = field(default_factory=dict)        # request id → (step index, seconds)
    finished: dict = field(default_factory=dict)     # request id → step index
    tokens: dict = field(default_factory=dict)       # request id → token ids
    started: float = field(default_factory=time.perf_counter)

    def batches(self) -> list[list[str]]:
        """The requests that ran together: those sharing a step, transitively (the engine core
        schedules on its own loop, so requests handed over together may join a step or two apart),
        in order of their first step."""
        home: dict = {}
        for step in self.steps:
            merged = set(step).union(*(home.get(rid, set()) for rid in step))
            for rid in merged:
                home[rid] = merged
        out = []
        for step in self.steps:
            for rid in step:
                if sorted(home[rid]) not in out:
                    out.append(sorted(home[rid]))
        return out

    def widest(self) -> int:
        return max((len(s) for s in self.steps), default=0)


def drive(engine, params, feed) -> StepLog:
    """Runs requests through `engine.step()` until `feed` has no more: before each step,
    `feed(log, idle)` returns the (request id, prompt) pairs to add now (`idle`: nothing is running,
    so it may block until its next request is due); it returns None once exhausted."""
    log = StepLog()
    exhausted = False
    while True:
        if not exhausted:
            new = feed(log, not engine.has_unfinished_requests())
            if new is None:
                exhausted = True
            for rid, prompt in new or ():
                engine.add_request(rid, prompt, params)
                log.added[rid] = (len(log.steps), time.perf_counter() - log.started)
                log.tokens[rid] = []
        if not engine.has_unfinished_requests():
            if exhausted:
                return log
            continue
        stepped = []
        for out in engine.step():
            if out.outputs and out.outputs[0].token_ids:
                stepped.append(out.request_id)
                log.tokens.setdefault(out.request_id, []).extend(out.outputs[0].token_ids)
            if out.finished:
                log.finished[out.request_id] = len(log.steps)
        log.steps.append(stepped)


def _delta_params(plan):
    from vllm import SamplingParams
    from vllm.sampling_params import RequestOutputKind

    return SamplingParams(**plan.sampling, output_kind=RequestOutputKind.DELTA)


def _in_groups(groups, tag):
    """A feed adding each group once the previous one has finished (the harness's batches)."""
    pending = list(groups)

    def feed(log, idle):
        if not pending:
            return None
        if not idle:
            return []
        return [(f"{tag}-{i}", PROMPTS[i % len(PROMPTS)]) for i in pending.pop(0)]

    return feed


# MARK: - Batching


def batch(ctx, llm, plan, sampling, row):
    """Batching (`batch_size`, `strategy`): the harness forms the batches as the PyTorch family does
    (harness/families/batching.py `group`) and hands each to the engine once the previous one is
    done. Effect: the batches the scheduler really ran, read from its steps, are those groups
    (without the parameter: one prompt at a time for batch_size, arrival-order chunks for the
    strategy). Evidence: each prompt's greedy output equals its output alone."""
    from harness.families.batching import STRATEGY_BATCH, group

    if row.name == "batching.batch_size":
        size, strategy = int(row.value), "static"
    else:
        size, strategy = STRATEGY_BATCH, str(row.value)
    tokenizer = llm.get_tokenizer()
    lengths = [len(tokenizer(p)["input_ids"]) for p in PROMPTS]
    groups = group(lengths, strategy, size)
    baseline = [[i] for i in range(len(PROMPTS))] if row.name == "batching.batch_size" \
        else group(lengths, "static", size)
    if groups == baseline:
        ctx.uncertain = DEFAULT_VALUE
    ctx.applied.update(batch_size=size, strategy=strategy)
    ctx.writer.emit("phase", name="generate")
    started = time.perf_counter()
    log = drive(llm.llm_engine, _delta_params(plan), _in_groups(mutation.deliver(groups, baseline), "batch"))
    _emit(ctx, log, time.perf_counter() - started)
    ctx.writer.emit("phase", name="validate")
    computed = [sorted(int(rid.split("-")[1]) for rid in b) for b in log.batches()]
    ctx.check("the scheduler ran these batches", computed == [sorted(g) for g in groups],
              f"lengths {lengths}; batches in the engine's steps {computed}; asked {groups}; without the "
              f"parameter {baseline}", kind=EFFECT)
    alone = [_ids(llm.generate([p], sampling, use_tqdm=False))[0] for p in PROMPTS]
    together = [log.tokens[f"batch-{i}"] for i in range(len(PROMPTS))]
    differing = [i for i in range(len(PROMPTS)) if alone[i] != together[i]]
    ctx.check("batched greedy equals one-by-one", not differing,
              f"{len(PROMPTS)} prompts in their batches vs one at a time; differing: {differing or 'none'}",
              kind=EVIDENCE)


# MARK: - max_num_seqs


def max_num_seqs(ctx, llm, plan, sampling, row):
    """`vllm.max_num_seqs=N`: N + 8 requests at once; the effect is the scheduler's widest step,
    which is N (without the parameter, the harness's default 8). Evidence: every request finished."""
    cap = int(row.value)
    count = cap + 8
    ids = [(f"seqs-{i}", PROMPTS[i % len(PROMPTS)]) for i in range(count)]
    sent = [ids]
    ctx.writer.emit("phase", name="generate")
    started = time.perf_counter()
    log = drive(llm.llm_engine, _delta_params(plan), lambda log, idle: sent.pop() if sent else None)
    _emit(ctx, log, time.perf_counter() - started)
    ctx.writer.emit("phase", name="validate")
    widths = sorted({len(s) for s in log.steps}, reverse=True)
    ctx.check("the scheduler runs at most max_num_seqs requests per step, and that many", log.widest() == cap,
              f"{count} requests at once; requests per scheduler step: widest {log.widest()} (step widths "
              f"{widths[:6]}), asked {cap}; without the parameter {plan.base.get('max_num_seqs')}", kind=EFFECT)
    ctx.check("every request finished", len(log.finished) == count,
              f"{len(log.finished)} of {count} finished in {len(log.steps)} steps", kind=EVIDENCE)


# MARK: - Traffic


def traffic(ctx, llm, plan, sampling, row):
    """Traffic: requests arrive over time (harness/families/traffic.py: constant or Poisson gaps at
    RATE/s, seeded) and each is added to the running engine when it arrives, while earlier ones
    are still decoding. Effect: the gaps between the served requests' arrivals (the PyTorch
    family's test, `judge_gaps`). Evidence: none added before it arrived; outputs equal greedy."""
    from harness.families.traffic import REQUESTS, judge_gaps, planned_gaps, send

    mode, sent = planned_gaps(ctx, row)
    arrived = {}

    def feed(log, idle):
        if len(arrived) == REQUESTS:
            return None
        new = []
        try:
            while True:  # blocks only when the engine has nothing to run
                i, at = arrivals.get(timeout=600) if idle and not new else arrivals.get_nowait()
                arrived[f"traffic-{i}"] = at
                new.append((f"traffic-{i}", PROMPTS[i]))
        except queue.Empty:
            pass
        return new

    ctx.writer.emit("phase", name="generate")
    arrivals, origin = send(sent)
    log = drive(llm.llm_engine, _delta_params(plan), feed)
    _emit(ctx, log, time.perf_counter() - origin)
    ctx.writer.emit("phase", name="validate")
    rids = [f"traffic-{i}" for i in range(REQUESTS)]
    judge_gaps(ctx, mode, [arrived[r] for r in rids])
    added = [log.added[r][1] + (log.started - origin) for r in rids]
    ok = all(a >= arrived[r] - 1e-3 for a, r in zip(added, rids))
    overlap = sum(1 for s in log.steps if len(s) > 1)
    ctx.check("added to the engine on arrival, never before", ok,
              "arrival/added (s): " + ", ".join(f"{arrived[r]:.3f}/{a:.3f}" for a, r in zip(added, rids))
              + f"; {overlap} steps served more than one request", kind=EVIDENCE)
    greedy = _ids(llm.generate(PROMPTS[:REQUESTS], sampling, use_tqdm=False))
    served = [log.tokens[r] for r in rids]
    ctx.check("outputs equal greedy", served == greedy,
              f"{REQUESTS} requests: " + ("identical" if served == greedy else "different"), kind=EVIDENCE)


def cold(llm):
    """Empties the prefix cache, so that a repeated batch is computed as the first was. Served from
    the cache, the prompts' keys and values come back in the KV-cache dtype (bf16, fp8) while the
    first pass attended over them at the model's precision: the tiny random model's near-tied
    greedy argmax can flip between the two, which is no sign of the parameter (issue 17)."""
    reset = getattr(llm, "reset_prefix_cache", None)
    if reset is not None:
        reset()


def _ids(outputs):
    return [list(o.outputs[0].token_ids) for o in outputs]


def _emit(ctx, log, elapsed):
    tokens = sum(len(t) for t in log.tokens.values())
    ctx.writer.emit("metric", name="tokens_per_s", value=tokens / elapsed if elapsed else 0.0, unit="tok/s")
