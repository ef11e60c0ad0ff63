"""streaming: TextIteratorStreamer chunks equal the non-streamed output."""

import pytest


@pytest.mark.parametrize("row", ["streaming", "streaming=True"])
def test_streaming(run_row, row):
    out = run_row(row)
    assert out.status == "passed", out
    assert out.of("token")
    assert out.checks["ids streamed while generating"]["evidence"].startswith(
        "16 generation steps reached the streamer, 16 of them before generate returned")
    assert out.checks["streamed chunks concatenate to the non-streamed output"]["passed"]


def test_streaming_off_is_uncertain(run_row):
    out = run_row("streaming=False")
    assert out.status == "uncertain"
    assert out.result["reason"] == "default value: nothing to observe"
