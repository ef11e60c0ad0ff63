#!/usr/bin/env bash
# Installs the system packages InferMatrix builds and tests against, only those missing:
# libncurses-dev and libsqlite3-dev (the Swift build links them), tmux (the end-to-end tests
# drive the real binary in it), python3-venv (the harness's virtual environment) and util-linux
# (setpriv, used by the end-to-end tests). Uses sudo when not root. Idempotent and quiet when
# everything is there.
set -euo pipefail

missing=()
dpkg -s libncurses-dev >/dev/null 2>&1 || missing+=(libncurses-dev)
dpkg -s libsqlite3-dev >/dev/null 2>&1 || missing+=(libsqlite3-dev)
command -v tmux >/dev/null 2>&1 || missing+=(tmux)
command -v setpriv >/dev/null 2>&1 || missing+=(util-linux)
python3 -c 'import venv, ensurepip' >/dev/null 2>&1 || missing+=(python3-venv)
if ((${#missing[@]})); then
    echo "setup-system: installing ${missing[*]}" >&2
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}"
fi
if ! command -v swift >/dev/null 2>&1; then
    echo "setup-system: error: swift is not on PATH; install Swift 6.3 (https://www.swift.org/install/)" >&2
    exit 1
fi
