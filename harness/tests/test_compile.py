"""pytorch.torch_compile_backend: compiled matches eager; a missing backend fails with torch's text.

The inductor test compiles C++ kernels (slow on 2 cores); it is the only compile test and is
marked `slow` (deselect with -m 'not slow')."""

import pytest


@pytest.mark.slow
def test_inductor_matches_eager(run_row):
    out = run_row("pytorch.torch_compile_backend=inductor")
    assert out.status == "passed", out
    assert out.checks["compiled greedy equals eager"]["passed"]
    assert out.checks["inductor compiled and ran the forward"]["kind"] == "effect"


def test_onnxrt_without_onnxruntime_fails_with_torch_text(run_row):
    pytest.importorskip("torch")
    import importlib.util

    if importlib.util.find_spec("onnxruntime") is not None:
        pytest.skip("onnxruntime installed: onnxrt is available here")
    out = run_row("pytorch.torch_compile_backend=onnxrt")
    assert out.status == "failed"
    assert "Invalid backend: 'onnxrt'" in out.result["reason"]
