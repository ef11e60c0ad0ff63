"""decoder presets and sampling knobs."""

import pytest

from harness.families.decoder import PRESETS


@pytest.mark.parametrize("preset", ["deterministic", "standard", "creative", "factual"])
def test_preset(run_row, preset):
    out = run_row(f"decoder.preset={preset}")
    assert out.checks["same seed reproduces"]["passed"]
    if preset == "deterministic":  # greedy is generate's default: nothing to observe
        assert out.status == "uncertain" and out.result["reason"] == "default value: nothing to observe", out
        assert out.checks["equals greedy"]["passed"]
    else:
        assert out.status == "passed", out
        assert out.checks["different seeds differ"]["passed"]
        assert out.result["parameters"]["temperature"] == PRESETS[preset]["temperature"]


def test_temperature_scales_the_scores(run_row):
    out = run_row("decoder.temperature=0.5")
    assert out.status == "passed", out
    assert "temperature 0.5" in out.checks["warpers applied to the scores"]["evidence"]
    assert out.checks["warpers applied to the scores"]["kind"] == "effect"


def test_top_k_binds(run_row):
    out = run_row("decoder.top_k=50")
    assert out.status == "passed", out
    assert "kept 50 of" in out.checks["warpers applied to the scores"]["evidence"]


def test_unknown_preset_is_a_failure(run_row):
    out = run_row("decoder.preset=wild")
    assert out.status == "failed"
    assert "unknown decoder preset" in out.result["reason"]
