"""Test hooks: make the harness die or hang during a named row, so the engine's fault handling
can be tested against the real process (docs/live-tests.md, "Test hooks"). Never set in normal use.

    INFERMATRIX_HARNESS_HOOK="exit:decoder.beam_search.num_beams=1"   # os._exit(3) when that row starts
    INFERMATRIX_HARNESS_HOOK="hang:streaming=True"                    # sleep forever when that row starts

Several hooks are separated by `;`. A hook fires only in the process that reads the variable at
start-up, each time its row starts.
"""

from __future__ import annotations

import os
import sys
import time

VARIABLE = "INFERMATRIX_HARNESS_HOOK"
EXIT_STATUS = 3


def _hooks() -> list[tuple[str, str]]:
    spec = os.environ.get(VARIABLE, "")
    hooks = []
    for part in spec.split(";"):
        action, _, row = part.strip().partition(":")
        if action in ("exit", "hang") and row:
            hooks.append((action, row))
    return hooks


HOOKS = _hooks()


def _say(text: str) -> None:
    """A line on the real stderr, written at once (fd 2 may be the capture's pipe)."""
    from harness import events

    sys.stderr.flush()
    os.write(events.REAL_STDERR_FD if events.REAL_STDERR_FD is not None else 2, (text + "\n").encode())


def fire(row: str) -> None:
    """Called when a row starts: exits the process or hangs when a hook names that row."""
    for action, target in HOOKS:
        if target != row:
            continue
        if action == "exit":
            _say(f"harness: test hook {VARIABLE}: exiting (status {EXIT_STATUS}) during {row}")
            os._exit(EXIT_STATUS)
        _say(f"harness: test hook {VARIABLE}: hanging during {row}")
        while True:
            time.sleep(3600)
