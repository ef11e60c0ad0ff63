"""`streaming`: generate with a TextIteratorStreamer running in a thread.

Oracle: the streamed chunks, concatenated, equal the decoded non-streamed greedy output.
`streaming=False` runs unstreamed and has no oracle (uncertain).
"""

import threading
import time

import torch
from transformers import TextIteratorStreamer

from harness.prompts import PROMPTS
from harness.families.common import default_loaded


class StepRecordingStreamer(TextIteratorStreamer):
    """TextIteratorStreamer that also notes when generate hands it each step's ids.

    TextIteratorStreamer releases text only at word boundaries, so a random model's output may
    arrive as one chunk; the step times show the ids really flowed while generating."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.step_times = []

    def put(self, value):
        self.step_times.append(time.perf_counter())
        super().put(value)


def run(ctx, row):
    ctx.applied["streaming"] = bool(row.value)
    loaded = default_loaded(ctx)
    ctx.phase("generate")
    if not row.value:
        ctx.measured_generate(loaded, PROMPTS[:1], stream=False, do_sample=False)
        ctx.notes.append("streaming=False: nothing streams, so no oracle applies")
        return
    streamer = StepRecordingStreamer(loaded.tokenizer, skip_prompt=True, skip_special_tokens=True, timeout=120)
    enc = loaded.encode(PROMPTS[:1])
    failure = []

    def work():
        try:
            with torch.inference_mode():
                loaded.model.generate(**enc, **loaded.gen_defaults, do_sample=False, streamer=streamer)
        except BaseException as exc:  # reported on the main thread
            failure.append(exc)
            streamer.end()

    started = time.perf_counter()
    thread = threading.Thread(target=work, daemon=True)
    thread.start()
    chunks, first = [], None
    for chunk in streamer:
        if first is None:
            first = time.perf_counter() - started
        chunks.append(chunk)
        if chunk:
            ctx.writer.emit("token", seq=0, text=chunk)
    thread.join()
    if failure:
        raise failure[0]
    done = time.perf_counter()
    elapsed = done - started
    ctx.metric("tokens_per_s", loaded.gen_defaults["max_new_tokens"] / elapsed, "tok/s")
    if first is not None:
        ctx.metric("ttft_s", first, "s")
    ctx.phase("validate")
    expected = loaded.decode(loaded.greedy_ids(PROMPTS[:1])[0])
    streamed = "".join(chunks)
    steps = streamer.step_times[1:]  # the first put is the prompt
    ctx.check("ids streamed step by step", len(steps) == len(loaded.greedy_ids(PROMPTS[:1])[0])
              and all(b >= a for a, b in zip(steps, steps[1:])) and steps and steps[0] < done,
              f"{len(steps)} generation steps reached the streamer, the first {done - steps[0]:.3f} s "
              f"before generate returned" if steps else "the streamer received no step")
    ctx.check("streamed chunks concatenate to the non-streamed output", streamed == expected,
              f"{len(chunks)} chunks, {len(streamed)} chars streamed vs {len(expected)} non-streamed: "
              + ("identical" if streamed == expected else f"streamed {streamed!r} vs {expected!r}"))
