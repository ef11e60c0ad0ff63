"""The engine flow: `from tensorrt_llm.llmapi.llm import _TrtLLM as LLM` (1.0-1.3); gone on main."""

from .._standin import has_engine_flow

if not has_engine_flow():
    raise ModuleNotFoundError("No module named 'tensorrt_llm._tensorrt_engine'", name="tensorrt_llm._tensorrt_engine")

from ..llmapi.llm import _TrtLLM as LLM  # noqa: E402

__all__ = ["LLM"]
