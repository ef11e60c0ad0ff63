"""Which TensorRT-LLM flow a run uses, from the installed version (docs/backends.md, "timeline").

TensorRT-LLM 1.0-1.3 have two LLM-API flows: the engine flow (`tensorrt_llm._tensorrt_engine.LLM`,
TrtLlmArgs: builds a TensorRT engine; what the matrix's TensorRT column was measured on) and the
PyTorch flow (`tensorrt_llm.LLM`, TorchLlmArgs, the default since 1.0). Main has only the PyTorch
flow (the engine flow was deprecated in February 2026, PR #11723, and removed in July 2026, PR #15918).

    choose_flow("1.2.0", engine_importable=True)              # Flow("engine", "1.2.0", None)
    choose_flow("1.4.0.dev0", engine_importable=False).gone   # "TensorRT-LLM 1.4.0.dev0 has no engine flow …"
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

from harness.errors import FlowUnavailable

ENGINE, PYTORCH = "engine", "pytorch"
FLOW_VARIABLE = "INFERMATRIX_TENSORRT_FLOW"  # engine | pytorch: pick a flow where both exist
PYTORCH_BACKEND = "not applicable on TensorRT-LLM's PyTorch backend"


@dataclass(frozen=True)
class Flow:
    name: str            # ENGINE or PYTORCH
    version: str         # tensorrt_llm.__version__
    gone: str | None     # why the engine flow is missing on this version (None where it exists)


def version_tuple(version: str) -> tuple[int, ...]:
    numbers = re.match(r"(\d+)(?:\.(\d+))?", version or "")
    return tuple(int(n) for n in numbers.groups() if n is not None) if numbers else ()


def choose_flow(version: str, engine_importable: bool, requested: str | None = None) -> Flow:
    """The engine flow where it exists (the matrix was measured on it), else the PyTorch flow;
    `requested` (or $INFERMATRIX_TENSORRT_FLOW) picks one explicitly."""
    requested = requested or os.environ.get(FLOW_VARIABLE) or None
    if requested not in (None, ENGINE, PYTORCH):
        raise FlowUnavailable(f"{FLOW_VARIABLE}={requested!r}: expected {ENGINE} or {PYTORCH}")
    numbers = version_tuple(version)
    if numbers and numbers < (1, 0):
        raise FlowUnavailable(f"TensorRT-LLM {version} predates the 1.x LLM API this adapter maps "
                              "(engine flow tensorrt_llm._tensorrt_engine.LLM, PyTorch flow tensorrt_llm.LLM); "
                              "install 1.0 or newer")
    gone = None if engine_importable else (
        f"TensorRT-LLM {version} has no engine flow (tensorrt_llm._tensorrt_engine was removed on main "
        "in July 2026, PR #15918; 1.0-1.3 have it)")
    if requested == ENGINE and gone:
        raise FlowUnavailable(f"{FLOW_VARIABLE}=engine: {gone}")
    name = requested or (ENGINE if engine_importable else PYTORCH)
    return Flow(name, version, gone)
