"""How a PyTorch family runs the model inside a cell (harness/cell.py's RunContext): load with its
`load` phase and metric, warm up, and generate once with token events and the speed/memory metrics.

    loaded = load(ctx, LoadSettings(dtype="float32"))
    out, plen = measured_generate(ctx, loaded, PROMPTS[:1], stream=True)
"""

from __future__ import annotations

import time

import torch
from transformers.generation.streamers import BaseStreamer

from harness.backends.pytorch import peak_memory_bytes


# MARK: - Streamer


class TokenEventStreamer(BaseStreamer):
    """Turns generate's per-step ids into `token` events (one per sequence) and times the first.

        streamer = TokenEventStreamer(writer, tokenizer)
        model.generate(**enc, streamer=streamer)
    """

    def __init__(self, writer, tokenizer, seq_offset: int = 0):
        self.writer = writer
        self.seq_offset = seq_offset
        self.tokenizer = tokenizer
        self.ids: list[list[int]] = []
        self.texts: list[str] = []
        self.first_token_at: float | None = None
        self._prompt_seen = False

    def put(self, value) -> None:
        if not self._prompt_seen:  # generate hands the prompt over first
            self._prompt_seen = True
            return
        if self.first_token_at is None:
            self.first_token_at = time.perf_counter()
        rows = value.reshape(-1).tolist() if value.dim() <= 1 else value[:, -1].tolist()
        if not self.ids:
            self.ids = [[] for _ in rows]
            self.texts = ["" for _ in rows]
        for seq, token in enumerate(rows):
            self.ids[seq].append(token)
            text = self.tokenizer.decode(self.ids[seq], skip_special_tokens=True)
            if text.endswith("\ufffd"):  # an incomplete UTF-8 sequence: wait for the next byte
                continue
            delta = text[len(self.texts[seq]):]
            if delta:
                self.texts[seq] = text
                self.writer.emit("token", seq=self._seq(seq), text=delta)

    def _seq(self, row: int) -> int:
        offset = self.seq_offset
        return offset[row] if isinstance(offset, (list, tuple)) else row + offset

    def end(self) -> None:
        for seq, ids in enumerate(self.ids):
            text = self.tokenizer.decode(ids, skip_special_tokens=True)
            delta = text[len(self.texts[seq]):]
            if delta:
                self.texts[seq] = text
                self.writer.emit("token", seq=self._seq(seq), text=delta)


# MARK: - Load and generate


def load(ctx, settings):
    """The adapter's model under `settings` (cached by a warm worker), with its `load` phase and `load_s`."""
    ctx.phase("load")
    cached = settings in ctx.adapter.cached_settings()
    started = time.perf_counter()
    loaded = ctx.adapter.load(settings)
    ctx.model_name = loaded.name
    if cached:  # a warm worker (serve mode) already holds this model: no rebuild, no reload
        ctx.log(f"reusing the loaded model ({settings.dtype}, loaded in {loaded.load_s:.2f} s earlier)")
    ctx.metric("load_s", time.perf_counter() - started if cached else loaded.load_s, "s")
    return loaded


def warmup(ctx, loaded) -> None:
    ctx.phase("warmup")
    loaded.greedy_ids([loaded_prompt(loaded)], max_new_tokens=2, min_new_tokens=None)


def measured_generate(ctx, loaded, prompts, stream=True, seq_offset=0, emit_metrics=True, **kwargs):
    """Generates once with token events (where generate allows a streamer) and metrics; the figures
    stay in `ctx.last_stats`.

    Returns (output, prompt_length)."""
    if loaded.device.startswith("cuda"):
        torch.cuda.reset_peak_memory_stats()
    streamer = TokenEventStreamer(ctx.writer, loaded.tokenizer, seq_offset) if stream else None
    if streamer is not None:
        kwargs["streamer"] = streamer
    torch.manual_seed(ctx.seed)
    started = time.perf_counter()
    out, plen = loaded.generate(prompts, **kwargs)
    elapsed = time.perf_counter() - started
    seqs = out.sequences if hasattr(out, "sequences") else out
    new_tokens = int((seqs.shape[1] - plen) * seqs.shape[0])
    if streamer is None:
        for seq, row in enumerate(seqs):
            ctx.writer.emit("token", seq=(seq_offset[seq] if isinstance(seq_offset, (list, tuple)) else seq + seq_offset), text=loaded.decode(row[plen:].tolist()))
    ctx.last_stats = {"new_tokens": new_tokens, "elapsed": elapsed,
                      "ttft": (streamer.first_token_at - started) if streamer and streamer.first_token_at else None}
    if not emit_metrics:
        return out, plen
    ctx.metric("tokens_per_s", new_tokens / elapsed if elapsed > 0 else 0.0, "tok/s")
    if streamer is not None and streamer.first_token_at is not None:
        ctx.metric("ttft_s", streamer.first_token_at - started, "s")
    ctx.metric("peak_memory_bytes", peak_memory_bytes(loaded.device), "B")
    return out, plen


def loaded_prompt(loaded) -> str:
    from harness.prompts import PROMPTS

    return PROMPTS[0]
