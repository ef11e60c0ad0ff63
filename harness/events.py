"""The event stream of docs/PROTOCOL.md: one JSON object per line on the real stdout.

`EventWriter` owns a private duplicate of file descriptor 1. `OutputCapture` then points fd 1
and fd 2 at pipes, so anything torch, transformers or a C extension prints becomes a `log`
event instead of raw text on stdout (stderr lines are also copied to the real stderr so the
engine still sees the last lines of a crash).

    writer = EventWriter.to_stdout()
    writer.emit("phase", name="load")
"""

from __future__ import annotations

import contextlib
import json
import logging
import math
import os
import sys
import threading
import time
import warnings

# The process's real stderr while an OutputCapture is active (fd 2 is then a pipe): for last words
# that must reach the engine even when the process exits at once (harness/hooks.py).
REAL_STDERR_FD: int | None = None

def parse_request(line: str) -> dict:
    """One request line of serve mode (or of the Ray driver) as a dict; ValueError says why not."""
    request = json.loads(line)
    if not isinstance(request, dict):
        raise ValueError("a request is a JSON object")
    return request


# MARK: - Writer


class EventWriter:
    """Writes protocol events, each with `event` and `t`, flushed line by line.

        writer = EventWriter(os.dup(1))
        writer.emit("metric", name="load_s", value=0.4, unit="s")
    """

    def __init__(self, fd: int, start: float | None = None):
        self._fd = fd
        self._lock = threading.Lock()
        self.start = start if start is not None else time.perf_counter()
        self.request_id: str | None = None
        self.closed = False  # the reader went away (EPIPE): later events are dropped

    @classmethod
    def to_stdout(cls, start: float | None = None) -> "EventWriter":
        sys.stdout.flush()
        return cls(os.dup(1), start)

    def elapsed(self) -> float:
        return time.perf_counter() - self.start

    def emit(self, event: str, **fields) -> None:
        record = {"event": event, "t": round(self.elapsed(), 6)}
        if self.request_id is not None:
            record["id"] = self.request_id
        record.update(fields)
        line = (json.dumps(_jsonable(record), ensure_ascii=False) + "\n").encode("utf-8")
        with self._lock:
            if self.closed:
                return
            view = memoryview(line)
            try:
                while view:
                    written = os.write(self._fd, view)
                    view = view[written:]
            except BrokenPipeError:
                self.closed = True

    @contextlib.contextmanager
    def answering(self, request: dict):
        """Serve mode: the events written inside carry the request's `id` (none when it has none)."""
        self.request_id = str(request["id"]) if "id" in request else None
        try:
            yield
        finally:
            self.request_id = None

    def log(self, text: str, stream: str = "harness") -> None:
        self.emit("log", stream=stream, text=text)


class CollectingWriter(EventWriter):
    """An EventWriter that keeps events in a list instead of writing them (in-process runs: the
    tests, the oracle report).

        writer = CollectingWriter()
        writer.emit("phase", name="load")
        writer.events[-1]["name"]    # "load"
    """

    def __init__(self):
        super().__init__(fd=-1)
        self.events = []

    def emit(self, event, **fields):
        self.events.append({"event": event, "t": self.elapsed(), **fields})


def _jsonable(value):
    """Makes numbers JSON-safe (no NaN/inf) and stringifies unknown objects."""
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if value is None or isinstance(value, (str, int, bool)):
        return value
    return str(value)


# MARK: - Capture


class OutputCapture:
    """Redirects fd 1/fd 2, Python warnings and library logging into `log` events.

        with OutputCapture(writer):
            print("hello")          # becomes {"event": "log", "stream": "backend", ...}
    """

    def __init__(self, writer: EventWriter):
        self.writer = writer
        self._threads: list[threading.Thread] = []
        self._saved: dict[int, int] = {}
        self._old_showwarning = None
        self._handler: logging.Handler | None = None

    def __enter__(self) -> "OutputCapture":
        sys.stdout.flush()
        sys.stderr.flush()
        real_stderr = os.dup(2)
        self._saved = {1: os.dup(1), 2: real_stderr}
        global REAL_STDERR_FD
        REAL_STDERR_FD = real_stderr
        for fd, stream, tee in ((1, "backend", None), (2, "stderr", real_stderr)):
            read_end, write_end = os.pipe()
            os.dup2(write_end, fd)
            os.close(write_end)
            thread = threading.Thread(target=self._pump, args=(read_end, stream, tee), daemon=True)
            thread.start()
            self._threads.append(thread)
        self._old_showwarning = warnings.showwarning
        warnings.showwarning = self._show_warning
        self._handler = _EventLogHandler(self.writer)
        for name in ("transformers", "torch", "accelerate", "bitsandbytes"):
            logger = logging.getLogger(name)
            logger.addHandler(self._handler)
            logger.propagate = False
        return self

    def __exit__(self, *exc) -> None:
        sys.stdout.flush()
        sys.stderr.flush()
        warnings.showwarning = self._old_showwarning
        for name in ("transformers", "torch", "accelerate", "bitsandbytes"):
            logging.getLogger(name).removeHandler(self._handler)
        for fd, saved in self._saved.items():
            os.dup2(saved, fd)  # closes the pipe's last write end: the pump sees EOF
            if fd == 1:
                os.close(saved)
        for thread in self._threads:
            thread.join(timeout=5)
        global REAL_STDERR_FD
        REAL_STDERR_FD = None
        os.close(self._saved[2])

    def _show_warning(self, message, category, filename, lineno, file=None, line=None):
        self.writer.log(f"{category.__name__}: {message} ({os.path.basename(filename)}:{lineno})",
                        stream="backend")

    def _pump(self, read_end: int, stream: str, tee: int | None) -> None:
        buffer = b""
        with os.fdopen(read_end, "rb", buffering=0) as pipe:
            while True:
                chunk = pipe.read(65536)
                if not chunk:
                    break
                if tee is not None:
                    try:
                        os.write(tee, chunk)
                    except OSError:
                        pass
                buffer += chunk
                *lines, buffer = buffer.split(b"\n")
                for line in lines:
                    self._emit_line(line, stream)
        if buffer:
            self._emit_line(buffer, stream)

    def _emit_line(self, raw: bytes, stream: str) -> None:
        text = raw.decode("utf-8", "replace").rstrip("\r")
        if text.strip():
            self.writer.log(text, stream=stream)


class _EventLogHandler(logging.Handler):
    def __init__(self, writer: EventWriter):
        super().__init__(level=logging.INFO)
        self.writer = writer

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self.writer.log(f"{record.levelname} {record.name}: {record.getMessage()}", stream="backend")
        except Exception:  # a log line must never break a run
            pass
