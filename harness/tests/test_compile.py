"""pytorch.torch_compile_backend: compiled matches eager; a backend whose package is missing is skipped with
its install command; an unknown backend fails with torch's text.

The inductor test compiles C++ kernels (slow on 2 cores); it is the only compile test and is
marked `slow` (deselect with -m 'not slow')."""

import pytest


@pytest.mark.slow
def test_inductor_matches_eager(run_row):
    out = run_row("pytorch.torch_compile_backend=inductor")
    assert out.status == "passed", out
    assert out.checks["compiled greedy equals eager"]["passed"]
    assert out.checks["inductor compiled and ran the forward"]["kind"] == "effect"


def test_onnxrt_without_onnxruntime_is_skipped_with_its_install_command(run_row):
    pytest.importorskip("torch")
    import importlib.util

    if importlib.util.find_spec("onnxruntime") is not None:
        pytest.skip("onnxruntime installed: onnxrt is available here")
    out = run_row("pytorch.torch_compile_backend=onnxrt")
    assert out.status == "skipped", out.result
    assert out.result["reason"].startswith("onnxruntime")
    assert "not installed (pip install onnxruntime onnxscript)" in out.result["reason"]


def test_unknown_backend_fails_with_torch_text(run_row):
    pytest.importorskip("torch")
    out = run_row("pytorch.torch_compile_backend=no_such_backend")
    assert out.status == "failed"
    assert "Invalid backend: 'no_such_backend'" in out.result["reason"]
