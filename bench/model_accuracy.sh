#!/usr/bin/env bash
# Accuracy of the performance model (issue 16): for each program of bench/ and each
# configuration, the time `legatec --report --machine M` predicts against the time the
# binary takes, in one run on this machine. Two comparisons per run: the timed loop (the
# program's `elapsed:` line against the predicted time of the loop with the largest
# predicted total; for Black-Scholes, which times no loop, the whole run's kernels), and the
# whole run (the process's wall time, from start to exit, against `predicted_seconds`).
# Prints a markdown table with the ratios predicted / measured. Best of RUNS runs.
#
# Usage, from the repository root:
#   MACHINE=vm-2core bench/model_accuracy.sh            # configurations CONFIGS
#
# Environment (defaults in brackets): MACHINE [vm-2core] (a shipped name or a file),
# CONFIGS ["1x1 1x2 2x1"] (RANKSxTHREADS), RUNS [3], LEGATEC [target/release/legatec],
# MPIRUN [mpirun], MPI_FLAGS ["--allow-run-as-root --oversubscribe --bind-to none"],
# BIN [target/model_accuracy] (binaries and outputs), PROGRAMS (name:script:args, see below).
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

machine="${MACHINE:-vm-2core}"
read -r -a configs <<<"${CONFIGS:-1x1 1x2 2x1}"
runs="${RUNS:-3}"
legatec="${LEGATEC:-target/release/legatec}"
mpirun="${MPIRUN:-mpirun}"
read -r -a flags <<<"${MPI_FLAGS:---allow-run-as-root --oversubscribe --bind-to none}"
out="${BIN:-target/model_accuracy}"
mkdir -p "$out"
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1

default_programs=(
    "heat:bench/heat_weak.py:--rows 2048 --cols 2048 --iters 50"
    "jacobi:bench/jacobi.py:--n 2048 --iters 50 --freq 10"
    "cg:bench/cg_weak.py:--rows 1024 --cols 2048 --iters 50"
    "blackscholes:bench/blackscholes.py:"
    "dense_jacobi:bench/dense_jacobi.py:--n 2000 --iters 50"
    "logreg:bench/logreg.py:--n 1000000 --d 32 --iters 20"
    "gemm:bench/gemm.py:--n 1024 --reps 3"
)
if [ -n "${PROGRAMS:-}" ]; then read -r -a programs <<<"$PROGRAMS"; else programs=("${default_programs[@]}"); fi

echo "| program | ranks x threads | loop predicted s | loop measured s | ratio | run predicted s | run measured s | ratio |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
for entry in "${programs[@]}"; do
    IFS=: read -r name script args <<<"$entry"
    read -r -a pargs <<<"$args"
    "$legatec" --target cpu "$script" -o "$out/$name" 2>/dev/null || { echo "| $name | compile failed |"; continue; }
    for config in "${configs[@]}"; do
        ranks="${config%x*}" threads="${config#*x}"
        "$legatec" --report --report-format json --machine "$machine" --ranks "$ranks" --threads "$threads" "$script" -- "${pargs[@]}" \
            >"$out/$name.$config.json" 2>/dev/null
        best_loop="" best_run=""
        for r in $(seq "$runs"); do
            start=$(date +%s.%N)
            if [ "$ranks" = 1 ]; then
                RAYON_NUM_THREADS="$threads" "$out/$name" "${pargs[@]}" >"$out/$name.$config.out" 2>&1
            else
                RAYON_NUM_THREADS="$threads" "$mpirun" "${flags[@]}" -np "$ranks" "$out/$name" "${pargs[@]}" >"$out/$name.$config.out" 2>&1
            fi
            end=$(date +%s.%N)
            loop=$(grep '^elapsed:' "$out/$name.$config.out" | tail -1 | cut -d' ' -f2)
            run=$(python3 -c "print($end - $start)")
            best_loop=$(python3 -c "a='$best_loop'; print(min(float(a), $loop) if a else $loop)")
            best_run=$(python3 -c "a='$best_run'; print(min(float(a), $run) if a else $run)")
        done
        python3 - "$out/$name.$config.json" "$name" "$config" "$best_loop" "$best_run" <<'PY'
import json, sys
path, name, config, loop, run = sys.argv[1:]
model = json.load(open(path))["model"]
loops = [l for l in model["loops"] if l["trips"] is not None and l["seconds_per_iteration"] is not None]
if name == "blackscholes" or not loops:
    # No timed loop: the kernels of the timed region are the whole run's but the set-up's.
    lp = model["predicted_seconds"]
else:
    main = max(loops, key=lambda l: l["trips"] * l["seconds_per_iteration"])
    lp = main["trips"] * main["seconds_per_iteration"]
rp = model["predicted_seconds"]
fmt = lambda x: "?" if x is None else f"{x:.4f}"
ratio = lambda p, m: "?" if p is None else f"{p / float(m):.2f}"
print(f"| {name} | {config.replace('x', ' x ')} | {fmt(lp)} | {float(loop):.4f} | {ratio(lp, loop)} | {fmt(rp)} | {float(run):.4f} | {ratio(rp, run)} |")
PY
    done
done
