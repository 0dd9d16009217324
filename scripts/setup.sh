#!/usr/bin/env bash
# Installs what building and testing legatec needs on Debian 12, then builds the compiler.
#
# Idempotent: Debian packages already installed are not touched (apt runs only when one is
# missing); NumPy, pandas and pyarrow (the tests' oracles) are installed only when importing
# them fails. Run as root, or as a user with sudo. Nothing global is configured: no environment files, no alternatives, no PATH changes.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

packages=(
    llvm-19-dev libclang-19-dev clang-19 libpolly-19-dev libzstd-dev
    libopenmpi-dev openmpi-bin python3-pip build-essential
)

missing=()
for package in "${packages[@]}"; do
    if ! dpkg -s "$package" 2>/dev/null | grep -q '^Status: install ok installed'; then
        missing+=("$package")
    fi
done

if ((${#missing[@]} > 0)); then
    if [[ "$(id -u)" -eq 0 ]]; then
        as_root=()
    elif command -v sudo >/dev/null; then
        as_root=(sudo)
    else
        echo "setup: missing packages (${missing[*]}) and neither root nor sudo is available" >&2
        exit 1
    fi
    echo "setup: installing ${missing[*]}"
    "${as_root[@]}" apt-get update
    "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
else
    echo "setup: Debian packages present"
fi

# pip install, also where Debian marks the system Python as externally managed.
pip_install() {
    local pip_log
    pip_log="$(mktemp)"
    if ! python3 -m pip install "$@" 2>"$pip_log"; then
        if grep -q 'externally-managed-environment' "$pip_log"; then
            python3 -m pip install --break-system-packages "$@"
        else
            cat "$pip_log" >&2
            rm -f "$pip_log"
            exit 1
        fi
    fi
    rm -f "$pip_log"
}

# The oracles of the differential tests: NumPy, and pandas with pyarrow.
if python3 -c 'import numpy' 2>/dev/null; then
    echo "setup: numpy present ($(python3 -c 'import numpy; print(numpy.__version__)'))"
else
    echo "setup: installing numpy"
    pip_install numpy
fi
if python3 -c 'import pandas, pyarrow' 2>/dev/null; then
    echo "setup: pandas present ($(python3 -c 'import pandas; print(pandas.__version__)'))"
else
    echo "setup: installing pandas and pyarrow"
    pip_install pandas pyarrow
fi

# CUDA's libdevice (GPU math functions, linked into the PTX) and ptxas (the tests
# assemble the PTX with it), from NVIDIA's nvcc wheel on PyPI, into /opt/legatec/cuda
# (where legatec looks). No GPU or driver is needed to compile for GPUs.
cuda_dir=/opt/legatec/cuda
if [[ -f "$cuda_dir/nvvm/libdevice/libdevice.10.bc" && -x "$cuda_dir/bin/ptxas" ]]; then
    echo "setup: libdevice and ptxas present in $cuda_dir"
else
    echo "setup: installing libdevice and ptxas into $cuda_dir"
    wheel_dir="$(mktemp -d)"
    python3 -m pip download --no-deps --only-binary=:all: -d "$wheel_dir" "nvidia-cuda-nvcc-cu12==12.9.86"
    if [[ "$(id -u)" -eq 0 ]]; then as_root=(); else as_root=(sudo); fi
    "${as_root[@]}" mkdir -p "$cuda_dir/nvvm/libdevice" "$cuda_dir/bin"
    python3 - "$wheel_dir" "$cuda_dir" <<'PY'
import glob, os, sys, zipfile
wheel_dir, cuda_dir = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(glob.glob(os.path.join(wheel_dir, "*.whl"))[0]) as wheel:
    for member, target in [("nvidia/cuda_nvcc/nvvm/libdevice/libdevice.10.bc", "nvvm/libdevice/libdevice.10.bc"),
                           ("nvidia/cuda_nvcc/bin/ptxas", "bin/ptxas")]:
        with wheel.open(member) as src, open(os.path.join(cuda_dir, target), "wb") as dst:
            dst.write(src.read())
os.chmod(os.path.join(cuda_dir, "bin/ptxas"), 0o755)
PY
    rm -rf "$wheel_dir"
fi

if ! command -v cargo >/dev/null; then
    echo "setup: cargo is not on PATH; install the Rust toolchain (rustup) first" >&2
    exit 1
fi
cargo build --release -p cli -p runtime-lib
echo "setup: built $(pwd)/target/release/legatec"
