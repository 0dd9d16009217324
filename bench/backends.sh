#!/usr/bin/env bash
# The two backends side by side (issue "legatec run"): for each example and benchmark
# program, the compile time of the host code and kernels (`--time-passes`: Cranelift's
# host code stage, against LLVM's at -O2), then, for the benchmark programs, the run time
# of the timed part (`elapsed:`, best of RUNS runs, one thread) of the binary of each, and
# the ratio. Both binaries must print the same results (relative 1e-9, `elapsed:` and rate
# lines excluded); exit status 1 if they differ.
#
# Usage: bench/backends.sh            (RUNS=3; LEGATEC=path to skip the build)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
runs="${RUNS:-3}"
legatec="${LEGATEC:-target/release/legatec}"
if [[ -z "${LEGATEC:-}" ]]; then
    cargo build --release -p cli -p runtime-lib >&2
fi
out=target/bench-backends
mkdir -p "$out"
export RAYON_NUM_THREADS=1

# `stage seconds` of a --time-passes listing: the value on the line starting with $2.
stage() { grep -E "^  $2" "$1" | awk '{print $NF}'; }

echo "| program | Cranelift host code s | LLVM -O2 host code s | Cranelift total s | LLVM -O2 total s |"
echo "| --- | ---: | ---: | ---: | ---: |"
for f in examples/*.py examples/polybench/*.py bench/heat.py bench/blackscholes.py bench/jacobi.py bench/cg_weak.py bench/softmax.py bench/logreg.py; do
    name=$(basename "$f" .py)
    "$legatec" --target cpu --shared-runtime --time-passes --backend cranelift "$f" -o "$out/$name.cl" 2> "$out/$name.cl.time"
    "$legatec" --target cpu --shared-runtime --time-passes --backend llvm -O2 "$f" -o "$out/$name.llvm" 2> "$out/$name.llvm.time"
    echo "| $f | $(stage "$out/$name.cl.time" 'host code') | $(stage "$out/$name.llvm.time" 'host code') | $(stage "$out/$name.cl.time" total) | $(stage "$out/$name.llvm.time" total) |"
done

# The smallest `elapsed:` among the files given.
best() { grep -h '^elapsed:' "$@" | awk '{print $2}' | sort -g | head -1; }
status=0
echo
echo "| program | Cranelift s | LLVM -O2 s | Cranelift / LLVM |"
echo "| --- | ---: | ---: | ---: |"
for spec in heat blackscholes "jacobi --n 2048 --iters 200" cg_weak softmax logreg; do
    read -r name args <<< "$spec"
    for b in cl llvm; do
        for r in $(seq "$runs"); do
            # shellcheck disable=SC2086
            "$out/$name.$b" $args > "$out/$name.$b.run$r"
        done
    done
    if ! python3 - "$out/$name.cl.run1" "$out/$name.llvm.run1" <<'PY'
import sys
def values(path):
    lines = [l for l in open(path).read().splitlines() if not l.split(":")[0] in ("elapsed", "gpts", "gbs")]
    return lines
a, b = values(sys.argv[1]), values(sys.argv[2])
def close(x, y):
    for u, v in zip(x.split(), y.split()):
        try:
            fu, fv = float(u.strip(",[]()")), float(v.strip(",[]()"))
            if abs(fu - fv) > 1e-9 * max(abs(fu), abs(fv), 1e-300):
                return False
        except ValueError:
            if u != v:
                return False
    return len(x.split()) == len(y.split())
sys.exit(0 if len(a) == len(b) and all(close(x, y) for x, y in zip(a, b)) else 1)
PY
    then
        echo "results differ: $out/$name.cl.run1 $out/$name.llvm.run1" >&2
        status=1
    fi
    c=$(best "$out/$name".cl.run*)
    l=$(best "$out/$name".llvm.run*)
    echo "| bench/$name.py $args | $c | $l | $(python3 -c "print(f'{$c / $l:.2f}')") |"
done
exit $status
