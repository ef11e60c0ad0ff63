#!/usr/bin/env bash
# Prepares the Python environment of the InferMatrix harness (docs/harness.md).
#
#   scripts/setup-harness.sh [VENV_DIR]
#
# VENV_DIR defaults to ${XDG_DATA_HOME:-$HOME/.local/share}/infermatrix/venv.
# - If the system python3 already has a CUDA-enabled torch, the venv is created with
#   --system-site-packages and nothing heavy is installed (only what is missing).
# - Otherwise harness/requirements-cpu.txt (torch==2.13.0+cpu, transformers, …) is installed
#   with pip's progress shown.
# Idempotent: a stamp file records the hash of the requirements and the mode; a second run with
# the same inputs does nothing. Prints the venv's python path as its last line.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
REQ="$ROOT/harness/requirements-cpu.txt"
VENV="${1:-${XDG_DATA_HOME:-$HOME/.local/share}/infermatrix/venv}"
PYTHON="${PYTHON:-python3}"

say() { printf '[setup-harness] %s\n' "$*" >&2; }

if ! command -v "$PYTHON" >/dev/null 2>&1; then
    say "error: $PYTHON not found. Install Python 3.10 or newer (e.g. apt-get install python3 python3-venv)."
    exit 1
fi
if ! "$PYTHON" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 10) else 1)'; then
    say "error: $("$PYTHON" --version 2>&1) is too old; the harness needs Python >= 3.10."
    exit 1
fi
if [ ! -f "$REQ" ]; then
    say "error: $REQ is missing"
    exit 1
fi

MODE=cpu
if "$PYTHON" -c 'import torch, sys; sys.exit(0 if torch.cuda.is_available() else 1)' >/dev/null 2>&1; then
    MODE=system-cuda
fi
HASH="$( (cat "$REQ"; echo "$MODE"; "$PYTHON" --version 2>&1) | sha256sum | cut -c1-16)"
STAMP="$VENV/.infermatrix-harness-stamp"

if [ -x "$VENV/bin/python" ] && [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$HASH" ]; then
    say "up to date ($MODE): $VENV"
    echo "$VENV/bin/python"
    exit 0
fi

say "creating the virtual environment in $VENV ($MODE)"
mkdir -p "$(dirname "$VENV")"
if [ "$MODE" = system-cuda ]; then
    "$PYTHON" -m venv --system-site-packages "$VENV" || {
        say "error: '$PYTHON -m venv' failed (on Debian/Ubuntu: apt-get install python3-venv)"; exit 1; }
    say "the system torch has CUDA: using it ($("$PYTHON" -c 'import torch; print(torch.__version__)'))"
    # Only the light pieces that the system may lack; torch and transformers are kept as they are.
    MISSING=()
    for module in transformers:transformers tokenizers:tokenizers safetensors:safetensors numpy:numpy \
                  psutil:psutil pytest:pytest; do
        "$VENV/bin/python" -c "import ${module%%:*}" >/dev/null 2>&1 || MISSING+=("$(grep -i "^${module##*:}==" "$REQ")")
    done
    if [ "${#MISSING[@]}" -gt 0 ]; then
        say "installing missing packages: ${MISSING[*]}"
        "$VENV/bin/python" -m pip install --progress-bar on "${MISSING[@]}"
    fi
else
    "$PYTHON" -m venv "$VENV" || {
        say "error: '$PYTHON -m venv' failed (on Debian/Ubuntu: apt-get install python3-venv)"; exit 1; }
    say "installing $(grep -cv '^#' "$REQ") pinned packages from $REQ (torch CPU wheel ~200 MB; a few minutes)"
    "$VENV/bin/python" -m pip install --progress-bar on -r "$REQ"
fi

"$VENV/bin/python" -c 'import torch, transformers; print(f"[setup-harness] torch {torch.__version__}, transformers {transformers.__version__}, CUDA {torch.cuda.is_available()}")' >&2
echo "$HASH" > "$STAMP"
say "ready"
echo "$VENV/bin/python"
