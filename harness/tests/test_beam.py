"""decoder.beam_search.*"""

import pytest


def test_one_beam_equals_greedy(run_row):
    out = run_row("decoder.beam_search.num_beams=1")
    assert out.status == "passed", out
    assert out.checks["num_beams=1 equals greedy"]["passed"]


@pytest.mark.parametrize("row", ["decoder.beam_search.num_beams=4", "decoder.beam_search.enabled"])
def test_beam_scores_at_least_greedy(run_row, row):
    out = run_row(row)
    assert out.status == "passed", out
    assert out.result["parameters"]["num_beams"] == 4


def test_no_repeat_ngram(run_row):
    out = run_row("decoder.beam_search.no_repeat_ngram_size=2")
    assert out.status == "passed", out
    assert out.checks["no repeated 2-gram"]["evidence"].startswith("repeated 2-grams in prompt+output ids: 0 ")


@pytest.mark.parametrize("penalty", ["0.5", "1.5"])
def test_length_penalty(run_row, penalty):
    out = run_row(f"decoder.beam_search.length_penalty={penalty}")
    assert out.status == "passed", out
    assert out.checks["beam score = sum_logprobs / gen_len**length_penalty"]["passed"]


def test_early_stopping(run_row):
    out = run_row("decoder.beam_search.early_stopping=True")
    assert out.status == "passed", out
    assert "early_stopping=True" in out.checks["early_stopping in the generation config"]["evidence"]
