#!/usr/bin/env bash
# Weak scaling of the mortgage ETL (issue 15): legatec's SPMD binary of
# examples/pandas/mortgage_etl.py on generated data of LOANS_PER_RANK * P loans and MONTHS
# months (examples/pandas/mortgage/generate_data.py, seed 1), at each P, against pandas on
# one process on the same data. One single-threaded rank per core. Best of RUNS runs; at
# every P legatec's output must equal pandas' (every line but `timing:`). Prints a
# markdown table: the CSV parsing and processing times legatec and pandas report, the
# whole ETL's weak-scaling efficiency (t at the first P / t at P) and pandas / legatec.
# Exit status 1 if a result differed or a run failed.
#
# Usage, from the repository root (the binary is compiled elsewhere with
# `legatec examples/pandas/mortgage_etl.py -o BIN/mortgage_etl`):
#   BIN=.carry/bin PS="1 2 4 8 16" RUNS=2 bench/mortgage_weak.sh
#
# Environment (defaults in brackets): BIN [.carry/bin], PS ["1 2 4 8 16"], RUNS [2],
# LOANS_PER_RANK [20000], MONTHS [24], PYTHON [python3], MPIRUN [mpirun], MPI_FLAGS
# ["--allow-run-as-root --oversubscribe --bind-to none"], OUTDIR [target/mortgage_weak].
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bin="${BIN:-.carry/bin}"
read -r -a ps <<<"${PS:-1 2 4 8 16}"
runs="${RUNS:-2}"
per_rank="${LOANS_PER_RANK:-20000}"
months="${MONTHS:-24}"
python="${PYTHON:-python3}"
mpirun="${MPIRUN:-mpirun}"
read -r -a flags <<<"${MPI_FLAGS:---allow-run-as-root --oversubscribe --bind-to none}"
out="${OUTDIR:-target/mortgage_weak}"
mkdir -p "$out"
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 RAYON_NUM_THREADS=1 OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 COLUMNS=80

results() { grep -v '^timing:' "$1"; }
# `csv processing` seconds of a run's timing line, `nan nan` when it printed none.
timing() {
    local t
    t="$(grep '^timing:' "$1" 2>/dev/null | tail -1 | sed -E 's/.*parsing ([0-9.e-]+) s; processing ([0-9.e-]+) s.*/\1 \2/')"
    echo "${t:-nan nan}"
}

status=0
lines=()
for p in "${ps[@]}"; do
    loans=$((per_rank * p))
    data="$out/data.$loans"
    if [ ! -f "$data/perf.txt" ]; then
        mkdir -p "$data"
        "$python" examples/pandas/mortgage/generate_data.py --loans "$loans" --months "$months" --seed 1 --out "$data" >/dev/null
    fi
    "$python" examples/pandas/mortgage_etl.py --input "$data" >"$out/pandas.$p"
    best=""
    for r in $(seq "$runs"); do
        "$mpirun" "${flags[@]}" -np "$p" "$bin/mortgage_etl" --input "$data" >"$out/legatec.$p.$r" 2>"$out/legatec.$p.$r.err" || { echo "legatec P=$p failed" >&2; status=1; }
        if ! diff <(results "$out/legatec.$p.$r") <(results "$out/pandas.$p") >/dev/null; then
            echo "P=$p run $r: legatec's results differ from pandas'" >&2
            status=1
        fi
        read -r c t <<<"$(timing "$out/legatec.$p.$r")"
        best="$("$python" -c "
b = '$best'.split()
c, t = float('$c'), float('$t')
print(f'{c} {t}' if not b or c + t < float(b[0]) + float(b[1]) else '$best')")"
    done
    lines+=("$p $loans $best $(timing "$out/pandas.$p")")
done

echo "| P | loans | rows of perf.txt | legatec CSV s | legatec processing s | legatec total s | efficiency | pandas CSV s | pandas processing s | pandas / legatec |"
echo "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
first=""
for line in "${lines[@]}"; do
    read -r p loans c t pc pt <<<"$line"
    [ -z "$first" ] && first="$c $t"
    "$python" -c "
p, loans, months = $p, $loans, $months
c, t, pc, pt = (float(x) for x in '$c $t $pc $pt'.split())
c0, t0 = (float(x) for x in '$first'.split())
print(f'| {p} | {loans} | {loans * months} | {c:.3f} | {t:.3f} | {c + t:.3f} | {(c0 + t0) / (c + t):.2f} | {pc:.3f} | {pt:.3f} | {(pc + pt) / (c + t):.2f}x |')"
done
exit $status
