"""The verdict of a run from its oracle checks: the one rule every backend and matrix applies
(DECISIONS.md item 3; the engine applies the same rule in Swift, and `data/verdict-cases.json`
holds the cases both must agree on).

    checks_verdict([Check("beam equals reference", True, "…", EFFECT)])   # ("passed", "1 check passed (1 of effect)")
    checks_verdict([Check("config says 4", True, "…", EVIDENCE)])         # ("uncertain", NO_EFFECT)

A check is `effect` when it observes the parameter acting on the computation (output, timing,
shapes, memory, the engine's scheduler) against a baseline without it, and `evidence` for
everything else (a config read back, invariance such as "greedy reproduces"). Evidence alone
never passes a run: it shows the argument was accepted, not that it acted.
"""

from __future__ import annotations

from typing import NamedTuple

EFFECT = "effect"
EVIDENCE = "evidence"
KINDS = (EFFECT, EVIDENCE)

NO_ORACLE = "the run finished without an oracle that could tell"
NO_EFFECT = "no check observed the parameter's effect"
DEFAULT_VALUE = "default value: nothing to observe"


class Check(NamedTuple):
    """One oracle check as the harness emits it (`check` event)."""

    name: str
    passed: bool
    evidence: str
    kind: str


def checked_kind(kind: str) -> str:
    """`kind` when it is one of KINDS; a harness bug (ValueError) otherwise: every check declares it."""
    if kind not in KINDS:
        raise ValueError(f"check kind {kind!r}: expected one of {KINDS}")
    return kind


def checks_verdict(checks, uncertain: str = "", no_oracle: str = "") -> tuple[str, str]:
    """`failed` naming the failed checks; `uncertain` when no check ran (`no_oracle` says why),
    when the family says its checks cannot tell (`uncertain`, e.g. DEFAULT_VALUE), or when no
    check is of kind effect (NO_EFFECT); `passed` otherwise."""
    checks = [Check(*c) for c in checks]
    failed = [c.name for c in checks if not c.passed]
    if failed:
        return "failed", "check failed: " + ", ".join(failed)
    if not checks:
        return "uncertain", uncertain or no_oracle or NO_ORACLE
    if uncertain:
        return "uncertain", uncertain
    effects = sum(c.kind == EFFECT for c in checks)
    if not effects:
        return "uncertain", NO_EFFECT
    return "passed", f"{len(checks)} check{'s' if len(checks) != 1 else ''} passed ({effects} of effect)"
