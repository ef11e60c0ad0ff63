"""Mutation test on vLLM (CPU), the fixed share CI runs (issue 17; docs/oracles.md): the rows below
each pass with an effect check and must stop passing when their parameter is dropped before it
reaches vLLM (INFERMATRIX_MUTATE=drop). The share: every row on the harness's default engine
arguments whose oracle has an effect check (sampling, beams, length penalty, streaming, batching
in the scheduler's steps, traffic arrivals), plus prefix caching and a bfloat16 KV cache (read from
the worker) — 5 engine starts in all, since a mutated row runs on the default engine again. scripts/oracles-report runs all 83 rows."""

import importlib.util

import pytest

from harness.mutation_runs import mutation_outcome

pytestmark = pytest.mark.skipif(importlib.util.find_spec("vllm") is None,
                                reason="vllm is not importable in this interpreter; run scripts/test-vllm-cpu.sh")

SHARE = ["streaming=True", "decoder.preset=standard", "decoder.preset=creative", "vllm.logprobs=5",
         "decoder.beam_search.num_beams=4", "decoder.beam_search.enabled", "vllm.enable_prefix_caching=True",
         "vllm.kv_cache_dtype=bfloat16", "batching.strategy=dynamic", "traffic_simulation.mode=poisson",
         "decoder.beam_search.length_penalty=0.5"]


@pytest.fixture(scope="module")
def outcomes():
    from harness.oracle_report import runner_for

    run, close = runner_for("vllm")
    try:
        yield {row: mutation_outcome(run, row) for row in SHARE}
    finally:
        close()


@pytest.mark.parametrize("row", SHARE)
def test_the_share_passes_on_an_effect_and_not_when_dropped(outcomes, row):
    outcome = outcomes[row]
    assert outcome.verdict == "passed", (outcome.reason, outcome.checks)
    assert any(kind == "effect" for _, kind, _ in outcome.checks), outcome.checks
    assert outcome.mutated in ("failed", "uncertain"), (outcome.mutated, outcome.mutated_reason)
