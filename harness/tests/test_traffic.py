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
    assert out.status == "passed", out
    assert out.checks["served in arrival order, never before arrival"]["passed"]
    if row.endswith("poisson"):
        assert out.checks["poisson inter-arrival mean ~ 1/rate"]["passed"]
    else:
        assert out.checks["constant gaps equal"]["passed"]
