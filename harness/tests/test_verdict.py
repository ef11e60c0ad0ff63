"""The one rule that turns oracle checks into a verdict, for every backend."""

from harness.verdict import NO_ORACLE, checks_verdict


def test_a_failed_check_fails_the_run_and_is_named():
    checks = [("dtype", True, "bf16"), ("greedy", False, "differ"), ("cache", False, "differ")]
    assert checks_verdict(checks, uncertain="ignored") == ("failed", "check failed: greedy, cache")


def test_passing_checks_pass_unless_they_cannot_tell():
    checks = [("a", True, ""), ("b", True, "")]
    assert checks_verdict(checks) == ("passed", "2 checks passed")
    assert checks_verdict(checks, uncertain="no CUDA graph on CPU") == ("uncertain", "no CUDA graph on CPU")


def test_no_oracle_is_uncertain_with_the_reason():
    assert checks_verdict([]) == ("uncertain", NO_ORACLE)
    assert checks_verdict([], no_oracle="nothing to compare") == ("uncertain", "nothing to compare")
