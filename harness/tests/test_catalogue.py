"""The parameter catalogue (data/catalogue.json) against the matrix and the harness: every row of
the bundled params matrix (data/sources/parameter-matrix.md, byte for byte seed 000) has an entry,
and every entry a backend is said to implement has an oracle there — and nowhere else."""

import json
import os
import re
import subprocess
import sys

import pytest

from harness.families import vllm_oracles as vllm_family
from harness.backends.tensorrt_mapping import tensorrt_arguments
from harness.backends.vllm_mapping import vllm_plan
from harness.errors import MappingError, NotApplicable
from harness.catalogue import CATALOGUE, Catalogue, CatalogueError
from harness.families import FAMILIES
from harness.params import PARAMS, parse_row
from harness.tests.conftest import REPO

BUNDLED = os.path.join(REPO, "data", "sources", "parameter-matrix.md")


def _matrix_rows(path):
    return [m.group(1) for line in open(path, encoding="utf-8") if (m := re.match(r"^\| `([^`]+)` \|", line))]


def _keys(spec):
    """The row keys a parameter is tested with: bare, and each listed value."""
    return [spec.name] + [f"{spec.name}={v}" for v in spec.values]


def _maps(backend, key) -> bool:
    """The backend's mapping knows the row: a plan with an oracle, or a verdict of its own (a value
    the backend cannot take fails, saying why; a row the flow lacks is skipped) — not "unknown"."""
    row = parse_row(key)
    try:
        if backend == "vllm":
            return vllm_plan(row).mode in vllm_family.ORACLES
        return bool(tensorrt_arguments(row, "/m"))
    except (MappingError, NotApplicable) as exc:
        return backend != "vllm" and "unknown" not in str(exc)


def _oracle(backend, family) -> bool:
    if backend == "pytorch":
        return family in FAMILIES
    return True  # vLLM and TensorRT-LLM: one runner for every family, the mapping decides (_maps)


def test_every_bundled_matrix_row_has_a_catalogue_entry():
    rows = _matrix_rows(BUNDLED)
    assert len(rows) == 110  # seed 000's parameter rows, all read
    missing = sorted({parse_row(key).name for key in rows} - set(PARAMS))
    assert missing == []


def test_every_implemented_entry_has_an_oracle():
    for spec in PARAMS.values():
        assert set(spec.implemented) <= set(spec.backends), spec.name
        for backend in spec.implemented:
            assert _oracle(backend, spec.family), f"{spec.name}: no {backend} oracle for family {spec.family}"
            if backend != "pytorch":  # the backend's mapping turns some tested value into a runnable plan
                assert any(_maps(backend, key) for key in _keys(spec)), f"{spec.name} on {backend}"
    implemented = {name for name, family in CATALOGUE.families.items() if "pytorch" in family["implemented"]}
    assert implemented == set(FAMILIES)


def test_presets_strategies_and_modes_are_read_from_the_catalogue():
    from harness.families.decoder import PRESETS

    assert PRESETS is CATALOGUE.presets and set(PRESETS) == {"deterministic", "standard", "creative", "factual"}
    for name, preset in CATALOGUE.presets.items():
        vllm = vllm_plan(parse_row(f"decoder.preset={name}")).sampling
        trt = tensorrt_arguments(parse_row(f"decoder.preset={name}"), "/m")["SamplingParams"]
        for knob in ("temperature", "top_p", "top_k"):
            if preset["do_sample"]:
                assert vllm[knob] == trt[knob] == preset[knob], (name, knob)
        if not preset["do_sample"]:
            assert vllm["temperature"] == 0.0 and trt["top_k"] == 1
    assert PARAMS["batching.strategy"].values == CATALOGUE.batching_strategies


def test_a_broken_catalogue_is_named_in_the_error(tmp_path):
    bad = tmp_path / "catalogue.json"
    bad.write_text(json.dumps({**CATALOGUE.raw, "parameters": [{"name": "x", "family": "nope", "bare": True}]}))
    with pytest.raises(CatalogueError, match=r"catalogue.json: parameters\[0\] \(x\): unknown family 'nope'"):
        Catalogue.load(str(bad))
    with pytest.raises(CatalogueError, match="no parameter catalogue found"):
        Catalogue.load(str(tmp_path / "absent.json"))


def test_a_harness_carried_elsewhere_finds_its_catalogue(tmp_path):
    """`python -m harness` from a copy of harness/ without data/: the INFERMATRIX_CATALOGUE override."""
    import shutil

    shutil.copytree(os.path.join(REPO, "harness"), tmp_path / "harness", ignore=shutil.ignore_patterns("__pycache__"))
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    env.pop("INFERMATRIX_CATALOGUE", None)
    lost = subprocess.run([sys.executable, "-m", "harness", "list-params"], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=60)
    assert lost.returncode == 2 and "no parameter catalogue found" in lost.stderr
    env["INFERMATRIX_CATALOGUE"] = os.path.join(REPO, "data", "catalogue.json")
    found = subprocess.run([sys.executable, "-m", "harness", "list-params"], cwd=tmp_path, env=env,
                           capture_output=True, text=True, timeout=60)
    assert found.returncode == 0, found.stderr
    assert len(json.loads(found.stdout)["parameters"]) == len(CATALOGUE.parameters)


def test_the_presets_table_of_the_docs_is_the_catalogues():
    text = open(os.path.join(REPO, "docs", "harness.md"), encoding="utf-8").read()
    table = text[text.index("### Decoder presets"):].split("\n\n")[2]
    rows = {}
    for line in table.splitlines()[2:]:
        name, sample, temperature, top_p, top_k = [c.strip() for c in line.strip("|").split("|")]
        rows[name] = {"do_sample": sample == "True"} | ({"temperature": float(temperature), "top_p": float(top_p),
                                                          "top_k": int(top_k)} if sample == "True" else {})
    assert rows == CATALOGUE.presets


SUPPORTED_MODELS = os.path.join(REPO, "data", "sources", "trtllm-supported-models.txt")
ATTRIBUTE_COLUMNS = {"modality"}  # the model's input modalities (L + I + V), an attribute, not a feature


def _feature_columns(path):
    """The feature column keys of every 'Model Architecture/Feature' table of the bundled page."""
    text = open(path, encoding="utf-8").read()
    headers = re.findall(r"\| Model Architecture/Feature \|(.*?)\| \| ", text)
    from harness.features import feature_key

    return {feature_key(c) for header in headers for c in header.split("|") if c.strip()} - ATTRIBUTE_COLUMNS


@pytest.mark.parametrize("backend", ["pytorch", "vllm"])
def test_every_feature_column_has_an_oracle_or_a_reason(backend):
    """Each feature column of the bundled supported-models page is tested by an oracle on the
    backend, or skipped with the reason it cannot be (the backend's NOT_APPLICABLE) — never unknown."""
    from harness.features import TESTED
    from harness.features.pytorch_oracles import NOT_APPLICABLE as PYTORCH
    from harness.features.vllm_oracles import NOT_APPLICABLE as VLLM

    columns = _feature_columns(SUPPORTED_MODELS)
    assert len(columns) == 15  # both tables read
    reasons = {"pytorch": PYTORCH, "vllm": VLLM}[backend]
    assert sorted(columns - set(TESTED) - set(reasons)) == []
    assert set(TESTED) & set(reasons) == set()
