"""Model × feature cells on the PyTorch backend (CPU, tiny random-weight models): a few
representative architecture × feature pairs, the not-applicable columns and unknown rows."""

import pytest

from harness.backends.pytorch import PyTorchAdapter
from harness.cell import run_cell
from harness.features import feature_key
from harness.tests.conftest import CollectingWriter

ADAPTER = PyTorchAdapter(CollectingWriter(), None, "cpu")  # one warm worker: each architecture built once


def _cell(arch, column):
    writer = CollectingWriter()
    ADAPTER.writer = writer
    status = run_cell(writer, ADAPTER, "features", arch, column=column)
    checks = {e["name"]: e for e in writer.events if e["event"] == "check"}
    assert writer.events[-1]["event"] == "result"
    return status, writer.events[-1], checks


@pytest.mark.parametrize("arch, column", [
    ("Qwen3MoeForCausalLM", "kv-cache-reuse"),
    ("DeepseekV3ForCausalLM", "chunked-prefill"),      # MLA dims
    ("Qwen3NextForCausalLM", "chunked-prefill"),       # linear attention layers
    ("MistralForCausalLM", "sliding-window-attention"),
    ("Gemma3ForCausalLM", "sliding-window-attention"),
    ("Phi3ForCausalLM", "logits-post-processor"),
    ("LlamaForCausalLM", "guided-decoding"),
    ("GptOssForCausalLM", "torch-sampler"),
    ("Llama4ForConditionalGeneration", "kv-cache-reuse"),   # composite text + vision config
])
def test_feature_cells_pass_with_their_oracles(arch, column):
    status, result, checks = _cell(arch, column)
    assert status == "passed", result
    assert checks and all(c["passed"] for c in checks.values())


def test_sliding_window_on_an_architecture_without_it_is_skipped():
    status, result, _ = _cell("LlamaForCausalLM", "sliding-window-attention")
    assert status == "skipped" and "no sliding window" in result["reason"]


@pytest.mark.parametrize("column", ["overlap-scheduler", "mtp", "eagle-3-one-model-engine", "eagle-3-two-model-engine",
                                    "disaggregated-serving", "attention-data-parallelism", "tllm-c-sampler"])
def test_engine_only_features_are_not_applicable(column):
    status, result, _ = _cell("Qwen2ForCausalLM", column)
    assert status == "skipped" and result["reason"].startswith("not applicable on this backend (pytorch)")


def test_cuda_graph_on_cpu_is_skipped_needing_cuda():
    status, result, _ = _cell("Qwen2ForCausalLM", "cuda-graph")
    assert status == "skipped" and "need CUDA" in result["reason"]


def test_unknown_architecture_and_column():
    status, result, _ = _cell("NoSuchModelForCausalLM", "chunked-prefill")
    assert status == "skipped" and "has no NoSuchModelForCausalLM" in result["reason"]
    status, result, _ = _cell("Qwen2ForCausalLM", "teleportation")
    assert status == "failed" and "unknown feature column" in result["reason"]


def test_column_keys_are_header_slugs():
    assert feature_key("KV Cache Reuse") == "kv-cache-reuse"
    assert feature_key("EAGLE-3 (One Model Engine)") == "eagle-3-one-model-engine"
    assert feature_key("TLLM C++ Sampler") == "tllm-c-sampler"


def test_cli_runs_a_feature_cell():
    import json
    import subprocess
    import sys

    proc = subprocess.run([sys.executable, "-m", "harness", "run", "--matrix", "features", "--row",
                           "Qwen3ForCausalLM", "--column", "chunked-prefill", "--backend", "pytorch"],
                          capture_output=True, text=True, timeout=300)
    events = [json.loads(line) for line in proc.stdout.splitlines() if line.strip()]
    assert proc.returncode == 0 and events[0]["event"] == "hello"
    assert events[-1]["event"] == "result" and events[-1]["status"] == "passed", events[-1]
    assert any(e["event"] == "check" and e["name"] == "chunked prefill logits equal one pass" for e in events)
