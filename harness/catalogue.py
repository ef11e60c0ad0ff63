"""The parameter catalogue (`data/catalogue.json`), read once: backends (names, prefixes, column
titles, sections), matrix kinds, parameter families and which backend implements each, the
parameters (family, bare value, values, per-backend mapping), decoder presets, batching
strategies, traffic modes. The Swift program reads the same file (MatrixCore `Catalogue`).

    CATALOGUE.backend_name("tensorrt")     # "TensorRT-LLM"
    CATALOGUE.matrix_kind("multimodal")    # "features"
    CATALOGUE.presets["factual"]           # {"do_sample": True, "temperature": 0.3, ...}

Where the file is: `$INFERMATRIX_CATALOGUE`, else `data/catalogue.json` beside the `harness/`
folder (the repository, or wherever both were copied), else `data/catalogue.json` under the
working directory. None found → CatalogueError naming the paths tried.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass

VARIABLE = "INFERMATRIX_CATALOGUE"


class CatalogueError(RuntimeError):
    """The parameter catalogue file is missing or malformed; the message names the file and field."""


def candidate_paths() -> list[str]:
    """Where the catalogue is looked for, in order."""
    paths = []
    if os.environ.get(VARIABLE):
        paths.append(os.environ[VARIABLE])
    package_parent = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    paths.append(os.path.join(package_parent, "data", "catalogue.json"))
    paths.append(os.path.join(os.getcwd(), "data", "catalogue.json"))
    return paths


@dataclass(frozen=True)
class Catalogue:
    """The parsed file; `raw` is the JSON object as read."""

    path: str
    raw: dict

    @classmethod
    def load(cls, path: str | None = None) -> "Catalogue":
        tried = [path] if path else candidate_paths()
        for candidate in tried:
            if os.path.isfile(candidate):
                try:
                    with open(candidate, encoding="utf-8") as handle:
                        raw = json.load(handle)
                except (OSError, ValueError) as exc:
                    raise CatalogueError(f"{candidate}: cannot read the parameter catalogue: {exc}") from None
                catalogue = cls(candidate, raw)
                catalogue.validate()
                return catalogue
        raise CatalogueError(f"no parameter catalogue found (set {VARIABLE}); tried: {', '.join(tried)}")

    def validate(self) -> None:
        """Every field the harness reads is there, every parameter's family exists."""
        for key in ("backends", "matrices", "families", "parameters", "decoder_presets", "batching_strategies",
                    "traffic_modes", "parallelism_strategies"):
            if key not in self.raw:
                raise CatalogueError(f"{self.path}: missing field {key!r}")
        for index, param in enumerate(self.raw["parameters"]):
            for key in ("name", "family", "bare"):
                if key not in param:
                    raise CatalogueError(f"{self.path}: parameters[{index}] has no {key!r}")
            if param["family"] not in self.raw["families"]:
                raise CatalogueError(f"{self.path}: parameters[{index}] ({param['name']}): unknown family "
                                     f"{param['family']!r}")

    # MARK: - Backends

    @property
    def backends(self) -> list[dict]:
        return self.raw["backends"]

    def backend_keys(self) -> tuple[str, ...]:
        return tuple(b["key"] for b in self.backends)

    def backend_name(self, key: str) -> str:
        """The backend's product name ("TensorRT-LLM"); the key itself when unknown."""
        return next((b["name"] for b in self.backends if b["key"] == key), key)

    def prefixes(self) -> dict[str, str]:
        """Parameter name prefix → backend key (`vllm.` → vllm)."""
        return {b["prefix"]: b["key"] for b in self.backends}

    # MARK: - Matrices

    def matrix_kind(self, name: str) -> str | None:
        """`parameters`, `features` or `models` for a matrix name; None when the catalogue lacks it."""
        return next((m["kind"] for m in self.raw["matrices"] if m["name"] == name), None)

    def testable_matrices(self) -> list[str]:
        return [m["name"] for m in self.raw["matrices"] if m["kind"] in ("parameters", "features")]

    # MARK: - Parameters

    @property
    def families(self) -> dict[str, dict]:
        return self.raw["families"]

    @property
    def parameters(self) -> list[dict]:
        return self.raw["parameters"]

    @property
    def presets(self) -> dict[str, dict]:
        return self.raw["decoder_presets"]

    @property
    def batching_strategies(self) -> tuple[str, ...]:
        return tuple(self.raw["batching_strategies"])

    @property
    def traffic_modes(self) -> tuple[str, ...]:
        return tuple(self.raw["traffic_modes"])

    @property
    def parallelism_sizes(self) -> dict[str, str]:
        """parallelism.strategy value → the engine keyword that takes the size."""
        return self.raw["parallelism_strategies"]


def spoken(values) -> str:
    """A list as a message says it: `static, dynamic, sorted_static or sorted_dynamic`."""
    values = [str(v) for v in values]
    return values[0] if len(values) == 1 else ", ".join(values[:-1]) + " or " + values[-1]


CATALOGUE = Catalogue.load()
