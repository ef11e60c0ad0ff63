"""The one rule that turns oracle checks into a verdict, for every backend (DECISIONS.md item 3)."""

from harness.verdict import DEFAULT_VALUE, EFFECT, EVIDENCE, NO_EFFECT, NO_ORACLE, checks_verdict


def test_a_failed_check_fails_the_run_and_is_named():
    checks = [("dtype", True, "bf16", EFFECT), ("greedy", False, "differ", EVIDENCE), ("cache", False, "x", EFFECT)]
    assert checks_verdict(checks, uncertain="ignored") == ("failed", "check failed: greedy, cache")


def test_passing_needs_an_effect_check():
    assert checks_verdict([("a", True, "", EFFECT), ("b", True, "", EVIDENCE)]) == (
        "passed", "2 checks passed (1 of effect)")
    assert checks_verdict([("config says 4", True, "", EVIDENCE)]) == ("uncertain", NO_EFFECT)


def test_the_family_can_say_its_checks_cannot_tell():
    checks = [("a", True, "", EFFECT)]
    assert checks_verdict(checks, uncertain="no CUDA graph on CPU") == ("uncertain", "no CUDA graph on CPU")
    assert checks_verdict(checks, uncertain=DEFAULT_VALUE) == ("uncertain", "default value: nothing to observe")


def test_no_oracle_is_uncertain_with_the_reason():
    assert checks_verdict([]) == ("uncertain", NO_ORACLE)
    assert checks_verdict([], no_oracle="nothing to compare") == ("uncertain", "nothing to compare")
