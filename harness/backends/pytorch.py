"""The PyTorch adapter: loads a model with transformers and runs `generate` for the oracles.

    adapter = PyTorchAdapter(writer, model=None, device="auto")
    loaded = adapter.load(LoadSettings(dtype="float32"))
    ids = loaded.greedy(["the model reads"], max_new_tokens=8)
"""

from __future__ import annotations

import os
import time
import traceback
from dataclasses import dataclass, field

import torch

from harness.tiny_model import REALISTIC, ensure_model

MAX_NEW_TOKENS = 16


# MARK: - Settings


@dataclass(frozen=True)
class LoadSettings:
    """How the model is loaded: dtype name and an optional bitsandbytes config (kwargs)."""

    dtype: str = "float32"
    quantization: tuple = ()  # sorted (key, value) pairs for BitsAndBytesConfig


@dataclass
class Loaded:
    """A model and tokenizer ready to generate, plus what it took to load them."""

    model: object
    tokenizer: object
    device: str
    name: str
    load_s: float
    settings: LoadSettings
    gen_defaults: dict = field(default_factory=dict)

    # MARK: - Generation

    def encode(self, prompts: list[str]):
        enc = self.tokenizer(prompts, return_tensors="pt", padding=True)
        return {k: v.to(self.device) for k, v in enc.items()}

    def generate(self, prompts: list[str], **kwargs):
        """`model.generate` on a left-padded batch; returns (output, prompt_length)."""
        enc = self.encode(prompts)
        args = dict(self.gen_defaults)
        args.update(kwargs)
        with torch.inference_mode():
            out = self.model.generate(**enc, **args)
        return out, enc["input_ids"].shape[1]

    def greedy_ids(self, prompts: list[str], **kwargs) -> list[list[int]]:
        """Generated ids (prompt and padding removed) of greedy decoding, one list per prompt."""
        kwargs.setdefault("do_sample", False)
        out, plen = self.generate(prompts, **kwargs)
        seqs = out.sequences if hasattr(out, "sequences") else out
        return [row[plen:].tolist() for row in seqs]

    def decode(self, ids: list[int]) -> str:
        return self.tokenizer.decode(ids, skip_special_tokens=True)

    def sequence_logprob(self, prompt: str, generated: list[int]) -> float:
        """Sum of the model's log-probabilities of `generated` after `prompt` (one forward pass)."""
        prompt_ids = self.tokenizer(prompt, return_tensors="pt")["input_ids"][0].tolist()
        ids = torch.tensor([prompt_ids + generated], device=self.device)
        with torch.inference_mode():
            logits = self.model(input_ids=ids).logits[0].float()
        logprobs = torch.log_softmax(logits[:-1], dim=-1)
        targets = ids[0, 1:]
        picked = logprobs[torch.arange(len(targets)), targets][len(prompt_ids) - 1:]
        return float(picked.sum())


# MARK: - Adapter


class PyTorchAdapter:
    """Resolves the device, builds or finds the model, loads it with the requested settings (cached
    by a warm worker); harness/cell.py's `failure` rule for this backend."""

    name = "pytorch"

    def __init__(self, writer, model: str | None, device: str = "auto"):
        self.writer = writer
        self.model_arg = model
        self.device = resolve_device(device)
        self._cache: dict[LoadSettings, Loaded] = {}
        self.feature_models: dict = {}  # a feature cell's tiny model per (architecture, device), and the tokenizer

    @property
    def default_model(self) -> str:
        return self.model_arg or "tiny-random-qwen2"

    def failure(self, ctx, exc: BaseException) -> tuple[str, str]:
        """A library's exception (torch, transformers…) is the verdict `failed`; the harness's own is an
        `error` event and result. A feature cell's exception is always the library's."""
        text = f"{type(exc).__name__}: {exc}"
        trace = traceback.format_exc()
        if ctx.kind == "features" or _library_error(exc):
            ctx.log(trace)
            return "failed", text
        ctx.writer.emit("error", message=text, traceback=trace)
        return "error", text

    def close(self) -> None:
        self.forget()

    def cached_settings(self):
        """The load settings a warm worker holds a model for."""
        return self._cache.keys()

    def load(self, settings: LoadSettings) -> Loaded:
        if settings in self._cache:
            return self._cache[settings]
        from transformers import AutoModelForCausalLM, AutoTokenizer

        started = time.perf_counter()
        path, built = ensure_model(self.model_arg)
        name = self.model_arg or "tiny-random-qwen2 (offline, hidden 128, 2 layers, 4 heads)"
        if built:
            self.writer.emit("metric", name="model_build_s", value=time.perf_counter() - started, unit="s")
        kwargs = {"dtype": _dtype_argument(settings.dtype)}
        if settings.quantization:
            from transformers import BitsAndBytesConfig

            kwargs["quantization_config"] = BitsAndBytesConfig(**dict(settings.quantization))
            kwargs["device_map"] = {"": self.device}
        tokenizer = AutoTokenizer.from_pretrained(path)
        tokenizer.padding_side = "left"
        if tokenizer.pad_token is None:
            tokenizer.pad_token = tokenizer.eos_token
        model = AutoModelForCausalLM.from_pretrained(path, **kwargs)
        if not settings.quantization:
            model = model.to(self.device)
        model.eval()
        gen_defaults = {"max_new_tokens": MAX_NEW_TOKENS, "pad_token_id": tokenizer.pad_token_id}
        if not self.model_arg or self.model_arg in REALISTIC:
            # Random weights: keep EOS from cutting outputs short so oracles compare full lengths.
            gen_defaults["min_new_tokens"] = MAX_NEW_TOKENS
        loaded = Loaded(model, tokenizer, self.device, name, time.perf_counter() - started, settings, gen_defaults)
        self._cache[settings] = loaded
        return loaded

    def forget(self) -> None:
        self._cache.clear()
        self.feature_models.clear()


def _library_error(exc: BaseException) -> bool:
    """True when the innermost frame is outside the harness (torch, transformers, …)."""
    tb = exc.__traceback__
    last = None
    while tb is not None:
        last = tb.tb_frame.f_code.co_filename
        tb = tb.tb_next
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    return last is not None and not os.path.abspath(last).startswith(here)


def _dtype_argument(name: str):
    """torch dtype for a known name; other text goes to transformers as-is so it reports it."""
    candidate = getattr(torch, name, None) if isinstance(name, str) else None
    return candidate if isinstance(candidate, torch.dtype) else name


def resolve_device(device: str) -> str:
    if device == "auto":
        return "cuda" if torch.cuda.is_available() else "cpu"
    return device


def peak_memory_bytes(device: str) -> int:
    if device.startswith("cuda") and torch.cuda.is_available():
        return int(torch.cuda.max_memory_allocated())
    try:
        import resource

        return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss) * 1024  # Linux: KiB
    except Exception:
        import psutil

        return int(psutil.Process(os.getpid()).memory_info().rss)
