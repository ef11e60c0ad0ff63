"""`python -m harness ray-driver`: runs a batch's cells on a Ray cluster and streams their events
to the engine as one serve worker would (docs/PROTOCOL.md, "The Ray driver"; docs/ray.md).

    python -m harness ray-driver --address 10.0.0.5:6379
    {"id": "r1", "matrix": "params", "row": "streaming", "backend": "pytorch", "device": "cpu"}   ← stdin
    {"cancel": "r1"}                                                                               ← stdin

The driver connects (or, with `local`, starts a cluster of its own), says `ready` with the
cluster's slots, then answers requests concurrently: each cell goes to an idle actor that holds
its (backend, model, device) key, else to a new actor while the cluster has room (`num_gpus=1`
for CUDA cells, `--cpus-per-actor` CPUs for CPU cells, spread over the nodes), else it waits.
Every request ends with exactly one `result`: the cell's own, or an `error` when it was
cancelled or its actor died twice. An actor or node that dies mid-cell costs the cell one retry
on another actor; the checks and metrics of the lost attempt are dropped (they are held until
the attempt's `result`), its phases and logs stay, with a log line saying what was lost.
EOF at stdin: every actor is killed, the connection closed (a `local` cluster stopped), exit 0.
"""

from __future__ import annotations

import asyncio
import collections
import itertools
import json
import os
import sys
import threading
import time

from harness.cluster.actor import ServeWorker, WorkerGone
from harness.events import parse_request

HELD = ("check", "metric")  # released with the attempt's result; dropped when the attempt is lost


class Output:
    """Event lines on a private copy of fd 1; fd 1 itself then points at stderr, so Ray's own
    prints never mix with the protocol."""

    def __init__(self, start: float):
        sys.stdout.flush()
        self._fd = os.dup(1)
        os.dup2(2, 1)
        self.start = start

    def line(self, text: str) -> None:
        data = (text + "\n").encode("utf-8")
        while data:
            data = data[os.write(self._fd, data):]

    def emit(self, event: str, **fields) -> None:
        self.line(json.dumps({"event": event, "t": round(time.perf_counter() - self.start, 6), **fields}))


class Cell:
    def __init__(self, request: dict):
        self.request = request
        self.id = str(request["id"])
        self.attempts = 0
        self.avoid: set[str] = set()
        self.task: asyncio.Task | None = None
        self.slot: Slot | None = None


class Slot:
    """One actor: its key, its handle, the cell it runs (None when idle)."""

    serials = itertools.count(1)

    def __init__(self, key: tuple, handle):
        self.key = key
        self.handle = handle
        self.name = f"actor-{next(self.serials)}"
        self.cell: Cell | None = None

    @property
    def gpu(self) -> bool:
        return self.key[2] == "cuda"


