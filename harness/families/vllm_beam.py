"""vLLM's beam-search oracles (`LLM.beam_search` with `BeamSearchParams`): beam width and
distinct hypotheses for `enabled`/`num_beams`, and `length_penalty` over hypotheses of different
lengths, which a stand-in end-of-sequence token makes the tiny random model produce.

    beam(ctx, llm, plan, sampling, row)      # the oracle of plan.mode == "beam"
"""

from __future__ import annotations

import collections

from harness.errors import RunFailed
from harness.families.vllm_steps import cold
from harness.prompts import PROMPTS
from harness.verdict import DEFAULT_VALUE, EFFECT, EVIDENCE


def beam(ctx, llm, plan, sampling, row):
    """Beam search: beam_width hypotheses per prompt, all distinct (effect for enabled/num_beams;
    evidence for the other knobs, which the checks cannot tell apart)."""
    from vllm import SamplingParams
    from vllm.sampling_params import BeamSearchParams

    try:
        params = BeamSearchParams(**plan.beam)
    except TypeError as exc:
        raise RunFailed(f"BeamSearchParams: {exc}") from None
    ctx.writer.emit("phase", name="generate")
    prompts = PROMPTS[:3]
    beams = llm.beam_search([{"prompt": p} for p in prompts], params)
    for seq, out in enumerate(beams):
        ctx.writer.emit("token", seq=seq, text=out.sequences[0].text)
    ctx.writer.emit("phase", name="validate")
    greedy = llm.generate(prompts, SamplingParams(**{**plan.sampling, "logprobs": 0}), use_tqdm=False)
    width = plan.beam["beam_width"]
    counts = [len(o.sequences) for o in beams]
    widening = row.name in ("decoder.beam_search.enabled", "decoder.beam_search.num_beams") and width > 1
    ctx.check("beam width", all(c == width for c in counts), f"sequences per prompt {counts}, beam_width {width}",
              kind=EFFECT if widening else EVIDENCE)
    ok, evidence = True, []
    for out, g in zip(beams, greedy):
        best, base = out.sequences[0].cum_logprob, g.outputs[0].cumulative_logprob
        ok &= best >= base - 1e-3
        evidence.append(f"{best:.3f} vs {base:.3f}")
    if width == 1:
        same = all(list(o.sequences[0].tokens[-16:]) == list(g.outputs[0].token_ids) for o, g in zip(beams, greedy))
        ctx.check("beam_width=1 equals greedy", same, "token ids compared: " + ("identical" if same else "different"),
                  kind=EVIDENCE)
    else:
        # "Beam beats greedy" is no theorem (greedy's path can be pruned), so it is evidence only;
        # the check is what only a beam of that width yields: that many distinct hypotheses.
        distinct = [len({tuple(s.tokens) for s in o.sequences}) for o in beams]
        ctx.check("beam keeps distinct hypotheses", all(d == width for d in distinct),
                  f"distinct hypotheses per prompt {distinct}; best beam vs greedy cumulative logprob: "
                  + ", ".join(evidence) + ("" if ok else " (greedy higher somewhere: a pruned path)"),
                  kind=EFFECT if widening else EVIDENCE)
    if row.name == "decoder.beam_search.length_penalty":
        _length_penalty(ctx, llm, plan, row)


class _StandInEos:
    """The engine's tokenizer with another eos_token_id: what LLM.beam_search reads to end a beam."""

    def __init__(self, tokenizer, eos):
        self._tokenizer, self.eos_token_id = tokenizer, eos

    def __getattr__(self, name):
        return getattr(self._tokenizer, name)

    def __call__(self, *args, **kwargs):
        return self._tokenizer(*args, **kwargs)


def _beams_with_eos(llm, prompts, params, eos):
    """LLM.beam_search with `eos` standing in for the end-of-sequence token (the tiny random model
    practically never emits its own, so without one every beam has the same length)."""
    renderer = llm.renderer
    own = vars(renderer).get("get_tokenizer")  # None: the class's method
    real = renderer.get_tokenizer
    renderer.get_tokenizer = lambda *a, **k: _StandInEos(real(*a, **k), eos)
    try:
        cold(llm)
        return llm.beam_search([{"prompt": p} for p in prompts], params)
    finally:
        if own is None:
            del renderer.get_tokenizer
        else:
            renderer.get_tokenizer = own


def _length_penalty(ctx, llm, plan, row):
    """length_penalty needs beams of different lengths: a token the beams emit part-way (the most
    frequent generated token) stands in for EOS, so some hypotheses end early. Effect: the
    returned hypotheses are ranked by vLLM's score cum_logprob / len**v at the asked v, in a
    ranking (or a selection) that the default 1.0 does not give (without the parameter: 1.0)."""
    from vllm.entrypoints.generate.beam_search.utils import get_beam_search_score
    from vllm.sampling_params import BeamSearchParams

    asked = float(row.value)
    if asked == 1.0:
        ctx.uncertain = DEFAULT_VALUE
    prompts = PROMPTS
    probe = llm.beam_search([{"prompt": p} for p in prompts], BeamSearchParams(**plan.beam))
    counts = collections.Counter(t for o in probe for s in o.sequences
                                 for t in s.tokens[-plan.beam["max_tokens"]:][2:-2])
    eos = counts.most_common(1)[0][0]
    params = {**plan.beam, "ignore_eos": False}
    got = _beams_with_eos(llm, prompts, BeamSearchParams(**params), eos)
    default = _beams_with_eos(llm, prompts, BeamSearchParams(**{**params, "length_penalty": 1.0}), eos)

    def ranked(seqs, penalty):
        return sorted(seqs, key=lambda s: get_beam_search_score(s.tokens, s.cum_logprob, eos, penalty), reverse=True)

    follows, contrasts, lengths = True, 0, []
    for out, ref in zip(got, default):
        seqs = list(out.sequences)
        follows &= [s.tokens for s in ranked(seqs, asked)] == [s.tokens for s in seqs]
        other = [s.tokens for s in ranked(seqs, 1.0)] != [s.tokens for s in seqs] or \
            sorted(map(tuple, (s.tokens for s in seqs))) != sorted(map(tuple, (s.tokens for s in ref.sequences)))
        contrasts += other
        lengths.append(sorted({len(s.tokens) for s in seqs}))
    evidence = (f"stand-in EOS token {eos}; hypothesis lengths (prompt included) per prompt {lengths}; ranked by "
                f"cum_logprob/len**{asked:g}: {follows}; ranking or selection other than length_penalty=1.0's on "
                f"{contrasts} of {len(got)} prompts")
    if asked == 1.0:  # the default itself: the ranking is checked, no contrast can exist
        ctx.check("hypotheses ranked by length_penalty=1", follows, evidence, kind=EVIDENCE)
    else:
        ctx.check(f"hypotheses ranked by length_penalty={asked:g}, not as 1.0 ranks them", follows and contrasts > 0,
                  evidence, kind=EFFECT)
