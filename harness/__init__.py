"""InferMatrix harness: tests one matrix cell for real and reports it as JSON Lines events.

Run it as a module; see docs/harness.md and docs/PROTOCOL.md:

    python -m harness run --matrix params --row 'decoder.beam_search.num_beams=4' --backend pytorch
    python -m harness list-params
"""

__version__ = "0.1.0"
PROTOCOL_VERSION = 1
