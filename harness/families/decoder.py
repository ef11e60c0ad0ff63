"""`decoder.*` sampling parameters and presets.

Presets (docs/harness.md):
    deterministic: do_sample=False (greedy; temperature/top_p/top_k unused)
    standard:      temperature 0.7, top_p 0.9,  top_k 50
    creative:      temperature 1.0, top_p 0.95, top_k 100
    factual:       temperature 0.3, top_p 0.8,  top_k 20
Oracles: greedy settings equal plain greedy and reproduce across two runs; sampling settings
reproduce under one seed, differ across two seeds, and the processed scores of the first step
show the warpers at work (logits / temperature, at most top_k candidates, the top_p nucleus).
"""

import torch

from harness.prompts import PROMPTS
from harness.context import RunFailed
from harness.families.common import default_loaded

PRESETS = {
    "deterministic": {"do_sample": False},
    "standard": {"do_sample": True, "temperature": 0.7, "top_p": 0.9, "top_k": 50},
    "creative": {"do_sample": True, "temperature": 1.0, "top_p": 0.95, "top_k": 100},
    "factual": {"do_sample": True, "temperature": 0.3, "top_p": 0.8, "top_k": 20},
}


def sampling_kwargs(row) -> dict:
    if row.name == "decoder.preset":
        if row.value not in PRESETS:
            raise RunFailed(f"unknown decoder preset {row.value!r}; expected one of {sorted(PRESETS)}")
        return dict(PRESETS[row.value])
    key = row.name.split(".")[-1]
    if key == "do_sample":
        return {"do_sample": bool(row.value)}
    # A lone sampling knob: the others are neutral so its effect is isolated.
    kwargs = {"do_sample": True, "temperature": 1.0, "top_p": 1.0, "top_k": 0}
    kwargs[key] = row.value
    return kwargs


def _sample(loaded, kwargs, seed):
    torch.manual_seed(seed)
    return loaded.greedy_ids(PROMPTS, **kwargs)


def _expected_kept(raw: torch.Tensor, temperature: float, top_k: int, top_p: float) -> int:
    """How many candidates temperature → top_k → top_p (transformers' order) should keep."""
    logits = raw / temperature
    if top_k and top_k < logits.numel():
        logits = torch.topk(logits, top_k).values
    probs = torch.softmax(logits, dim=-1).sort(descending=True).values
    if top_p >= 1.0:
        return probs.numel()
    cumulative = probs.cumsum(0)
    return int((cumulative < top_p).sum().item()) + 1


def run(ctx, row):
    kwargs = sampling_kwargs(row)
    ctx.applied.update(kwargs)
    loaded = default_loaded(ctx)
    ctx.phase("generate")
    ctx.measured_generate(loaded, PROMPTS[:1], **kwargs)
    ctx.phase("validate")
    first = _sample(loaded, kwargs, ctx.seed)
    again = _sample(loaded, kwargs, ctx.seed)
    ctx.check("same seed reproduces", first == again, f"{len(PROMPTS)} prompts, seed {ctx.seed}, twice: "
              + ("identical" if first == again else "different"))
    if not kwargs["do_sample"]:
        greedy = loaded.greedy_ids(PROMPTS)
        ctx.check("equals greedy", first == greedy, "do_sample=False output vs plain greedy: "
                  + ("identical" if first == greedy else "different"))
        return
    other = _sample(loaded, kwargs, ctx.seed + 1)
    ctx.check("different seeds differ", first != other,
              f"seeds {ctx.seed} and {ctx.seed + 1}: {sum(a != b for a, b in zip(first, other))}/{len(PROMPTS)} prompts differ")
    # The first step's processed scores against the raw logits of one forward pass.
    enc = loaded.encode(PROMPTS[:1])
    torch.manual_seed(ctx.seed)
    with torch.inference_mode():
        args = {**loaded.gen_defaults, **kwargs, "max_new_tokens": 1, "min_new_tokens": None}
        out = loaded.model.generate(**enc, **args, output_scores=True, return_dict_in_generate=True)
        raw = loaded.model(**enc).logits[0, -1].float()
    processed = out.scores[0][0].float()
    kept = torch.isfinite(processed)
    temperature, top_k, top_p = kwargs.get("temperature", 1.0), kwargs.get("top_k", 0), kwargs.get("top_p", 1.0)
    scaled_ok = torch.allclose(processed[kept] * temperature, raw[kept], atol=1e-3, rtol=1e-3)
    expected = _expected_kept(raw, temperature, top_k, top_p)
    count = int(kept.sum())
    ctx.check("warpers applied to the scores", scaled_ok and abs(count - expected) <= 1,
              f"temperature {temperature}: processed*T == raw logits on kept tokens: {scaled_ok}; "
              f"kept {count} of {raw.numel()} candidates, expected {expected} from top_k={top_k}, top_p={top_p}")
