"""Mutation mode: the harness silently drops (neutralises) the row's parameter before it reaches
the library, so that an oracle which still passes is shown to be weak (docs/oracles.md).

    INFERMATRIX_MUTATE=drop python -m harness run --row decoder.top_k=50 --backend pytorch
    python -m harness run --row decoder.top_k=50 --backend pytorch --mutate drop    # the same

Each family computes what the row asks (`requested`) and the setting without it (`baseline`);
the library is handed `deliver(requested, baseline)`. The oracles keep judging against
`requested`, so a strong oracle turns the mutated run from passed into failed. Rows whose value
is the baseline itself are `uncertain` ("default value: nothing to observe") in both modes.
Never set in normal use: every run records `"mutation": "drop"` in its parameters when it is.
"""

from __future__ import annotations

import os

VARIABLE = "INFERMATRIX_MUTATE"
MODES = ("drop",)


def mode() -> str | None:
    """The active mutation ("drop") or None; read at each call so a test can set the variable."""
    value = os.environ.get(VARIABLE, "").strip()
    if not value:
        return None
    if value not in MODES:
        raise ValueError(f"{VARIABLE}={value!r}: expected one of {MODES}")
    return value


def deliver(requested, baseline):
    """What the library receives: `requested`, or `baseline` while the mutation is active."""
    return baseline if mode() else requested
