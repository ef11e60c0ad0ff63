"""Shared fixtures: one PyTorch adapter (the tiny model loads once per session) and a helper
that runs a cell in-process, collecting its events."""

import os
import sys

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
if REPO not in sys.path:
    sys.path.insert(0, REPO)

from harness.events import CollectingWriter  # noqa: E402,F401 — tests import it from here


class Outcome:
    def __init__(self, status, events):
        self.status = status
        self.events = events
        self.result = events[-1]
        self.checks = {e["name"]: e for e in events if e["event"] == "check"}

    def of(self, kind):
        return [e for e in self.events if e["event"] == kind]

    def __repr__(self):
        return f"Outcome({self.status}, {self.result.get('reason')!r}, checks={list(self.checks.values())})"


@pytest.fixture(scope="session")
def adapter():
    from harness.backends.pytorch import PyTorchAdapter

    return PyTorchAdapter(CollectingWriter(), model=None, device="cpu")


@pytest.fixture
def run_row(adapter):
    """run_row("streaming=True") → Outcome with status, events, checks."""
    from harness.cell import run_cell

    def run(row, seed=0):
        writer = CollectingWriter()
        adapter.writer = writer
        status = run_cell(writer, adapter, "params", row, seed)
        assert writer.events[-1]["event"] == "result"
        return Outcome(status, writer.events)

    return run


def harness_command(*args):
    return [sys.executable, "-m", "harness", *args]


def pytest_configure(config):
    config.addinivalue_line("markers", "slow: compiles kernels (torch.compile inductor); deselect with -m 'not slow'")
