"""One module per parameter family; each exposes `run(ctx, row)` which loads, generates and
emits the family's oracle checks. `FAMILIES` maps a family name (params.ParamSpec.family) to it."""

from harness.families import batching, beam, compile, decoder, precision, quantization, streaming, traffic

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
