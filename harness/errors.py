"""The harness's one exception hierarchy: an exception that IS a cell's verdict.

`run_cell` (harness/cell.py) turns a `CellOutcome` into the `result` it names, with the message as
the reason; any other exception is the backend's unexpected failure (its adapter's `failure()`
says whether that is `failed` or `error`).

    raise RunSkipped("CUDA graphs need CUDA (this run is on CPU)")          # result: skipped
    raise MappingError("vllm.block_size expects a number, got 'x'")          # result: failed
"""

from __future__ import annotations

import importlib.util


class CellOutcome(Exception):
    """A verdict raised from anywhere inside a cell; `status` is the result's status."""

    status = "error"


class RunFailed(CellOutcome):
    """The backend rejected the parameter, or the cell cannot run as asked: a `failed` result."""

    status = "failed"


class RunSkipped(CellOutcome):
    """The cell does not apply here (another backend's parameter, a missing package, needs CUDA): `skipped`."""

    status = "skipped"


def require_packages(*modules: str, install: str) -> None:
    """Raises RunSkipped naming the install command when an optional package is missing: its
    absence says nothing about the parameter, so the cell is `skipped`, never `failed` (issue 14, D14).

        require_packages("bitsandbytes", install="pip install bitsandbytes")
    """
    missing = [name for name in modules if importlib.util.find_spec(name) is None]
    if missing:
        raise RunSkipped(f"{', '.join(missing)} {'is' if len(missing) == 1 else 'are'} not installed ({install})")


class RowError(RunFailed, ValueError):
    """A row key that cannot be read (empty name, empty value)."""


class MappingError(RunFailed, ValueError):
    """A row a backend's API cannot express (the vLLM and TensorRT-LLM mappings): `failed` with this text."""


class NotApplicable(RunSkipped):
    """The row has no counterpart on the backend's flow in use (TensorRT-LLM): `skipped` with this text."""


class FlowUnavailable(RunSkipped):
    """The installed TensorRT-LLM cannot run the requested flow: `skipped` with this text."""


class ArchitectureUnavailable(RunSkipped):
    """transformers lacks the architecture, or the harness has no tiny config for it."""


class EngineFailed(RunFailed):
    """A backend engine did not start; the message carries the engine's root cause.

        EngineFailed("NotImplementedError: sliding window").unsupported   # True: the engine cannot do it here
    """

    @property
    def unsupported(self) -> bool:
        """The engine says it does not support what was asked (an architecture, a feature)."""
        return any(s in str(self) for s in ("not supported", "NotImplementedError", "is not implemented"))
