"""Benchmark of the vLLM backend on CPU or a GPU; prints figures (run with a python that has vLLM).

    ~/.local/share/infermatrix/venv-vllm/bin/python scripts/bench-vllm.py [--skip-cold] [--rounds N]
    python3 scripts/bench-vllm.py --model random-qwen2.5-0.5b --tokens 128 --energy 20   # on a GPU

`--model` is any `--model` of the harness (default: the tiny model); `random-qwen2.5-0.5b` has a real
model's dimensions (harness/tiny_model.py REALISTIC), which is what tokens/s and joules need.

1. cold vs warm time to first token: one `python -m harness serve --backend vllm` child process gets
   `streaming=True` twice, then `vllm.block_size=32` twice, each request sent on `ready`. Cold: from
   spawning the process to request 1's first `token` (imports + engine start included); warm: from
   writing a later request to its first `token`. Request 3 changes the engine arguments, so it starts
   a new engine inside the warm process; request 4 reuses that one.
2. tokens/s of the adapter's generate path (vllm_oracles._generate: `LLM.generate` + its `token`
   events + metric, timed from outside) vs calling `LLM.generate` directly: one engine, the same
   prompts and SamplingParams object, `use_tqdm=False` on both, plus a second direct side as an A/A
   control: its distance from the first is the noise floor. `--rounds` (default 36) rounds of one call
   a side, the six orders of the three in turn (load drift hits all alike). One call varies 2-3x on a
   shared 2-core machine; OMP_NUM_THREADS defaults to 1 here (see throughput()). The token ids of both sides are compared; the events' own cost is timed alone.
3. `--energy S` (GPU): the board's idle power over 3 s with the engine loaded and idle, then
   `LLM.generate` on 64 prompts in a loop for S seconds; NVML's energy counter gives joules per
   1,000 generated tokens for the board and above idle (idle watts x seconds taken off).
"""

import itertools
import json
import os
import statistics
import subprocess
import sys
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, REPO)
SERVE_ROWS = ["streaming=True", "streaming=True", "vllm.block_size=32", "vllm.block_size=32"]


def _option(name, default, kind=str):
    return kind(sys.argv[sys.argv.index(name) + 1]) if name in sys.argv else default


MODEL = _option("--model", None)
GPU = _option("--gpu", 0, int)  # NVML's index of the GPU the engine runs on (CUDA_VISIBLE_DEVICES is CUDA's)
TOKENS = _option("--tokens", 64, int)


