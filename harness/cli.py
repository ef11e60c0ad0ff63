"""Command line of the harness: `run`, `serve`, `list-params` (docs/harness.md).

    python -m harness run --matrix params --row streaming=True --backend pytorch
    python -m harness list-params
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
import traceback

START = time.perf_counter()

from harness import PROTOCOL_VERSION, __version__  # noqa: E402
from harness.events import EventWriter, OutputCapture, parse_request  # noqa: E402


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m harness", description="InferMatrix live-test harness")
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="test one cell, JSON Lines events on stdout")
    run.add_argument("--matrix", default="params", help="params, features or multimodal (data/catalogue.json)")
    run.add_argument("--row", required=True, help="row key, e.g. 'decoder.beam_search.num_beams=4'")
    run.add_argument("--column", default=None, help="feature column (feature matrices)")
    _common(run)
    serve = sub.add_parser("serve", help="warm worker: one JSON request per stdin line")
    _common(serve)
    sub.add_parser("list-params", help="print the parameter mapping as JSON")
    driver = sub.add_parser("ray-driver", help="run requests on a Ray cluster's actors (docs/ray.md)")
    driver.add_argument("--address", default="auto", help="HOST:PORT or ray://…, local (a cluster of our own), "
                        "auto (RAY_ADDRESS)")
    driver.add_argument("--cpus-per-actor", type=float, default=1.0, help="CPUs Ray reserves for a CPU cell's actor")
    return parser


def _common(parser):
    from harness.catalogue import CATALOGUE

    parser.add_argument("--backend", required=True, choices=CATALOGUE.backend_keys())
    parser.add_argument("--model", default=None, help="local checkpoint, or random-qwen2.5-0.5b (a real model's dimensions, random "
                        "weights, built offline; for throughput and energy figures) (default: offline tiny Qwen2)")
    parser.add_argument("--device", default="auto", choices=("auto", "cpu", "cuda"))
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--timeout", type=float, default=None, help="seconds; the engine enforces it too")
    parser.add_argument("--mutate", default=None, choices=("drop",),
                        help="oracle mutation test: drop the row's parameter before it reaches the library "
                             "(harness/mutation.py; same as INFERMATRIX_MUTATE=drop)")


def main(argv=None) -> int:
    try:
        import harness.catalogue  # noqa: F401 — the backends and parameters are the catalogue's
    except RuntimeError as exc:  # catalogue.CatalogueError: data/catalogue.json missing or malformed
        print(f"harness: {exc}", file=sys.stderr)
        return 2
    args = _parser().parse_args(argv)  # exits 2 with a message on stderr for bad arguments
    if args.command == "list-params":
        from harness.params import mapping_table

        print(json.dumps(mapping_table(), indent=2))
        return 0
    if args.command == "ray-driver":
        from harness.cluster import driver

        return driver.main(args, START)
    if args.mutate:
        from harness.mutation import VARIABLE

        os.environ[VARIABLE] = args.mutate
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    if args.timeout and args.command == "run":  # a worker serves many tests: the engine times each one
        import signal

        signal.alarm(int(args.timeout) + 1)  # default SIGALRM action ends the process: no result → engine: error
    writer = EventWriter.to_stdout(START)
    try:
        with OutputCapture(writer):
            code = _session(args, writer)
        return 1 if writer.closed else code
    except Exception as exc:  # the harness itself broke before a result
        if writer.closed:
            return 1
        writer.emit("error", message=f"{type(exc).__name__}: {exc}", traceback=traceback.format_exc())
        print(f"harness: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1


def _session(args, writer) -> int:
    """`hello`, then one cell per request (the command line's for `run`, stdin lines for `serve`) on
    the backend's adapter; the adapter closes (a vLLM engine shut down) when the requests end."""
    from harness.cell import run_request
    from harness.dispatch import open_adapter
    from harness.environment import probe

    env = probe(args.device, args.backend)
    writer.emit("hello", protocol=PROTOCOL_VERSION, harness=__version__, backend=args.backend, **env)
    if args.backend == "pytorch":
        _pytorch_imports(writer)
    adapter = open_adapter(args.backend, writer, args.model, args.device, START)
    if args.backend == "pytorch" and adapter.device != env["device"]:
        import torch

        writer.log(f"device is {adapter.device} (torch.cuda.is_available()={torch.cuda.is_available()}), "
                   f"not {env['device']} as announced in hello")
    try:
        for request in _requests(args, writer):
            run_request(writer, adapter, request, args.seed)
    finally:
        adapter.close()
    return 0


def _pytorch_imports(writer) -> None:
    """torch and transformers imported (timed as `import_s`), transformers' progress bars off."""
    import torch  # noqa: F401
    import transformers

    transformers.utils.logging.disable_progress_bar()
    writer.emit("metric", name="import_s", value=time.perf_counter() - START, unit="s")


def _request_lines(writer):
    """Serve mode's requests: `ready` (no id) whenever the worker waits for the next line, then one
    JSON object per stdin line; a line that is not a JSON object is answered with an `error` event
(no `id`, no `result`) and skipped. EOF ends it.
    The test hook (harness/hooks.py) fires as each request's row starts."""
    from harness import hooks

    stdin = os.fdopen(os.dup(0), "r")
    served = 0
    while True:
        writer.emit("ready", served=served)
        line = stdin.readline()
        if not line:
            return
        if not line.strip():
            continue
        try:
            request = parse_request(line)
        except ValueError as exc:
            writer.emit("error", message=f"bad request line: {exc}", traceback=None)
            continue
        served += 1
        hooks.fire(str(request.get("row", "")))
        yield request


def _requests(args, writer):
    """`run`: the one cell of the command line; `serve`: one JSON request per stdin line."""
    if args.command == "run":
        from harness import hooks

        hooks.fire(args.row)
        yield {"matrix": args.matrix, "row": args.row, "column": args.column, "seed": args.seed}
        return
    yield from _request_lines(writer)
