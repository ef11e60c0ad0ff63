"""One module per parameter family; each exposes `run(ctx, row)` which loads, generates and
emits the family's oracle checks. `FAMILIES` maps a family name (params.ParamSpec.family) to it;
`run_parameter_cell` is the PyTorch adapter's entry for a params-matrix cell.

    run_parameter_cell(ctx)   # ctx.row "streaming=True" → streaming.run(ctx, row)
"""

from harness import mutation
from harness.families import batching, beam, compile, decoder, precision, quantization, streaming, traffic
from harness.params import resolve_row

FAMILIES = {
    "precision": precision.run,
    "batching": batching.run,
    "decoder": decoder.run,
    "beam": beam.run,
    "quantization": quantization.run,
    "streaming": streaming.run,
    "traffic": traffic.run,
    "compile": compile.run,
}


def run_parameter_cell(ctx) -> None:
    """Resolves the row for the PyTorch backend and runs its family's oracle."""
    row, spec = resolve_row(ctx.row, ctx.adapter.name)
    ctx.applied["row"] = row.key
    ctx.applied["value"] = row.value
    if mutation.mode():
        ctx.applied["mutation"] = mutation.mode()
    FAMILIES[spec.family](ctx, row)
