"""`decoder.beam_search.*`: beam search through `generate(num_beams=…)`.

`enabled` (and a bare `enabled`) means num_beams=4, the harness's beam width; the other knobs
run with num_beams=4 as well. Scores compared with greedy are *raw* sums of the model's
log-probabilities of the generated ids (one forward pass, no length normalisation; outputs have
equal length because EOS is held off with min_new_tokens on the random model).
"""

import math

import torch

from harness import mutation
from harness.families.common import default_loaded
from harness.prompts import PROMPTS
from harness.verdict import DEFAULT_VALUE, EFFECT, EVIDENCE
from harness.backends.pytorch_run import measured_generate

BEAM_WIDTH = 4
SCORE_PROMPTS = PROMPTS[:4]
NGRAM_TOKENS = 48  # long enough for the random model's greedy/beam output to repeat itself


def probe_eos(loaded):
    """Stand-in EOS ids: the 3rd to 8th tokens greedy emits for the first prompt.

    The random model never chooses its real EOS, so no beam would ever finish early and
    early_stopping/length_penalty would have nothing to act on. Declaring six tokens it does emit
    as `eos_token_id` makes hypotheses finish at different lengths (3 to 16 tokens), early enough
    that early_stopping=True stops before early_stopping=False (on a real --model the model's own
    EOS is used)."""
    if loaded.gen_defaults.get("min_new_tokens") is None:
        return loaded.tokenizer.eos_token_id
    return loaded.greedy_ids(PROMPTS[:1])[0][2:8]


def baseline_kwargs(row) -> dict:
    """generate's keywords without the row's parameter: greedy for enabled/num_beams, the
    harness's beam of BEAM_WIDTH with transformers' defaults for the other knobs."""
    key = row.name.split(".")[-1]
    if key in ("enabled", "num_beams"):
        return {"num_beams": 1}
    return {"num_beams": BEAM_WIDTH, **{"early_stopping": {"early_stopping": False},
                                        "length_penalty": {"length_penalty": 1.0},
                                        "no_repeat_ngram_size": {"no_repeat_ngram_size": 0}}[key]}


def beam_kwargs(row) -> dict:
    key = row.name.split(".")[-1]
    if key == "enabled":
        return {"num_beams": BEAM_WIDTH if row.value else 1}
    if key == "num_beams":
        return {"num_beams": int(row.value)}
    if key == "early_stopping":
        return {"num_beams": BEAM_WIDTH, "early_stopping": row.value}
    if key == "length_penalty":
        return {"num_beams": BEAM_WIDTH, "length_penalty": float(row.value)}
    if key == "no_repeat_ngram_size":
        return {"num_beams": BEAM_WIDTH, "no_repeat_ngram_size": int(row.value)}
    raise KeyError(row.name)


def run(ctx, row):
    kwargs, baseline = beam_kwargs(row), baseline_kwargs(row)
    ctx.applied.update(kwargs, do_sample=False)
    if kwargs == baseline:
        ctx.uncertain = DEFAULT_VALUE
    sent = mutation.deliver(kwargs, baseline)
    loaded = default_loaded(ctx)
    key = row.name.split(".")[-1]
    ctx.phase("generate")
    extra = {"min_new_tokens": None} if key in ("early_stopping", "length_penalty") else {}
    out, plen = measured_generate(ctx, loaded, PROMPTS[:1], stream=sent["num_beams"] == 1, do_sample=False,
                                      **sent, **extra)
    ctx.phase("validate")
    if key in ("enabled", "num_beams"):
        _scores_vs_greedy(ctx, loaded, kwargs, sent)
    elif key == "early_stopping":
        _early_stopping(ctx, loaded, kwargs, sent)
    elif key == "length_penalty":
        _length_penalty(ctx, loaded, kwargs["length_penalty"], sent["length_penalty"])
    else:
        _no_repeat(ctx, loaded, kwargs["no_repeat_ngram_size"], sent)


