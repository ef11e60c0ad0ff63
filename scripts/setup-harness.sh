#!/usr/bin/env bash
# Prepares the Python environment of the InferMatrix harness (docs/harness.md).
#
#   scripts/setup-harness.sh [--with-ray] [VENV_DIR]
#
# --with-ray also installs harness/requirements-ray.txt (ray==2.60.0, from PyPI) for batches on a
# Ray cluster (docs/ray.md); without it nothing about Ray is installed or needed.
# VENV_DIR defaults to ${XDG_DATA_HOME:-$HOME/.local/share}/infermatrix/venv.
# - If the system python3 already has a CUDA-enabled torch, the venv is created with
#   --system-site-packages and nothing heavy is installed (only what is missing).
# - Else, with an NVIDIA driver (nvidia-smi, or libnvidia-ml in `ldconfig -p`): the CUDA torch of
#   the pinned version from PyPI ("cuda").
# - Else the CPU build: PyTorch's CPU index, then pip's find-links, then plain PyPI ("cpu";
#   scripts/torch-source.sh says why and in which order).
# Then the rest of harness/requirements.txt, with pip's progress shown. $PIP_EXTRA_ARGS is passed
# to every pip call. It says which torch it chose.
# Idempotent: a stamp file records the hash of the requirements and the mode; a second run with
# the same inputs does nothing. Prints the venv's python path as its last line.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
REQ="$ROOT/harness/requirements.txt"
RAY_REQ="$ROOT/harness/requirements-ray.txt"
WITH_RAY=0
if [ "${1:-}" = --with-ray ]; then WITH_RAY=1; shift; fi
# shellcheck source=scripts/torch-source.sh
. "$ROOT/scripts/torch-source.sh"
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
elif nvidia_driver_present; then
    MODE=cuda
fi
HASH="$( (cat "$REQ"; echo "$MODE"; "$PYTHON" --version 2>&1) | sha256sum | cut -c1-16)"
STAMP="$VENV/.infermatrix-harness-stamp"

# Ray, on request, into a venv that is otherwise ready (its own stamp: the base one is unchanged).
add_ray() {
    [ "$WITH_RAY" = 1 ] || return 0
    local ray_hash ray_stamp="$VENV/.infermatrix-ray-stamp"
    ray_hash="$(cat "$RAY_REQ" | sha256sum | cut -c1-16)"
    if [ -f "$ray_stamp" ] && [ "$(cat "$ray_stamp")" = "$ray_hash" ]; then return 0; fi
    say "installing $(grep -v '^#' "$RAY_REQ" | tr '\n' ' ')from $RAY_REQ (~80 MB)"
    "$VENV/bin/python" -m pip install --progress-bar on ${PIP_EXTRA_ARGS:-} -r "$RAY_REQ" >&2
    "$VENV/bin/python" -c 'import ray; print(f"[setup-harness] ray {ray.__version__}")' >&2
    echo "$ray_hash" > "$ray_stamp"
}

if [ -x "$VENV/bin/python" ] && [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$HASH" ]; then
    say "up to date ($MODE): $VENV"
    add_ray
    echo "$VENV/bin/python"
    exit 0
fi

say "preparing the virtual environment in $VENV ($MODE)"
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
        # shellcheck disable=SC2086
        "$VENV/bin/python" -m pip install --progress-bar on ${PIP_EXTRA_ARGS:-} "${MISSING[@]}"
    fi
else
    # An existing venv is kept (its torch too, when the version matches): other processes may be
    # using it, and only what the new pins change gets installed.
    if ! "$VENV/bin/python" -c 'import sys' >/dev/null 2>&1; then
        "$PYTHON" -m venv "$VENV" || {
            say "error: '$PYTHON -m venv' failed (on Debian/Ubuntu: apt-get install python3-venv)"; exit 1; }
    fi
    if [ "$MODE" = cuda ]; then
        install_torch_cuda "$VENV/bin/python" "$(torch_pin)"
    else
        install_torch_cpu "$VENV/bin/python" "$(torch_pin)"
    fi
    say "torch: $TORCH_SOURCE"
    say "installing the other pinned packages of $REQ (a few minutes the first time)"
    # shellcheck disable=SC2086
    "$VENV/bin/python" -m pip install --progress-bar on ${PIP_EXTRA_ARGS:-} -r "$REQ"
fi

"$VENV/bin/python" -c 'import torch, transformers; print(f"[setup-harness] torch {torch.__version__}, transformers {transformers.__version__}, CUDA {torch.cuda.is_available()}")' >&2
echo "$HASH" > "$STAMP"
add_ray
say "ready"
echo "$VENV/bin/python"
