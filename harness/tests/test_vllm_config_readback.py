"""The engine-config read-back of the vLLM oracles (`config_checks`), on config objects shaped as
vLLM's (runs without vLLM).

The H200 run of 2026-12-01 found `vllm.attention.backend=FLASH_ATTN` failed by this check although
the worker's attention layers used FLASH_ATTN: vLLM 0.26 keeps `attention_config.backend` as a
member of `AttentionBackendEnum`, whose value is the backend's class path, not its name.
"""

import enum
from types import SimpleNamespace

from harness.cell import RunContext
from harness.events import CollectingWriter
from harness.families.vllm_oracles import config_checks


class AttentionBackendEnum(enum.Enum):  # as vllm.v1.attention.backends.registry defines it (0.26)
    FLASH_ATTN = "vllm.v1.attention.backends.flash_attn.FlashAttentionBackend"
    FLASHINFER = "vllm.v1.attention.backends.flashinfer.FlashInferBackend"


def Ctx():
    """The harness's own run context (harness/cell.py), its events collected."""
    return RunContext(writer=CollectingWriter(), adapter=None)


def llm_with(**homes):
    return SimpleNamespace(llm_engine=SimpleNamespace(vllm_config=SimpleNamespace(**homes)))


def test_an_enum_setting_matches_the_asked_name():
    ctx = Ctx()
    config_checks(ctx, llm_with(attention_config=SimpleNamespace(backend=AttentionBackendEnum.FLASH_ATTN)),
                  {"attention_backend": "FLASH_ATTN"})
    assert [(name, passed) for name, passed, _, _ in ctx.checks] == [("attention_backend in engine config", True)]


def test_an_enum_setting_of_another_backend_fails():
    ctx = Ctx()
    config_checks(ctx, llm_with(attention_config=SimpleNamespace(backend=AttentionBackendEnum.FLASHINFER)),
                  {"attention_backend": "FLASH_ATTN"})
    assert ctx.checks[0][1] is False
    assert "FLASHINFER" in ctx.checks[0][2]


def test_plain_values_are_compared_as_before():
    ctx = Ctx()
    config_checks(ctx, llm_with(cache_config=SimpleNamespace(block_size=16, cache_dtype="fp8")),
                  {"block_size": 16, "kv_cache_dtype": "fp8"})
    assert [passed for _, passed, _, _ in ctx.checks] == [True, True]
    ctx = Ctx()
    config_checks(ctx, llm_with(cache_config=SimpleNamespace(block_size=32)), {"block_size": 16})
    assert ctx.checks[0][1] is False
