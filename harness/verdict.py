"""The verdict of a run from its oracle checks: the one rule every backend and matrix applies.

    checks_verdict([("beams1_equals_greedy", True, "identical")])   # ("passed", "1 checks passed")
"""

from __future__ import annotations

NO_ORACLE = "the run finished without an oracle that could tell"


def checks_verdict(checks, uncertain: str = "", no_oracle: str = "") -> tuple[str, str]:
    """`failed` naming the checks that failed; `uncertain` when no oracle ran (`no_oracle` says why)
    or the checks passed without telling that the setting took effect (`uncertain` says why);
    `passed` otherwise. `checks` holds (name, passed, evidence) tuples."""
    failed = [name for name, passed, _ in checks if not passed]
    if failed:
        return "failed", "check failed: " + ", ".join(failed)
    if not checks:
        return "uncertain", no_oracle or NO_ORACLE
    if uncertain:
        return "uncertain", uncertain
    return "passed", f"{len(checks)} checks passed"
