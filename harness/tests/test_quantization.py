"""quantization.*: without CUDA + bitsandbytes the result is failed and says why."""

import importlib.util

import pytest


@pytest.mark.parametrize("row", ["quantization.load_in_4bit", "quantization.load_in_8bit=True",
                                 "quantization.bnb_4bit_quant_type=nf4", "quantization.quantization"])
def test_quantization_fails_clearly_on_cpu(run_row, row):
    out = run_row(row)
    assert out.status == "failed"
    if importlib.util.find_spec("bitsandbytes") is None:
        assert "bitsandbytes is not installed" in out.result["reason"]
    else:
        assert "needs a CUDA device" in out.result["reason"]
    assert not out.checks
