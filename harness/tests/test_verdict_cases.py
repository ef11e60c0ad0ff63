"""harness/verdict.py against data/verdict-cases.json, the cases the engine's Swift rule
(Sources/MatrixCore/Runs/RunVerdict.swift, Tests/MatrixCoreTests/RunVerdictTests.swift) checks too.

Only the cases marked `harness_rule` apply here: those whose verdict follows from the checks alone,
which a well-behaved harness proposes itself (the engine alone sees exit statuses, result counts and
unreadable lines).
"""

import json
from pathlib import Path

import pytest

from harness import verdict

CASES = json.loads((Path(__file__).resolve().parents[2] / "data" / "verdict-cases.json").read_text())["cases"]
HARNESS_CASES = [case for case in CASES if case.get("harness_rule")]


def as_checks(checks):
    """The checks as verdict.py takes them: Check(name, passed, evidence, kind)."""
    return [verdict.Check(c["name"], c["passed"], c["evidence"], c.get("kind")) for c in checks]


def test_there_are_cases_for_the_harness():
    assert len(HARNESS_CASES) >= 6
    assert {case["verdict"] for case in HARNESS_CASES} == {"passed", "failed", "uncertain"}


@pytest.mark.parametrize("case", HARNESS_CASES, ids=lambda case: case["name"])
def test_verdict_py_agrees_with_the_engine(case):
    status, reason = verdict.checks_verdict(as_checks(case["checks"]))
    assert status == case["verdict"], reason
    if case.get("reason"):
        assert case["reason"] in reason
