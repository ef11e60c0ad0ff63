"""`pytorch.torch_compile_backend`: `model.forward = torch.compile(model.forward, backend=v, dynamic=True)`.

dynamic=True compiles shape-generic graphs once instead of recompiling for every decode length
(inductor on 2 CPU cores otherwise spends minutes).

Oracles: the effect is counted by a wrapper around the named backend (torch._dynamo's lookup of
it): the backend compiled at least one graph and the compiled graphs ran during the forward pass
and generation. Evidence: compiled logits of one forward pass match eager (fp32: atol 1e-3), and a
short greedy generation (COMPILE_TOKENS new tokens) is identical. An unknown or unavailable backend
fails with torch's own error text; onnxrt without onnxruntime/onnxscript is skipped with their install
command (a missing package says nothing about the backend). Mutated (harness/mutation.py), the
forward stays eager and the wrapper counts nothing.
"""

import torch

from harness import mutation
from harness.errors import require_packages
from harness.families.common import default_loaded
from harness.prompts import PROMPTS
from harness.verdict import EFFECT, EVIDENCE
from harness.backends.pytorch_run import measured_generate


class CountingBackend:
    """Wraps a torch.compile backend: counts the graphs it compiles and the calls of what it returns.

        counter = CountingBackend("inductor")
        torch.compile(fn, backend=counter)
    """

    def __init__(self, name: str):
        from torch._dynamo import lookup_backend

        self.name = name
        self.inner = lookup_backend(name)  # unknown names raise torch's own error here
        self.graphs = 0
        self.calls = 0

    def __call__(self, graph_module, example_inputs):
        self.graphs += 1
        compiled = self.inner(graph_module, example_inputs)

        def run(*args):
            self.calls += 1
            return compiled(*args)

        return run

COMPILE_TOKENS = 4


# Backends that torch registers only when optional packages are installed.
BACKEND_PACKAGES = {"onnxrt": ("onnxruntime", "onnxscript")}


def run(ctx, row):
    backend = str(row.value)
    ctx.applied["torch_compile_backend"] = backend
    if backend in BACKEND_PACKAGES:
        require_packages(*BACKEND_PACKAGES[backend], install="pip install " + " ".join(BACKEND_PACKAGES[backend]))
    loaded = default_loaded(ctx)
    model = loaded.model
    enc = loaded.encode(PROMPTS[:1])
    short = {"max_new_tokens": COMPILE_TOKENS, "min_new_tokens": COMPILE_TOKENS, "do_sample": False}
    with torch.inference_mode():
        eager_logits = model(**enc).logits.float()
    eager_ids = loaded.greedy_ids(PROMPTS[:1], **short)
    eager_forward = model.forward
    counter = CountingBackend(backend)
    model.forward = mutation.deliver(torch.compile(eager_forward, backend=counter, dynamic=True), eager_forward)
    try:
        ctx.phase("generate")
        with torch.inference_mode():
            compiled_logits = model(**enc).logits.float()
        out, plen = measured_generate(ctx, loaded, PROMPTS[:1], **short)
        compiled_ids = [out[0][plen:].tolist()]
    finally:
        model.forward = eager_forward
    ctx.phase("validate")
    diff = float((compiled_logits - eager_logits).abs().max())
    ctx.check(f"{backend} compiled and ran the forward", counter.graphs > 0 and counter.calls > COMPILE_TOKENS,
              f"a counting wrapper around the {backend} backend: {counter.graphs} graphs compiled, compiled code "
              f"called {counter.calls} times (one forward pass + {COMPILE_TOKENS} generation steps)", kind=EFFECT)
    ctx.check("compiled logits match eager", diff <= 1e-3, f"max |compiled - eager| = {diff:.2e} (tolerance 1e-3)",
              kind=EVIDENCE)
    ctx.check("compiled greedy equals eager", compiled_ids == eager_ids,
              f"{COMPILE_TOKENS} tokens: compiled {compiled_ids[0]} vs eager {eager_ids[0]}", kind=EVIDENCE)
    if backend == "cudagraphs" and not loaded.device.startswith("cuda"):
        ctx.uncertain = ("compiled output matches eager, but torch skips CUDA graphs on a CPU device "
                         "(its warning is in the log): the setting cannot take effect here")
