#!/usr/bin/env python3
"""The agreement table of docs/gpu-h200.md: every vLLM row of `params`, seed 000's verdict beside
ours on the H200 and ours on CPU, from the bundled database through the product itself
(`infermatrix list --env … --format json`), and the one-line root cause of each disagreement or
failure (CAUSES, the one home of those explanations).

    scripts/agreement.py                      # prints the table
    scripts/agreement.py --write docs/gpu-h200.md   # replaces the part between its markers

A row is decidable when the seed says ✅ or ❌ and ours passed or failed; uncertain (❔) means no
check observed the parameter act (docs/oracles.md), which neither confirms nor contradicts the seed.
"""

import argparse
import json
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GPU, CPU = "h200·vllm 0.26", "cpu·vllm 0.32"
GLYPH = {"passed": "✅", "failed": "❌", "uncertain": "❔", "skipped": "⏭️", "error": "💥"}
BEGIN, END = "<!-- agreement:begin (scripts/agreement.py) -->", "<!-- agreement:end -->"
REMOVED = "vLLM 0.26 vs the seed's version: removed"
CAUSES = {
    "decoder.beam_search.early_stopping": f"{REMOVED}: `BeamSearchParams` has no `early_stopping`",
    "decoder.beam_search.early_stopping=True": f"{REMOVED}: `BeamSearchParams` has no `early_stopping`",
    "decoder.beam_search.no_repeat_ngram_size": f"{REMOVED}: `BeamSearchParams` has no `no_repeat_ngram_size`",
    "decoder.beam_search.no_repeat_ngram_size=2": f"{REMOVED}: `BeamSearchParams` has no `no_repeat_ngram_size`",
    "decoder.beam_search.no_repeat_ngram_size=3": f"{REMOVED}: `BeamSearchParams` has no `no_repeat_ngram_size`",
    "vllm.best_of=1": f"{REMOVED}: `SamplingParams` has no `best_of` (the seed's version accepted 1)",
    "vllm.swap_space": f"{REMOVED}: `EngineArgs` has no `swap_space`",
    "vllm.swap_space=4.0": f"{REMOVED}: `EngineArgs` has no `swap_space`",
    "vllm.kv_cache_dtype=bfloat16": "H200 / vLLM 0.26 vs the seed's GPU: FLASH_ATTN 3 takes a bf16 cache (the worker's cache "
                                    "tensors are bfloat16); the seed's found no backend",
    "vllm.kv_cache_dtype=fp8": "H200 / vLLM 0.26 vs the seed's GPU: FLASH_ATTN 3 takes an fp8 cache (uint8 one-byte tensors in "
                               "the worker); the seed's FlashInfer JIT build failed (ninja)",
    "vllm.attention.backend=FLASHINFER": "tiny model: FlashInfer refuses head size 32 (\"head_size not supported\")",
    "vllm.attention.backend=TORCH_SDPA": "vLLM 0.26: TORCH_SDPA must be registered before use (no such backend on CUDA)",
    "vllm.block_size=8": "vLLM 0.26 on the H200: no attention backend takes block size 8",
    "vllm.load_format=pt": "tiny model: saved as safetensors, no `.pt` weights to load",
    "vllm.quantization_method=awq": "no AWQ checkpoint (random weights): \"Cannot find the config file for awq\"",
    "vllm.quantization_method=gptq": "no GPTQ checkpoint (random weights): \"Cannot find the config file for gptq\"",
    "quantization.load_in_8bit=True": "the seed contradicts itself: its bare `load_in_8bit` (the same value) is ✅ and this ❌ "
                                      "has no note; ours passes both on the worker's int8 weights",
    "quantization.quantization=True": "the seed contradicts itself: its bare `quantization.quantization` is ✅ and this ❌ has "
                                      "no note; ours passes both on the worker's nf4 weights",
    "vllm.best_of=2": "agrees, same error: `SamplingParams` has no `best_of` (\"Unexpected keyword argument 'best_of'\")",
    "vllm.kv_cache_dtype=float16": "agrees, other error: the seed's CacheConfig refused float16; here the engine starts and "
                                   "\"query and key must have the same dtype\" (a float16 cache under bfloat16 weights)",
    "parallelism.strategy=tensor_parallel": "not run: needs 2 GPUs (no 2-GPU machine lent since 2026-11-30); the 11-30 run "
                                            "passed under the old rule (data/results/h200-2026-11-30)",
    "parallelism.strategy=pipeline_parallel": "not run: needs 2 GPUs (as tensor_parallel)",
}


def verdicts(binary: str, db: str | None, env: str) -> dict:
    """row key → (seed literal, our status, our reason) in environment `env`."""
    args = [binary, "list", "--matrix", "params", "backend:vllm", "--env", env, "--format", "json"]
    if db:
        args[2:2] = ["--db", db]
    rows = json.loads(subprocess.run(args, check=True, capture_output=True, text=True).stdout)["rows"]
    out = {}
    for row in rows:
        cell = row["cells"]["vllm"]
        live = cell.get("live") or {}
        out[row["key"]] = (cell["literal"], live.get("status"), (live.get("reason") or "").splitlines()[0] if live else "")
    return out


def table(binary: str, db: str | None) -> str:
    gpu, cpu = verdicts(binary, db, GPU), verdicts(binary, db, CPU)
    lines = ["| row | seed 000 | ours H200 | ours CPU | agree | root cause of a disagreement, or our failure |",
             "|---|---|---|---|---|---|"]
    decidable = agree = uncertain = unrun = 0
    for key in sorted(gpu):
        seed, ours, reason = gpu[key]
        cpu_status = cpu.get(key, (None, None, ""))[1]
        match = "—"
        if ours is None:
            unrun += 1
        elif ours == "uncertain":
            uncertain += 1
        if seed in ("✅", "❌") and ours in ("passed", "failed"):
            decidable += 1
            same = (seed == "✅") == (ours == "passed")
            agree += same
            match = "yes" if same else "**no**"
        cause = CAUSES.get(key) or (reason[:110] if ours in ("failed", "error") else
                                    "by the rule: " + reason if ours == "uncertain" else "")
        lines.append(f"| `{key}` | {seed} | {GLYPH.get(ours, '–')} | {GLYPH.get(cpu_status, '–')} | {match} | {cause} |")
    head = (f"**{agree}/{decidable}** decidable rows agree ({decidable - agree} disagree); {uncertain} rows are ❔ by the "
            f"effect rule; {unrun} not run on the H200; {len(gpu)} rows in all.")
    return head + "\n\n" + "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bin", default=os.environ.get("INFERMATRIX_BIN", os.path.join(ROOT, ".build/debug/infermatrix")))
    parser.add_argument("--db", help="the database (default: the bundled data/matrix.sqlite)",
                        default=os.path.join(ROOT, "data/matrix.sqlite"))
    parser.add_argument("--write", metavar="DOC", help="replace the text between the agreement markers in DOC")
    args = parser.parse_args()
    text = table(args.bin, args.db)
    if not args.write:
        print(text)
        return 0
    doc = open(args.write, encoding="utf-8").read()
    if BEGIN not in doc or END not in doc:
        print(f"{args.write}: no agreement markers ({BEGIN} … {END})", file=sys.stderr)
        return 1
    doc = re.sub(re.escape(BEGIN) + ".*?" + re.escape(END), lambda _: f"{BEGIN}\n{text}\n{END}", doc, flags=re.S)
    open(args.write, "w", encoding="utf-8").write(doc)
    return 0


if __name__ == "__main__":
    sys.exit(main())
