#!/usr/bin/env bash
# Times each bench/*.py under NumPy and as a legatec binary, both single-threaded, takes the
# best of 3 runs of each, checks that both print the same results (relative 1e-9, the
# `elapsed:` line excluded), and prints a markdown table.
#
# Usage: bench/run.sh [name ...]      (default: heat blackscholes; LEGATEC=path to skip the build)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

runs=3
names=("$@")
if ((${#names[@]} == 0)); then
    names=(heat blackscholes)
fi

# LEGATEC=path uses an existing compiler instead of building one.
legatec="${LEGATEC:-target/release/legatec}"
if [[ -z "${LEGATEC:-}" ]]; then
    cargo build --release -p cli -p runtime-lib
fi
out=target/bench
mkdir -p "$out"

# Prints the smallest `elapsed:` value among the files given.
best_elapsed() {
    python3 - "$@" <<'PY'
import sys
best = None
for path in sys.argv[1:]:
    lines = open(path).read().splitlines()
    if not lines or not lines[-1].startswith("elapsed:"):
        sys.exit(f"{path}: the last line is not `elapsed: <seconds>`")
    value = float(lines[-1].split(":", 1)[1])
    best = value if best is None else min(best, value)
print(f"{best:.4f}")
PY
}

# Compares two outputs without their `elapsed:` lines: text exactly, numbers within 1e-9.
same_results() {
    python3 - "$1" "$2" <<'PY'
import re, sys
def tokens(path):
    text = "\n".join(l for l in open(path).read().splitlines() if not l.startswith("elapsed:"))
    return [t for t in re.split(r"[\s\[\](),:=]+", text) if t]
def number(token):
    try:
        return float(token)
    except ValueError:
        return None
expected, actual = tokens(sys.argv[1]), tokens(sys.argv[2])
if len(expected) != len(actual):
    sys.exit(f"outputs differ in length: {len(expected)} and {len(actual)} tokens")
for e, a in zip(expected, actual):
    x, y = number(e), number(a)
    if x is None or y is None:
        if e != a:
            sys.exit(f"outputs differ: {e!r} and {a!r}")
    elif not (x == y or abs(x - y) <= 1e-9 * max(abs(x), abs(y))):
        sys.exit(f"results differ beyond 1e-9: {e} and {a}")
PY
}

rows=()
status=0
for name in "${names[@]}"; do
    script="bench/$name.py"
    binary="$out/$name"
    echo "== $name: compiling" >&2
    "$legatec" "$script" -o "$binary"
    for run in $(seq 1 "$runs"); do
        echo "== $name: run $run of $runs" >&2
        OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 python3 "$script" >"$out/$name.numpy.$run"
        RAYON_NUM_THREADS=1 "$binary" >"$out/$name.legatec.$run"
    done
    numpy_files=() legatec_files=()
    for run in $(seq 1 "$runs"); do
        numpy_files+=("$out/$name.numpy.$run")
        legatec_files+=("$out/$name.legatec.$run")
    done
    numpy_s=$(best_elapsed "${numpy_files[@]}")
    legatec_s=$(best_elapsed "${legatec_files[@]}")
    if same_results "$out/$name.numpy.1" "$out/$name.legatec.1"; then
        check=""
    else
        check=" (results differ!)"
        status=1
    fi
    speedup=$(python3 -c "print(f'{$numpy_s / $legatec_s:.2f}x' if $legatec_s > 0 else 'n/a')")
    rows+=("| $name$check | $numpy_s | $legatec_s | $speedup |")
done

echo
echo "Single thread (OMP_NUM_THREADS=1 for NumPy, RAYON_NUM_THREADS=1 for legatec), best of $runs runs:"
echo
echo "| benchmark | NumPy s | legatec s | speedup |"
echo "| --- | ---: | ---: | ---: |"
printf '%s\n' "${rows[@]}"
exit "$status"
