"""Greedy outputs of two ways of computing the same model, compared up to near-ties.

    same, evidence = agree_up_to_ties(eager_ids, eager_logprobs, graph_ids)
    # (True, "8 prompts: 6 identical, 2 part at a near-tie (first divergence: prompt 1 token 9, …)")

Two numerically different but correct computations (CUDA graphs padding a batch onto other GEMM
kernels, bf16 round-off) may pick different tokens where the reference's top two log-probabilities
are within round-off of each other; after that the sequences have different prefixes, so only
the first divergence of each prompt says anything. A broken computation diverges where the
reference had a clear winner, or picks a token outside its top candidates: that fails.
Seen on the H200 (2026-12-01): Qwen3MoeForCausalLM under CUDA graphs parted from eager at 4 of 8
prompts after 5–10 identical tokens; exact equality failed the cell for round-off.
"""

from __future__ import annotations

# A near-tie: the other computation's token is within this many nats of the reference's greedy
# token at the first divergence. bf16 logits of magnitude 8–16 step by 0.0625: the H200's
# Qwen3Moe parted at gaps of 0, 0.0625, 0.0625 and 0.125 (0–2 steps), round-off of other kernels;
# 0.25 is four steps there. A broken computation picks tokens nats away or outside the top ones.
TIE_NATS = 0.25


def agree_up_to_ties(reference: list[list[int]], reference_logprobs: list[list[dict[int, float]]],
                     other: list[list[int]], tie: float = TIE_NATS) -> tuple[bool, str]:
    """`reference_logprobs[p][i]` maps candidate token → log-probability at prompt p's position i
    (the reference's top candidates, its own choice among them)."""
    parted, broken = [], []
    for p, (ref, got) in enumerate(zip(reference, other)):
        i = next((k for k, (a, b) in enumerate(zip(ref, got)) if a != b), None)
        if i is None:
            if len(ref) != len(got):
                broken.append(f"prompt {p}: {len(got)} tokens, reference {len(ref)}")
            continue
        candidates = reference_logprobs[p][i] if i < len(reference_logprobs[p]) else {}
        if got[i] in candidates and ref[i] in candidates and candidates[ref[i]] - candidates[got[i]] <= tie:
            parted.append(f"prompt {p} token {i}: {ref[i]} vs {got[i]}, "
                          f"{candidates[ref[i]] - candidates[got[i]]:.3f} nats apart")
        else:
            gap = (f"{candidates[ref[i]] - candidates[got[i]]:.3f} nats below" if got[i] in candidates and ref[i] in candidates
                   else "not among the reference's top candidates")
            broken.append(f"prompt {p} token {i}: {ref[i]} vs {got[i]}, {gap}")
    same = len(reference) - len(parted) - len(broken)
    text = f"{len(reference)} prompts: {same} identical"
    if parted:
        text += f", {len(parted)} part at a near-tie (≤ {tie} nats: {'; '.join(parted)})"
    if broken:
        text += f", {len(broken)} diverge where the reference had a clear winner ({'; '.join(broken)})"
    return not broken and len(reference) == len(other), text


def vllm_logprobs(outputs) -> list[list[dict[int, float]]]:
    """`[[{token: logprob}, …] per position] per prompt` from vLLM outputs generated with logprobs=k."""
    return [[{int(t): float(getattr(lp, "logprob", lp)) for t, lp in (pos or {}).items()}
             for pos in (o.outputs[0].logprobs or [])] for o in outputs]
