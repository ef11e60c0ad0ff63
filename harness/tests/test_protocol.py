"""The event stream as the engine sees it: a real child process, JSON on every stdout line."""

import json
import subprocess

from harness.tests.conftest import REPO, harness_command


def _run(*args, timeout=300):
    return subprocess.run(harness_command(*args), cwd=REPO, capture_output=True, text=True, timeout=timeout)


def test_every_line_is_an_event_hello_first_result_last():
    proc = _run("run", "--matrix", "params", "--row", "streaming=True", "--backend", "pytorch", "--device", "cpu")
    assert proc.returncode == 0, proc.stderr[-2000:]
    events = [json.loads(line) for line in proc.stdout.splitlines()]
    assert all("event" in e and isinstance(e["t"], float) for e in events)
    assert events[0]["event"] == "hello" and events[0]["protocol"] == 1
    assert events[0]["device"] == "cpu" and "torch" in events[0]["versions"]
    assert events[-1]["event"] == "result" and events[-1]["status"] == "passed", events[-1]
    kinds = {e["event"] for e in events}
    assert {"phase", "token", "metric", "check"} <= kinds
    phases = [e["name"] for e in events if e["event"] == "phase"]
    assert phases == ["resolve", "load", "warmup", "generate", "validate"]
    metrics = {e["name"] for e in events if e["event"] == "metric"}
    assert {"import_s", "load_s", "tokens_per_s", "ttft_s"} <= metrics
    times = [e["t"] for e in events]
    assert times == sorted(times)


def test_invalid_precision_fails_with_the_library_text():
    proc = _run("run", "--row", "fp_precision=float8", "--backend", "pytorch")
    assert proc.returncode == 0
    result = json.loads(proc.stdout.splitlines()[-1])
    assert result["status"] == "failed"
    assert "module 'torch' has no attribute 'float8'" in result["reason"]


def test_bad_arguments_exit_2():
    proc = _run("run", "--backend", "pytorch")
    assert proc.returncode == 2
    assert "--row" in proc.stderr
    assert proc.stdout == ""


def test_list_params_is_json_with_the_seed_rows():
    proc = _run("list-params")
    assert proc.returncode == 0
    table = json.loads(proc.stdout)
    names = {p["name"] for p in table["parameters"]}
    assert {"fp_precision", "batching.strategy", "decoder.preset", "streaming",
            "pytorch.torch_compile_backend", "traffic_simulation.mode"} <= names
    streaming = next(p for p in table["parameters"] if p["name"] == "streaming")
    assert streaming["implemented"] == ["pytorch", "vllm", "tensorrt"]  # all three adapters run it (was stale: pytorch)
    parallel = next(p for p in table["parameters"] if p["name"] == "parallelism.strategy")
    assert parallel["backends"] == parallel["implemented"] == ["vllm", "tensorrt"]


def test_serve_answers_each_request_with_its_id():
    requests = "\n".join(json.dumps({"id": f"r{i}", "matrix": "params", "row": row})
                         for i, row in enumerate(["vllm.block_size=8", "decoder.do_sample=True"]))
    proc = subprocess.run(harness_command("serve", "--backend", "pytorch"), cwd=REPO, input=requests + "\n",
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    events = [json.loads(line) for line in proc.stdout.splitlines()]
    assert events[0]["event"] == "hello"
    results = [e for e in events if e["event"] == "result"]
    assert [(r["id"], r["status"]) for r in results] == [("r0", "skipped"), ("r1", "passed")]
