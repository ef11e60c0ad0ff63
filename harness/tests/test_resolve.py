"""Row keys: bare names, other backends' parameters, unknown parameters."""

from harness.params import PARAMS, parse_row


def test_bare_row_takes_the_documented_default():
    assert parse_row("streaming").value is True
    assert parse_row("decoder.beam_search.no_repeat_ngram_size").value == PARAMS[
        "decoder.beam_search.no_repeat_ngram_size"].bare
    row = parse_row("decoder.beam_search.length_penalty=1.5")
    assert (row.value, row.bare) == (1.5, False)


def test_other_backend_parameter_is_skipped(run_row):
    out = run_row("vllm.block_size=8")
    assert out.status == "skipped"
    assert out.result["reason"] == "parameter of the vLLM backend; not applicable to pytorch"
    assert run_row("tensorrt.max_batch_size=4").status == "skipped"


def test_unknown_parameter_fails_clearly(run_row):
    out = run_row("decoder.beam_search.warp_drive=9")
    assert out.status == "failed"
    assert "unknown parameter 'decoder.beam_search.warp_drive'" in out.result["reason"]
