"""quantization.*: a missing bitsandbytes is `skipped` with its install command (issue 14, D14: a
missing optional package says nothing about the parameter); with bitsandbytes but no CUDA device
the result is failed and says why."""

import importlib.util

import pytest


@pytest.mark.parametrize("row", ["quantization.load_in_4bit", "quantization.load_in_8bit=True",
                                 "quantization.bnb_4bit_quant_type=nf4", "quantization.quantization"])
def test_quantization_without_its_package_or_device(run_row, row):
    out = run_row(row)
    if importlib.util.find_spec("bitsandbytes") is None:
        assert out.status == "skipped", out.result
        assert "bitsandbytes is not installed (pip install bitsandbytes)" in out.result["reason"]
    else:
        assert out.status == "failed"
        assert "needs a CUDA device" in out.result["reason"]
    assert not out.checks
