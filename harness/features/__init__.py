"""Model × feature cells (issue 5 §5): tiny random-weight models per architecture and one oracle
per feature column. `runner.run_feature_cell` is the entry point."""


# The feature columns an oracle tests, on every backend that has feature cells. Each backend's
# oracle module names its functions after the key (`kv-cache-reuse` -> `kv_cache_reuse`).
TESTED = ("cuda-graph", "chunked-prefill", "kv-cache-reuse", "sliding-window-attention",
          "logits-post-processor", "guided-decoding", "torch-sampler")


def oracle_table(namespace: dict) -> dict:
    """The key -> oracle table of a module, from its globals(): one function per `TESTED` key."""
    return {key: namespace[key.replace("-", "_")] for key in TESTED}
