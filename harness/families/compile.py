"""`pytorch.torch_compile_backend`: `model.forward = torch.compile(model.forward, backend=v, dynamic=True)`.

dynamic=True compiles shape-generic graphs once instead of recompiling for every decode length
(inductor on 2 CPU cores otherwise spends minutes).

Oracles: compiled logits of one forward pass match eager (fp32: atol 1e-3), and a short greedy
generation (COMPILE_TOKENS new tokens) is identical. An unknown or unavailable backend (onnxrt
without onnxruntime) fails with torch's own error text.
"""

import torch

from harness.prompts import PROMPTS
from harness.families.common import default_loaded

COMPILE_TOKENS = 4


def run(ctx, row):
    backend = str(row.value)
    ctx.applied["torch_compile_backend"] = backend
    loaded = default_loaded(ctx)
    model = loaded.model
    enc = loaded.encode(PROMPTS[:1])
    short = {"max_new_tokens": COMPILE_TOKENS, "min_new_tokens": COMPILE_TOKENS, "do_sample": False}
    with torch.inference_mode():
        eager_logits = model(**enc).logits.float()
    eager_ids = loaded.greedy_ids(PROMPTS[:1], **short)
    eager_forward = model.forward
    model.forward = torch.compile(eager_forward, backend=backend, dynamic=True)
    try:
        ctx.phase("generate")
        with torch.inference_mode():
            compiled_logits = model(**enc).logits.float()
        out, plen = ctx.measured_generate(loaded, PROMPTS[:1], **short)
        compiled_ids = [out[0][plen:].tolist()]
    finally:
        model.forward = eager_forward
    ctx.phase("validate")
    diff = float((compiled_logits - eager_logits).abs().max())
    ctx.check("compiled logits match eager", diff <= 1e-3, f"max |compiled - eager| = {diff:.2e} (tolerance 1e-3)")
    ctx.check("compiled greedy equals eager", compiled_ids == eager_ids,
              f"{COMPILE_TOKENS} tokens: compiled {compiled_ids[0]} vs eager {eager_ids[0]}")
    if backend == "cudagraphs" and not loaded.device.startswith("cuda"):
        ctx.uncertain = ("compiled output matches eager, but torch skips CUDA graphs on a CPU device "
                         "(its warning is in the log): the setting cannot take effect here")
