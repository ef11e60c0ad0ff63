"""Shared pieces of the family runners."""

from harness.backends.pytorch import LoadSettings


def default_loaded(ctx, dtype: str = "float32"):
    """Loads the model at the default settings and runs the warm-up."""
    loaded = ctx.load(LoadSettings(dtype=dtype))
    ctx.warmup(loaded)
    return loaded


def repeated_ngrams(ids: list[int], n: int) -> list[tuple]:
    seen, repeats = set(), []
    for i in range(len(ids) - n + 1):
        gram = tuple(ids[i:i + n])
        if gram in seen:
            repeats.append(gram)
        seen.add(gram)
    return repeats
