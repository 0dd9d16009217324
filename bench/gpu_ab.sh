#!/usr/bin/env bash
# Two builds of legatec on one GPU, interleaved, beside the hand-written CUDA kernels and
# CuPy (its first run compiles kernels, its second finds them in the disk cache): the seed
# Jacobi, Black-Scholes float32, CG, heat and softmax. For a change to the GPU code, run on
# the GPU machine with the binaries of both commits (each built here with
# `legatec --target gpu --target-cpu x86-64-v3 bench/X.py -o DIR/X`):
#   BEFORE=.carry/bin AFTER=.carry/bin4 bench/gpu_ab.sh
# (session 31's run, docs/PERFORMANCE.md "Session 31: the kernels' block rows").
set -u
BEFORE="${BEFORE:?directory of the first build}" AFTER="${AFTER:?directory of the second build}"
ROUNDS="${ROUNDS:-3}"
nvidia-smi -L
nvcc -O3 -arch=native -o /tmp/jacobi_cuda bench/jacobi_cuda.cu || exit 1
nvcc -O3 -arch=native -o /tmp/bs_cuda bench/blackscholes_cuda.cu || exit 1
export LEGATEC_DEVICE=gpu
line() { tr '\n' ' ' | awk -v p="$1" '{print p, $0}'; }
for round in $(seq "$ROUNDS"); do
    echo "== round $round"
    /tmp/jacobi_cuda --n 16384 --iters 500 | grep gpts | line "hand jacobi"
    /tmp/bs_cuda --n 200000000 --reps 10 | grep gbs | line "hand bs"
    for b in "$BEFORE" "$AFTER"; do
        "$b/jacobi" --n 16384 --iters 500 | grep -E "gpts|l2" | line "$b jacobi"
        "$b/blackscholes_f32" --n 200000000 --reps 10 | line "$b bs"
        "$b/cg_weak" --rows 8192 --cols 8192 --iters 200 | line "$b cg"
        [ -x "$b/heat_weak" ] && "$b/heat_weak" --rows 16384 --cols 16384 --iters 200 | line "$b heat"
        [ -x "$b/softmax" ] && "$b/softmax" | grep gbs | line "$b softmax"
    done
done
for s in "jacobi.py --n 16384 --iters 500" "blackscholes_f32.py --n 200000000 --reps 10" "cg_weak.py --rows 8192 --cols 8192 --iters 200" \
    "heat_weak.py --rows 16384 --cols 16384 --iters 200" "softmax.py"; do
    for k in 1 2; do
        # shellcheck disable=SC2086
        python3 bench/cupy_run.py bench/$s | grep -E "elapsed|gpts|gbs" | line "cupy $s run $k:"
    done
done
