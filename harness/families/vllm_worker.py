"""What a vLLM worker really holds, read inside it, and the effect checks judged from it.

    facts = llm.collective_rpc(worker_facts)[0]   # runs in every worker; the first one's answer
    worker_checks(ctx, llm, plan, row)            # the checks for the rows that choose what it holds

A row that chooses what the worker allocates or selects is proven by what the worker holds, not by
the config it was given: the KV-cache tensors' dtype (`vllm.kv_cache_dtype`), the weights' dtype
(`fp_precision`), the attention layers' backend (`vllm.attention.backend`), the linear layers'
quantization (`quantization.*`, `vllm.quantization_method`) and the GPU memory the worker took
(`vllm.gpu_memory_utilization`). Mutated (the parameter dropped), the worker holds the defaults and
the check fails.

The judges (`kv_cache_check`, `quantization_check`, `memory_share_check`) are plain functions of the
facts, so they are tested without vLLM or a GPU on facts shaped as the H200's
(tests/test_vllm_worker.py).
"""

from __future__ import annotations

from harness.verdict import EFFECT, EVIDENCE

KV_DTYPES = {"auto": None, "bfloat16": "bfloat16", "float16": "float16", "fp8": "float8_e4m3fn",
             "fp8_e4m3": "float8_e4m3fn", "fp8_e5m2": "float8_e5m2"}
# The linear methods each `quantization=` choice installs in vLLM 0.26's layers: a class name with
# this prefix, ending in LinearMethod (fp8 on a bf16 checkpoint is Fp8PerTensorOnlineLinearMethod
# on the H200, Fp8LinearMethod on a checkpoint saved in fp8).
LINEAR_METHODS = {"bitsandbytes": "BitsAndBytes", "fp8": "Fp8"}
# gpu_memory_utilization: the worker's share of the card may fall short of the asked one by the
# memory vLLM counts against it but torch does not hold (CUDA context, NCCL and cuBLAS buffers,
# activations freed after profiling), a few GiB of an H200's 140; it never exceeds it by more than
# rounding. Dropped, the worker holds vLLM's 0.9 or the shared 1 GiB cache: far outside either bound.
MEMORY_SHORT, MEMORY_OVER = 0.05, 0.01


def _dtype(tensor) -> str:
    return str(tensor.dtype).removeprefix("torch.")


def _bnb_kind(param) -> str:
    """`uint8:nf4` (4-bit, its quant type), `int8:8-bit` (LLM.int8 weights and their scales). The
    storage's dtype: vLLM's 4-bit parameter reports the model's dtype as its `.dtype` (float32 on
    the H200, 2026-12-01) over packed uint8 data."""
    states = param.bnb_quant_state
    types = {getattr(s, "quant_type", None) or "8-bit" for s in (states.values() if isinstance(states, dict) else [states])}
    return f"{_dtype(param.data)}:{'/'.join(sorted(types))}"


def worker_facts(worker) -> dict:
    """Runs inside each vLLM worker (LLM.collective_rpc): the KV-cache tensors' dtypes and bytes,
    the weights' dtypes, the attention layers' backends, the layers' quantization methods, the
    bitsandbytes weights' kinds, the CUDA graphs its model runner captured (0 in an eager worker)
    and, on CUDA, the memory torch holds in this worker of the card's."""
    import torch
    from vllm.compilation.counter import compilation_counter

    runner = worker.model_runner
    model = runner.get_model()
    kv = [t for t in (getattr(runner, "kv_caches", None) or []) if t is not None]
    backends = set()
    for module in model.modules():
        backend = getattr(module, "attn_backend", None)
        if backend is not None:
            backends.add(backend.get_name() if hasattr(backend, "get_name") else getattr(backend, "__name__", str(backend)))
    facts = {"kv_cache_dtypes": sorted({_dtype(t) for t in kv}),
             "kv_cache_bytes": sum(t.numel() * t.element_size() for t in kv),
             "weight_dtypes": sorted({_dtype(p) for p in model.parameters()}),
             "attention_backends": sorted(backends),
             "quant_methods": sorted({type(m.quant_method).__name__ for m in model.modules()
                                      if getattr(m, "quant_method", None) is not None}),
             "bnb_weights": sorted({_bnb_kind(p) for p in model.parameters() if hasattr(p, "bnb_quant_state")}),
             "cudagraphs_captured": int(compilation_counter.num_cudagraph_captured)}
    if any(p.is_cuda for p in model.parameters()):
        facts["memory_reserved"] = torch.cuda.memory_reserved()
        facts["memory_total"] = torch.cuda.mem_get_info()[1]
    return facts