def _scores_vs_greedy(ctx, loaded, kwargs, sent):
    """num_beams=1 must equal greedy. For N > 1, "beam score >= greedy score" is not a theorem
    (greedy's path can be pruned from the beam: seen on an H100 with num_beams=2), so the oracle
    re-runs beam search step by step in plain torch and checks that generate found the same best
    hypothesis (same log-probability). Greedy's scores stay in the evidence, for the reader."""
    greedy = loaded.greedy_ids(SCORE_PROMPTS)
    if kwargs["num_beams"] == 1:
        beams = loaded.greedy_ids(SCORE_PROMPTS, **sent)
        ctx.check("num_beams=1 equals greedy", beams == greedy,
                  f"{len(SCORE_PROMPTS)} prompts: " + ("identical" if beams == greedy else "different"), kind=EVIDENCE)
        return
    width = kwargs["num_beams"]
    if loaded.gen_defaults.get("min_new_tokens") is None:
        return _ranked_hypotheses(ctx, loaded, width, sent)
    rows, ok, beats = [], True, 0
    for prompt, g in zip(SCORE_PROMPTS, greedy):
        beam = loaded.greedy_ids([prompt], **sent)[0]
        got, base = loaded.sequence_logprob(prompt, beam), loaded.sequence_logprob(prompt, g)
        want, ref_ids = reference_beam_search(loaded, prompt, width, len(beam))
        ok &= math.isclose(got, want, rel_tol=1e-4, abs_tol=1e-3)
        beats += want > base + 1e-3
        rows.append(f"({base:.3f}, {got:.3f}, {want:.3f}" + ("" if beam == ref_ids else ", other ids") + ")")
    # Of effect where the reference beam beats greedy somewhere: there, greedy decoding cannot pass.
    ctx.check(f"num_beams={width} finds the reference beam search's best", ok,
              "sum log-prob (greedy, generate's beam, reference beam) per prompt: " + "; ".join(rows)
              + f"; the reference beats greedy on {beats} of {len(rows)} prompts", kind=EFFECT if beats else EVIDENCE)


