"""traffic_simulation.*: constant and Poisson arrivals."""

import statistics

import pytest

from harness.families.traffic import arrival_gaps


def test_poisson_gaps_have_the_rate():
    gaps = arrival_gaps("poisson", 5000, 10.0, seed=3)
    assert abs(statistics.fmean(gaps) - 0.1) < 0.01
    assert arrival_gaps("constant", 3, 4.0, seed=0) == [0.25, 0.25, 0.25]


@pytest.mark.parametrize("row", ["traffic_simulation.mode=constant", "traffic_simulation.mode=poisson",
                                 "traffic_simulation.enabled"])
def test_traffic(run_row, row):
    out = run_row(row)
    assert out.status == ("uncertain" if row.endswith("constant") else "passed"), out  # constant: the default mode
    assert out.checks["served in arrival order, never before arrival"]["passed"]
    if row.endswith("poisson"):
        assert out.checks["served requests arrived as a Poisson process, not at constant gaps"]["passed"]
    else:
        assert out.checks["served requests arrived at constant gaps of 1/rate"]["passed"]


def test_the_poisson_test_has_its_significance_level():
    """The CV quantile that rejects Poisson: 1% of exponential samples of 8 fall below it, and
    constant gaps (CV 0) always do."""
    import random

    from harness.families.traffic import ALPHA, REQUESTS, cv, poisson_cv_quantile

    limit = poisson_cv_quantile(REQUESTS)
    rng = random.Random(7)
    below = sum(cv([rng.expovariate(1.0) for _ in range(REQUESTS)]) < limit for _ in range(20000)) / 20000
    assert abs(below - ALPHA) < 0.005
    assert cv([0.25] * REQUESTS) < limit
