#!/usr/bin/env bash
# Weak scaling of the merge (issue 15): legatec's SPMD binary of bench/join_weak.py against
# the hand-written mpi4py + pandas hash-shuffle join bench/join_mpi4py.py, and pandas on one
# process at P = 1; ROWS_PER_RANK rows per rank and side (rows = ROWS_PER_RANK * P in all).
# One single-threaded rank per core. Best of RUNS runs; every result must equal pandas' at
# the same size on one process (checked at P = 1) and the two at each P each other (every
# line but `elapsed:`). Prints a markdown table: times, weak-scaling efficiency (t at the
# first P / t at P) and legatec / mpi4py. Exit status 1 if a result differed.
#
# Usage, from the repository root (the binary is compiled elsewhere with
# `legatec bench/join_weak.py -o BIN/join_weak`):
#   BIN=.carry/bin PS="1 2 4 8 16" RUNS=2 bench/join_weak.sh
#
# Environment (defaults in brackets): BIN [.carry/bin], PS ["1 2 4 8 16"], RUNS [2],
# ROWS_PER_RANK [10000000], PYTHON [python3], MPIRUN [mpirun], MPI_FLAGS ["--allow-run-as-root
# --oversubscribe --bind-to none"], OUTDIR [target/join_weak].
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bin="${BIN:-.carry/bin}"
read -r -a ps <<<"${PS:-1 2 4 8 16}"
runs="${RUNS:-2}"
per_rank="${ROWS_PER_RANK:-10000000}"
python="${PYTHON:-python3}"
mpirun="${MPIRUN:-mpirun}"
read -r -a flags <<<"${MPI_FLAGS:---allow-run-as-root --oversubscribe --bind-to none}"
out="${OUTDIR:-target/join_weak}"
mkdir -p "$out"
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 RAYON_NUM_THREADS=1 OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1

results() { grep -v '^elapsed:' "$1"; }
# A run's time, `nan` when it printed none (it failed or was killed).
elapsed() { local t; t="$(grep '^elapsed:' "$1" 2>/dev/null | tail -1 | cut -d' ' -f2)"; echo "${t:-nan}"; }
best() { local b; b="$(printf '%s\n' "$@" | grep -v nan | sort -g | head -1)"; echo "${b:-nan}"; }

status=0
rows_of=()
for p in "${ps[@]}"; do
    rows=$((per_rank * p))
    lt=() mt=()
    for r in $(seq "$runs"); do
        "$mpirun" "${flags[@]}" -np "$p" "$bin/join_weak" --rows "$rows" >"$out/legatec.$p.$r" 2>"$out/legatec.$p.$r.err" || { echo "legatec P=$p failed" >&2; status=1; }
        "$mpirun" "${flags[@]}" -np "$p" "$python" bench/join_mpi4py.py --rows "$rows" >"$out/mpi4py.$p.$r" 2>"$out/mpi4py.$p.$r.err" || { echo "mpi4py P=$p failed" >&2; status=1; }
        lt+=("$(elapsed "$out/legatec.$p.$r")") mt+=("$(elapsed "$out/mpi4py.$p.$r")")
        if ! diff <(results "$out/legatec.$p.$r") <(results "$out/mpi4py.$p.$r") >/dev/null; then
            echo "P=$p run $r: legatec and mpi4py results differ" >&2
            status=1
        fi
    done
    if [ "$p" = 1 ]; then
        "$python" bench/join_weak.py --rows "$rows" >"$out/pandas.1"
        if ! diff <(results "$out/pandas.1") <(results "$out/legatec.1.1") >/dev/null; then
            echo "P=1: legatec's results differ from pandas'" >&2
            status=1
        fi
        pandas_time="$(elapsed "$out/pandas.1")"
    fi
    rows_of+=("$p $rows $(best "${lt[@]}") $(best "${mt[@]}")")
done

echo "pandas, one process, P = 1 size: ${pandas_time:-not run} s"
echo
echo "| P | rows per side | legatec s | efficiency | mpi4py s | mpi4py efficiency | legatec / mpi4py |"
echo "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
first=""
for line in "${rows_of[@]}"; do
    read -r p rows l m <<<"$line"
    [ -z "$first" ] && first="$l $m"
    read -r l0 m0 <<<"$first"
    "$python" -c "
p, rows = $p, $rows
l, m, l0, m0 = (float(x) for x in '$l $m $l0 $m0'.split())
print(f'| {p} | {rows} | {l:.3f} | {l0 / l:.2f} | {m:.3f} | {m0 / m:.2f} | {m / l:.2f}x |')"
done
exit $status
