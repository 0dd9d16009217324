#!/usr/bin/env bash
# The GPU differential run: every differential case (testsuite/cases, examples,
# testsuite/reports) compiled with `--target gpu`, run on the GPU at 1 and 2
# ranks and compared with NumPy by the same harness as the CPU suite
# (testsuite/tests/differential.rs). Two steps, because the GPU machine has no
# Rust or LLVM:
#
#   testsuite/gpu.sh build   # here: compiles the cases and the harness into .carry/gpu.tar.xz
#                            # (LEGATEC_CASES=a,b: only the cases whose names contain a or b;
#                            # pass the same LEGATEC_CASES to `run`; LEGATEC_FLAGS: more
#                            # compiler options, e.g. `--backend cranelift`)
#   testsuite/gpu.sh run     # there, e.g. through the device tool with carry [".carry"]
#
# The executables share the runtime, so the archive compresses them well
# (the device tool carries at most 64 MiB).
#
# `run` sets LEGATEC_DEVICE=gpu, so an executable that finds no GPU fails
# instead of falling back to the CPU; LEGATEC_RANKS overrides the rank counts.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=.carry/gpu

case "${1:-}" in
build)
    cargo build --release -p cli -p runtime-lib
    rm -rf "$OUT"
    mkdir -p "$OUT/cases"
    for f in testsuite/cases/*.py examples/*.py examples/polybench/*.py examples/pandas/*.py testsuite/reports/*.py; do
        # LEGATEC_CASES (substrings of file names, separated by commas) builds those only.
        if [[ -n "${LEGATEC_CASES:-}" ]]; then
            name=$(basename "$f")
            IFS=, read -ra parts <<< "$LEGATEC_CASES"
            keep=0
            for part in "${parts[@]}"; do [[ -n "$part" && "$name" == *"$part"* ]] && keep=1; done
            ((keep)) || continue
        fi
        mkdir -p "$OUT/cases/$(dirname "$f")"
        # shellcheck disable=SC2086
        ./target/release/legatec ${LEGATEC_FLAGS:-} --target gpu --target-cpu x86-64-v3 "$f" -o "$OUT/cases/$f"
    done
    harness=$(cargo test --release -p testsuite --test differential --no-run --message-format=json 2>/dev/null |
        python3 -c 'import json,sys
for line in sys.stdin:
    m = json.loads(line)
    if m.get("executable") and m.get("target", {}).get("name") == "differential":
        print(m["executable"])')
    cp "$harness" "$OUT/differential"
    find "$OUT" -type f -perm -u+x -exec strip {} +
    XZ_OPT="--lzma2=preset=6,dict=512MiB" tar -C .carry -cJf .carry/gpu.tar.xz gpu
    rm -rf "$OUT"
    echo "built $(tar -tJf .carry/gpu.tar.xz | grep -c '\.py$') cases into .carry/gpu.tar.xz ($(du -h .carry/gpu.tar.xz | cut -f1))"
    ;;
run)
    rm -rf "$OUT"
    tar -C .carry -xJf .carry/gpu.tar.xz
    export LEGATEC_PREBUILT="$PWD/$OUT/cases" LEGATEC_TESTSUITE_DIR="$PWD/testsuite" LEGATEC=/bin/true
    export LEGATEC_DEVICE=gpu LEGATEC_RANKS="${LEGATEC_RANKS:-1,2}"
    # Scratch directories where executables may run (/tmp may be mounted noexec).
    mkdir -p "$PWD/.carry/tmp"
    export TMPDIR="$PWD/.carry/tmp"
    export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMPI_MCA_btl_vader_single_copy_mechanism=none
    nvidia-smi -L || true
    echo "GPU differential run at ranks $LEGATEC_RANKS"
    status=0
    "$OUT/differential" --test-threads 1 || status=$?
    # Proof that kernels ran on the device: the runtime's own counters for two programs.
    for f in examples/heat.py testsuite/reports/cg_laplace.py testsuite/reports/gradient_products.py; do
        (cd /tmp && LEGATEC_GPU_STATS=1 "$OLDPWD/$OUT/cases/$f" > /dev/null) 2>&1 | grep "legatec gpu" || true
    done
    exit $status
    ;;
*)
    echo "usage: $0 build|run" >&2
    exit 2
    ;;
esac
