"""Offline tiny models: a random-weight Qwen2 and a byte-level BPE tokenizer made locally.

Nothing is downloaded. The build is deterministic (fixed seed) and cached on disk under
`$INFERMATRIX_MODEL_CACHE` (default: `<tmp>/infermatrix-tiny/<config hash>`), so a second run
or a test session loads it in well under a second.

    path = ensure_tiny_qwen2()        # directory usable with from_pretrained
    model = AutoModelForCausalLM.from_pretrained(path)
    path, _ = ensure_model("random-qwen2.5-0.5b")   # a real model's dimensions, random weights, for figures
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile

TINY_QWEN2 = {
    "hidden_size": 128,
    "intermediate_size": 256,
    "num_hidden_layers": 2,
    "num_attention_heads": 4,      # head_dim 32 (vLLM needs >= 32)
    "num_key_value_heads": 2,
    "head_dim": 32,
    "max_position_embeddings": 512,
    "rope_theta": 10000.0,
    "tie_word_embeddings": True,
    # Wider than the usual 0.02 so random logits are well separated: greedy argmax then does
    # not flip on float round-off between padded and unpadded batches.
    "initializer_range": 0.5,
}
VOCAB_SIZE = 384
# Random weights with a real model's dimensions (`--model random-qwen2.5-0.5b`): tokens/s and joules
# of a 2-layer model mean nothing to people measuring energy. Qwen2.5-0.5B's published config;
# its vocabulary (151936) is kept for the embedding and logits cost, the local 384-token tokenizer
# reads the prompts (generated ids beyond it decode to nothing; the throughput is real).
REALISTIC = {
    "random-qwen2.5-0.5b": {"hidden_size": 896, "intermediate_size": 4864, "num_hidden_layers": 24,
                            "num_attention_heads": 14, "num_key_value_heads": 2, "head_dim": 64,
                            "vocab_size": 151936, "max_position_embeddings": 32768, "rope_theta": 1000000.0,
                            "rms_norm_eps": 1e-6, "tie_word_embeddings": True, "initializer_range": 0.02},
}
TINY_NAME = "tiny-random-qwen2"
BUILD_SEED = 1234
SPECIALS = ["<|endoftext|>", "<|pad|>"]


def cache_root() -> str:
    return os.environ.get("INFERMATRIX_MODEL_CACHE") or os.path.join(tempfile.gettempdir(), "infermatrix-tiny")


def config_key() -> str:
    blob = json.dumps({"qwen2": TINY_QWEN2, "vocab": VOCAB_SIZE, "seed": BUILD_SEED, "v": 1}, sort_keys=True)
    return hashlib.sha256(blob.encode()).hexdigest()[:16]


def _corpus() -> list[str]:
    words = ("the model reads a prompt and writes tokens one at a time while the cache keeps keys "
             "and values of every layer so that decoding stays fast on small machines and large ones "
             "matrix backend parameter batch beam search stream traffic sample greedy precision").split()
    lines = []
    for i in range(400):
        lines.append(" ".join(words[(i * 7 + j * 3) % len(words)] for j in range(12)) + f" {i}.")
    return lines


def build_tokenizer():
    """A byte-level BPE tokenizer trained on a fixed in-memory corpus, wrapped for transformers."""
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
    from transformers import PreTrainedTokenizerFast

    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(vocab_size=VOCAB_SIZE, special_tokens=SPECIALS,
                                  initial_alphabet=pre_tokenizers.ByteLevel.alphabet(), show_progress=False)
    tok.train_from_iterator(_corpus(), trainer=trainer)
    return PreTrainedTokenizerFast(tokenizer_object=tok, eos_token="<|endoftext|>", pad_token="<|pad|>",
                                   padding_side="left")


def seeded_model(model_class, config):
    """A `model_class(config)` in eval mode with the same random weights every time (torch seeded
    with BUILD_SEED), the caller's random state left as it was so sampling seeds stay the caller's."""
    import torch

    state = torch.random.get_rng_state()
    torch.manual_seed(BUILD_SEED)
    try:
        return model_class(config).eval()
    finally:
        torch.random.set_rng_state(state)


def build_atomically(path: str, build) -> bool:
    """Makes the directory `path` with `build(staging)` in a staging directory beside it, marked
    `ready` and renamed into place, so concurrent runs never see half a model. Returns whether it
    was built now (False: it was ready, or another process renamed its build in first)."""
    if os.path.exists(os.path.join(path, "ready")):
        return False
    os.makedirs(cache_root(), exist_ok=True)
    staging = tempfile.mkdtemp(prefix="build-", dir=cache_root())
    try:
        build(staging)
        open(os.path.join(staging, "ready"), "w").close()
        try:
            os.rename(staging, path)
        except OSError:  # another process won the race
            shutil.rmtree(staging, ignore_errors=True)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return True


def build_tiny_qwen2(path: str) -> None:
    from transformers import GenerationConfig, Qwen2Config, Qwen2ForCausalLM

    tokenizer = build_tokenizer()
    config = Qwen2Config(vocab_size=len(tokenizer), bos_token_id=tokenizer.eos_token_id,
                         eos_token_id=tokenizer.eos_token_id, pad_token_id=tokenizer.pad_token_id,
                         **TINY_QWEN2)
    model = seeded_model(Qwen2ForCausalLM, config)
    model.generation_config = GenerationConfig(eos_token_id=tokenizer.eos_token_id,
                                               pad_token_id=tokenizer.pad_token_id,
                                               bos_token_id=tokenizer.eos_token_id, do_sample=False)
    model.save_pretrained(path)
    tokenizer.save_pretrained(path)


def build_random_qwen2(path: str, sizes: dict) -> None:
    """A Qwen2 of `sizes` with seeded random weights saved in bfloat16, and the local tokenizer."""
    import torch
    from transformers import Qwen2Config, Qwen2ForCausalLM

    tokenizer = build_tokenizer()
    config = Qwen2Config(bos_token_id=tokenizer.eos_token_id, eos_token_id=tokenizer.eos_token_id,
                         pad_token_id=tokenizer.pad_token_id, **sizes)
    seeded_model(Qwen2ForCausalLM, config).to(torch.bfloat16).save_pretrained(path)
    tokenizer.save_pretrained(path)


def ensure_model(model: str | None) -> tuple[str, bool]:
    """`--model` as a directory: None or "tiny-random-qwen2" → the tiny model; a REALISTIC name →
    that model built once (cached like the tiny one); anything else is the caller's path or id."""
    if model in (None, TINY_NAME):
        return ensure_tiny_qwen2()
    if model in REALISTIC:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        sizes = REALISTIC[model]
        blob = json.dumps({"sizes": sizes, "seed": BUILD_SEED, "v": 1}, sort_keys=True)
        path = os.path.join(cache_root(), f"{model}-{hashlib.sha256(blob.encode()).hexdigest()[:12]}")
        return path, build_atomically(path, lambda staging: build_random_qwen2(staging, sizes))
    return model, False


def ensure_tiny_qwen2() -> tuple[str, bool]:
    """Returns (path, built_now). Builds atomically so concurrent runs never see half a model."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    path = os.path.join(cache_root(), f"qwen2-{config_key()}")
    return path, build_atomically(path, build_tiny_qwen2)
