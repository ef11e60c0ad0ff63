"""decoder.beam_search.*"""

import pytest


def test_one_beam_equals_greedy(run_row):
    out = run_row("decoder.beam_search.num_beams=1")
    assert out.status == "passed", out
    assert out.checks["num_beams=1 equals greedy"]["passed"]


@pytest.mark.parametrize("row", ["decoder.beam_search.num_beams=4", "decoder.beam_search.enabled"])
def test_beam_matches_reference_beam_search(run_row, row):
    out = run_row(row)
    assert out.status == "passed", out
    assert out.result["parameters"]["num_beams"] == 4
    assert out.checks["num_beams=4 finds the reference beam search's best"]["passed"]


def test_reference_beam_search_of_width_one_is_greedy(adapter):
    """The oracle's reference is itself checked: width 1 reproduces generate's greedy ids, and
    the score it reports is the sequence's summed log-probability."""
    from harness.backends.pytorch import LoadSettings
    from harness.prompts import PROMPTS
    from harness.families.beam import reference_beam_search

    loaded = adapter.load(LoadSettings())
    greedy = loaded.greedy_ids(PROMPTS[:1], max_new_tokens=6, min_new_tokens=6)[0]
    score, ids = reference_beam_search(loaded, PROMPTS[0], 1, 6)
    assert ids == greedy
    assert abs(score - loaded.sequence_logprob(PROMPTS[0], ids)) < 1e-3


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
