#!/usr/bin/env bash
# Weak scaling on GPUs (issue 5): bench/mpi_weak.sh with one rank per GPU, legatec's
# binaries of bench/heat_weak.py and bench/cg_weak.py (compiled with --target gpu; rank r
# picks GPU r mod the GPUs of the node) against the hand-written mpi4py + CuPy stencil
# (bench/heat_weak_mpi4py.py --gpu). Every variable of mpi_weak.sh can be overridden.
#
# Usage on a 4-GPU machine:  BIN=.carry/bin bench/gpu_weak.sh
set -euo pipefail
export PS="${PS:-1 2 4}" RUNS="${RUNS:-2}"
export ROWS_PER_RANK="${ROWS_PER_RANK:-16384}" COLS="${COLS:-16384}" ITERS="${ITERS:-200}"
export CG_ROWS_PER_RANK="${CG_ROWS_PER_RANK:-8192}" CG_COLS="${CG_COLS:-16384}" CG_ITERS="${CG_ITERS:-200}"
export MPI4PY_FLAGS="${MPI4PY_FLAGS:---gpu}"
export MPI_FLAGS="${MPI_FLAGS:---allow-run-as-root --oversubscribe --bind-to none}"
export LEGATEC_DEVICE=gpu
nvidia-smi -L
# The dense Jacobi phase of mpi_weak.sh runs on CPUs only.
export WHAT="${WHAT:-check heat cg}"
exec "$(dirname "$0")/mpi_weak.sh"
