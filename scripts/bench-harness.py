#!/usr/bin/env python3
"""Prints the harness's cold-start figures and its tokens/s against calling model.generate directly.

    python scripts/bench-harness.py [--tokens 64] [--repeats 5] [--device cpu]

Cold start: the Python import of torch + transformers (fresh interpreter), building the tiny
random Qwen2 (fresh cache dir), loading it. Throughput: the same loaded model, greedy, batch 1;
"direct" is a bare model.generate, "harness" is the harness's measured generate (token events
streamed to /dev/null through its streamer). Medians over --repeats after one warm-up each.
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")


def cold_import_s() -> float:
    code = "import time; t=time.perf_counter(); import torch, transformers; print(time.perf_counter()-t)"
    runs = [float(subprocess.check_output([sys.executable, "-c", code], text=True)) for _ in range(3)]
    return statistics.median(runs)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tokens", type=int, default=64)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--device", default="cpu")
    args = parser.parse_args()

    print(f"cold python import (torch+transformers, median of 3): {cold_import_s():.2f} s")
    import torch

    from harness import tiny_model
    from harness.backends.pytorch import PROMPTS, PyTorchAdapter, LoadSettings
    from harness.backends.pytorch_run import measured_generate
    from harness.cell import RunContext
    from harness.events import EventWriter

    with tempfile.TemporaryDirectory() as cache:
        started = time.perf_counter()
        tiny_model.build_tiny_qwen2(os.path.join(cache, "m"))
        print(f"tiny model build (tokenizer training + random Qwen2 + save): {time.perf_counter() - started:.2f} s")
    tiny_model.ensure_tiny_qwen2()
    sink = os.open(os.devnull, os.O_WRONLY)
    writer = EventWriter(sink)
    adapter = PyTorchAdapter(writer, None, args.device)
    loaded = adapter.load(LoadSettings())
    print(f"tiny model load (from_pretrained, cached): {loaded.load_s:.2f} s")
    ctx = RunContext(writer=writer, adapter=adapter)
    kwargs = {"max_new_tokens": args.tokens, "min_new_tokens": args.tokens, "do_sample": False}
    enc = loaded.encode(PROMPTS[:1])

    def direct() -> float:
        started = time.perf_counter()
        with torch.inference_mode():
            loaded.model.generate(**enc, pad_token_id=loaded.tokenizer.pad_token_id, **kwargs)
        return args.tokens / (time.perf_counter() - started)

    def harness() -> float:
        measured_generate(ctx, loaded, PROMPTS[:1], emit_metrics=False, **kwargs)
        return ctx.last_stats["new_tokens"] / ctx.last_stats["elapsed"]

    # Time spent inside the harness's streamer (decode + token events): its own overhead,
    # independent of how loaded the machine is.
    from harness.backends import pytorch_run as context_module

    spent = [0.0]
    original_put = context_module.TokenEventStreamer.put

    def timed_put(self, value):
        started = time.perf_counter()
        original_put(self, value)
        spent[0] += time.perf_counter() - started

    context_module.TokenEventStreamer.put = timed_put
    direct(), harness()  # warm-up
    spent[0] = 0.0
    harness_time = [0.0]
    d, h = [], []
    for _ in range(args.repeats):  # interleaved so machine load hits both alike
        d.append(direct())
        h.append(harness())
        harness_time[0] += ctx.last_stats["elapsed"]
    md, mh = statistics.median(d), statistics.median(h)
    print(f"tokens/s direct model.generate: {md:.1f} (runs {', '.join(f'{x:.0f}' for x in d)})")
    print(f"tokens/s harness generate:      {mh:.1f} (runs {', '.join(f'{x:.0f}' for x in h)})")
    print(f"harness / direct: median {mh / md * 100:.1f}%, best-of {max(h) / max(d) * 100:.1f}% (target >= 95%)")
    print(f"time inside the harness streamer: {spent[0] / harness_time[0] * 100:.2f}% of harness generate time "
          f"({spent[0] / (args.repeats * args.tokens) * 1e6:.0f} us per token)")
    print(f"(load average now: {', '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} cores)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
