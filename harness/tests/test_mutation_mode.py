"""harness/mutation.py: what the library receives with and without the mutation."""

import pytest

from harness import mutation


def test_deliver_hands_the_baseline_only_while_mutating(monkeypatch):
    monkeypatch.delenv(mutation.VARIABLE, raising=False)
    assert mutation.deliver({"top_k": 50}, {"top_k": 0}) == {"top_k": 50}
    monkeypatch.setenv(mutation.VARIABLE, "drop")
    assert mutation.deliver({"top_k": 50}, {"top_k": 0}) == {"top_k": 0}


def test_an_unknown_mutation_is_an_error_naming_the_variable(monkeypatch):
    monkeypatch.setenv(mutation.VARIABLE, "shuffle")
    with pytest.raises(ValueError, match="INFERMATRIX_MUTATE='shuffle'"):
        mutation.deliver(1, 0)


def test_a_mutated_run_says_so_in_its_parameters(run_row, monkeypatch):
    monkeypatch.setenv(mutation.VARIABLE, "drop")
    out = run_row("decoder.top_k=50")
    assert out.result["parameters"]["mutation"] == "drop"
    assert out.status == "failed" and "warpers applied to the scores" in out.result["reason"], out
