"""`quantization.*`: bitsandbytes through transformers' BitsAndBytesConfig.

    load_in_4bit / quantization → BitsAndBytesConfig(load_in_4bit=True, bnb_4bit_quant_type="nf4")
    bnb_4bit_quant_type=T       → BitsAndBytesConfig(load_in_4bit=True, bnb_4bit_quant_type=T)
    load_in_8bit                → BitsAndBytesConfig(load_in_8bit=True)
Needs bitsandbytes (missing: skipped, with its install command) and a CUDA device (missing: failed).
Oracles: the linear layers are bitsandbytes modules (with the quant type), and greedy generates.
"""

import torch

from harness import mutation
from harness.backends.pytorch import LoadSettings
from harness.prompts import PROMPTS
from harness.errors import RunFailed, require_packages
from harness.verdict import EFFECT, EVIDENCE
from harness.backends.pytorch_run import load, measured_generate, warmup


def config_kwargs(row) -> dict:
    key = row.name.split(".")[-1]
    if key in ("load_in_4bit", "quantization"):
        return {"load_in_4bit": True, "bnb_4bit_quant_type": "nf4"} if row.value else {}
    if key == "load_in_8bit":
        return {"load_in_8bit": True} if row.value else {}
    if key == "bnb_4bit_quant_type":
        return {"load_in_4bit": True, "bnb_4bit_quant_type": str(row.value)}
    raise KeyError(row.name)


def run(ctx, row):
    kwargs = config_kwargs(row)
    ctx.applied.update(kwargs)
    if not kwargs:
        raise RunFailed(f"{row.key} switches quantization off: nothing to test")
    require_packages("bitsandbytes", install="pip install bitsandbytes")
    if not ctx.adapter.device.startswith("cuda"):
        raise RunFailed(f"bitsandbytes quantization needs a CUDA device; this run is on {ctx.adapter.device}")
    loaded = load(ctx, LoadSettings(dtype="float16", quantization=tuple(sorted(mutation.deliver(kwargs, {}).items()))))
    warmup(ctx, loaded)
    ctx.phase("generate")
    measured_generate(ctx, loaded, PROMPTS[:1], do_sample=False)
    ctx.phase("validate")
    import bitsandbytes as bnb

    wanted = bnb.nn.Linear4bit if kwargs.get("load_in_4bit") else bnb.nn.Linear8bitLt
    linears = [m for m in loaded.model.modules() if isinstance(m, torch.nn.Linear)]
    quantized = [m for m in linears if isinstance(m, wanted)]
    ctx.check(f"linear layers are {wanted.__name__}", len(quantized) > 0,
              f"{len(quantized)} of {len(linears)} nn.Linear modules are {wanted.__name__}", kind=EFFECT)
    if "bnb_4bit_quant_type" in kwargs:
        types = sorted({getattr(m.weight, "quant_type", None) or "?" for m in quantized})
        ctx.check("4-bit quant type", types == [kwargs["bnb_4bit_quant_type"]],
                  f"weights' quant_type: {types}; requested {kwargs['bnb_4bit_quant_type']}", kind=EFFECT)
    ctx.check("memory footprint reported", loaded.model.get_memory_footprint() > 0,
              f"model.get_memory_footprint() = {loaded.model.get_memory_footprint()} B", kind=EVIDENCE)
