"""OutputCapture: prints, C-level writes, warnings and logging all become `log` events."""

import json
import subprocess
import sys

from harness.tests.conftest import REPO

SCRIPT = r"""
import logging, os, sys, warnings
from harness.events import EventWriter, OutputCapture
writer = EventWriter.to_stdout()
writer.emit("hello", protocol=1)
with OutputCapture(writer):
    print("a python print")
    os.write(1, b"a raw fd write\n")
    sys.stderr.write("an stderr line\n")
    warnings.warn("a library warning")
    logging.getLogger("transformers").warning("a transformers log")
writer.emit("result", status="passed")
"""


def test_everything_on_stdout_is_an_event():
    proc = subprocess.run([sys.executable, "-c", SCRIPT], cwd=REPO, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    events = [json.loads(line) for line in proc.stdout.splitlines()]
    assert events[0]["event"] == "hello" and events[-1]["event"] == "result"
    logs = {(e["stream"], e["text"]) for e in events if e["event"] == "log"}
    assert ("backend", "a python print") in logs
    assert ("backend", "a raw fd write") in logs
    assert ("stderr", "an stderr line") in logs
    assert any(text.startswith("UserWarning: a library warning") for _, text in logs)
    assert ("backend", "WARNING transformers: a transformers log") in logs
    assert "an stderr line" in proc.stderr  # still copied to the real stderr for the engine
