"""The parameter rows of the params matrix (seed 000) and how a row key is read.

A row key is `name=value` or a bare `name`. A bare name means "the parameter switched on at
the harness's documented default" (`ParamSpec.bare`): True for flags, the listed value for
the others. Values are parsed as JSON-ish literals (True/False/ints/floats), else kept as text.

    row = parse_row("decoder.beam_search.num_beams=4")   # Row(name=..., value=4, bare=False)
    spec = PARAMS[row.name]
"""

from __future__ import annotations

from dataclasses import dataclass, field

# MARK: - Row


@dataclass(frozen=True)
class Row:
    """One parsed row key."""

    key: str
    name: str
    value: object
    bare: bool


class RowError(ValueError):
    """A row key that cannot be read (empty name, empty value)."""


def parse_value(text: str):
    lowered = text.strip().lower()
    if lowered in ("true", "yes", "on"):
        return True
    if lowered in ("false", "no", "off"):
        return False
    if lowered in ("none", "null"):
        return None
    for convert in (int, float):
        try:
            return convert(text)
        except ValueError:
            pass
    return text.strip()


def parse_row(key: str) -> Row:
    key = key.strip()
    name, sep, raw = key.partition("=")
    name = name.strip()
    if not name:
        raise RowError(f"row key {key!r} has no parameter name")
    if sep and not raw.strip():
        raise RowError(f"row key {key!r} has '=' but no value")
    if not sep:
        spec = PARAMS.get(name)
        return Row(key, name, spec.bare if spec else True, True)
    return Row(key, name, parse_value(raw), False)


# MARK: - Specs


@dataclass(frozen=True)
class ParamSpec:
    """What a parameter means and which backend adapters implement it."""

    name: str
    family: str
    backends: tuple[str, ...]
    maps_to: str
    bare: object = True
    values: tuple = field(default_factory=tuple)
    oracle: str = ""


SHARED = ("pytorch", "vllm", "tensorrt")
IMPLEMENTED = {"pytorch"}

