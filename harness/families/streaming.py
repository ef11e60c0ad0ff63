"""`streaming`: generate with a TextIteratorStreamer running in a thread.

Oracles: every generation step reaches the streamer before generate returns (its end is taken
inside the generating thread, each step and text chunk timed against it: the effect); the
streamed chunks concatenate to the non-streamed greedy text (evidence). `streaming=False` is
generate's default: uncertain, nothing to observe.
"""

import threading
import time

import torch
from transformers import TextIteratorStreamer

from harness import mutation
from harness.families.common import default_loaded
from harness.prompts import PROMPTS
from harness.verdict import DEFAULT_VALUE, EFFECT, EVIDENCE
from harness.backends.pytorch_run import measured_generate


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
        measured_generate(ctx, loaded, PROMPTS[:1], stream=False, do_sample=False)
        ctx.uncertain = DEFAULT_VALUE  # generate's default: nothing streams
        return
    streamer = StepRecordingStreamer(loaded.tokenizer, skip_prompt=True, skip_special_tokens=True, timeout=120)
    enc = loaded.encode(PROMPTS[:1])
    failure, ended = [], []
    handed = mutation.deliver(streamer, None)  # mutated: generate runs unstreamed, the ids are fed afterwards

    def work():
        try:
            with torch.inference_mode():
                out = loaded.model.generate(**enc, **loaded.gen_defaults, do_sample=False, streamer=handed)
            ended.append(time.perf_counter())
            if handed is None:
                streamer.put(enc["input_ids"].cpu())
                for token in out[0, enc["input_ids"].shape[1]:]:
                    streamer.put(token.reshape(1).cpu())
                streamer.end()
        except BaseException as exc:  # reported on the main thread
            failure.append(exc)
            streamer.end()

    started = time.perf_counter()
    thread = threading.Thread(target=work, daemon=True)
    thread.start()
    chunks, arrivals = [], []
    for chunk in streamer:
        arrivals.append(time.perf_counter())
        chunks.append(chunk)
        if chunk:
            ctx.writer.emit("token", seq=0, text=chunk)
    thread.join()
    if failure:
        raise failure[0]
    generated_at = ended[0]
    elapsed = time.perf_counter() - started
    ctx.metric("tokens_per_s", loaded.gen_defaults["max_new_tokens"] / elapsed, "tok/s")
    if arrivals:
        ctx.metric("ttft_s", arrivals[0] - started, "s")
    ctx.phase("validate")
    greedy = loaded.greedy_ids(PROMPTS[:1])[0]
    expected = loaded.decode(greedy)
    streamed = "".join(chunks)
    steps = streamer.step_times[1:]  # the first put is the prompt
    early = [t for t in steps if t < generated_at]
    ctx.check("ids streamed while generating", len(steps) == len(greedy) and len(early) == len(steps),
              f"{len(steps)} generation steps reached the streamer, {len(early)} of them before generate returned "
              f"(times before its end, s: {', '.join(f'{generated_at - t:.3f}' for t in steps[:6])}"
              f"{', …' if len(steps) > 6 else ''}); text chunks received "
              f"{', '.join(f'{t - generated_at:+.3f}' for t in arrivals[:6])} s from generate's end", kind=EFFECT)
    ctx.check("streamed chunks concatenate to the non-streamed output", streamed == expected,
              f"{len(chunks)} chunks, {len(streamed)} chars streamed vs {len(expected)} non-streamed: "
              + ("identical" if streamed == expected else f"streamed {streamed!r} vs {expected!r}"), kind=EVIDENCE)
