"""`fp_precision`: the model's dtype.

Oracles: the effect is the computation itself: a forward hook sees the first decoder layer's
hidden states in the requested dtype, and the logits differ from a float32 load of the same
weights (the baseline: float32, the harness default, whose row is uncertain: default value).
Evidence: every floating parameter carries the dtype; greedy with and without the KV cache is
identical at that dtype. An unknown dtype name is handed to transformers, whose own error (e.g.
"module 'torch' has no attribute 'float8'") becomes the failed reason.
"""

import torch

from harness import mutation
from harness.backends.pytorch import LoadSettings
from harness.prompts import PROMPTS
from harness.verdict import DEFAULT_VALUE, EFFECT, EVIDENCE
from harness.backends.pytorch_run import load, measured_generate, warmup

BASELINE = "float32"


def _forward(loaded):
    """(dtype of the first decoder layer's output, float logits) of one forward pass."""
    seen = []
    layer = loaded.model.model.layers[0]
    handle = layer.register_forward_hook(
        lambda module, args, out: seen.append((out[0] if isinstance(out, tuple) else out).dtype))
    try:
        with torch.inference_mode():
            logits = loaded.model(**loaded.encode(PROMPTS[:1])).logits[0].float().cpu()
    finally:
        handle.remove()
    return seen[0], logits


def run(ctx, row):
    name = str(row.value)
    ctx.applied["dtype"] = name
    if name == BASELINE:
        ctx.uncertain = DEFAULT_VALUE
    loaded = load(ctx, LoadSettings(dtype=mutation.deliver(name, BASELINE)))
    warmup(ctx, loaded)
    ctx.phase("generate")
    measured_generate(ctx, loaded, PROMPTS[:1], do_sample=False)
    ctx.phase("validate")
    wanted = getattr(torch, name)
    computed, logits = _forward(loaded)
    _, reference = _forward(ctx.adapter.load(LoadSettings(dtype=BASELINE)))
    diff = float((logits - reference).abs().max())
    ctx.check("the model computes in the requested dtype", computed == wanted and (diff > 0 or name == BASELINE),
              f"first decoder layer's hidden states: {computed} (asked {wanted}); max |logits - float32 logits| = "
              f"{diff:.2e}", kind=EFFECT)
    found = sorted({str(p.dtype) for p in loaded.model.parameters() if p.is_floating_point()})
    ctx.check("parameters carry the requested dtype", found == [str(wanted)],
              f"requested {wanted}; floating parameters have {found}; model.dtype={loaded.model.dtype}", kind=EVIDENCE)
    cached = loaded.greedy_ids(PROMPTS[:4], use_cache=True)
    uncached = loaded.greedy_ids(PROMPTS[:4], use_cache=False)
    same = cached == uncached
    evidence = f"4 prompts x {len(cached[0])} tokens greedy, use_cache=True vs False: " + (
        "identical" if same else f"differ at prompts {[i for i, (a, b) in enumerate(zip(cached, uncached)) if a != b]}"
        + (" (float16/bfloat16 round-off can flip near-ties)" if name != "float32" else ""))
    ctx.check("greedy with and without KV cache identical", same, evidence, kind=EVIDENCE)
