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
    libopenmpi-dev openmpi-bin python3-pip build-essential lld
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

# OpenBLAS for the float products of compiled programs (runtime-blas links it statically),
# built once from the source tarball kept in third_party/openblas into /opt/legatec/openblas:
# C only (no Fortran, no LAPACK), float32 and float64 only, serial (runtime-blas splits a
# product over threads itself), static, with kernels for Haswell (AVX2), Skylake-X and
# Sapphire Rapids (AVX-512) and Zen chosen at run time, generic SSE3 code otherwise.
# OpenBLAS's start-up constructor and exit-time destructor are removed from the archive
# (runtime-blas calls `gotoblas_init` itself before the first product; at exit there is
# nothing to release that the system does not), so that a program without products keeps
# none of OpenBLAS when the linker drops unreached code.
# Rebuilt only when the library is missing or was built with other settings.
openblas_dir=/opt/legatec/openblas
openblas_tarball=third_party/openblas/openblas_0.3.29+ds.orig.tar.xz
openblas_flags=(
    NOFORTRAN=1 NO_LAPACK=1 NO_LAPACKE=1 NO_SHARED=1 ONLY_CBLAS=1
    BUILD_SINGLE=1 BUILD_DOUBLE=1 NO_EXPRECISION=1
    USE_THREAD=0 USE_LOCKING=1 NUM_THREADS=128 NO_AFFINITY=1
    DYNAMIC_ARCH=1 "DYNAMIC_LIST=HASWELL SKYLAKEX SAPPHIRERAPIDS ZEN" TARGET=PRESCOTT
)
openblas_stamp="$(sha256sum "$openblas_tarball" | cut -d' ' -f1) ${openblas_flags[*]} no-init-fini-arrays"
if [[ -f "$openblas_dir/lib/libopenblas.a" && "$(cat "$openblas_dir/BUILD" 2>/dev/null)" == "$openblas_stamp" ]]; then
    echo "setup: OpenBLAS present in $openblas_dir"
else
    echo "setup: building OpenBLAS into $openblas_dir (a few minutes)"
    build_dir="$(mktemp -d)"
    tar -xJf "$openblas_tarball" -C "$build_dir"
    started=$SECONDS
    make -C "$build_dir"/OpenBLAS-* -j"$(nproc)" "${openblas_flags[@]}" libs >"$build_dir/build.log" 2>&1 || {
        tail -n 30 "$build_dir/build.log" >&2
        echo "setup: building OpenBLAS failed (log: $build_dir/build.log)" >&2
        exit 1
    }
    echo "setup: OpenBLAS built in $((SECONDS - started)) s"
    objcopy --remove-section=.init_array --remove-section=.fini_array "$(readlink -f "$build_dir"/OpenBLAS-*/libopenblas.a)"
    if [[ "$(id -u)" -eq 0 ]]; then as_root=(); else as_root=(sudo); fi
    "${as_root[@]}" mkdir -p "$openblas_dir/lib"
    "${as_root[@]}" cp "$(readlink -f "$build_dir"/OpenBLAS-*/libopenblas.a)" "$openblas_dir/lib/libopenblas.a"
    echo "$openblas_stamp" | "${as_root[@]}" tee "$openblas_dir/BUILD" >/dev/null
    rm -rf "$build_dir"
fi

if ! command -v cargo >/dev/null; then
    echo "setup: cargo is not on PATH; install the Rust toolchain (rustup) first" >&2
    exit 1
fi
cargo build --release -p cli -p runtime-lib
echo "setup: built $(pwd)/target/release/legatec"
