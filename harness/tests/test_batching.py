"""batching.batch_size and the four batching strategies."""

import pytest

from harness.families.batching import group


def test_strategies_group_as_documented():
    lengths = [6, 9, 15, 1, 22, 4, 12, 4]
    assert group(lengths, "static", 4) == [[0, 1, 2, 3], [4, 5, 6, 7]]
    assert group(lengths, "sorted_static", 4) == [[3, 5, 7, 0], [1, 6, 2, 4]]
    # budget 4 x mean(9.125) = 36.5 padded tokens per batch
    assert group(lengths, "dynamic", 4) == [[0, 1], [2, 3], [4], [5, 6, 7]]
    assert group(lengths, "sorted_dynamic", 4) == [[3, 5, 7, 0], [1, 6], [2], [4]]
    with pytest.raises(ValueError, match="unknown batching strategy"):
        group(lengths, "chaotic", 4)


@pytest.mark.parametrize("size", [1, 8])
def test_batch_size_matches_batch_one(run_row, size):
    out = run_row(f"batching.batch_size={size}")
    # one prompt at a time is the baseline: batch_size=1 has nothing to observe
    assert out.status == ("uncertain" if size == 1 else "passed"), out
    assert out.checks["the model computed these batches"]["passed"]
    assert out.result["parameters"]["batch_size"] == size
    assert {e["seq"] for e in out.of("token")} == set(range(8))


@pytest.mark.parametrize("strategy", ["static", "dynamic", "sorted_static", "sorted_dynamic"])
def test_strategy(run_row, strategy):
    out = run_row(f"batching.strategy={strategy}")
    assert out.status == ("uncertain" if strategy == "static" else "passed"), out  # static: the baseline
    assert out.checks[f"{strategy} grouping"]["passed"]
