"""The parameters of the catalogue (data/catalogue.json) and how a row key is read.

A row key is `name=value` or a bare `name`. A bare name means "the parameter switched on at
the harness's documented default" (`ParamSpec.bare`): True for flags, the listed value for
the others. Values are parsed as JSON-ish literals (True/False/ints/floats), else kept as text.

    row = parse_row("decoder.beam_search.num_beams=4")   # Row(name=..., value=4, bare=False)
    spec = PARAMS[row.name]
"""

from __future__ import annotations

from dataclasses import dataclass, field

from harness.catalogue import CATALOGUE, spoken
from harness.errors import MappingError, RowError, RunFailed, RunSkipped

# MARK: - Row


@dataclass(frozen=True)
class Row:
    """One parsed row key."""

    key: str
    name: str
    value: object
    bare: bool


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
    """One parameter of the catalogue (data/catalogue.json): its family, where it applies, which
    backends the harness implements it on, what it maps to per backend."""

    name: str
    family: str
    backends: tuple[str, ...]      # the backends the parameter means something for
    implemented: tuple[str, ...]   # the backends the harness runs it on, with an oracle
    maps_to: dict                  # backend → what the harness does with it
    bare: object = True
    values: tuple = field(default_factory=tuple)
    oracle: str = ""

    @classmethod
    def from_catalogue(cls, entry: dict) -> "ParamSpec":
        family = CATALOGUE.families[entry["family"]]
        implemented = tuple(entry.get("implemented", family["implemented"]))
        backends = tuple(entry.get("backends", family.get("backends", family["implemented"])))
        return cls(entry["name"], entry["family"], backends, implemented, entry.get("maps_to", {}), entry["bare"],
                   tuple(entry.get("values", ())), entry.get("oracle", ""))


PARAMS: dict[str, ParamSpec] = {e["name"]: ParamSpec.from_catalogue(e) for e in CATALOGUE.parameters}
BACKEND_NAMES = {b["key"]: b["name"] for b in CATALOGUE.backends}


def owner_backend(name: str) -> str | None:
    """The backend a prefixed parameter belongs to (`vllm.block_size` → vllm), else None."""
    for prefix, backend in CATALOGUE.prefixes().items():
        if name.startswith(prefix):
            return backend
    return None


def expect_choice(name: str, value, choices) -> None:
    """MappingError `name='x': expected a, b or c` unless `value` is one of `choices` (a catalogue list:
    batching strategies, traffic modes)."""
    if value not in choices:
        raise MappingError(f"{name}={value!r}: expected {spoken(choices)}")


def own_row(row_key: str, backend: str) -> Row:
    """The parsed row, when it may run on `backend`: a parameter prefixed for another backend is
    `skipped` (RunSkipped), an unreadable key `failed` (RowError)."""
    row = parse_row(row_key)
    owner = owner_backend(row.name)
    if owner and owner != backend:
        raise RunSkipped(f"parameter of the {BACKEND_NAMES[owner]} backend; not applicable to {backend}")
    return row


def resolve_row(row_key: str, backend: str) -> tuple[Row, ParamSpec]:
    """`own_row`, and the row's catalogue entry: an unknown parameter `failed`, one that means nothing
    for `backend` `skipped` with what it maps to."""
    row = own_row(row_key, backend)
    spec = PARAMS.get(row.name)
    if spec is None:
        raise RunFailed(f"unknown parameter {row.name!r} (not in the params matrix; see `python -m harness list-params`)")
    if backend not in spec.backends:
        raise RunSkipped(f"{row.name} is not applicable to {backend}: {spec.maps_to.get(backend, '')}")
    return row, spec


def mapping_table() -> dict:
    """The JSON of `python -m harness list-params`."""
    rows = []
    for spec in PARAMS.values():
        rows.append({
            "name": spec.name, "family": spec.family, "backends": list(spec.backends),
            "implemented": [b for b in spec.backends if b in spec.implemented],
            "maps_to": spec.maps_to, "bare_value": spec.bare, "values": list(spec.values), "oracle": spec.oracle,
        })
    return {
        "protocol": 1,
        "catalogue": CATALOGUE.path,
        "bare_rows": "a bare `name` row means the parameter at `bare_value`",
        "prefixed": {prefix + "*": [backend] for prefix, backend in CATALOGUE.prefixes().items()},
        "parameters": rows,
    }
