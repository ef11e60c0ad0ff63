"""Benchmark of the vLLM backend on CPU; prints figures (run with the vLLM venv's python).

    ~/.local/share/infermatrix/venv-vllm/bin/python scripts/bench-vllm-cpu.py [--skip-cold]

1. cold start: `python -m harness run --row vllm.block_size=32 --backend vllm` as a child process:
   time to `hello`, to the first `token` event and to `result` (imports + engine start included).
2. tokens/s of the harness adapter's generate path (`_generate`: token events + metric) vs calling
   `LLM.generate` directly, on one engine (the same tiny Qwen2), same prompts and sampling, 8 rounds each,
   alternating which goes first; the median of each is compared.
"""

import json
import os
import statistics
import subprocess
import sys
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, REPO)


def cold_start():
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "harness", "run", "--row", "vllm.block_size=32", "--backend", "vllm"],
                            cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    marks = {}
    for line in proc.stdout:
        event = json.loads(line)
        kind = event["event"]
        if kind in ("hello", "token", "result") and kind not in marks:
            marks[kind] = time.perf_counter() - started
            if kind == "result":
                marks["status"] = event["status"]
    proc.wait()
    return marks


def main():
    if "--skip-cold" not in sys.argv:
        marks = cold_start()
        print(f"cold start (child process): hello {marks.get('hello', 0):.1f} s, first token "
              f"{marks.get('token', 0):.1f} s, result {marks.get('result', 0):.1f} s ({marks.get('status')})")
    os.environ.setdefault("VLLM_CPU_KVCACHE_SPACE", "1")
    os.environ.setdefault("VLLM_CPU_OMP_THREADS_BIND", "nobind")
    from vllm import LLM, SamplingParams

    from harness.backends import vllm_backend as vb
    from harness.backends.vllm_mapping import BASE_ENGINE
    from harness.events import EventWriter
    from harness.tiny_model import ensure_tiny_qwen2

    path, _ = ensure_tiny_qwen2()
    llm = LLM(model=path, **BASE_ENGINE)
    sampling = SamplingParams(temperature=0.0, max_tokens=64, min_tokens=64, ignore_eos=True)
    writer = EventWriter(os.open(os.devnull, os.O_WRONLY))
    ctx = vb._Ctx(writer, 0)
    prompts = vb.PROMPTS
    llm.generate(prompts, sampling, use_tqdm=False)  # warm-up
    direct, adapter = [], []
    def direct_run():
        t = time.perf_counter()
        outs = llm.generate(prompts, sampling, use_tqdm=False)
        direct.append(sum(len(o.outputs[0].token_ids) for o in outs) / (time.perf_counter() - t))

    def adapter_run():
        t = time.perf_counter()
        outs = vb._generate(ctx, llm, sampling, prompts)
        adapter.append(sum(len(o.outputs[0].token_ids) for o in outs) / (time.perf_counter() - t))

    rounds = 8
    for i in range(rounds):  # alternate which goes first, so load drift hits both alike
        for run in ((direct_run, adapter_run) if i % 2 == 0 else (adapter_run, direct_run)):
            run()
    d, a = statistics.median(direct), statistics.median(adapter)
    print(f"tokens/s, {len(prompts)} prompts x 64 tokens, median of {rounds} (alternating order): direct "
          f"LLM.generate {d:.1f} (min {min(direct):.1f}, max {max(direct):.1f}), harness adapter {a:.1f} "
          f"(min {min(adapter):.1f}, max {max(adapter):.1f}): {(a / d - 1) * 100:+.1f}%")
    print(f"load average during the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    vb._shutdown(llm)


if __name__ == "__main__":
    main()
