#!/usr/bin/env bash
# Dense Jacobi under MPI, two compiled binaries and the mpi4py version alternating, one run
# each in turn (bench/dense_jacobi.py against bench/dense_jacobi_mpi4py.py, 50 iterations,
# `--bind-to core`, one single-threaded rank per core): prints every run's `elapsed:`.
# The binaries are compiled elsewhere (`legatec bench/dense_jacobi.py -o DIR/old`, `.../new`).
#
#   OLD=.carry/ab/old NEW=.carry/ab/new SPECS="1 8192 4,16 32768 2" bench/jacobi_ab.sh
#
# SPECS: comma-separated "P N RUNS" triples [1 8192 4,16 32768 2].
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 LEGATEC_DEVICE=cpu RAYON_NUM_THREADS=1
IFS=, read -r -a specs <<<"${SPECS:-1 8192 4,16 32768 2}"
for spec in "${specs[@]}"; do
    read -r p n runs <<<"$spec"
    for r in $(seq "$runs"); do
        for who in old new mpi4py; do
            case $who in
            old) cmd=("${OLD:-.carry/ab/old}") ;;
            new) cmd=("${NEW:-.carry/ab/new}") ;;
            mpi4py) cmd=(python3 bench/dense_jacobi_mpi4py.py) ;;
            esac
            t=$(mpirun -np "$p" --bind-to core "${cmd[@]}" --n "$n" --iters 50 2>&1 | grep '^elapsed:' | head -1)
            echo "P=$p run $r $who $t"
        done
    done
done
