"""The vLLM backend's engine: at most one `vllm.LLM` per worker, shared by params and feature cells
(`EngineCache`), the engine's log tail that names a start-up error's root cause (`LogTail`), and the
GPU-sharing locks (`gpu_turn`, `sizing_turn`) of workers that share one GPU.

    engines = EngineCache(writer)
    llm = engines.start(key, lambda: LLM(model=path, **args))   # reused while `key` stays the same
    engines.drop()                                              # shuts it down (the worker's end)
"""

from __future__ import annotations

import collections
import contextlib
import fcntl
import gc
import os
import re
import tempfile
import time

from harness.backends.vllm_mapping import gpu_share
from harness.errors import EngineFailed

ROOT_CAUSE = re.compile(r"(\w*(Error|Exception)): (.+)$")


def engine_environment() -> None:
    """The process environment the harness's engines start with (unless the caller set it)."""
    os.environ.setdefault("VLLM_CPU_KVCACHE_SPACE", "1")        # GiB of KV cache on CPU
    os.environ.setdefault("VLLM_CPU_OMP_THREADS_BIND", "nobind")  # shared 2-core machines
    os.environ.setdefault("VLLM_NO_USAGE_STATS", "1")
    # worker_checks sends a function to the workers (LLM.collective_rpc): vLLM pickles it only when allowed
    os.environ.setdefault("VLLM_ALLOW_INSECURE_SERIALIZATION", "1")


def _lock_path(name: str) -> str:
    return os.path.join(tempfile.gettempdir(), f"infermatrix-vllm-{name}.lock")


@contextlib.contextmanager
def gpu_turn(releasing: bool = False, sizing: bool = False):
    """Workers sharing a GPU (INFERMATRIX_VLLM_GPU_SHARE set; a no-op otherwise): an engine that
    sizes its memory from the free memory (a row setting gpu_memory_utilization) profiles it at start,
    and vLLM asserts when another process frees GPU memory meanwhile ("Error in memory profiling …
    other processes release GPU memory"). So engine shutdowns (`releasing`) hold the lock shared and
    such a start (`sizing`) holds it exclusively. Other starts take no lock: with the fixed KV cache
    they do not profile, and a slow one (a CUDA-graph capture) must not hold the others up."""
    if gpu_share() is None or not (releasing or sizing):
        yield
        return
    with open(_lock_path("release"), "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX if sizing else fcntl.LOCK_SH)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def sizing_turn():
    """One memory-sizing engine at a time on a shared GPU (0.5 + 0.6 of it cannot both fit): the open,
    locked file is held from the engine's start until it is shut down (close it to release)."""
    handle = open(_lock_path("sizing"), "a")
    fcntl.flock(handle, fcntl.LOCK_EX)
    return handle


# MARK: - Engine


class LogTail:
    """Keeps the last log lines (vLLM's engine core reports start-up errors there)."""

    def __init__(self, writer):
        self.lines = collections.deque(maxlen=200)
        original = writer.log

        def log(text, stream="harness"):
            self.lines.append(text)
            original(text, stream=stream)

        writer.log = log

    def root_cause(self) -> str | None:
        for line in self.lines:  # the first error line since the engine start is the innermost cause
            for part in line.splitlines():
                match = ROOT_CAUSE.search(part.strip())
                if match and "Engine core initialization failed" not in part:
                    return f"{match.group(1)}: {match.group(3).strip()}"
        return None


class EngineCache:
    """The worker's one engine, kept between cells while its key (model, `LLM` keywords, env) stays the
    same; another key shuts it down before the next engine starts."""

    def __init__(self, writer):
        self.tail = LogTail(writer)
        self.key, self.llm, self.load_s, self.sizing = None, None, 0.0, None

    def get(self, key):
        return self.llm if self.llm is not None and key == self.key else None

    def start(self, key, make, exclusive: bool = False):
        """The running engine for `key`, or a new one from `make()` (the old one shut down first).
        `exclusive`: a memory-sizing start on a shared GPU (holds the sizing lock until `drop`).
        A start that raises is EngineFailed with the engine core's root cause."""
        llm = self.get(key)
        if llm is not None:
            return llm
        self.drop()
        self.tail.lines.clear()
        started = time.perf_counter()
        if exclusive and gpu_share() is not None:
            self.sizing = sizing_turn()
        try:
            with gpu_turn(sizing=exclusive):
                llm = make()
        except Exception as exc:  # noqa: BLE001 — vLLM's text, root cause from the engine core first
            if self.sizing is not None:
                self.sizing.close()
                self.sizing = None
            raise EngineFailed(self.explain(exc)) from None
        self.key, self.llm, self.load_s = key, llm, time.perf_counter() - started
        return llm

    def explain(self, exc: BaseException) -> str:
        """The exception's text, the engine core's root cause first when the log names another."""
        cause = self.tail.root_cause()
        text = f"{type(exc).__name__}: {exc}"
        return f"{cause} ({text})" if cause and cause not in text else text

    def drop(self):
        if self.llm is not None:
            with gpu_turn(releasing=True):
                shutdown(self.llm)
            gc.collect()
        if self.sizing is not None:
            self.sizing.close()  # the next memory-sizing engine may start
        self.key, self.llm, self.sizing = None, None, None


def shutdown(llm):
    try:
        engine = getattr(llm, "llm_engine", None)
        core = getattr(engine, "engine_core", None)
        if core is not None and hasattr(core, "shutdown"):
            core.shutdown()
    except Exception:  # noqa: BLE001
        pass

