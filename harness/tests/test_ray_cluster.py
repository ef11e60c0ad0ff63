"""`infermatrix test --all --ray ADDRESS` against a real Ray cluster of two nodes in this machine
(`ray.cluster_utils.Cluster`: a head and a worker raylet, each with one CPU), the PyTorch decoder
rows on CPU (issue 11). Needs ray in the harness's Python (`scripts/setup-harness.sh --with-ray`,
which scripts/test runs) and the built `.build/debug/infermatrix` (scripts/test builds it first).

What it asserts: every cell recorded once and both nodes used (by the node each run recorded);
cancelling mid-batch (SIGINT, as Ctrl-C) leaves no actor, task or serve worker behind; a node
killed while its cell runs loses no result (the cell is retried on the other node); a bad address
fails before any cell starts, naming the address; `--ray local` starts a cluster of its own, runs
on it, and stops it, leaving no Ray process behind.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time

import pytest

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BINARY = os.path.join(REPO, ".build", "debug", "infermatrix")
DECODER = "section:decoder"                   # the 17 decoder rows of the params matrix
HANG_ROW = "decoder.beam_search.early_stopping"  # the batch's first cell

try:
    import ray
    from ray.cluster_utils import Cluster
except ImportError:  # not a skip: CI installs ray (scripts/test → setup-harness.sh --with-ray)
    ray = None

def _require():
    if ray is None:
        pytest.fail("ray is not installed in this Python: scripts/setup-harness.sh --with-ray")
    if not os.access(BINARY, os.X_OK):
        pytest.fail(f"{BINARY} is missing: run `swift build` first (scripts/test does)")


@pytest.fixture(scope="module")
def cluster():
    _require()
    made = Cluster(initialize_head=True, head_node_args={"num_cpus": 1})
    try:
        made.add_node(num_cpus=1)
        made.wait_for_nodes(timeout=300)   # a loaded CI machine starts raylets slowly
        yield made
    finally:
        made.shutdown()


@pytest.fixture
def database(tmp_path):
    path = tmp_path / "matrix.sqlite"
    _decoder_rows(path)     # creates it from the bundled database
    return path


def _infermatrix(database, results, *arguments, env=None, query=DECODER):
    command = [BINARY, "test", "--all", query, "--backend", "pytorch", "--device", "cpu",
               "--db", str(database), "--results-dir", str(results), *arguments]
    variables = dict(os.environ, INFERMATRIX_PYTHON=sys.executable, INFERMATRIX_HARNESS_DIR=REPO, **(env or {}))
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            env=variables, cwd=REPO, start_new_session=True)


def _runs(database, after=0):
    with sqlite3.connect(database) as db:
        rows = db.execute("SELECT id, row_key, status, reason, environment, log FROM test_run WHERE id > ?",
                          (after,)).fetchall()
    return [{"id": r[0], "row": r[1], "status": r[2], "reason": r[3], "env": json.loads(r[4]), "log": r[5]}
            for r in rows]


def _last_id(database):
    with sqlite3.connect(database) as db:
        return db.execute("SELECT coalesce(max(id), 0) FROM test_run").fetchone()[0]


def _decoder_rows(database):
    out = subprocess.run([BINARY, "list", "--matrix", "params", DECODER, "--format", "json", "--db", str(database)],
                         capture_output=True, text=True, check=True).stdout
    return sorted(row["key"] for row in json.loads(out)["rows"])


def _nothing_left(address):
    """No ServeWorker actor alive in the cluster's GCS, no process running one or its task
    (`ray::ServeWorker…`), no serve worker process. (ray.util.state needs the dashboard, which
    plain `ray` lacks: the GCS's actor table says the same.)"""
    from ray._private import state

    ray.init(address=address, log_to_driver=False, configure_logging=False)
    try:
        deadline = time.time() + 30
        while True:
            actors = [a for a in state.actors().values()
                      if a.get("ActorClassName") == "ServeWorker" and a.get("State") != "DEAD"]
            processes = _pgrep("ray::ServeWorker") + _pgrep("harness serve --backend pytorch --device cpu")
            if not actors and not processes or time.time() > deadline:
                return actors, processes
            time.sleep(1)
    finally:
        ray.shutdown()


def _pgrep(pattern):
    return subprocess.run(["pgrep", "-f", pattern], capture_output=True, text=True).stdout.split()


# MARK: - Tests


def test_bad_address_fails_fast_naming_it(database, tmp_path):
    _require()
    before = _last_id(database)
    started = time.monotonic()
    process = _infermatrix(database, tmp_path, "--ray", "127.0.0.1:9")
    output, _ = process.communicate(timeout=120)
    assert process.returncode == 1, output
    assert "cannot reach the Ray cluster at 127.0.0.1:9" in output, output
    assert "testing" not in output, output            # no cell started
    assert _runs(database, before) == []
    print(f"bad address: failed in {time.monotonic() - started:.1f} s")


def _completed(run) -> bool:
    """A cell that ran to its verdict: passed, or uncertain because its value is the library's
    default (the oracle rule: nothing to observe). Errors and failures are not."""
    return run["status"] == "passed" or (run["status"] == "uncertain" and run["reason"].startswith("default value"))


def test_every_decoder_cell_recorded_once_on_both_nodes(cluster, database, tmp_path):
    before = _last_id(database)
    process = _infermatrix(database, tmp_path, "--ray", cluster.address)
    output, _ = process.communicate(timeout=900)
    assert process.returncode == 0, output
    runs = _runs(database, before)
    rows = [run["row"] for run in runs]
    assert sorted(rows) == _decoder_rows(database), output
    assert all(_completed(run) for run in runs), [(r["row"], r["status"], r["reason"]) for r in runs]
    nodes = {run["env"]["node"].split()[1] for run in runs}
    alive = {node["NodeID"] for node in _cluster_nodes(cluster)}
    assert nodes == alive and len(nodes) == 2, (nodes, alive)


def test_cancel_mid_batch_leaves_nothing_on_the_cluster(cluster, database, tmp_path):
    before = _last_id(database)
    process = _infermatrix(database, tmp_path, "--ray", cluster.address)
    deadline = time.time() + 300
    while len(_runs(database, before)) < 3 and time.time() < deadline and process.poll() is None:
        time.sleep(0.5)
    os.killpg(process.pid, signal.SIGINT)
    output, _ = process.communicate(timeout=120)
    assert process.returncode == 1, output
    assert "cancelling the batch" in output, output
    runs = _runs(database, before)
    rows = [run["row"] for run in runs]
    assert len(rows) == len(set(rows)) and 3 <= len(rows) < 17, rows
    assert [r for r in runs if r["status"] == "error" and not r["reason"].startswith("cancelled")] == []
    actors, processes = _nothing_left(cluster.address)
    assert actors == [] and processes == [], (actors, processes)


def test_node_killed_mid_cell_loses_no_result(database, tmp_path):
    """A cluster whose only worker node hangs in the first cell (test hook on that raylet): a
    second node joins, the first is removed mid-cell; the cell is retried there and passes."""
    _require()
    made = Cluster(initialize_head=True, head_node_args={"num_cpus": 0})
    try:
        doomed = made.add_node(num_cpus=1, env_vars={"INFERMATRIX_HARNESS_HOOK": f"hang:{HANG_ROW}"})
        made.wait_for_nodes(timeout=300)   # a loaded CI machine starts raylets slowly
        before = _last_id(database)
        process = _infermatrix(database, tmp_path, "--ray", made.address, "--verbose")
        seen = []
        for line in process.stdout:
            seen.append(line)
            if f"hanging during {HANG_ROW}" in line:
                break
        else:
            pytest.fail("the hook never fired:\n" + "".join(seen))
        made.add_node(num_cpus=1)
        made.wait_for_nodes(timeout=300)   # a loaded CI machine starts raylets slowly
        made.remove_node(doomed, allow_graceful=False)
        output, _ = process.communicate(timeout=900)
        output = "".join(seen) + output
        assert process.returncode == 0, output
        runs = _runs(database, before)
        rows = [run["row"] for run in runs]
        assert sorted(rows) == _decoder_rows(database), output
        assert all(_completed(run) for run in runs), [(r["row"], r["status"], r["reason"]) for r in runs]
        hung = next(run for run in runs if run["row"] == HANG_ROW)
        assert "was lost" in hung["log"] and "retrying the cell once on another actor" in hung["log"], hung["log"]
        assert doomed.node_id not in hung["env"]["node"]
    finally:
        made.shutdown()


def _cluster_nodes(cluster):
    ray.init(address=cluster.address, log_to_driver=False, configure_logging=False)
    try:
        return [node for node in ray.nodes() if node["Alive"]]
    finally:
        ray.shutdown()


RAY_PROCESSES = ("gcs_server", "raylet", "ray::", "ray/dashboard", "log_monitor.py", "monitor.py",
                 "harness serve --backend pytorch --device cpu")


def _ray_processes():
    """pids of Ray's own processes (GCS, raylets, workers, monitors) and of serve workers."""
    return {pid for pattern in RAY_PROCESSES for pid in _pgrep(pattern)}


def test_ray_local_starts_runs_and_stops_its_cluster(database, tmp_path):
    """`--ray local`: the driver starts a cluster for the batch (one cell here), the cell runs on it
    (its run records the node), and at the end no process of that cluster is left. Processes of
    clusters that existed before (another test's) are not counted."""
    _require()
    before_pids = _ray_processes()
    before = _last_id(database)
    process = _infermatrix(database, tmp_path, "--ray", "local", query="decoder.preset=standard")
    chunks = []
    reader = threading.Thread(target=lambda: chunks.append(process.stdout.read()), daemon=True)
    reader.start()
    seen = set()
    while process.poll() is None:  # the cluster's processes while the batch runs
        seen |= _ray_processes() - before_pids
        time.sleep(0.5)
    reader.join(timeout=60)
    output = "".join(chunks)
    assert process.returncode == 0, output
    runs = _runs(database, before)
    assert [r["row"] for r in runs] == ["decoder.preset=standard"], output
    assert _completed(runs[0]), runs[0]
    assert runs[0]["env"].get("node"), runs[0]["env"]   # it ran on a Ray node
    assert seen, "no Ray process appeared: no cluster was started"
    deadline = time.time() + 60
    while (left := _ray_processes() & seen) and time.time() < deadline:  # those of this cluster still alive
        time.sleep(1)
    assert not left, f"Ray processes left behind by --ray local: {left}"
