"""The PyTorch backend's model of a feature cell: the row's architecture as a tiny random-weight
model (configs.tiny_config), built once per (architecture, device) by a warm worker.

    built = build("Qwen3MoeForCausalLM", "cpu", adapter.feature_models)
    model = built.variant(full=True)   # the same weights with sliding-window attention off
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

from harness.features.configs import model_class, tiny_config

@dataclass
class Built:
    arch: str
    model: object
    tokenizer: object
    device: str
    eos: int
    pad: int
    config: object = None

    def variant(self, full: bool = False, **overrides):
        """The same weights under a changed config (sliding window on/off)."""
        config = copy.deepcopy(self.config)
        for key, value in overrides.items():
            setattr(config, key, value)
        if full:
            if hasattr(config, "use_sliding_window"):
                config.use_sliding_window = False
            if getattr(config, "layer_types", None):
                config.layer_types = ["full_attention"] * len(config.layer_types)
        elif getattr(config, "layer_types", None) and hasattr(config, "use_sliding_window"):
            config.layer_types = ["sliding_attention"] * len(config.layer_types)
        model = type(self.model)(config).to(self.device).eval()
        model.load_state_dict(self.model.state_dict())
        return model


def build(arch: str, device: str, cache: dict) -> Built:
    """The architecture's tiny model on `device`, from `cache` (the adapter's: a warm worker builds
    each architecture once; the tokenizer is shared under the key "tokenizer")."""
    if (arch, device) in cache:
        return cache[(arch, device)]
    from harness.tiny_model import build_tokenizer, seeded_model

    if "tokenizer" not in cache:
        cache["tokenizer"] = build_tokenizer()
    tok = cache["tokenizer"]
    config = tiny_config(arch, len(tok), tok.eos_token_id, tok.pad_token_id)
    model = seeded_model(model_class(arch), config).to(device)
    built = Built(arch, model, tok, device, tok.eos_token_id, tok.pad_token_id, config)
    cache[(arch, device)] = built
    return built
