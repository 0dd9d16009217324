#!/usr/bin/env bash
# Accuracy of the performance model (issue 16): for each program of bench/ and each
# configuration, the time `legatec --report --machine M` predicts against the time the
# binary takes on that machine. Two comparisons per run: the timed part (the program's
# `elapsed:` line against the predicted kernels and communication of the lines between its
# two clock readings, each as often as the run executes it, the set-up left out), and the whole
# run (the process's wall time from start to exit, less the launcher's time to start and end an empty program, against `predicted_seconds`). Best of
# RUNS runs. Prints a markdown table with the ratios predicted / measured.
#
# Usage, from the repository root:
#   MACHINE=vm-2core bench/model_accuracy.sh                     # measure and predict here
#   STEP=measure BIN=.carry/acc bench/model_accuracy.sh > t.txt  # on a machine without legatec
#   STEP=predict MEASURED=t.txt MACHINE=h200-cpu bench/model_accuracy.sh   # then here
#
# Environment (defaults in brackets): MACHINE [vm-2core] (a shipped name or a file),
# CONFIGS ["1x1 1x2 2x1"] (RANKSxTHREADS), RUNS [3], LEGATEC [target/release/legatec],
# MPIRUN [mpirun], MPI_FLAGS ["--allow-run-as-root --oversubscribe --bind-to none"],
# BIN [target/model_accuracy] (binaries, compiled here unless STEP=measure), STEP
# [both], MEASURED (the measure step's output, for STEP=predict), DEVICE [cpu] (`gpu`:
# predict the kernels on the machine's GPU; measure there with LEGATEC_DEVICE=gpu and
# binaries compiled with --target gpu).
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

machine="${MACHINE:-vm-2core}"
read -r -a configs <<<"${CONFIGS:-1x1 1x2 2x1}"
runs="${RUNS:-3}"
legatec="${LEGATEC:-target/release/legatec}"
mpirun="${MPIRUN:-mpirun}"
read -r -a flags <<<"${MPI_FLAGS:---allow-run-as-root --oversubscribe --bind-to none}"
bin="${BIN:-target/model_accuracy}"
step="${STEP:-both}"
mkdir -p "$bin"
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1

programs=(
    "heat:bench/heat_weak.py:--rows 2048 --cols 2048 --iters 50"
    "jacobi:bench/jacobi.py:--n 2048 --iters 50 --freq 10"
    "cg:bench/cg_weak.py:--rows 1024 --cols 2048 --iters 50"
    "blackscholes:bench/blackscholes.py:"
    "dense_jacobi:bench/dense_jacobi.py:--n 2000 --iters 50"
    "logreg:bench/logreg.py:--n 1000000 --d 32 --iters 20"
    "gemm:bench/gemm.py:--n 1024 --reps 3"
)

now() { date +%s.%N; }
min() { python3 -c "import sys; v = [float(x) for x in sys.argv[1:] if x]; print(min(v) if v else 'nan')" "$@"; }

# Prints `name config loop_seconds run_seconds` per program and configuration.
measure() {
    for entry in "${programs[@]}"; do
        IFS=: read -r name script args <<<"$entry"
        read -r -a pargs <<<"$args"
        if [ "$step" = both ]; then
            "$legatec" --target cpu "$script" -o "$bin/$name" 2>/dev/null || { echo "$name compile-failed" >&2; continue; }
        fi
        for config in "${configs[@]}"; do
            ranks="${config%x*}" threads="${config#*x}"
            # The launcher's own cost: starting and ending an empty program.
            launch=0
            if [ "$ranks" != 1 ]; then
                t=()
                for r in $(seq "$runs"); do s=$(now); "$mpirun" "${flags[@]}" -np "$ranks" true; t+=("$(python3 -c "print($(now) - $s)")"); done
                launch=$(min "${t[@]}")
            fi
            loops=() wall=()
            for r in $(seq "$runs"); do
                s=$(now)
                if [ "$ranks" = 1 ]; then
                    RAYON_NUM_THREADS="$threads" "$bin/$name" "${pargs[@]}" >"$bin/$name.$config.out" 2>&1
                else
                    RAYON_NUM_THREADS="$threads" "$mpirun" "${flags[@]}" -np "$ranks" "$bin/$name" "${pargs[@]}" >"$bin/$name.$config.out" 2>&1
                fi
                wall+=("$(python3 -c "print($(now) - $s - $launch)")")
                loops+=("$(grep '^elapsed:' "$bin/$name.$config.out" | tail -1 | cut -d' ' -f2)")
            done
            echo "$name $config $(min "${loops[@]}") $(min "${wall[@]}")"
        done
    done
}

predict() {
    echo "| program | ranks x threads | loop predicted s | loop measured s | ratio | run predicted s | run measured s | ratio |"
    echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
    while read -r name config loop run; do
        entry=""
        for e in "${programs[@]}"; do [ "${e%%:*}" = "$name" ] && entry="$e"; done
        IFS=: read -r _ script args <<<"$entry"
        read -r -a pargs <<<"$args"
        ranks="${config%x*}" threads="${config#*x}"
        "$legatec" --report --report-format json --machine "$machine" --ranks "$ranks" --threads "$threads" --device "${DEVICE:-cpu}" "$script" -- "${pargs[@]}" \
            >"$bin/$name.$config.json" 2>/dev/null
        python3 - "$bin/$name.$config.json" "$name" "$config" "$loop" "$run" "$script" <<'PY'
import json, sys
path, name, config, loop, run, script = sys.argv[1:]
model = json.load(open(path))["model"]
# The timed part: the kernels and communication of the lines between the program's
# `start = time.perf_counter()` and its `elapsed = time.perf_counter() - start` (the calls
# there are inlined at their lines), each as often as the run executes it. (Taking the
# loop of the largest predicted total instead picked set-up loops: the row fills of
# dense_jacobi, logreg and gemm.)
lines = open(script).read().splitlines()
first = next(i for i, l in enumerate(lines, 1) if "perf_counter()" in l and "elapsed" not in l)
last = next(i for i, l in enumerate(lines, 1) if "elapsed" in l and "perf_counter()" in l)
parts = model["kernels"] + model["communication"]
timed = [None if p["count"] is None or p["seconds"] is None else p["count"] * p["seconds"] for p in parts if first < p["line"] < last]
lp = None if any(t is None for t in timed) else sum(timed)
rp = model["predicted_seconds"]
fmt = lambda x: "?" if x is None else f"{x:.4f}"
ratio = lambda p, m: "?" if p is None else f"{p / float(m):.2f}"
print(f"| {name} | {config.replace('x', ' x ')} | {fmt(lp)} | {float(loop):.4f} | {ratio(lp, loop)} | {fmt(rp)} | {float(run):.4f} | {ratio(rp, run)} |")
PY
    done
}

case "$step" in
measure) measure ;;
predict) predict <"${MEASURED:?MEASURED=file of the measure step}" ;;
*) measure >"$bin/measured.txt" && predict <"$bin/measured.txt" ;;
esac