def cold_and_warm():
    """Per request: seconds to its first token and to its result, its load_s, whether it reused the engine."""
    spawned = time.perf_counter()
    model = ["--model", MODEL] if MODEL else []
    proc = subprocess.Popen([sys.executable, "-m", "harness", "serve", "--backend", "vllm", *model], cwd=REPO,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    pending, marks, sent = list(SERVE_ROWS), [], spawned
    for line in proc.stdout:
        event = json.loads(line)
        kind, now = event["event"], time.perf_counter()
        if kind == "hello":
            hello = now - spawned
        elif kind == "ready":
            if not pending:
                proc.stdin.close()
                continue
            sent = spawned if not marks else now  # the first request is timed from the spawn
            marks.append({"row": pending[0], "reused": False})
            proc.stdin.write(json.dumps({"id": len(marks), "row": pending.pop(0)}) + "\n")
            proc.stdin.flush()
        elif kind == "token" and "token" not in marks[-1]:
            marks[-1]["token"] = now - sent
        elif kind == "metric" and event["name"] == "load_s":
            marks[-1]["load_s"] = event["value"]
        elif kind == "log" and "reusing the loaded engine" in event["text"]:
            marks[-1]["reused"] = True
        elif kind == "result":
            marks[-1].update(result=now - sent, status=event["status"])
    proc.wait()
    return hello, marks


def throughput(rounds):
    os.environ.setdefault("VLLM_CPU_KVCACHE_SPACE", "1")
    os.environ.setdefault("VLLM_CPU_OMP_THREADS_BIND", "nobind")
    # One OpenMP thread: with two, the engine-core process and this one oversubscribe 2 cores and a
    # call varies 20x (113-2486 tok/s); with one the spread is ~2.5x and the A/A control within 2 %.
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    from vllm import LLM, SamplingParams

    from harness.backends import vllm_backend as vb
    from harness.families import vllm_oracles as vo
    from harness.backends.vllm_mapping import base_engine
    from harness.cell import RunContext
    from harness.events import EventWriter
    from harness.tiny_model import ensure_model

    path, _ = ensure_model(MODEL)
    llm = LLM(model=path, **{**base_engine(vb.vllm_device()), "max_model_len": 1024, "max_num_seqs": 64})
    sampling = SamplingParams(temperature=0.0, max_tokens=TOKENS, min_tokens=TOKENS, ignore_eos=True)
    writer = EventWriter(os.open(os.devnull, os.O_WRONLY))
    ctx = RunContext(writer=writer, adapter=None)
    prompts = vo.PROMPTS
    for _ in range(2):  # warm-up
        llm.generate(prompts, sampling, use_tqdm=False)
    ids, times = {}, {"direct": [], "adapter": [], "control": []}

    def timed(side):
        t = time.perf_counter()
        outs = vo._generate(ctx, llm, sampling, prompts) if side == "adapter" else \
            llm.generate(prompts, sampling, use_tqdm=False)
        times[side].append(sum(len(o.outputs[0].token_ids) for o in outs) / (time.perf_counter() - t))
        ids.setdefault(side, vo._ids(outs))

    orders = list(itertools.permutations(times))  # every order equally often: no side gains from its place
    for i in range(rounds):
        for side in orders[i % len(orders)]:
            timed(side)
    outs = llm.generate(prompts, sampling, use_tqdm=False)
    costs = []
    for _ in range(200):
        t = time.perf_counter()
        vo.emit_outputs(writer, outs, 0.25)
        costs.append(time.perf_counter() - t)
    return llm, times, statistics.median(costs), ids["direct"] == ids["adapter"]


def energy(llm, seconds):
    """Joules per 1,000 generated tokens, board and above idle (NVML's energy counter of `--gpu`)."""
    import pynvml
    from vllm import SamplingParams

    from harness.families import vllm_oracles as vo

    pynvml.nvmlInit()
    gpu = pynvml.nvmlDeviceGetHandleByIndex(GPU)
    counter = lambda: pynvml.nvmlDeviceGetTotalEnergyConsumption(gpu) / 1000  # noqa: E731 — joules
    start, t = counter(), time.perf_counter()
    time.sleep(3)
    idle_w = (counter() - start) / (time.perf_counter() - t)
    prompts = (vo.PROMPTS * 8)[:64]
    sampling = SamplingParams(temperature=0.0, max_tokens=TOKENS, min_tokens=TOKENS, ignore_eos=True)
    tokens, start, t = 0, counter(), time.perf_counter()
    while time.perf_counter() - t < seconds:
        tokens += sum(len(o.outputs[0].token_ids) for o in llm.generate(prompts, sampling, use_tqdm=False))
    elapsed, joules = time.perf_counter() - t, counter() - start
    above = joules - idle_w * elapsed
    print(f"energy ({pynvml.nvmlDeviceGetName(gpu)}, {MODEL or 'tiny model'}, 64 prompts x {TOKENS} tokens a call, "
          f"{elapsed:.1f} s, {tokens} tokens, {tokens / elapsed:.0f} tok/s): idle {idle_w:.1f} W (3 s before, engine "
          f"loaded); board {joules:.0f} J = {joules / tokens * 1000:.1f} J per 1,000 tokens "
          f"({tokens / joules:.1f} tok/J); above idle {above:.0f} J = {above / tokens * 1000:.1f} J per 1,000 tokens "
          f"({tokens / above:.1f} tok/J); mean board power {joules / elapsed:.0f} W")


def _trimmed_mean(values, cut=0.2):
    ordered = sorted(values)
    k = int(len(ordered) * cut)
    return statistics.mean(ordered[k:len(ordered) - k])


def main():
    rounds = _option("--rounds", 36, int)
    from harness.tiny_model import ensure_model

    started = time.perf_counter()
    path, built = ensure_model(MODEL)  # built before the cold start is timed
    print(f"model {MODEL or 'tiny'} at {path}: " + (f"built in {time.perf_counter() - started:.1f} s" if built else "cached"))
    if "--skip-cold" not in sys.argv:
        hello, marks = cold_and_warm()
        print(f"serve worker: hello {hello:.1f} s after spawn")
        for i, m in enumerate(marks):
            label = "cold (from spawn)" if i == 0 else ("warm, engine reused" if m["reused"] else
                                                        "warm process, new engine (engine args differ)")
            print(f"  request {i + 1} {m['row']}: first token {m.get('token', float('nan')):.2f} s, result "
                  f"{m.get('result', float('nan')):.2f} s, load_s {m.get('load_s', float('nan')):.2f} "
                  f"({label}; {m.get('status')})")
    llm, times, cost, same = throughput(rounds)
    d = statistics.median(times["direct"])
    parts = []
    for side, label in (("direct", "direct LLM.generate"), ("adapter", "harness adapter"),
                        ("control", "direct again (A/A control: the noise floor)")):
        m, xs = statistics.median(times[side]), times[side]
        parts.append(f"{label} {m:.1f} (min {min(xs):.1f}, max {max(xs):.1f}; {(m / d - 1) * 100:+.1f}%, "
                     f"20%-trimmed mean {(_trimmed_mean(xs) / _trimmed_mean(times['direct']) - 1) * 100:+.1f}%)")
    print(f"tokens/s, {MODEL or 'tiny model'}, 8 prompts x {TOKENS} tokens, median of {rounds} calls a side (orders rotated): " + "; ".join(parts)
          + f"; same token ids: {same}")
    print(f"the adapter's events per batch (8 token events + metric): {cost * 1e6:.0f} us "
          f"({cost * d / (8 * TOKENS) * 100:.3f}% of a direct batch)")
    if "--energy" in sys.argv:
        energy(llm, _option("--energy", 20.0, float))
    print(f"load average after the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
