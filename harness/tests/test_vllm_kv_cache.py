"""The kv_cache_dtype oracle on real torch tensors (runs without vLLM).

A stand-in for the engine is used here because vLLM is not in this venv: `collective_rpc` calls the
oracle's function on a worker object whose model runner holds real cache tensors, as vLLM's
`LLM.collective_rpc(fn)` calls `fn(worker)` in each worker. test_vllm_cpu.py runs it on real vLLM.
"""

import types

import pytest
import torch

from harness.backends.vllm_mapping import vllm_plan
from harness.backends.vllm_oracles import _kv_cache, kv_cache_dtypes
from harness.params import parse_row


class _Ctx:
    def __init__(self):
        self.checks, self.notes = [], []
        self.writer = types.SimpleNamespace(emit=lambda *a, **k: None)

    def check(self, name, passed, evidence):
        self.checks.append((name, passed, evidence))


class _Engine:
    """Holds the cache tensors of one worker; generates the same ids every time (greedy reproduces)."""

    def __init__(self, dtype):
        self.worker = types.SimpleNamespace(model_runner=types.SimpleNamespace(
            kv_caches=[torch.zeros(2, 4, 8, dtype=dtype) for _ in range(2)]))

    def collective_rpc(self, fn):
        return [fn(self.worker)]

    def generate(self, prompts, sampling, use_tqdm=False):
        out = types.SimpleNamespace(token_ids=[1, 2, 3], text="abc")
        return [types.SimpleNamespace(outputs=[out]) for _ in prompts]


def test_the_worker_function_reads_dtype_and_element_size():
    assert kv_cache_dtypes(_Engine(torch.uint8).worker) == ["torch.uint8/1"]


@pytest.mark.parametrize("row, device, cache, passed", [
    ("vllm.kv_cache_dtype=bfloat16", "cuda", torch.bfloat16, True),
    ("vllm.kv_cache_dtype=float16", "cuda", torch.bfloat16, False),   # asked float16, got the model's
    ("vllm.kv_cache_dtype=fp8", "cuda", torch.uint8, True),           # vLLM stores fp8 as one-byte uint8
    ("vllm.kv_cache_dtype=fp8", "cuda", torch.bfloat16, False),       # the "passes on greedy alone" case
    ("vllm.kv_cache_dtype=auto", "cuda", torch.bfloat16, True),       # auto: the model's dtype
    ("vllm.kv_cache_dtype=auto", "cpu", torch.bfloat16, False),       # the CPU default is float32
])
def test_the_cache_check_compares_the_tensors_with_the_row(row, device, cache, passed):
    ctx, plan = _Ctx(), vllm_plan(parse_row(row), device=device)
    _kv_cache(ctx, _Engine(cache), plan, None, parse_row(row))
    check = {name: (ok, evidence) for name, ok, evidence in ctx.checks}["KV cache tensors have the asked dtype"]
    assert check[0] is passed, check[1]
    assert str(cache) in check[1]
