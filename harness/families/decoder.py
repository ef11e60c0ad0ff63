"""`decoder.*` sampling parameters and presets.

Presets (docs/harness.md):
    deterministic: do_sample=False (greedy; temperature/top_p/top_k unused)
    standard:      temperature 0.7, top_p 0.9,  top_k 50
    creative:      temperature 1.0, top_p 0.95, top_k 100
    factual:       temperature 0.3, top_p 0.8,  top_k 20
Oracles (docs/oracles.md): the effect of a knob is the first step's processed scores (logits /
temperature, exactly the top_k/top_p candidates kept) where it binds, and for presets and
do_sample differing seeds against the greedy baseline; "same seed reproduces" is evidence.
A row at its baseline (deterministic, do_sample=False, temperature=1.0) is uncertain: default value.
"""

import copy

import torch

from harness import mutation
from harness.errors import RunFailed
from harness.families.common import default_loaded
from harness.catalogue import CATALOGUE
from harness.prompts import PROMPTS
from harness.verdict import DEFAULT_VALUE, EFFECT, EVIDENCE
from harness.backends.pytorch_run import measured_generate

PRESETS = CATALOGUE.presets  # data/catalogue.json `decoder_presets`: do_sample, temperature, top_p, top_k


NEUTRAL = {"do_sample": True, "temperature": 1.0, "top_p": 1.0, "top_k": 0}
GREEDY = {"do_sample": False}


def sampling_kwargs(row) -> tuple[dict, dict]:
    """(requested, baseline): generate's keywords with the row and without it. A lone sampling
    knob runs with the others neutral (its baseline is NEUTRAL), so its effect is isolated;
    presets and do_sample contrast with greedy, generate's default for these models."""
    if row.name == "decoder.preset":
        if row.value not in PRESETS:
            raise RunFailed(f"unknown decoder preset {row.value!r}; expected one of {sorted(PRESETS)}")
        return dict(PRESETS[row.value]), dict(GREEDY)
    key = row.name.split(".")[-1]
    if key == "do_sample":
        return {"do_sample": bool(row.value)}, dict(GREEDY)
    return {**NEUTRAL, key: row.value}, dict(NEUTRAL)


def _sample(loaded, kwargs, seed):
    torch.manual_seed(seed)
    return loaded.greedy_ids(PROMPTS, **kwargs)


def _warpers(loaded, kwargs) -> tuple[float, int, float]:
    """(temperature, top_k, top_p) that generate applies for `kwargs` (the model's generation
    config fills what they leave out, transformers' own defaults 1.0/50/1.0 what it leaves
    unset); all neutral when it does not sample."""
    config = copy.deepcopy(loaded.model.generation_config)
    config.update(**kwargs)
    if not config.do_sample:
        return 1.0, 0, 1.0
    return (config.temperature if config.temperature is not None else 1.0,
            config.top_k if config.top_k is not None else 50, config.top_p if config.top_p is not None else 1.0)


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
    requested, baseline = sampling_kwargs(row)
    ctx.applied.update(requested)
    sent = mutation.deliver(requested, baseline)
    loaded = default_loaded(ctx)
    if _warpers(loaded, requested) == _warpers(loaded, baseline) and requested["do_sample"] == baseline["do_sample"]:
        ctx.uncertain = DEFAULT_VALUE
    ctx.phase("generate")
    measured_generate(ctx, loaded, PROMPTS[:1], **sent)
    ctx.phase("validate")
    first = _sample(loaded, sent, ctx.seed)
    again = _sample(loaded, sent, ctx.seed)
    ctx.check("same seed reproduces", first == again, f"{len(PROMPTS)} prompts, seed {ctx.seed}, twice: "
              + ("identical" if first == again else "different"), kind=EVIDENCE)
    if not requested["do_sample"]:
        greedy = loaded.greedy_ids(PROMPTS)
        ctx.check("equals greedy", first == greedy, "do_sample=False output vs plain greedy: "
                  + ("identical" if first == greedy else "different"), kind=EVIDENCE)
        return
    other = _sample(loaded, sent, ctx.seed + 1)
    # Against a greedy baseline, differing seeds are the parameter's effect; against NEUTRAL sampling they are not.
    ctx.check("different seeds differ", first != other,
              f"seeds {ctx.seed} and {ctx.seed + 1}: {sum(a != b for a, b in zip(first, other))}/{len(PROMPTS)} "
              "prompts differ", kind=EFFECT if not baseline["do_sample"] else EVIDENCE)
    _first_step_scores(ctx, loaded, requested, baseline, sent)


def _first_step_scores(ctx, loaded, requested, baseline, sent):
    """The first step's processed scores (generate with `sent`) against the raw logits of one
    forward pass: scaled by the requested temperature, as many candidates kept as the requested
    top_k/top_p keep. Of kind effect only where the requested warpers keep another set (or scale)
    than the baseline's, i.e. where they bind on this prompt."""
    enc = loaded.encode(PROMPTS[:1])
    torch.manual_seed(ctx.seed)
    with torch.inference_mode():
        args = {**loaded.gen_defaults, **sent, "max_new_tokens": 1, "min_new_tokens": None}
        out = loaded.model.generate(**enc, **args, output_scores=True, return_dict_in_generate=True)
        raw = loaded.model(**enc).logits[0, -1].float()
    processed = out.scores[0][0].float()
    kept = torch.isfinite(processed)
    temperature, top_k, top_p = _warpers(loaded, requested)
    scaled_ok = torch.allclose(processed[kept] * temperature, raw[kept], atol=1e-3, rtol=1e-3)
    expected = _expected_kept(raw, temperature, top_k, top_p)
    base_t, base_k, base_p = _warpers(loaded, baseline)
    base_expected = _expected_kept(raw, base_t, base_k, base_p)
    binds = expected != base_expected or temperature != base_t
    count = int(kept.sum())
    ctx.check("warpers applied to the scores", scaled_ok and abs(count - expected) <= 1,
              f"temperature {temperature}: processed*T == raw logits on kept tokens: {scaled_ok}; "
              f"kept {count} of {raw.numel()} candidates, expected {expected} from top_k={top_k}, top_p={top_p} "
              f"(without the parameter: {base_expected} kept, temperature {base_t}"
              + ("" if binds else "; the setting does not bind on this prompt") + ")",
              kind=EFFECT if binds else EVIDENCE)
