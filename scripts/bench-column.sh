#!/usr/bin/env bash
# Prints the wall and CPU time of re-testing the whole PyTorch column of the params matrix on the
# CPU with the tiny offline models: `infermatrix test --all --matrix params --backend pytorch --device cpu`
# on a scratch copy of the bundled database (nothing is recorded in yours). Build first (`swift build`).
#
#   scripts/bench-column.sh [extra test options…]
set -euo pipefail
cd "$(dirname "$0")/.."
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cp data/matrix.sqlite "$scratch/matrix.sqlite"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
TIMEFORMAT='wall %R s, CPU user %U s + system %S s (infermatrix and its reaped harness workers)'
time .build/debug/infermatrix test --all --matrix params --backend pytorch --device cpu \
    --db "$scratch/matrix.sqlite" --results-dir "$scratch/out" "$@" > "$scratch/out.txt" 2> "$scratch/err.txt" || true
grep -E '^(summary|cancelled|verdicts|time):' "$scratch/out.txt"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
