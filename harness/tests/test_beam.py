"""decoder.beam_search.*"""

import pytest


def test_one_beam_equals_greedy_and_is_the_default(run_row):
    out = run_row("decoder.beam_search.num_beams=1")
    assert out.status == "uncertain" and out.result["reason"] == "default value: nothing to observe", out
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
    check = out.checks["no repeated 2-gram"]
    assert check["kind"] == "effect" and "[0, 0, 0, 0] with no_repeat_ngram_size=2" in check["evidence"]


@pytest.mark.parametrize("penalty", ["0.5", "1.5"])
def test_length_penalty(run_row, penalty):
    out = run_row(f"decoder.beam_search.length_penalty={penalty}")
    assert out.status == "passed", out
    assert out.checks["beam score = sum_logprobs / gen_len**length_penalty"]["kind"] == "effect"


def test_length_penalty_one_is_the_default(run_row):
    out = run_row("decoder.beam_search.length_penalty=1.0")
    assert out.status == "uncertain" and "default value" in out.result["reason"], out


def test_early_stopping(run_row):
    out = run_row("decoder.beam_search.early_stopping=True")
    assert out.status == "passed", out
    assert "early_stopping=True" in out.checks["early_stopping in the generation config"]["evidence"]
    assert out.checks["stops earlier than early_stopping=False"]["kind"] == "effect"
