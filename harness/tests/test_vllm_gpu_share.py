"""The locks of warm vLLM workers sharing one GPU (INFERMATRIX_VLLM_GPU_SHARE), with real flock(2)
locks in a temporary directory: what a second worker process would get is tried with LOCK_NB on
a separate open file, as another process's flock would be decided."""

import fcntl

import pytest

from harness.backends import vllm_engine


@pytest.fixture
def shared(monkeypatch, tmp_path):
    monkeypatch.setenv("INFERMATRIX_VLLM_GPU_SHARE", "0.05")
    monkeypatch.setattr(vllm_engine.tempfile, "gettempdir", lambda: str(tmp_path))


def _free(name, mode):
    with open(vllm_engine._lock_path(name), "a") as other:
        try:
            fcntl.flock(other, mode | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        fcntl.flock(other, fcntl.LOCK_UN)
        return True


def test_shutdowns_share_and_a_sizing_start_excludes_them(shared):
    with vllm_engine.gpu_turn(releasing=True):
        assert _free("release", fcntl.LOCK_SH)          # another worker's shutdown goes ahead
        assert not _free("release", fcntl.LOCK_EX)      # a sizing start waits for it
    with vllm_engine.gpu_turn(sizing=True):
        assert not _free("release", fcntl.LOCK_SH)      # no shutdown while it profiles
    assert _free("release", fcntl.LOCK_EX)


def test_plain_starts_take_no_lock(shared):
    with vllm_engine.gpu_turn():                       # a plain start: another sizing start is not held up
        assert _free("release", fcntl.LOCK_EX)


def test_one_sizing_engine_at_a_time_until_it_is_shut_down(shared):
    handle = vllm_engine.sizing_turn()
    assert not _free("sizing", fcntl.LOCK_EX)
    handle.close()
    assert _free("sizing", fcntl.LOCK_EX)


def test_without_sharing_nothing_is_locked(monkeypatch, tmp_path):
    monkeypatch.delenv("INFERMATRIX_VLLM_GPU_SHARE", raising=False)
    monkeypatch.setattr(vllm_engine.tempfile, "gettempdir", lambda: str(tmp_path))
    with vllm_engine.gpu_turn(sizing=True):
        assert _free("release", fcntl.LOCK_EX)
