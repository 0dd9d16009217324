#!/usr/bin/env bash
# The run-time profile on a GPU (issue 16): device seconds per statement from CUDA events
# (`gpu s`, JSON `gpu_seconds`), and what profiling costs. Two steps:
#   STEP=build bench/gpu_profile.sh          # here (legatec): binaries with the h200 GPU
#                                            # prediction embedded, into $BIN (.carry/prof)
#   STEP=run OUT=dir bench/gpu_profile.sh    # on the GPU machine: each program 3 times
#                                            # without and 3 with LEGATEC_PROFILE=dir/NAME.json,
#                                            # then the text table (LEGATEC_PROFILE=1)
# then, here: legatec --report --machine h200 --device gpu --profile dir/NAME.json
#   bench/X.py -- ARGS (add --report-format html -o NAME.html for the page).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
BIN="${BIN:-.carry/prof}"
programs=(
    "jacobi:bench/jacobi.py:--n 16384 --iters 500 --freq 100"
    "heat:bench/heat_weak.py:--rows 8192 --cols 8192 --iters 200"
    "bs32:bench/blackscholes_f32.py:--n 200000000 --reps 10"
)
case "${STEP:-}" in
build)
    mkdir -p "$BIN"
    for entry in "${programs[@]}"; do
        IFS=: read -r name script args <<<"$entry"
        read -r -a pargs <<<"$args"
        target/release/legatec "$script" --target gpu --machine h200 --device gpu -o "$BIN/$name" -- "${pargs[@]}"
    done
    ;;
run)
    out="${OUT:?OUT=dir for the JSON profiles}"
    mkdir -p "$out"
    export LEGATEC_DEVICE=gpu
    nvidia-smi -L
    for entry in "${programs[@]}"; do
        IFS=: read -r name script args <<<"$entry"
        read -r -a pargs <<<"$args"
        echo "== $name $args"
        for _ in 1 2 3; do echo "$("$BIN/$name" "${pargs[@]}" | grep -E '^(elapsed|gpts)' | tr '\n' ' ') (no profile)"; done
        for _ in 1 2 3; do echo "$(LEGATEC_PROFILE="$out/$name.json" "$BIN/$name" "${pargs[@]}" | grep -E '^(elapsed|gpts)' | tr '\n' ' ') (LEGATEC_PROFILE=json)"; done
        LEGATEC_PROFILE=1 "$BIN/$name" "${pargs[@]}" 2>&1 >/dev/null | head -30
    done
    ;;
*)
    echo "usage: STEP=build|run bench/gpu_profile.sh (see the header)" >&2
    exit 2
    ;;
esac
