"""Serve mode (warm workers, docs/PROTOCOL.md): a real `python -m harness serve` child process."""

import json
import os
import subprocess
import time

from harness.tests.conftest import REPO, harness_command


def _serve(requests, *extra, env=None, timeout=300):
    lines = "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in requests)
    proc = subprocess.run(harness_command("serve", "--backend", "pytorch", "--device", "cpu", *extra), cwd=REPO,
                          input=lines, capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, **(env or {})})
    return proc, [json.loads(line) for line in proc.stdout.splitlines()]


def test_serve_ready_then_one_result_per_request_and_the_model_is_reused():
    rows = ["decoder.do_sample=True", "decoder.top_k=50", "decoder.do_sample=True"]
    proc, events = _serve([{"id": f"r{i}", "matrix": "params", "row": row} for i, row in enumerate(rows)])
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert events[0]["event"] == "hello"
    assert [e["event"] for e in events].count("hello") == 1
    readies = [i for i, e in enumerate(events) if e["event"] == "ready"]
    results = [i for i, e in enumerate(events) if e["event"] == "result"]
    assert len(readies) == len(rows) + 1                        # at start, and after each result
    assert all("id" not in events[i] for i in readies)
    assert [events[i]["id"] for i in results] == ["r0", "r1", "r2"]
    assert [events[i]["status"] for i in results] == ["passed", "passed", "passed"]
    for before, result in zip(readies, results):           # every request's events sit between ready and result
        ids = {e.get("id") for e in events[before + 1:result + 1]}
        assert ids == {events[result]["id"]}, ids
    reused = [e for e in events if e["event"] == "log" and "reusing the loaded model" in e["text"]]
    assert {e["id"] for e in reused} == {"r1", "r2"}          # loaded once, by the first request
    loads = [e["value"] for e in events if e["event"] == "metric" and e["name"] == "load_s"]
    assert loads[1] < 0.05 and loads[2] < 0.05, loads


def test_bad_request_lines_are_errors_and_the_worker_goes_on():
    proc, events = _serve(["not json", "[1, 2]", {"id": "ok", "row": "vllm.block_size=8"}])
    assert proc.returncode == 0, proc.stderr[-2000:]
    errors = [e for e in events if e["event"] == "error"]
    assert len(errors) == 2 and all(e["message"].startswith("bad request line") for e in errors)
    results = [e for e in events if e["event"] == "result"]
    assert [(r["id"], r["status"]) for r in results] == [("ok", "skipped")]


def test_timeout_option_does_not_end_a_worker():
    # `run --timeout` arms an alarm for the whole process; a worker must not (the engine times each test).
    requests = [{"id": "a", "row": "decoder.beam_search.num_beams=1"}, {"id": "b", "row": "streaming=True"}]
    proc, events = _serve(requests, "--timeout", "1")
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert [e["id"] for e in events if e["event"] == "result"] == ["a", "b"]


def test_exit_hook_ends_the_worker_during_the_named_row():
    requests = [{"id": "a", "row": "vllm.block_size=8"}, {"id": "b", "row": "streaming=True"},
                {"id": "c", "row": "vllm.block_size=8"}]
    proc, events = _serve(requests, env={"INFERMATRIX_HARNESS_HOOK": "exit:streaming=True"})
    assert proc.returncode == 3
    assert "test hook INFERMATRIX_HARNESS_HOOK: exiting (status 3) during streaming=True" in proc.stderr
    assert [e["id"] for e in events if e["event"] == "result"] == ["a"]


def test_hang_hook_keeps_the_worker_silent_until_killed():
    proc = subprocess.Popen(harness_command("serve", "--backend", "tensorrt"), cwd=REPO, text=True,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env={**os.environ, "INFERMATRIX_HARNESS_HOOK": "hang:tensorrt.max_batch_size=4"})
    try:
        proc.stdin.write(json.dumps({"id": "h", "row": "tensorrt.max_batch_size=4"}) + "\n")
        proc.stdin.flush()
        time.sleep(3)
        assert proc.poll() is None                          # still there, no result: only a kill ends it
    finally:
        proc.kill()
        out, err = proc.communicate(timeout=10)
    assert "hanging during tensorrt.max_batch_size=4" in err
    assert not any(json.loads(line)["event"] == "result" for line in out.splitlines())