def kv_cache_check(facts: dict, value: str, model_dtype: str) -> tuple[bool, str]:
    """`fp8` → the cache tensors are float8_e4m3fn, or uint8 (vLLM 0.26 on an H200 allocates an fp8
    cache as bytes, viewed as float8 in the attention kernels; docs/gpu-h200.md)."""
    want = KV_DTYPES.get(value, value) or model_dtype
    got = facts["kv_cache_dtypes"]
    ok = got == [want] or (value.startswith("fp8") and got == ["uint8"])
    return ok, f"KV-cache tensors in the worker: {got}; asked {value} ({want})"


def quantization_check(facts: dict, method: str, bnb: dict | None) -> tuple[bool, str]:
    """`bitsandbytes` → the linear layers run BitsAndBytesLinearMethod over packed weights of the
    asked kind: 4-bit `uint8:nf4` (vLLM's in-flight path, or a checkpoint's quant type) or
    `uint8:fp4`, 8-bit `int8:8-bit`. `fp8` → an Fp8…LinearMethod over float8 weights."""
    prefix = LINEAR_METHODS.get(method)
    methods = facts["quant_methods"]
    has_method = any(prefix and m.startswith(prefix) and m.endswith("LinearMethod") for m in methods)
    if method == "bitsandbytes":
        bnb = bnb or {}
        want = "int8:8-bit" if bnb.get("load_in_8bit") else f"uint8:{bnb.get('bnb_4bit_quant_type', 'nf4')}"
        got = facts["bnb_weights"]
        return (has_method and got == [want],
                f"linear methods in the worker: {methods}; bitsandbytes weights: {got or 'none'}; asked {want}")
    if method == "fp8":
        dtypes = facts["weight_dtypes"]
        return (has_method and "float8_e4m3fn" in dtypes,
                f"linear methods in the worker: {methods}; weight dtypes {dtypes}; asked fp8 (float8_e4m3fn)")
    return has_method, f"linear methods in the worker: {methods}; asked {method} ({prefix or 'no known'}…LinearMethod)"


def memory_share_check(facts: dict, share: float) -> tuple[bool, str]:
    """`0.5` → torch holds between 0.45 and 0.51 of the card in the worker (MEMORY_SHORT/OVER)."""
    reserved, total = facts["memory_reserved"], facts["memory_total"]
    got = reserved / total
    gib = 1 << 30
    return (share - MEMORY_SHORT <= got <= share + MEMORY_OVER,
            f"the worker holds {reserved / gib:.1f} GiB of the card's {total / gib:.1f} GiB ({got:.3f}; KV cache "
            f"{facts.get('kv_cache_bytes', 0) / gib:.1f} GiB); asked {share} (accepted {share - MEMORY_SHORT:.2f}–"
            f"{share + MEMORY_OVER:.2f})")


def worker_checks(ctx, llm, plan, row):
    """The effect check of a row that chooses what the worker holds; other rows: none."""
    name, value = row.name, row.value
    quantization = plan.engine.get("quantization")
    memory = name == "vllm.gpu_memory_utilization"
    if name not in ("vllm.kv_cache_dtype", "fp_precision", "vllm.attention.backend") and not memory \
            and not quantization:
        return
    facts = llm.collective_rpc(worker_facts)[0]
    if name == "vllm.kv_cache_dtype":
        ok, evidence = kv_cache_check(facts, str(value), plan.engine.get("dtype", "float32"))
        ctx.check("the worker's KV cache has the dtype", ok, evidence, kind=EFFECT if value != "auto" else EVIDENCE)
    elif name == "fp_precision":
        got = facts["weight_dtypes"]
        ctx.check("the worker's weights have the dtype", got == [str(value)],
                  f"weights in the worker: {got}; asked {value}", kind=EFFECT)
    elif name == "vllm.attention.backend":
        if str(value) != "auto":
            got = facts["attention_backends"]
            ctx.check("the attention layers use the asked backend", got == [str(value)],
                      f"attention backends selected in the worker: {got}; asked {value}", kind=EFFECT)
    elif memory:
        if "memory_total" in facts:  # on a CPU the knob cannot act (vllm_backend._cannot_act_here)
            ok, evidence = memory_share_check(facts, float(value))
            ctx.check("the worker took the asked share of the GPU", ok, evidence, kind=EFFECT)
    else:
        ok, evidence = quantization_check(facts, str(quantization), plan.bnb)
        ctx.check("the worker's layers are quantized as asked", ok, evidence, kind=EFFECT)
