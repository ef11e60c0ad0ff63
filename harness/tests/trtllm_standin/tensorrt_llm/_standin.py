"""Which release line the stand-in imitates (TRTLLM_STANDIN=1.2|1.3|main) and its fake tokens.

    flavour()          # "1.2"
    has_engine_flow()  # False on "main" (tensorrt_llm._tensorrt_engine removed, PR #15918)
"""

import dataclasses
import hashlib
import os

VERSIONS = {"1.2": "1.2.0", "1.3": "1.3.0", "main": "1.4.0.dev0+main"}
VOCAB = 384


def flavour() -> str:
    name = os.environ.get("TRTLLM_STANDIN", "1.2")
    if name not in VERSIONS:
        raise ImportError(f"TRTLLM_STANDIN={name!r}: expected one of {sorted(VERSIONS)}")
    return name


def has_engine_flow() -> bool:
    return flavour() != "main"


def token(*parts) -> int:
    """A stable pseudo token id from anything printable."""
    return int(hashlib.sha256(repr(parts).encode()).hexdigest()[:8], 16) % VOCAB


def tokenize(text: str) -> list:
    return [token("w", word) for word in text.split()]


def detokenize(ids) -> str:
    return "".join(f" t{i}" for i in ids)


def forbid_extra(owner: str, given: dict, fields) -> None:
    """pydantic's extra="forbid" as TensorRT-LLM's StrictBaseModel uses it."""
    extra = sorted(set(given) - set(fields))
    if extra:
        raise ValueError(f"{len(extra)} validation error(s) for {owner}\n"
                         + "\n".join(f"{name}\n  Extra inputs are not permitted [type=extra_forbidden]" for name in extra))


def with_fields(table: dict, **options):
    """A dataclass whose fields, in order, are `table`'s names with their defaults (a `field(...)`
    where the default is mutable): the stand-in copies TensorRT-LLM's field lists as data.

        @with_fields({"max_tokens": 32, "top_k": None}, kw_only=True)
        class SamplingParams: ...
    """
    def wrap(cls):
        cls.__annotations__ = {name: object for name in table}
        for name, default in table.items():
            setattr(cls, name, default)
        return dataclasses.dataclass(cls, **options)

    return wrap
