#!/usr/bin/env bash
# Dense linear algebra on one GPU (issue 13): legatec's executables (products through cuBLAS,
# results left on the device) against CuPy running the same NumPy scripts unchanged
# (bench/cupy_run.py, which calls cuBLAS too), on one machine in one run, best of RUNS:
#   - bench/dense_jacobi.py: the seed's dense Jacobi solver, JACOBI_N^2 float64, JACOBI_ITERS
#     iterations (each streams R once: 8 N^2 bytes);
#   - bench/logreg.py: logistic regression, LOGREG_N x 32 float64, LOGREG_ITERS iterations
#     (each streams X twice: 16 n d bytes);
#   - bench/gemm.py: GEMM_N^2 float64 and float32 products, GEMM_REPS times (the first use of
#     a product's shape loads cuBLAS kernels, on both sides: a single product measures that).
# Both sides' timers stop after reading one result element, which waits for the device.
# Prints every program's output and a markdown table of times and ratios.
#
# Usage (from the repository root of the GPU machine; binaries compiled elsewhere with
# `legatec --target gpu bench/X.py -o $BIN/X`):  BIN=.carry/bin bench/gpu_dense.sh
set -euo pipefail
BIN="${BIN:-.carry/bin}"
RUNS="${RUNS:-3}"
JACOBI_N="${JACOBI_N:-16384}" JACOBI_ITERS="${JACOBI_ITERS:-100}"
LOGREG_N="${LOGREG_N:-4000000}" LOGREG_ITERS="${LOGREG_ITERS:-50}"
GEMM_N="${GEMM_N:-4096}" GEMM_REPS="${GEMM_REPS:-20}"
export LEGATEC_DEVICE=gpu
nvidia-smi -L
best() { # best NAME CMD...: the smallest `elapsed:` of RUNS runs; the outputs on stderr
    local name=$1 t best=""
    shift
    for r in $(seq 1 "$RUNS"); do
        out=$("$@")
        echo "[$name run $r] $out" >&2
        t=$(echo "$out" | grep '^elapsed:' | tail -1 | cut -d' ' -f2)
        if [[ -z "$best" ]] || python3 -c "import sys; sys.exit(not $t < $best)"; then best=$t; fi
    done
    echo "$best"
}
ratio() { python3 -c "print(f'{$1 / $2:.2f}')"; }
rate() { python3 -c "print(f'{$1 / $2 / 1e9:.1f}')"; }

jl=$(best "legatec jacobi" "$BIN/dense_jacobi" --n "$JACOBI_N" --iters "$JACOBI_ITERS")
jc=$(best "cupy jacobi" python3 bench/cupy_run.py bench/dense_jacobi.py --n "$JACOBI_N" --iters "$JACOBI_ITERS")
ll=$(best "legatec logreg" "$BIN/logreg" --n "$LOGREG_N" --iters "$LOGREG_ITERS")
lc=$(best "cupy logreg" python3 bench/cupy_run.py bench/logreg.py --n "$LOGREG_N" --iters "$LOGREG_ITERS")
gl=$(best "legatec gemm" "$BIN/gemm" --n "$GEMM_N" --reps "$GEMM_REPS")
gc=$(best "cupy gemm" python3 bench/cupy_run.py bench/gemm.py --n "$GEMM_N" --reps "$GEMM_REPS")
jbytes=$((8 * JACOBI_N * JACOBI_N * JACOBI_ITERS))
lbytes=$((16 * LOGREG_N * 32 * LOGREG_ITERS))
echo
echo "| Benchmark | legatec s | CuPy s | legatec / CuPy speed | legatec GB/s |"
echo "| --- | ---: | ---: | ---: | ---: |"
echo "| dense Jacobi ${JACOBI_N}^2 f64, ${JACOBI_ITERS} it | $jl | $jc | $(ratio "$jc" "$jl") | $(rate "$jbytes" "$jl") |"
echo "| logistic regression ${LOGREG_N}x32 f64, ${LOGREG_ITERS} it | $ll | $lc | $(ratio "$lc" "$ll") | $(rate "$lbytes" "$ll") |"
echo "| GEMM ${GEMM_N}^2 f64 + f32, ${GEMM_REPS} times | $gl | $gc | $(ratio "$gc" "$gl") | $(python3 -c "print(f'{4 * $GEMM_N ** 3 * $GEMM_REPS / $gl / 1e12:.1f} TFLOP/s')") |"