_SPECS = [
    ParamSpec("fp_precision", "precision", SHARED,
              "from_pretrained(dtype=torch.<value>)", bare="float32",
              values=("float16", "bfloat16", "float32"),
              oracle="effect: the first decoder layer computes in the dtype and the logits differ from float32's; evidence: parameters carry the dtype, KV cache on/off greedy identical; float32: default"),
    ParamSpec("batching.batch_size", "batching", SHARED,
              "prompts grouped into batches of N, left padding + attention_mask", bare=8,
              values=(1, 8), oracle="effect: a forward hook sees the prefill batches as grouped (baseline: one at a time); evidence: batched greedy equals batch-1; 1: default"),
    ParamSpec("batching.strategy", "batching", SHARED,
              "grouping of the prompt list (static|dynamic|sorted_static|sorted_dynamic)",
              bare="static", values=("static", "dynamic", "sorted_static", "sorted_dynamic"),
              oracle="effect: a forward hook sees the strategy's batches (baseline: static chunks); evidence: group invariants, outputs equal per-prompt greedy; static: default"),
    ParamSpec("decoder.temperature", "decoder", SHARED, "generate(do_sample=True, temperature=v)",
              bare=1.0, oracle="effect: first-step scores are logits / temperature; evidence: same seed reproduces; 1.0: default"),
    ParamSpec("decoder.top_p", "decoder", SHARED, "generate(do_sample=True, top_p=v)", bare=0.9,
              oracle="effect: the first step keeps exactly the top_p nucleus where it binds; evidence: seed reproduces"),
    ParamSpec("decoder.top_k", "decoder", SHARED, "generate(do_sample=True, top_k=v)", bare=50,
              oracle="effect: the first step keeps exactly top_k candidates (binds: vocabulary 384); evidence: seed reproduces"),
    ParamSpec("decoder.do_sample", "decoder", SHARED, "generate(do_sample=v)", bare=True,
              oracle="effect: seeds differ and the default warpers act (baseline greedy); False: default"),
    ParamSpec("decoder.preset", "decoder", SHARED,
              "generate(do_sample, temperature, top_p, top_k) from the preset table", bare="standard",
              values=("deterministic", "standard", "creative", "factual"),
              oracle="effect: seeds differ and the preset's warpers shape the first step (baseline greedy); deterministic: default"),
    ParamSpec("decoder.beam_search.enabled", "beam", SHARED,
              "generate(num_beams=4) (harness default width)", bare=True,
              oracle="effect: the best hypothesis equals a reference beam search's, which beats greedy on some prompts"),
    ParamSpec("decoder.beam_search.num_beams", "beam", SHARED, "generate(num_beams=N)", bare=4,
              values=(1, 2, 4), oracle="effect (N>1): best hypothesis equals a reference beam search's, which beats greedy; 1: default"),
    ParamSpec("decoder.beam_search.early_stopping", "beam", SHARED,
              "generate(num_beams=4, early_stopping=v)", bare=True,
              oracle="effect: with stand-in EOS ids, True stops in fewer steps than False; evidence: generation config"),
    ParamSpec("decoder.beam_search.length_penalty", "beam", SHARED,
              "generate(num_beams=4, length_penalty=v)", bare=1.0, values=(0.5, 1.0, 1.5),
              oracle="effect: sequences_scores == sum_logprobs / gen_len**v over hypotheses of different lengths; evidence: ranking direction; 1.0: default"),
    ParamSpec("decoder.beam_search.no_repeat_ngram_size", "beam", SHARED,
              "generate(num_beams=4, no_repeat_ngram_size=n)", bare=3, values=(2, 3),
              oracle="effect: on prompts that invite a repeat, plain beam search repeats an n-gram and this does not"),
    ParamSpec("quantization.load_in_4bit", "quantization", SHARED,
              "BitsAndBytesConfig(load_in_4bit=True)", bare=True, oracle="Linear4bit modules present"),
    ParamSpec("quantization.load_in_8bit", "quantization", SHARED,
              "BitsAndBytesConfig(load_in_8bit=True)", bare=True, oracle="Linear8bitLt modules present"),
    ParamSpec("quantization.bnb_4bit_quant_type", "quantization", SHARED,
              "BitsAndBytesConfig(load_in_4bit=True, bnb_4bit_quant_type=v)", bare="nf4",
              values=("nf4", "fp4"), oracle="Linear4bit weights carry the quant type"),
    ParamSpec("quantization.quantization", "quantization", SHARED,
              "True: BitsAndBytesConfig(load_in_4bit=True, bnb_4bit_quant_type='nf4')", bare=True,
              oracle="Linear4bit modules present"),
    ParamSpec("streaming", "streaming", SHARED, "generate(streamer=TextIteratorStreamer) in a thread",
              bare=True, oracle="effect: every step reaches the streamer before generate returns (timed per chunk); evidence: chunks concatenate to the non-streamed text; False: default"),
    ParamSpec("traffic_simulation.enabled", "traffic", SHARED,
              "requests arrive at a constant rate (mode=constant) and are served in order", bare=True,
              oracle="effect: the served requests' queue-arrival gaps are 1/rate (baseline: all at once), Poisson rejected at 0.01; evidence: order, outputs equal greedy"),
    ParamSpec("traffic_simulation.mode", "traffic", SHARED,
              "arrival times constant or Poisson (exponential gaps) at a fixed rate", bare="constant",
              values=("constant", "poisson"),
              oracle="effect (poisson): the served arrival gaps' CV does not reject Poisson at 0.01 (constant gaps do); constant: default"),
    ParamSpec("parallelism.strategy", "parallelism", ("vllm", "tensorrt"),
              "tensor/pipeline parallel (multi-GPU engines; not a plain PyTorch generate option)",
              bare="tensor_parallel"),
    ParamSpec("pytorch.torch_compile_backend", "compile", ("pytorch",),
              "model.forward = torch.compile(model.forward, backend=v)", bare="inductor",
              values=("inductor", "cudagraphs", "onnxrt"), oracle="effect: a counting wrapper around the backend sees graphs compiled and run; evidence: logits/greedy match eager"),
]

PARAMS: dict[str, ParamSpec] = {spec.name: spec for spec in _SPECS}

BACKEND_NAMES = {"pytorch": "PyTorch", "vllm": "vLLM", "tensorrt": "TensorRT-LLM"}
PREFIX_BACKENDS = {"vllm.": "vllm", "tensorrt.": "tensorrt", "pytorch.": "pytorch"}


def owner_backend(name: str) -> str | None:
    """The backend a prefixed parameter belongs to (`vllm.block_size` → vllm), else None."""
    for prefix, backend in PREFIX_BACKENDS.items():
        if name.startswith(prefix):
            return backend
    return None


def mapping_table() -> dict:
    """The JSON of `python -m harness list-params`."""
    rows = []
    for spec in _SPECS:
        rows.append({
            "name": spec.name, "family": spec.family, "backends": list(spec.backends),
            "implemented": [b for b in spec.backends if b in IMPLEMENTED],
            "maps_to": {"pytorch": spec.maps_to} if "pytorch" in spec.backends else {},
            "bare_value": spec.bare, "values": list(spec.values), "oracle": spec.oracle,
        })
    return {
        "protocol": 1,
        "bare_rows": "a bare `name` row means the parameter at `bare_value`",
        "prefixed": {"vllm.*": ["vllm"], "tensorrt.*": ["tensorrt"], "pytorch.*": ["pytorch"]},
        "parameters": rows,
    }
