"""Real vLLM on this machine (CPU: the vllm-cpu venv). Skipped, with the reason, only when vllm is
not importable in the interpreter running pytest. Run: scripts/test-vllm-cpu.sh (~2.5 minutes;
scripts/test runs it, and leaves this file out of the PyTorch venv's run)."""

import importlib.util
import json
import os
import subprocess
import sys

import pytest

pytestmark = pytest.mark.skipif(importlib.util.find_spec("vllm") is None,
                                reason="vllm is not importable in this interpreter; run scripts/test-vllm-cpu.sh "
                                       "(uses the venv made by scripts/setup-vllm-cpu.sh)")
REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def _harness(args, stdin=None, timeout=400):
    proc = subprocess.run([sys.executable, "-m", "harness", *args], input=stdin, capture_output=True, text=True,
                          timeout=timeout, cwd=REPO)
    events = [json.loads(line) for line in proc.stdout.splitlines() if line.strip()]
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert events[0]["event"] == "hello" and events[0]["backend"] == "vllm"
    return events


def _run(row):
    events = _harness(["run", "--matrix", "params", "--row", row, "--backend", "vllm"])
    assert events[-1]["event"] == "result"
    return events[-1], {e["name"]: e for e in events if e["event"] == "check"}


def test_best_of_is_rejected_with_vllms_message():
    result, _ = _run("vllm.best_of=2")
    assert result["status"] == "failed"
    assert "Unexpected keyword argument 'best_of'" in result["reason"]


def test_block_size_8_fails_like_the_seed_gpu_run():
    result, _ = _run("vllm.block_size=8")
    assert result["status"] == "failed"
    assert "No common block size for 8" in result["reason"]


@pytest.fixture(scope="module")
def served():
    """One `serve` worker, five requests: two rows on the harness's default engine arguments
    (streaming, sampling), then three rows that each change them."""
    rows = ["streaming=True", "decoder.preset=standard", "vllm.block_size=32", "vllm.enable_prefix_caching=True",
            "vllm.max_num_seqs=32"]
    requests = "".join(json.dumps({"id": i, "matrix": "params", "row": r}) + "\n" for i, r in enumerate(rows))
    events = _harness(["serve", "--backend", "vllm"], stdin=requests, timeout=600)
    by_id = {}
    for e in events:
        by_id.setdefault(e.get("id"), []).append(e)
    return by_id


def _engine_starts(events):
    """Evidence of engine starts within one request: its load_s metric, the harness's reuse log,
    and vLLM's own engine-core start log."""
    load = [e["value"] for e in events if e["event"] == "metric" and e["name"] == "load_s"]
    reused = any(e["event"] == "log" and "reusing the loaded engine" in e["text"] for e in events)
    cores = [e for e in events if e["event"] == "log" and "Initializing a V1 LLM engine" in e["text"]]
    return load, reused, len(cores)


def test_warm_worker_keeps_the_engine_for_the_same_engine_arguments(served):
    result = {i: served[str(i)][-1] for i in range(2)}
    assert [result[i]["status"] for i in range(2)] == ["passed", "passed"], result
    load0, reused0, cores0 = _engine_starts(served["0"])
    load1, reused1, cores1 = _engine_starts(served["1"])
    assert not reused0 and cores0 == 1 and load0[0] > 1.0, (load0, cores0)       # the first request starts it
    assert reused1 and cores1 == 0 and load1[0] < 0.05, (load1, cores1)          # the second one reuses it
    checks = {e["name"]: e for e in served["1"] if e["event"] == "check"}
    assert checks["same seed reproduces"]["passed"] and checks["different seeds differ"]["passed"]


def test_warm_worker_starts_a_new_engine_when_the_engine_arguments_differ(served):
    results = {i: served[str(i)][-1] for i in range(2, 5)}
    checks = {i: {e["name"]: e for e in served[str(i)] if e["event"] == "check"} for i in range(2, 5)}
    # block_size is only read back from the config (evidence): uncertain by the rule; prefix caching
    # is seen acting (num_cached_tokens) and max_num_seqs in the scheduler's widest step
    assert [results[i]["status"] for i in (2, 4)] == ["uncertain", "passed"], results
    assert checks[3]["prompt tokens served from the prefix cache"]["kind"] == "effect"
    widest = checks[4]["the scheduler runs at most max_num_seqs requests per step, and that many"]
    assert widest["kind"] == "effect" and "widest 32" in widest["evidence"], widest
    for i in range(2, 5):
        load, reused, cores = _engine_starts(served[str(i)])
        assert not reused and cores == 1 and load[0] > 1.0, (i, load, cores)
    assert "cache_config.block_size = 32" in checks[2]["block_size in engine config"]["evidence"]
    assert checks[3]["greedy identical with cached prefixes"]["passed"]
    assert checks[3]["enable_prefix_caching in engine config"]["passed"]
    assert "scheduler_config.max_num_seqs = 32" in checks[4]["max_num_seqs in engine config"]["evidence"]


def test_prefix_caching_is_seen_acting(served):
    result = served["3"][-1]
    assert result["status"] == "passed", result
