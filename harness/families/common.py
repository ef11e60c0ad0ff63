"""Shared pieces of the family runners."""

from harness.backends.pytorch import LoadSettings
from harness.backends.pytorch_run import load, warmup


def default_loaded(ctx, dtype: str = "float32"):
    """Loads the model at the default settings and runs the warm-up."""
    loaded = load(ctx, LoadSettings(dtype=dtype))
    warmup(ctx, loaded)
    return loaded


class PrefillRecorder:
    """A forward hook on the model that notes every prefill the model really computes: which
    prompts (unpadded ids) were in its batch. It observes batching where the computation happens,
    not where the harness says it groups.

        with PrefillRecorder(loaded.model) as seen:
            loaded.greedy_ids(["a", "b"])
        seen.batches   # [[(ids of "a"), (ids of "b")]]
    """

    def __init__(self, model):
        self.model = model
        self.batches: list[list[tuple]] = []
        self.first_lengths: list[int] = []  # new tokens of the first forward of each generate (cache or not)
        self._handle = None
        self._calls = 0

    def __enter__(self) -> "PrefillRecorder":
        self._handle = self.model.register_forward_pre_hook(self._hook, with_kwargs=True)
        return self

    def __exit__(self, *exc) -> None:
        self._handle.remove()

    def _hook(self, module, args, kwargs):
        ids = kwargs.get("input_ids", args[0] if args else None)
        cache = kwargs.get("past_key_values")
        self._calls += 1
        if ids is not None and self._calls == 1:
            self.first_lengths.append(int(ids.shape[1]))
        if ids is None or (cache is not None and cache.get_seq_length() > 0):
            return  # a decode step (the cache already holds the prompt)
        mask = kwargs.get("attention_mask")
        rows = []
        for i, row in enumerate(ids.tolist()):
            keep = mask[i].tolist() if mask is not None else [1] * len(row)
            rows.append(tuple(t for t, m in zip(row, keep) if m))
        self.batches.append(rows)
