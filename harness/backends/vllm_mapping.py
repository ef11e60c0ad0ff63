"""Row → vLLM offline-API arguments (`LLM(**engine_args)`, `SamplingParams(**sampling)`), as data.

What the installed vLLM accepts is checked at run time (vllm_backend.check_accepted): a keyword
it does not know becomes a `failed` result carrying vLLM's own message, e.g. seed 000's
`vllm.best_of=2` → "Unexpected keyword argument 'best_of'" (SamplingParams is a msgspec Struct).

    plan = vllm_plan(parse_row("vllm.block_size=32"), device="cuda")
    plan.engine            # {"block_size": 32, "dtype": "bfloat16", "enforce_eager": True, ...harness defaults}
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from harness.catalogue import CATALOGUE
from harness.errors import MappingError
from harness.params import Row, expect_choice

BASE_SAMPLING = {"temperature": 0.0, "max_tokens": 16, "min_tokens": 16, "ignore_eos": True}
# The catalogue's decoder presets (data/catalogue.json) as SamplingParams: greedy is temperature 0.
PRESETS = {name: {k: v for k, v in p.items() if k != "do_sample"} if p["do_sample"] else {"temperature": 0.0}
           for name, p in CATALOGUE.presets.items()}
# Harness defaults (docs/backends.md). `max_logprobs`: the sampling oracle asks for top_k logprobs
# (the presets go up to 100) and vLLM's default cap is 20 ("Requested sample logprobs of 50, which is
# greater than max allowed: 20"). The dtype depends on the device: see DEVICE_DTYPE.
BASE_ENGINE = {"enforce_eager": True, "max_model_len": 256, "max_num_seqs": 8, "seed": 0,
               "max_logprobs": max(p.get("top_k", 0) for p in PRESETS.values())}
# float32 on CPU (vLLM's CPU build; the tiny model's greedy argmax is stable there); half precision
# on CUDA, as seed 000 measured: FLASH_ATTN and FLASHINFER refuse float32 ("dtype not supported") and
# so does fp8 quantization ("float32 is not supported").
DEVICE_DTYPE = {"cpu": "float32", "cuda": "bfloat16"}
# Several warm workers sharing one GPU (`infermatrix test --all --jobs N --device cuda`): each engine
# takes this fraction of the GPU's memory instead of vLLM's 0.9, and a fixed KV cache, so no engine
# profiles the free memory while another worker's engine starts or stops (vLLM asserts on that).
GPU_SHARE_ENV = "INFERMATRIX_VLLM_GPU_SHARE"
SHARED_KV_CACHE_BYTES = 1 << 30


def gpu_share() -> float | None:
    """`INFERMATRIX_VLLM_GPU_SHARE=0.05` → 0.05; unset → None (vLLM's own gpu_memory_utilization)."""
    text = os.environ.get(GPU_SHARE_ENV, "").strip()
    if not text:
        return None
    try:
        share = float(text)
    except ValueError:
        raise MappingError(f"{GPU_SHARE_ENV}={text!r}: expected a fraction such as 0.05") from None
    if not 0 < share <= 1:
        raise MappingError(f"{GPU_SHARE_ENV}={text!r}: expected a fraction in (0, 1]")
    return share


def base_engine(device: str = "cpu") -> dict:
    """The engine keywords every row starts from on `device` ("cpu" or "cuda")."""
    engine = {**BASE_ENGINE, "dtype": DEVICE_DTYPE.get(device, "float32")}
    share = gpu_share() if device == "cuda" else None
    if share:
        engine.update(gpu_memory_utilization=share, kv_cache_memory_bytes=SHARED_KV_CACHE_BYTES)
    return engine
BARE = {  # a bare `vllm.X` row: the parameter at this value
    "enable_chunked_prefill": True, "enable_prefix_caching": True, "enforce_eager": True, "logprobs": 1,
    "cpu_offload_gb": 1.0, "swap_space": 4.0, "quantization_method": None, "best_of": 2,
}
# vllm.X → EngineArgs field (same name unless listed).
ENGINE_NAMES = {"distributed_backend": "distributed_executor_backend", "quantization_method": "quantization"}
SAMPLING_KEYS = {"best_of", "logprobs"}
ENGINE_KEYS = {"block_size", "cpu_offload_gb", "distributed_backend", "enable_chunked_prefill",
               "enable_prefix_caching", "enforce_eager", "gpu_memory_utilization", "kv_cache_dtype",
               "load_format", "max_num_seqs", "quantization_method", "swap_space"}


@dataclass
class VllmPlan:
    """What one row asks of vLLM: engine and sampling keywords, env vars, and how to run it."""

    engine: dict = field(default_factory=base_engine)
    sampling: dict = field(default_factory=lambda: dict(BASE_SAMPLING))
    env: dict = field(default_factory=dict)
    beam: dict | None = None          # BeamSearchParams keywords when the row asks for beam search
    mode: str = "greedy"              # greedy | prefix | sampling | beam | streaming | traffic | batch | scheduler
    oracle: str = ""                  # which oracle family validates the row
    notes: list = field(default_factory=list)
    row_keys: set = field(default_factory=set)  # engine keywords the row itself sets (config oracles)
    bnb: dict | None = None           # BitsAndBytesConfig keywords of a pre-quantized checkpoint to build
    exclusive: bool = False           # the row sizes GPU memory itself: alone among the sharing engines
    base: dict = field(default_factory=base_engine)  # the device's defaults the row starts from

    def as_dict(self) -> dict:
        return {"LLM": self.engine, "SamplingParams": self.sampling, "BeamSearchParams": self.beam,
                "env": self.env, "mode": self.mode}


def vllm_plan(row: Row, device: str = "cpu") -> VllmPlan:
    """What `row` asks of vLLM on `device` (the engine's platform: "cpu" or "cuda")."""
    base = base_engine(device)
    plan = _plan(row, VllmPlan(engine=dict(base), base=base))
    keys = {k for k, v in plan.engine.items() if k not in base or base[k] != v}
    if row.name.startswith("vllm."):
        key = row.name[len("vllm."):]
        keys |= {ENGINE_NAMES.get(key, key)} & set(plan.engine)
    if row.name == "fp_precision":
        keys.add("dtype")
    plan.row_keys = keys
    return plan


# Engine keywords whose vLLM default is already "on": dropped, the engine would still do what the
# row asks (vLLM 0.3x enables prefix caching for generative models when the argument is None), so
# the mutation neutralises them instead.
NEUTRAL = {"enable_prefix_caching": False}


def baseline_plan(row: Row, plan: VllmPlan) -> VllmPlan:
    """The plan without the row's parameter (harness/mutation.py): the engine keywords the row set
    back at the harness defaults (or NEUTRAL), plain greedy sampling, no env, the beam knob dropped (greedy width 1
    for enabled/num_beams). Mode and oracle stay, so the same oracle judges the mutated run."""
    engine = {k: v for k, v in plan.engine.items() if k not in plan.row_keys}
    engine.update({k: plan.base[k] for k in plan.row_keys if k in plan.base})
    engine.update({k: v for k, v in NEUTRAL.items() if k in plan.row_keys and k not in plan.base})
    beam = None
    if plan.beam is not None:
        widening = row.name in ("decoder.beam_search.enabled", "decoder.beam_search.num_beams")
        beam = {"beam_width": 1 if widening else 4, "max_tokens": 16, "ignore_eos": True}
    return VllmPlan(engine=engine, sampling=dict(BASE_SAMPLING), env={}, beam=beam, mode=plan.mode,
                    oracle=plan.oracle, notes=list(plan.notes), row_keys=set(plan.row_keys), base=dict(plan.base))


def changes_nothing(plan: VllmPlan, engine_defaults: dict) -> bool:
    """The row asks for nothing the engine would not do anyway: every engine keyword it adds to the
    harness's defaults is at vLLM's own default (`engine_defaults`, EngineArgs' field defaults), and
    sampling, env, beam and mode are the harness's (its value is the default: nothing to observe)."""
    added = {k: v for k, v in plan.engine.items() if k not in plan.base or plan.base[k] != v}
    return (all(k in engine_defaults and engine_defaults[k] == v for k, v in added.items())
            and plan.sampling == BASE_SAMPLING and not plan.env and plan.beam is None and plan.mode == "greedy")


def _plan(row: Row, plan: VllmPlan) -> VllmPlan:
    name, value = row.name, row.value
    if name.startswith("vllm."):
        key = name[len("vllm."):]
        if row.bare:
            value = BARE.get(key, value)
        if key == "attention.backend":
            plan.oracle = "attention_backend"
            if value != "auto":
                plan.env["VLLM_ATTENTION_BACKEND"] = value  # also passed as attention_backend if accepted
                plan.engine["attention_backend"] = value
        elif key in SAMPLING_KEYS:
            plan.sampling[key] = value
            plan.oracle = key
        elif key in ENGINE_KEYS:
            plan.engine[ENGINE_NAMES.get(key, key)] = value
            plan.oracle = key
            if key == "enable_prefix_caching":
                plan.mode = "prefix"
            if key == "max_num_seqs":
                plan.mode = "scheduler"
            if key == "gpu_memory_utilization" and "kv_cache_memory_bytes" in plan.engine:
                del plan.engine["kv_cache_memory_bytes"]  # the row's fraction must size the cache
                plan.exclusive = True
        else:
            raise MappingError(f"unknown vLLM parameter {name!r} (see docs/backends.md)")
        return plan
    if name == "fp_precision":
        plan.engine["dtype"] = value
        plan.oracle = "dtype"
    elif name == "batching.batch_size":
        plan.engine["max_num_seqs"] = value
        plan.mode, plan.oracle = "batch", "batch"
    elif name == "batching.strategy":
        expect_choice(name, value, CATALOGUE.batching_strategies)
        plan.mode, plan.oracle = "batch", "batch"
        plan.notes.append(f"{value}: the harness groups/sorts prompts; vLLM batches continuously inside")
    elif name.startswith("decoder.beam_search."):
        key = name[len("decoder.beam_search."):]
        beam = {"beam_width": 4, "max_tokens": 16, "ignore_eos": True}
        if key == "enabled":
            if value is not True:
                return plan
        elif key == "num_beams":
            beam["beam_width"] = value
        elif key == "length_penalty":
            beam["length_penalty"] = value
        else:  # early_stopping, no_repeat_ngram_size: checked against BeamSearchParams at run time
            beam[key] = value
        plan.beam, plan.mode, plan.oracle = beam, "beam", "beam"
    elif name.startswith("decoder."):
        key = name[len("decoder."):]
        if key == "preset":
            if value not in PRESETS:
                raise MappingError(f"unknown decoder preset {value!r}; expected one of {sorted(PRESETS)}")
            plan.sampling.update(PRESETS[value])
        elif key == "do_sample":
            plan.sampling["temperature"] = 1.0 if value else 0.0
        elif key in ("temperature", "top_p", "top_k"):
            plan.sampling.update({"temperature": 1.0, "top_p": 1.0, "top_k": -1 if key != "top_k" else value})
            plan.sampling[key] = value
        else:
            raise MappingError(f"unknown decoder parameter {name!r}")
        plan.mode = "sampling" if plan.sampling.get("temperature", 0) > 0 else "greedy"
        plan.oracle = "sampling"
    elif name.startswith("quantization."):
        key = name[len("quantization."):]
        if key in ("load_in_4bit", "quantization") and value is True:
            plan.engine["quantization"] = "bitsandbytes"  # vLLM quantizes in flight (always nf4 in 0.26)
        elif key == "load_in_8bit" and value is True:  # vLLM has no 8-bit in-flight path: a checkpoint saved 8-bit
            plan.engine["quantization"] = "bitsandbytes"
            plan.bnb = {"load_in_8bit": True}
        elif key == "bnb_4bit_quant_type":
            # vLLM's in-flight bitsandbytes path ignores a quant type (its hf_overrides route needs
            # quant_method and then reads the weights as pre-quantized), so the row is served the way
            # vLLM honours a quant type: a checkpoint transformers saved in that 4-bit type.
            plan.engine["quantization"] = "bitsandbytes"
            plan.bnb = {"load_in_4bit": True, "bnb_4bit_quant_type": value}
        elif value is not True:
            return plan
        else:
            raise MappingError(f"unknown quantization parameter {name!r}")
        plan.oracle = "quantization"
    elif name == "streaming":
        plan.mode, plan.oracle = ("streaming", "streaming") if value else ("greedy", "")
    elif name.startswith("traffic_simulation."):
        if name == "traffic_simulation.mode":
            expect_choice(name, value, CATALOGUE.traffic_modes)
        plan.mode, plan.oracle = "traffic", "traffic"
    elif name == "parallelism.strategy":
        sizes = {"tensor_parallel": "tensor_parallel_size", "pipeline_parallel": "pipeline_parallel_size"}
        if value not in sizes:
            raise MappingError(f"parallelism.strategy={value!r}: expected tensor_parallel or pipeline_parallel")
        plan.engine[sizes[value]] = 2
        plan.oracle = "parallel"
    else:
        raise MappingError(f"unknown parameter {name!r} for vLLM")
    return plan
