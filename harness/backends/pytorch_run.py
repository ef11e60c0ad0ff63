"""What a family runner works with: the adapter, the event writer, checks, applied parameters.

    ctx.phase("generate")
    out = ctx.measured_generate(loaded, PROMPTS[:1], stream=True)
    ctx.check("streamed equals non-streamed", True, "16 tokens")
"""

from __future__ import annotations

import importlib.util
import time
from dataclasses import dataclass, field

import torch
from transformers.generation.streamers import BaseStreamer

from harness.backends.pytorch import peak_memory_bytes
from harness.verdict import EVIDENCE, Check, checked_kind


class RunFailed(Exception):
    """The backend rejected the parameter: a `failed` result whose reason is the message."""


class RunSkipped(Exception):
    """The cell does not apply (or the backend is missing): a `skipped` result."""


def require_packages(*modules: str, install: str) -> None:
    """Raises RunSkipped naming the install command when an optional package is missing: its
    absence says nothing about the parameter, so the cell is `skipped`, never `failed` (issue 14, D14).

        require_packages("bitsandbytes", install="pip install bitsandbytes")
    """
    missing = [name for name in modules if importlib.util.find_spec(name) is None]
    if missing:
        raise RunSkipped(f"{', '.join(missing)} {'is' if len(missing) == 1 else 'are'} not installed ({install})")


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


# MARK: - Context


@dataclass
class RunContext:
    writer: object
    adapter: object
    seed: int = 0
    checks: list = field(default_factory=list)
    applied: dict = field(default_factory=dict)
    model_name: str = ""
    notes: list = field(default_factory=list)
    last_stats: dict = field(default_factory=dict)
    uncertain: str = ""  # the checks cannot tell that the setting took effect (e.g. verdict.DEFAULT_VALUE)

    def phase(self, name: str) -> None:
        self.writer.emit("phase", name=name)

    def check(self, name: str, passed: bool, evidence: str, kind: str = EVIDENCE) -> bool:
        """Records one oracle check; `kind` is EFFECT or EVIDENCE (harness/verdict.py says which)."""
        passed = bool(passed)
        self.checks.append(Check(name, passed, evidence, checked_kind(kind)))
        self.writer.emit("check", name=name, passed=passed, evidence=evidence, kind=kind)
        return passed

    def metric(self, name: str, value: float, unit: str) -> None:
        self.writer.emit("metric", name=name, value=value, unit=unit)

    def load(self, settings):
        self.writer.emit("phase", name="load")
        cached = settings in getattr(self.adapter, "_cache", {})
        started = time.perf_counter()
        loaded = self.adapter.load(settings)
        self.model_name = loaded.name
        if cached:  # a warm worker (serve mode) already holds this model: no rebuild, no reload
            self.writer.log(f"reusing the loaded model ({settings.dtype}, loaded in {loaded.load_s:.2f} s earlier)")
        self.metric("load_s", time.perf_counter() - started if cached else loaded.load_s, "s")
        return loaded

    def warmup(self, loaded) -> None:
        self.phase("warmup")
        loaded.greedy_ids([loaded_prompt(loaded)], max_new_tokens=2, min_new_tokens=None)

    def measured_generate(self, loaded, prompts, stream=True, seq_offset=0, emit_metrics=True, **kwargs):
        """Generates once with token events (where generate allows a streamer) and metrics.

        Returns (output, prompt_length)."""
        if loaded.device.startswith("cuda"):
            torch.cuda.reset_peak_memory_stats()
        streamer = TokenEventStreamer(self.writer, loaded.tokenizer, seq_offset) if stream else None
        if streamer is not None:
            kwargs["streamer"] = streamer
        torch.manual_seed(self.seed)
        started = time.perf_counter()
        out, plen = loaded.generate(prompts, **kwargs)
        elapsed = time.perf_counter() - started
        seqs = out.sequences if hasattr(out, "sequences") else out
        new_tokens = int((seqs.shape[1] - plen) * seqs.shape[0])
        if streamer is None:
            for seq, row in enumerate(seqs):
                self.writer.emit("token", seq=(seq_offset[seq] if isinstance(seq_offset, (list, tuple)) else seq + seq_offset), text=loaded.decode(row[plen:].tolist()))
        self.last_stats = {"new_tokens": new_tokens, "elapsed": elapsed,
                           "ttft": (streamer.first_token_at - started) if streamer and streamer.first_token_at else None}
        if not emit_metrics:
            return out, plen
        self.metric("tokens_per_s", new_tokens / elapsed if elapsed > 0 else 0.0, "tok/s")
        if streamer is not None and streamer.first_token_at is not None:
            self.metric("ttft_s", streamer.first_token_at - started, "s")
        self.metric("peak_memory_bytes", peak_memory_bytes(loaded.device), "B")
        return out, plen


def loaded_prompt(loaded) -> str:
    from harness.prompts import PROMPTS

    return PROMPTS[0]
