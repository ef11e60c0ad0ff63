"""Mutation test (issue 17): every applicable PyTorch row runs as usual and, when it passes, again
with its parameter dropped before it reaches the library (INFERMATRIX_MUTATE=drop). A mutated run
that still passes means the row's oracle cannot tell the parameter acted: this test fails on it.
The vLLM share runs in test_vllm_mutation.py (vLLM venv); scripts/oracles-report runs everything."""

import pytest

from harness.mutation_runs import applicable_rows, mutation_outcome

ROWS = applicable_rows("pytorch")


def test_every_pytorch_row_of_the_matrix_is_covered():
    assert len(ROWS) == 43  # the params matrix's rows the PyTorch harness runs (others: not applicable)


@pytest.mark.parametrize("row", ROWS)
def test_a_pass_does_not_survive_dropping_its_parameter(run_row, row):
    def run(key):
        out = run_row(key)
        return out.status, out.result["reason"], list(out.checks.values())

    outcome = mutation_outcome(run, row)
    assert all(kind in ("effect", "evidence") for _, kind, _ in outcome.checks), outcome.checks
    assert not outcome.survived, (f"{row} passed with its parameter dropped: {outcome.mutated_reason}; "
                                  f"checks {outcome.checks}")
    if outcome.verdict == "passed":
        assert outcome.mutated in ("failed", "uncertain"), outcome