class Driver:
    def __init__(self, ray, out: Output, cpus_per_actor: float):
        self.ray = ray
        self.out = out
        self.cpus_per_actor = cpus_per_actor
        self.queue: collections.deque[Cell] = collections.deque()
        self.cells: dict[str, Cell] = {}
        self.slots: list[Slot] = []
        self.remote = ray.remote(ServeWorker)

    # MARK: - Capacity

    def capacity(self, gpu: bool) -> int:
        resources = self.ray.cluster_resources()   # alive nodes only
        if gpu:
            return int(resources.get("GPU", 0))
        return int(resources.get("CPU", 0) // self.cpus_per_actor)

    def resolve_device(self, device: str) -> str:
        if device in ("cpu", "cuda"):
            return device
        return "cuda" if self.capacity(True) > 0 else "cpu"

    # MARK: - Requests

    def submit(self, request: dict) -> None:
        if "cancel" in request:
            self.cancel(str(request["cancel"]))
            return
        if "id" not in request:
            self.out.emit("error", message="bad request line: no id", traceback=None)
            return
        request.setdefault("backend", "pytorch")
        request["device"] = self.resolve_device(str(request.get("device") or "auto"))
        cell = Cell(request)
        self.cells[cell.id] = cell
        if self.capacity(request["device"] == "cuda") == 0:
            what = "GPU" if request["device"] == "cuda" else f"{self.cpus_per_actor:g} CPU"
            self.finish(cell, status="error", reason=f"the Ray cluster has no node with {what} for a {request['device']} cell")
            return
        self.queue.append(cell)
        self.dispatch()

    def cancel(self, cell_id: str) -> None:
        cell = self.cells.get(cell_id)
        if cell is None:
            return
        if cell in self.queue:
            self.queue.remove(cell)
        if cell.slot is not None:
            self.drop(cell.slot)
        if cell.task is not None:
            cell.task.cancel()
        self.finish(cell, status="error", reason="cancelled")
        self.dispatch()

    def finish(self, cell: Cell, status: str, reason: str) -> None:
        """Ends a cell the driver decided (cancelled, lost twice): one `result`, as the harness writes it."""
        if self.cells.pop(cell.id, None) is None:
            return
        self.out.emit("result", id=cell.id, status=status, reason=reason, elapsed_s=0.0, parameters={},
                      model=cell.request.get("model"))

    # MARK: - Scheduling

    def dispatch(self) -> None:
        """Gives each waiting cell (in order) an idle actor of its key, or a new actor if there is room."""
        for cell in list(self.queue):
            key = (cell.request["backend"], cell.request.get("model"), cell.request["device"])
            slot = next((s for s in self.slots if s.key == key and s.cell is None and s.name not in cell.avoid), None)
            if slot is None:
                slot = self.make_room_and_start(key)
            if slot is None:
                continue
            self.queue.remove(cell)
            cell.slot, slot.cell = slot, cell
            cell.attempts += 1
            cell.task = asyncio.get_running_loop().create_task(self.run(cell, slot))

    def make_room_and_start(self, key: tuple):
        gpu = key[2] == "cuda"
        kind = [s for s in self.slots if s.gpu == gpu]
        if len(kind) >= self.capacity(gpu):
            idle = next((s for s in kind if s.cell is None and s.key != key), None)
            if idle is None:
                return None
            self.drop(idle)              # an idle actor of another key makes room
        options = {"num_gpus": 1, "num_cpus": 0} if gpu else {"num_cpus": self.cpus_per_actor}
        handle = self.remote.options(scheduling_strategy="SPREAD", max_restarts=0, **options).remote(*key)
        slot = Slot(key, handle)
        self.slots.append(slot)
        return slot

    def drop(self, slot: Slot) -> None:
        """Kills the actor (its serve worker dies with it)."""
        if slot in self.slots:
            self.slots.remove(slot)
        try:
            self.ray.kill(slot.handle, no_restart=True)
        except Exception:  # already gone
            pass

    # MARK: - One attempt

    async def run(self, cell: Cell, slot: Slot) -> None:
        held: list[str] = []
        where = "?"
        try:
            stream = slot.handle.answer.options(num_returns="streaming").remote(cell.request)
            async for ref in stream:
                line = await ref
                event = json.loads(line)
                kind = event.get("event")
                if kind == "hello":
                    where = f"node {event.get('hostname')} {str(event.get('node', ''))[:8]} ({event.get('node_ip')})"
                    line = json.dumps(dict(event, actor=slot.name))
                if kind in HELD:
                    held.append(line)
                    continue
                if kind == "result":
                    for kept in held:
                        self.out.line(kept)
                    if self.cells.pop(cell.id, None) is not None:
                        self.out.line(line)
                    slot.cell = None
                    cell.slot = None
                    self.dispatch()
                    return
                if cell.id in self.cells:
                    self.out.line(line)
            raise WorkerGone("the actor's answer ended without a result")
        except asyncio.CancelledError:
            return
        except Exception as exc:  # the actor, its worker or its node died mid-cell
            reason = self.reason(exc)
            self.drop(slot)
            cell.slot = None
            if cell.id not in self.cells:
                return
            self.out.emit("log", id=cell.id, stream="harness",
                          text=f"ray: attempt {cell.attempts} on {slot.name} ({where}) was lost: {reason}"
                               + (f"; {len(held)} checks/metrics of it dropped" if held else ""))
            if cell.attempts < 2:
                self.out.emit("log", id=cell.id, stream="harness", text="ray: retrying the cell once on another actor")
                cell.avoid.add(slot.name)
                self.queue.appendleft(cell)
            else:
                self.finish(cell, status="error", reason=f"lost twice on the Ray cluster; last: {reason}")
            self.dispatch()

    @staticmethod
    def reason(exc: Exception) -> str:
        cause = getattr(exc, "cause", None)
        if isinstance(cause, WorkerGone):
            return str(cause)
        text = str(exc).strip().splitlines()
        return f"{type(exc).__name__}: {text[0] if text else ''}"

    def shutdown(self) -> None:
        for cell in list(self.cells.values()):
            if cell.task is not None:
                cell.task.cancel()
        for slot in list(self.slots):
            self.drop(slot)


# MARK: - Entry point


def connect(ray, address: str) -> None:
    """`local`: a cluster of our own, stopped at exit; otherwise an existing one (RAY_ADDRESS
    when `auto`). Raises ConnectionError naming the address."""
    common = {"log_to_driver": False, "include_dashboard": False, "configure_logging": False}
    if address == "local":
        ray.init(**common)
        return
    target = address if address != "auto" else os.environ.get("RAY_ADDRESS", "")
    if not target:
        raise ConnectionError("no Ray address: pass --ray ADDRESS, set RAY_ADDRESS, or use --ray local")
    reachable(target)
    try:
        ray.init(address=target, **{k: v for k, v in common.items() if k != "include_dashboard"})
    except Exception as exc:
        first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        raise ConnectionError(f"cannot reach the Ray cluster at {target}: {first}") from exc


def reachable(target: str, seconds: float = 5.0) -> None:
    """A HOST:PORT that refuses or does not answer fails within `seconds`, not after Ray's own
    minute-long retries."""
    import socket

    if "://" in target:
        return
    host, _, port = target.rpartition(":")
    if not host or not port.isdigit():
        raise ConnectionError(f"cannot reach the Ray cluster at {target}: not HOST:PORT, ray://HOST:PORT or local")
    try:
        socket.create_connection((host, int(port)), timeout=seconds).close()
    except OSError as exc:
        raise ConnectionError(f"cannot reach the Ray cluster at {target}: {exc.strerror or exc}") from exc


def main(args, start: float) -> int:
    out = Output(start)
    try:
        import ray
    except ImportError:
        out.emit("error", message="ray is not installed in the harness's Python: "
                 "scripts/setup-harness.sh --with-ray installs ray==2.60.0", traceback=None)
        return 3
    os.environ.setdefault("RAY_DEDUP_LOGS", "0")
    try:
        connect(ray, args.address)
    except ConnectionError as exc:
        out.emit("error", message=str(exc), traceback=None)
        print(f"harness: {exc}", file=sys.stderr)
        return 4
    try:
        driver = Driver(ray, out, args.cpus_per_actor)
        nodes = [n for n in ray.nodes() if n.get("Alive")]
        out.emit("ready", served=0, address=ray.get_runtime_context().gcs_address, nodes=len(nodes),
                 cpu_slots=driver.capacity(False), gpu_slots=driver.capacity(True))
        asyncio.run(serve(driver))
        return 0
    finally:
        ray.shutdown()


async def serve(driver: Driver) -> None:
    loop = asyncio.get_running_loop()
    lines: asyncio.Queue = asyncio.Queue()

    def read() -> None:
        for line in sys.stdin:
            loop.call_soon_threadsafe(lines.put_nowait, line)
        loop.call_soon_threadsafe(lines.put_nowait, None)

    threading.Thread(target=read, daemon=True).start()
    while (line := await lines.get()) is not None:
        if not line.strip():
            continue
        try:
            request = parse_request(line)
        except ValueError as exc:
            driver.out.emit("error", message=f"bad request line: {exc}", traceback=None)
            continue
        driver.submit(request)
    driver.shutdown()
