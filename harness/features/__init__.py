"""Model × feature cells (issue 5 §5): tiny random-weight models per architecture and one oracle
per feature column. Per backend, `<backend>_models.py` builds or serves the architecture's model
and `<backend>_oracles.py` holds the oracles and the cell's entry (`run_feature_cell(ctx)`).

    feature_column(ctx, FEATURES, NOT_APPLICABLE, "vllm")   # "kv-cache-reuse", or raises the verdict
"""

import re

from harness.errors import RunFailed, RunSkipped

# The feature columns an oracle tests, on every backend that has feature cells. Each backend's
# oracle module names its functions after the key (`kv-cache-reuse` -> `kv_cache_reuse`).
TESTED = ("cuda-graph", "chunked-prefill", "kv-cache-reuse", "sliding-window-attention",
          "logits-post-processor", "guided-decoding", "torch-sampler")


def oracle_table(namespace: dict) -> dict:
    """The key -> oracle table of a module, from its globals(): one function per `TESTED` key."""
    return {key: namespace[key.replace("-", "_")] for key in TESTED}


def feature_key(header: str) -> str:
    """Column key: lowercased slug of the header ("KV Cache Reuse" → "kv-cache-reuse", "TLLM C++ Sampler" → "tllm-c-sampler")."""
    return re.sub(r"[^a-z0-9]+", "-", header.lower()).strip("-")


def feature_column(ctx, features: dict, not_applicable: dict, backend: str) -> str:
    """The cell's feature key (recorded in `ctx.applied`): a column the backend cannot have is
    `skipped` saying why, a column no oracle knows `failed` listing the known ones."""
    key = feature_key(ctx.column or "")
    ctx.applied["feature"] = key
    if key in not_applicable:
        raise RunSkipped(f"not applicable on this backend ({backend}): {not_applicable[key]}")
    if key not in features:
        raise RunFailed(f"unknown feature column {ctx.column!r}; known: {sorted(features) + sorted(not_applicable)}")
    return key
