"""`fp_precision`: the model's dtype.

Oracles: every floating parameter carries the requested dtype; greedy output with and without
the KV cache is identical at that dtype. An unknown dtype name is handed to transformers, whose
own error (e.g. "module 'torch' has no attribute 'float8'") becomes the failed reason.
"""

import torch

from harness.backends.pytorch import LoadSettings
from harness.prompts import PROMPTS


def run(ctx, row):
    name = str(row.value)
    ctx.applied["dtype"] = name
    loaded = ctx.load(LoadSettings(dtype=name))
    ctx.warmup(loaded)
    ctx.phase("generate")
    ctx.measured_generate(loaded, PROMPTS[:1], do_sample=False)
    ctx.phase("validate")
    wanted = getattr(torch, name)
    found = sorted({str(p.dtype) for p in loaded.model.parameters() if p.is_floating_point()})
    ctx.check("parameters carry the requested dtype", found == [str(wanted)],
              f"requested {wanted}; floating parameters have {found}; model.dtype={loaded.model.dtype}")
    cached = loaded.greedy_ids(PROMPTS[:4], use_cache=True)
    uncached = loaded.greedy_ids(PROMPTS[:4], use_cache=False)
    same = cached == uncached
    evidence = f"4 prompts x {len(cached[0])} tokens greedy, use_cache=True vs False: " + (
        "identical" if same else f"differ at prompts {[i for i, (a, b) in enumerate(zip(cached, uncached)) if a != b]}"
        + (" (float16/bfloat16 round-off can flip near-ties)" if name != "float32" else ""))
    ctx.check("greedy with and without KV cache identical", same, evidence)
