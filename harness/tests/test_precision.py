"""fp_precision: dtype carried by the parameters, KV cache on/off identical."""

import pytest


@pytest.mark.parametrize("dtype", ["float32", "float16", "bfloat16"])
def test_precision_dtype_is_applied(run_row, dtype):
    out = run_row(f"fp_precision={dtype}")
    if dtype == "float32":  # the harness default: nothing to observe
        assert out.status == "uncertain" and "default value" in out.result["reason"], out
    else:
        assert out.status == "passed", out
        assert out.checks["the model computes in the requested dtype"]["kind"] == "effect"
    assert f"torch.{dtype}" in out.checks["parameters carry the requested dtype"]["evidence"]
    assert out.checks["greedy with and without KV cache identical"]["passed"]


def test_float8_fails_with_torch_text(run_row):
    out = run_row("fp_precision=float8")
    assert out.status == "failed"
    assert out.result["reason"] == "AttributeError: module 'torch' has no attribute 'float8'"
