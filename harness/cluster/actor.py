"""The Ray actor of a batch: one warm `python -m harness serve` worker for one (backend, model,
device) key, on whatever node Ray placed it, answering one cell at a time.

The actor does not re-implement the serve loop: it starts the very worker the local pool starts
(`harness/cli.py`, `serve`) as its child, writes each request on the child's stdin and yields
the child's event lines back to the driver as they come (a Ray streaming generator). The child
keeps its model or engine warm between cells exactly as a local warm worker does; it dies with
the actor (PR_SET_PDEATHSIG), so a killed actor or node leaves nothing behind.

    actor = ray.remote(ServeWorker).options(num_cpus=1).remote("pytorch", None, "cpu")
    for ref in actor.answer.options(num_returns="streaming").remote({"id": "1", "row": "streaming"}):
        print(ray.get(ref))            # '{"event": "hello", …, "node": "…"}', then the cell's events
"""

from __future__ import annotations

import ctypes
import json
import os
import queue
import signal
import socket
import subprocess
import sys
import threading

STDERR_TAIL = 20


class WorkerGone(RuntimeError):
    """The serve worker ended before the cell's `result`: the message says how, with its last
    stderr lines. The driver retries the cell once on another actor."""


def _die_with_parent() -> None:
    """In the child, before exec: SIGKILL when the actor process goes (Linux)."""
    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except OSError:
        pass
    os.setsid()


class ServeWorker:
    """A warm serve worker of one key; `answer` is called once per cell, never concurrently."""

    def __init__(self, backend: str, model: str | None, device: str):
        import harness

        root = os.path.dirname(os.path.dirname(os.path.abspath(harness.__file__)))
        arguments = [sys.executable, "-u", "-m", "harness", "serve", "--backend", backend, "--device", device]
        if model:
            arguments += ["--model", model]
        env = dict(os.environ)
        env["PYTHONPATH"] = root + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
        self.key = f"{backend} on {device}" + (f" ({model})" if model else "")
        self._lines: queue.Queue = queue.Queue()
        self._stderr: list[str] = []
        self._process = subprocess.Popen(arguments, cwd=root, env=env, stdin=subprocess.PIPE,
                                         stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                         text=True, bufsize=1, preexec_fn=_die_with_parent)
        threading.Thread(target=self._read, args=(self._process.stdout, "out"), daemon=True).start()
        threading.Thread(target=self._read, args=(self._process.stderr, "err"), daemon=True).start()
        self._hello: dict | None = None
        self.placement = self._placement()

    def _read(self, stream, kind: str) -> None:
        for line in stream:
            self._lines.put((kind, line.rstrip("\n")))
        self._lines.put((kind, None))

    @staticmethod
    def _placement() -> dict:
        """Where Ray put this actor: the node's id, address and host name, and its GPU ids."""
        import ray

        context = ray.get_runtime_context()
        gpus = [str(g) for g in context.get_accelerator_ids().get("GPU", [])]
        return {"node": context.get_node_id(), "node_ip": ray.util.get_node_ip_address(),
                "hostname": socket.gethostname(), "gpu_ids": gpus}

    def where(self) -> dict:
        return self.placement

    def answer(self, request: dict):
        """Yields the cell's event lines (JSON text), `hello` first (with this actor's placement),
        `result` last; raises ``WorkerGone`` when the worker ends before its `result`."""
        if self._hello is None:
            self._hello = self._wait_for_hello()
        yield json.dumps(dict(self._hello, id=request["id"], **self.placement))
        self._process.stdin.write(json.dumps(request) + "\n")
        self._process.stdin.flush()
        while True:
            kind, line = self._next()
            if kind == "err":
                yield json.dumps({"event": "log", "t": 0.0, "id": request["id"], "stream": "stderr", "text": line})
                continue
            if not line.startswith("{"):
                continue
            event = json.loads(line)
            if event.get("event") == "ready":
                continue
            if "id" in event and event["id"] != request["id"]:
                continue
            yield line
            if event.get("event") == "result":
                return

    def _wait_for_hello(self) -> dict:
        while True:
            kind, line = self._next()
            if kind == "out" and line.startswith("{") and json.loads(line).get("event") == "hello":
                return json.loads(line)

    def _next(self) -> tuple[str, str]:
        """The worker's next line, `("out" | "err", text)`; stderr lines are also kept for the
        reason of a death. The end of its stdout raises ``WorkerGone``."""
        while True:
            kind, line = self._lines.get()
            if line is None:
                if kind == "out":
                    raise WorkerGone(self._gone())
                continue
            if kind == "err":
                self._stderr = (self._stderr + [line])[-STDERR_TAIL:]
            return kind, line

    def _gone(self) -> str:
        code = self._process.wait()
        how = f"killed by signal {-code}" if code < 0 else f"exited with status {code}"
        tail = "\n".join(self._stderr[-5:])
        return f"the serve worker ({self.key}) on {self.placement['hostname']} {how} without a result" + (
            f"\nlast stderr lines:\n{tail}" if tail else "")
