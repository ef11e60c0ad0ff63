"""Stand-in `tensorrt_llm` (tests only; see ../README.md). As tensorrt_llm/__init__.py of the 1.x
line: `LLM` is the PyTorch flow (tensorrt_llm.llmapi.LLM), `BuildConfig` comes from builder.py
(engine lines only), `SamplingParams` from sampling_params.py."""

from ._standin import VERSIONS, flavour, has_engine_flow
from .llmapi import LLM, SamplingParams  # noqa: F401
from .llmapi.llm_args import TorchLlmArgs  # noqa: F401

if has_engine_flow():
    from .builder import BuildConfig  # noqa: F401
    from .llmapi.llm_args import TrtLlmArgs  # noqa: F401

__version__ = VERSIONS[flavour()]
