#!/usr/bin/env bash
# Single-GPU benchmarks (issue 5): legatec's executables against CuPy running the same
# NumPy script unchanged (bench/cupy_run.py), on one machine in one run.
#   - bench/jacobi.py: the seed's Jacobi loop, float64, JACOBI_N^2, JACOBI_ITERS iterations.
#   - bench/blackscholes_f32.py: BS_N options, float32, against the device-to-device copy
#     bandwidth measured here with CuPy (`b[...] = a` of BS_N float32, read + write).
#   - bench/cg_weak.py: matrix-free CG on the 2-D Laplacian, CG_ROWS x CG_COLS, CG_ITERS.
# Prints every program's output and a markdown table of times and ratios.
#
# Usage (from the repository root of the GPU machine; binaries compiled elsewhere with
# `legatec --target gpu bench/X.py -o $BIN/X`):  BIN=.carry/bin bench/gpu.sh
set -euo pipefail
BIN="${BIN:-.carry/bin}"
JACOBI_N="${JACOBI_N:-16384}" JACOBI_ITERS="${JACOBI_ITERS:-500}"
BS_N="${BS_N:-200000000}" BS_REPS="${BS_REPS:-10}"
CG_ROWS="${CG_ROWS:-8192}" CG_COLS="${CG_COLS:-8192}" CG_ITERS="${CG_ITERS:-200}"
export LEGATEC_DEVICE=gpu
nvidia-smi -L
field() { grep "^$1:" | tail -1 | cut -d' ' -f2; }
run() {
    local out
    echo "\$ $*" >&2
    out=$("$@")
    echo "$out" >&2
    echo "$out"
}

copy_gbs=$(python3 - "$BS_N" <<'PY'
import sys, time, cupy as cp
n = int(sys.argv[1]); a = cp.ones(n, dtype=cp.float32); b = cp.empty_like(a)
for _ in range(3): b[...] = a
cp.cuda.runtime.deviceSynchronize(); t = time.perf_counter(); reps = 20
for _ in range(reps): b[...] = a
cp.cuda.runtime.deviceSynchronize(); t = time.perf_counter() - t
print(2 * 4 * n * reps / t / 1e9)
PY
)
echo "device-to-device copy: $copy_gbs GB/s (read + write)" >&2

ja=$(run "$BIN/jacobi" --n "$JACOBI_N" --iters "$JACOBI_ITERS")
jc=$(run python3 bench/cupy_run.py bench/jacobi.py --n "$JACOBI_N" --iters "$JACOBI_ITERS")
ba=$(run "$BIN/blackscholes_f32" --n "$BS_N" --reps "$BS_REPS")
bc=$(run python3 bench/cupy_run.py bench/blackscholes_f32.py --n "$BS_N" --reps "$BS_REPS")
ca=$(run "$BIN/cg_weak" --rows "$CG_ROWS" --cols "$CG_COLS" --iters "$CG_ITERS")
cc=$(run python3 bench/cupy_run.py bench/cg_weak.py --rows "$CG_ROWS" --cols "$CG_COLS" --iters "$CG_ITERS")

ratio() { python3 -c "print(f'{$1 / $2:.2f}')"; }
echo
echo "| Benchmark | legatec | CuPy | legatec / CuPy speedup |"
echo "| --- | --- | --- | --- |"
echo "| Jacobi ${JACOBI_N}^2 f64, ${JACOBI_ITERS} it (G points/s) | $(echo "$ja" | field gpts) | $(echo "$jc" | field gpts) | $(ratio "$(echo "$ja" | field gpts)" "$(echo "$jc" | field gpts)") |"
echo "| Black-Scholes f32 ${BS_N} x ${BS_REPS} (GB/s of S,K,T,call,put) | $(echo "$ba" | field gbs) | $(echo "$bc" | field gbs) | $(ratio "$(echo "$ba" | field gbs)" "$(echo "$bc" | field gbs)") |"
echo "| CG ${CG_ROWS}x${CG_COLS}, ${CG_ITERS} it (s) | $(echo "$ca" | field elapsed) | $(echo "$cc" | field elapsed) | $(ratio "$(echo "$cc" | field elapsed)" "$(echo "$ca" | field elapsed)") |"
echo
echo "Black-Scholes: legatec at $(ratio "$(echo "$ba" | field gbs)" "$copy_gbs") of the copy bandwidth ($copy_gbs GB/s)"
