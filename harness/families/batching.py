"""`batching.batch_size` and `batching.strategy`: how a list of prompts becomes batches.

Strategies (prompts in arrival order, batch size B, lengths in tokens):
- static: consecutive chunks of B in arrival order (the last may be smaller).
- dynamic: arrival order; a batch closes when B prompts are in it or when adding the next prompt
  would make its padded size (count x longest) exceed the token budget B x mean length.
- sorted_static: stable sort by length, then static chunks.
- sorted_dynamic: stable sort by length, then dynamic.
Oracles: the effect is the prefill batches the model really computed (a forward hook maps each
batch back to its prompts) against the strategy's groups; evidence: the groups satisfy the
strategy's invariants and each prompt's greedy output in its batch (left padding + attention
mask) equals its batch-1 output. Without the parameter: one prompt at a time (batch_size) or
arrival-order chunks (strategy); a row whose groups equal those is uncertain (default value).
"""

from harness import mutation
from harness.catalogue import CATALOGUE, spoken
from harness.errors import RunFailed
from harness.families.common import PrefillRecorder, default_loaded
from harness.prompts import PROMPTS
from harness.verdict import DEFAULT_VALUE, EFFECT, EVIDENCE
from harness.backends.pytorch_run import measured_generate

STRATEGY_BATCH = 4


def group(lengths: list[int], strategy: str, batch_size: int) -> list[list[int]]:
    """Indices of `lengths` grouped into batches according to `strategy`."""
    order = list(range(len(lengths)))
    if strategy.startswith("sorted_"):
        order.sort(key=lambda i: lengths[i])
    kind = strategy.removeprefix("sorted_")
    if kind == "static":
        return [order[i:i + batch_size] for i in range(0, len(order), batch_size)]
    if kind == "dynamic":
        budget = batch_size * sum(lengths) / len(lengths)
        groups, current = [], []
        for i in order:
            longest = max([lengths[j] for j in current] + [lengths[i]])
            if current and (len(current) >= batch_size or longest * (len(current) + 1) > budget):
                groups.append(current)
                current = []
            current.append(i)
        if current:
            groups.append(current)
        return groups
    raise ValueError(f"unknown batching strategy {strategy!r}; expected {spoken(CATALOGUE.batching_strategies)}")


def _invariants(groups, lengths, strategy, batch_size):
    flat = [i for g in groups for i in g]
    problems = []
    if sorted(flat) != list(range(len(lengths))):
        problems.append("not every prompt exactly once")
    if strategy.startswith("sorted_"):
        if [lengths[i] for i in flat] != sorted(lengths):
            problems.append("not in length order")
    elif flat != sorted(flat):
        problems.append("not in arrival order")
    if any(len(g) > batch_size for g in groups):
        problems.append("a batch exceeds the batch size")
    if strategy.endswith("static") and any(len(g) != batch_size for g in groups[:-1]):
        problems.append("a static batch other than the last is short")
    if strategy.endswith("dynamic"):
        budget = batch_size * sum(lengths) / len(lengths)
        if any(len(g) > 1 and len(g) * max(lengths[i] for i in g) > budget for g in groups):
            problems.append("a dynamic batch exceeds the token budget")
    return problems


def run(ctx, row):
    if row.name == "batching.batch_size":
        batch_size, strategy = int(row.value), "static"
        if batch_size < 1:
            raise RunFailed(f"batch_size must be >= 1, got {batch_size}")
    else:
        batch_size, strategy = STRATEGY_BATCH, str(row.value)
    ctx.applied.update(batch_size=batch_size, strategy=strategy)
    loaded = default_loaded(ctx)
    lengths = [len(loaded.tokenizer(p)["input_ids"]) for p in PROMPTS]
    try:
        groups = group(lengths, strategy, batch_size)
    except ValueError as exc:
        raise RunFailed(str(exc)) from None
    # Without the parameter: one prompt at a time (batch_size), arrival-order chunks (strategy).
    baseline = [[i] for i in range(len(PROMPTS))] if row.name == "batching.batch_size" \
        else group(lengths, "static", batch_size)
    if groups == baseline:
        ctx.uncertain = DEFAULT_VALUE
    sent = mutation.deliver(groups, baseline)
    ctx.phase("generate")
    outputs, total_tokens, elapsed, ttft = {}, 0, 0.0, None
    with PrefillRecorder(loaded.model) as seen:
        for g in sent:
            out, plen = measured_generate(ctx, loaded, [PROMPTS[i] for i in g], seq_offset=g, emit_metrics=False,
                                              do_sample=False)
            for i, seq in zip(g, out):
                outputs[i] = seq[plen:].tolist()
            total_tokens += ctx.last_stats["new_tokens"]
            elapsed += ctx.last_stats["elapsed"]
            ttft = ttft if ttft is not None else ctx.last_stats["ttft"]
    ctx.metric("tokens_per_s", total_tokens / elapsed if elapsed else 0.0, "tok/s")
    if ttft is not None:
        ctx.metric("ttft_s", ttft, "s")
    ctx.phase("validate")
    problems = _invariants(groups, lengths, strategy, batch_size)
    ctx.check(f"{strategy} grouping", not problems,
              f"lengths {lengths}; batches {groups} (sizes {[len(g) for g in groups]})"
              + (f"; problems: {problems}" if problems else ""), kind=EVIDENCE)
    prompt_ids = {tuple(loaded.tokenizer(p)["input_ids"]): i for i, p in enumerate(PROMPTS)}
    computed = [[prompt_ids.get(r, -1) for r in batch] for batch in seen.batches]
    ctx.check("the model computed these batches", computed == groups,
              f"prefill batches seen by a forward hook on the model: {computed}; asked {groups}; "
              f"without the parameter {baseline}", kind=EFFECT)
    single = [loaded.greedy_ids([p])[0] for p in PROMPTS]
    differing = [i for i in range(len(PROMPTS)) if single[i] != outputs[i]]
    note = "" if loaded.settings.dtype == "float32" else " (reduced precision may flip near-ties)"
    ctx.check("batched greedy equals batch-1 greedy", not differing,
              f"{len(PROMPTS)} prompts, left padding + attention mask; differing prompts: {differing or 'none'}{note}",
              kind=EVIDENCE)