def reference_beam_search(loaded, prompt: str, width: int, steps: int):
    """Beam search of fixed length in plain torch: at each step keep the `width` best of every
    beam × vocabulary extension by summed log-probability. EOS is masked as min_new_tokens
    masks it for the random model. Returns (best summed log-prob, best ids)."""
    prompt_ids = loaded.tokenizer(prompt)["input_ids"]
    eos = loaded.model.generation_config.eos_token_id
    eos = [] if eos is None else ([eos] if isinstance(eos, int) else list(eos))
    beams = [(0.0, [])]
    with torch.inference_mode():
        for _ in range(steps):
            batch = torch.tensor([prompt_ids + seq for _, seq in beams], device=loaded.device)
            logprobs = torch.log_softmax(loaded.model(input_ids=batch).logits[:, -1].float(), dim=-1).cpu()
            logprobs[:, eos] = -math.inf
            totals = torch.tensor([score for score, _ in beams])[:, None] + logprobs
            top = totals.flatten().topk(width)
            vocab = logprobs.shape[1]
            beams = [(float(v), beams[int(i) // vocab][1] + [int(i) % vocab])
                     for v, i in zip(top.values, top.indices)]
    return beams[0]


def _ranked_hypotheses(ctx, loaded, width, sent):
    """A real checkpoint may stop at EOS at any length: check instead that generate returns
    `width` distinct hypotheses ranked by score, which only a beam of that width produces."""
    enc = loaded.encode(SCORE_PROMPTS[:1])
    with torch.inference_mode():
        out = loaded.model.generate(**enc, **loaded.gen_defaults, num_beams=sent["num_beams"],
                                    num_return_sequences=sent["num_beams"], do_sample=False, output_scores=True,
                                    return_dict_in_generate=True)
    scores = [float(s) for s in out.sequences_scores] if hasattr(out, "sequences_scores") else []
    distinct = len({tuple(seq.tolist()) for seq in out.sequences})
    ok = distinct == width and scores == sorted(scores, reverse=True)
    ctx.check(f"num_beams={width} returns {width} ranked hypotheses", ok,
              f"{distinct} distinct hypotheses; scores {', '.join(f'{s:.3f}' for s in scores)}", kind=EFFECT)


def _generation_config(loaded, kwargs):
    config = loaded.model.generation_config.__class__.from_dict(
        {**loaded.model.generation_config.to_dict(), **loaded.gen_defaults, **kwargs})
    config.validate()
    return config


def _early_stopping(ctx, loaded, kwargs, sent):
    config = _generation_config(loaded, kwargs)
    ctx.check("early_stopping in the generation config", config.early_stopping == kwargs["early_stopping"],
              f"GenerationConfig.early_stopping={config.early_stopping!r}, num_beams={config.num_beams}", kind=EVIDENCE)
    eos = probe_eos(loaded)
    with_flag = _steps_and_lengths(loaded, sent, eos)
    heuristic = _steps_and_lengths(loaded, {**kwargs, "early_stopping": False}, eos)
    never = _steps_and_lengths(loaded, {**kwargs, "early_stopping": "never"}, eos)
    wanted = kwargs["early_stopping"]
    if wanted is True:  # stops once num_beams hypotheses are done: before the heuristic does here
        ok, against = with_flag[0] < heuristic[0], "early_stopping=False"
    else:
        ok, against = with_flag[0] <= never[0], "'never'"
    ctx.check(f"stops earlier than {against}", ok,
              f"eos_token_id={eos}; decoding steps {with_flag[0]} with early_stopping={wanted!r} vs {heuristic[0]} "
              f"with False and {never[0]} with 'never'; generated lengths {with_flag[1]} vs {heuristic[1]} vs {never[1]}",
              kind=EFFECT if wanted is True else EVIDENCE)


def _steps_and_lengths(loaded, kwargs, eos):
    """(decoding steps taken, generated length per returned sequence) for the first prompt."""
    enc = loaded.encode(SCORE_PROMPTS[:1])
    with torch.inference_mode():
        out = loaded.model.generate(**enc, **{**loaded.gen_defaults, "min_new_tokens": None}, **kwargs,
                                    num_return_sequences=kwargs["num_beams"], do_sample=False, eos_token_id=eos,
                                    output_scores=True, return_dict_in_generate=True)
    plen = enc["input_ids"].shape[1]
    lengths = [int((row[plen:] != loaded.tokenizer.pad_token_id).sum()) for row in out.sequences]
    return len(out.scores), lengths


def _beam_scores(loaded, length_penalty, eos):
    enc = loaded.encode(SCORE_PROMPTS[:1])
    with torch.inference_mode():
        out = loaded.model.generate(**enc, **{**loaded.gen_defaults, "min_new_tokens": None},
                                    num_beams=BEAM_WIDTH, num_return_sequences=BEAM_WIDTH, do_sample=False,
                                    length_penalty=length_penalty, output_scores=True, eos_token_id=eos,
                                    return_dict_in_generate=True)
        transitions = loaded.model.compute_transition_scores(out.sequences, out.scores, out.beam_indices,
                                                             normalize_logits=False)
    plen = enc["input_ids"].shape[1]
    rows = []
    for seq, trans, score in zip(out.sequences, transitions, out.sequences_scores):
        length = int((trans < 0).sum())
        rows.append((tuple(seq[plen:].tolist()), float(trans.sum()), length, float(score)))
    return rows


def _length_penalty(ctx, loaded, penalty, sent_penalty):
    eos = probe_eos(loaded)
    rows = _beam_scores(loaded, sent_penalty, eos)
    mismatches = [(s, total / (n ** penalty)) for _, total, n, s in rows if not math.isclose(
        s, total / (n ** penalty), rel_tol=1e-3, abs_tol=1e-3)]
    ctx.check("beam score = sum_logprobs / gen_len**length_penalty", not mismatches,
              f"eos_token_id={eos}; per hypothesis (sum_logprobs, gen_len, sequences_score): "
              + "; ".join(f"({t:.3f}, {n}, {s:.4f})" for _, t, n, s in rows)
              + (f"; mismatches {mismatches}" if mismatches else ""),
              kind=EFFECT if any(n > 1 for _, _, n, _ in rows) else EVIDENCE)
    baseline = _beam_scores(loaded, 1.0, eos)
    ranking = [r[0] for r in rows]
    base_ranking = [r[0] for r in baseline]
    lengths = {r[2] for r in rows + baseline}
    if len(lengths) > 1:
        mean = sum(r[2] for r in rows) / len(rows)
        base_mean = sum(r[2] for r in baseline) / len(baseline)
        direction_ok = (mean >= base_mean) if penalty > 1 else (mean <= base_mean) if penalty < 1 else ranking == base_ranking
        evidence = f"mean hypothesis length {mean:.2f} with {penalty} vs {base_mean:.2f} with 1.0 (longer favoured when > 1)"
    else:
        # Equal lengths: the penalty rescales every score by the same len**(1-p), ranking unchanged.
        direction_ok = ranking == base_ranking
        evidence = (f"all hypotheses have length {lengths.pop()}: the penalty rescales every score alike, so the "
                    f"ranking must equal length_penalty=1.0's: {'equal' if direction_ok else 'different'}")
    ctx.check("length_penalty ranking direction", direction_ok, evidence, kind=EVIDENCE)


def repeat_prompt(loaded, n: int, start: int) -> list[int]:
    """Prompt ids that invite an n-gram repeat: seed + [t] + seed, where t is the model's greedy
    next token after seed (n-1 ids from `start`). Plain decoding tends to emit t again, completing
    the n-gram seed + [t] a second time; no_repeat_ngram_size=n forbids exactly that."""
    seed = [(start + 7 * i) % loaded.model.config.vocab_size for i in range(n - 1)]
    with torch.inference_mode():
        t = int(loaded.model(input_ids=torch.tensor([seed], device=loaded.device)).logits[0, -1].argmax())
    return seed + [t] + seed


def _beam_ids(loaded, prompt_ids, kwargs) -> list[int]:
    ids = torch.tensor([prompt_ids], device=loaded.device)
    with torch.inference_mode():
        out = loaded.model.generate(input_ids=ids, attention_mask=torch.ones_like(ids),
                                    **{**loaded.gen_defaults, "max_new_tokens": NGRAM_TOKENS, "min_new_tokens": None},
                                    do_sample=False, **kwargs)
    return out[0, len(prompt_ids):].tolist()


def generated_repeats(prompt_ids: list[int], ids: list[int], n: int) -> int:
    """n-grams ending in the generated ids that already occurred earlier in prompt + output."""
    whole = prompt_ids + ids
    seen, count = set(), 0
    for i in range(len(whole) - n + 1):
        gram = tuple(whole[i:i + n])
        if gram in seen and i + n > len(prompt_ids):
            count += 1
        seen.add(gram)
    return count


def _no_repeat(ctx, loaded, n, sent):
    """On prompts built to invite a repeat (repeat_prompt), plain beam search repeats an n-gram
    and no_repeat_ngram_size=n does not: the contrast is the effect."""
    prompts = [repeat_prompt(loaded, n, start) for start in (11, 29, 53, 97)]
    before = [generated_repeats(p, _beam_ids(loaded, p, {"num_beams": BEAM_WIDTH}), n) for p in prompts]
    after = [generated_repeats(p, _beam_ids(loaded, p, sent), n) for p in prompts]
    ctx.check(f"no repeated {n}-gram", not any(after) and any(before),
              f"repeated {n}-grams completed by the output, per prompt (built to invite one): {after} with "
              f"no_repeat_ngram_size={n}, {before} without it ({NGRAM_TOKENS} new tokens, {BEAM_WIDTH} beams)",
              kind=EFFECT if any(before) else EVIDENCE)
