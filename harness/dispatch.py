"""Which code runs a cell: the backend's adapter (its worker state, opened once per session) and,
by the matrix's kind in the catalogue (data/catalogue.json), the runner of a params row or of a
feature column. harness/cell.py calls the runner; nothing else decides by matrix name or backend.

    adapter = open_adapter("vllm", writer, model=None, device="auto", start=START)
    runner_for("vllm", "features")(ctx)      # harness/features/vllm_oracles.run_feature_cell
"""

from __future__ import annotations

from harness.catalogue import CATALOGUE
from harness.errors import RunSkipped


def open_adapter(backend: str, writer, model: str | None, device: str, start: float):
    """The session's adapter for `backend` (a CLI choice, so one of the catalogue's backends)."""
    if backend == "pytorch":
        from harness.backends.pytorch import PyTorchAdapter

        return PyTorchAdapter(writer, model, device)
    if backend == "vllm":
        from harness.backends.vllm_backend import VllmAdapter

        return VllmAdapter(writer, model, start)
    from harness.backends.tensorrt_backend import TensorrtAdapter

    return TensorrtAdapter(writer, model)


def runner_for(backend: str, kind: str | None):
    """A callable(ctx) that runs a cell of a matrix of `kind` on `backend`; RunSkipped for a matrix
    whose cells no backend tests (the models list) or that the catalogue lacks."""
    if kind == "parameters":
        if backend == "pytorch":
            from harness.families import run_parameter_cell
        elif backend == "vllm":
            from harness.backends.vllm_backend import run_parameter_cell
        else:
            from harness.backends.tensorrt_backend import run_parameter_cell
        return run_parameter_cell
    if kind == "features":
        if backend == "pytorch":
            from harness.features.pytorch_oracles import run_feature_cell
        elif backend == "vllm":
            from harness.features.vllm_oracles import run_feature_cell
        else:
            from harness.backends.tensorrt_backend import run_feature_cell
        return run_feature_cell
    raise RunSkipped(f"no cell of this matrix can be tested (kind: {kind or 'not in the catalogue'}; "
                     f"testable matrices: {', '.join(CATALOGUE.testable_matrices())})")
