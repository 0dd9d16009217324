#!/usr/bin/env bash
# The dense benchmarks (dense Jacobi, logistic regression, GEMM) under NumPy and as one or more
# sets of compiled legatec binaries, at several thread counts: NumPy with OMP_NUM_THREADS =
# OPENBLAS_NUM_THREADS = T, legatec with RAYON_NUM_THREADS = T and LEGATEC_DEVICE=cpu. Best of
# RUNS runs of each; every legatec output is checked against NumPy's (relative 1e-9, the
# `elapsed:` line excluded); prints a markdown table. No Rust needed: the binaries are compiled
# elsewhere, e.g. `legatec bench/gemm.py --target-cpu x86-64-v3 -o DIR/gemm`.
#
# Usage, from the repository root:
#   BINS="before=.carry/old after=.carry/new" THREADS="1 16" RUNS=2 bench/blas_threads.sh
#
# Environment (defaults in brackets):
#   BINS [new=.carry/bin]   space-separated LABEL=FOLDER pairs, each folder holding the
#                           executables dense_jacobi, logreg and gemm
#   THREADS ["1 16"]        thread counts
#   RUNS [2]                runs per measurement, the best is reported
#   CASES                   one `name|script|args` a line [the four below]
#   PYTHON [python3]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

read -r -a bins <<<"${BINS:-new=.carry/bin}"
read -r -a threads <<<"${THREADS:-1 16}"
runs="${RUNS:-2}"
python="${PYTHON:-python3}"
cases="${CASES:-dense Jacobi, n = 16384, 20 iterations|dense_jacobi|--n 16384 --iters 20
dense Jacobi, n = 4096, 200 iterations|dense_jacobi|--n 4096 --iters 200
logistic regression, 4·10⁶ × 32, 20 iterations|logreg|--n 4000000 --iters 20
GEMM 4096², float64 then float32|gemm|--n 4096}"
out="${OUT:-target}/blas_threads"
mkdir -p "$out"

best_elapsed() {
    "$python" -c '
import sys
print("%.3f" % min(float(open(p).read().splitlines()[-1].split(":", 1)[1]) for p in sys.argv[1:]))' "$@"
}

# Both outputs agree: text exactly, numbers within relative 1e-9 (`elapsed:` lines excluded).
same_results() {
    "$python" - "$1" "$2" <<'PY'
import re, sys
def tokens(path):
    text = "\n".join(l for l in open(path).read().splitlines() if not l.startswith("elapsed:"))
    return [t for t in re.split(r"[\s\[\](),:=]+", text) if t]
def number(t):
    try:
        return float(t)
    except ValueError:
        return None
e, a = tokens(sys.argv[1]), tokens(sys.argv[2])
ok = len(e) == len(a) and all(
    x == y if number(x) is None or number(y) is None
    else number(x) == number(y) or abs(number(x) - number(y)) <= 1e-9 * max(abs(number(x)), abs(number(y)))
    for x, y in zip(e, a))
sys.exit(0 if ok else 1)
PY
}

header="| benchmark | threads | NumPy s"
rule="| --- | ---: | ---:"
for pair in "${bins[@]}"; do
    header+=" | ${pair%%=*} s | speedup"
    rule+=" | ---: | ---:"
done
rows=()
status=0
while IFS='|' read -r label script args; do
    [[ -n "$label" ]] || continue
    read -r -a argv <<<"$args"
    for t in "${threads[@]}"; do
        tag="$script.$t.${args// /_}"
        numpy_files=()
        for run in $(seq "$runs"); do
            OMP_NUM_THREADS=$t OPENBLAS_NUM_THREADS=$t MKL_NUM_THREADS=$t "$python" "bench/$script.py" "${argv[@]}" >"$out/$tag.numpy.$run"
            numpy_files+=("$out/$tag.numpy.$run")
        done
        numpy_s=$(best_elapsed "${numpy_files[@]}")
        row="| $label | $t | $numpy_s"
        for pair in "${bins[@]}"; do
            name="${pair%%=*}" dir="${pair#*=}"
            files=()
            for run in $(seq "$runs"); do
                RAYON_NUM_THREADS=$t LEGATEC_DEVICE=cpu "$dir/$script" "${argv[@]}" >"$out/$tag.$name.$run"
                files+=("$out/$tag.$name.$run")
            done
            s=$(best_elapsed "${files[@]}")
            check=""
            if ! same_results "$out/$tag.numpy.1" "$out/$tag.$name.1"; then
                check=" (results differ!)"
                status=1
            fi
            row+=" | $s$check | $("$python" -c "print('%.2fx' % ($numpy_s / $s))")"
        done
        rows+=("$row |")
        echo "$row |" >&2
    done
done <<<"$cases"

echo
echo "$header |"
echo "$rule |"
printf '%s\n' "${rows[@]}"
exit "$status"
