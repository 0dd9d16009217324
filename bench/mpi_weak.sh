#!/usr/bin/env bash
# Weak-scaling benchmark under MPI (issue 4): legatec's SPMD binaries of bench/heat_weak.py,
# bench/cg_weak.py and bench/dense_jacobi.py against hand-written mpi4py versions (the heat
# stencil bench/heat_weak_mpi4py.py, the dense Jacobi solver bench/dense_jacobi_mpi4py.py),
# one single-threaded rank per core, for P = 1 2 4 8 16 ranks with a fixed amount of data
# per rank (stencil and CG: global rows = ROWS_PER_RANK * P; dense Jacobi: N grows as
# sqrt(P), so every rank holds the same N^2 / P block of the matrix).
#
# Phases (WHAT, default "check heat cg jacobi"):
#   check  small uneven sizes (rows = 37 P + 3, so the rows do not split evenly), every P:
#          legatec heat/CG/dense Jacobi and mpi4py heat/dense Jacobi against
#          single-process NumPy, relative 1e-9.
#   heat   best of RUNS runs of legatec and of mpi4py at each P; their results must agree
#          (every line but `elapsed:`, numbers within relative 1e-9).
#   cg     best of RUNS runs of legatec's CG at each P.
#   jacobi best of RUNS runs of legatec and of mpi4py dense Jacobi at each P, N =
#          JACOBI_N0 * sqrt(P) rounded to a multiple of 8; results must agree as for heat.
#          Both run under bench/maxrss.py, which reports every rank's peak resident memory
#          (the table shows the largest rank's, next to the ideal N^2 * 8 / P bytes of R).
# Then markdown tables: time, weak-scaling efficiency (t at the first P / t at P, 1.00 is
# perfect), and legatec's speedup over mpi4py. Exit status 1 if any result differed.
#
# Usage, from the repository root of the benchmark machine (no Rust needed there; the
# binaries are compiled elsewhere with `legatec bench/heat_weak.py -o BIN/heat_weak`,
# `legatec bench/cg_weak.py -o BIN/cg_weak` and `legatec bench/dense_jacobi.py -o
# BIN/dense_jacobi`; only those of the phases in WHAT are needed: check needs heat_weak and
# cg_weak (and checks dense_jacobi too when the jacobi phase runs), heat heat_weak, cg
# cg_weak, jacobi dense_jacobi):
#
#   bench/mpi_weak.sh
#   BIN=path/to/bins PS="1 2 4" RUNS=1 WHAT="check heat" bench/mpi_weak.sh
#   BIN=path/to/bins PS="1 2 4" JACOBI_N0=4096 WHAT=jacobi bench/mpi_weak.sh
#
# Environment (defaults in brackets):
#   BIN [.carry/bin]          folder holding the executables heat_weak, cg_weak, dense_jacobi
#   PS ["1 2 4 8 16"]         rank counts; the efficiency is relative to the first one
#   RUNS [3]                  runs per measurement, the best is reported
#   ROWS_PER_RANK [1024] COLS [4096] ITERS [100]            heat stencil sizes
#   CG_ROWS_PER_RANK [1024] CG_COLS [4096] CG_ITERS [100]   CG sizes
#   JACOBI_N0 [8192] JACOBI_ITERS [50]   dense Jacobi: N at P = 1 (N^2 * 8 bytes = 512 MiB
#                             per rank with the default) and iterations
#   WHAT ["check heat cg jacobi"]   phases to run
#   OUTDIR [$OUT/mpi_weak if $OUT is set, else target/mpi_weak]   outputs of every run
#   MPIRUN [mpirun]  MPI_FLAGS ["--allow-run-as-root --oversubscribe --bind-to core"; with
#                             "--bind-to none" instead when the largest P exceeds the cores
#                             this process may use (a test on a small machine: Open MPI
#                             refuses to bind more ranks than cores, and the times of
#                             oversubscribed cores mean little)]
#   PYTHON [python3]          the Python with NumPy and mpi4py
#   MPI4PY_FLAGS []           extra flags of bench/heat_weak_mpi4py.py (bench/gpu_weak.sh
#                             passes --gpu for the mpi4py + CuPy baseline); not passed to
#                             bench/dense_jacobi_mpi4py.py, which runs on the CPU only
#   RUN_TIMEOUT [300]         seconds before one mpirun is killed (a hang costs no more)
#
# Duration with the defaults, estimated, not yet measured: about 5 minutes on 16 cores for
# check, heat and cg (the mpi4py heat runs dominate: about 5 s at P = 1 on the 2-core
# development VM, more at P = 16 when the ranks share the memory bandwidth), and about 5
# more for jacobi (30 runs, each building its N^2 / P block of the matrix before the timed
# loop; at P = 1 on the 2-core VM one run took 11 s of wall time for legatec, 2.8 s of
# them the loop, and 5 s for mpi4py, 2.5 s the loop; at P = 16, N = 32768, the whole
# matrix is 8 GiB, and legatec's peak memory per rank was 4 times the ideal 512 MiB on the
# VM, so the machine needs some 40 GiB free). Where one command may run 10 minutes at
# most, split it: WHAT="check heat", then WHAT=cg, then WHAT=jacobi, or RUNS=2.
set -euo pipefail

caller_dir=$PWD
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

bin="${BIN:-.carry/bin}"
[[ "$bin" == /* ]] || bin="$caller_dir/$bin"
read -r -a ps <<<"${PS:-1 2 4 8 16}"
((${#ps[@]} > 0)) || { echo "mpi_weak.sh: error: PS is empty" >&2; exit 1; }
runs="${RUNS:-3}"
rows_per_rank="${ROWS_PER_RANK:-1024}"
cols="${COLS:-4096}"
iters="${ITERS:-100}"
cg_rows_per_rank="${CG_ROWS_PER_RANK:-1024}"
cg_cols="${CG_COLS:-4096}"
cg_iters="${CG_ITERS:-100}"
jacobi_n0="${JACOBI_N0:-8192}"
jacobi_iters="${JACOBI_ITERS:-50}"
what=" ${WHAT:-check heat cg jacobi} "
mpirun_cmd="${MPIRUN:-mpirun}"
read -r -a mpi_flags <<<"${MPI_FLAGS:---allow-run-as-root --oversubscribe --bind-to core}"
python="${PYTHON:-python3}"
read -r -a mpi4py_flags <<<"${MPI4PY_FLAGS:-}"
run_timeout="${RUN_TIMEOUT:-300}"
if [[ -n "${OUTDIR:-}" ]]; then
    out="$OUTDIR"
elif [[ -n "${OUT:-}" ]]; then
    out="$OUT/mpi_weak"
else
    out=target/mpi_weak
fi

# One thread per rank everywhere.
export OMP_NUM_THREADS=1 RAYON_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
# Open MPI's shared-memory transport copies large messages with CMA (process_vm_readv),
# which containers often forbid; copying through the shared segment works everywhere and
# costs nothing measurable here (one 32 KB row each way per iteration). Both sides alike.
export OMPI_MCA_btl_vader_single_copy_mechanism="${OMPI_MCA_btl_vader_single_copy_mechanism:-none}"

fail() {
    echo "mpi_weak.sh: error: $*" >&2
    exit 1
}

# --- checks before spending any time -------------------------------------------------
for phase in $what; do
    [[ " check heat cg jacobi " == *" $phase "* ]] ||
        fail "WHAT holds '$phase', not one of the phases check heat cg jacobi"
done
# The binaries of the phases asked for: check runs all three.
needed=()
[[ "$what" == *" check "* || "$what" == *" heat "* ]] && needed+=(heat_weak)
[[ "$what" == *" check "* || "$what" == *" cg "* ]] && needed+=(cg_weak)
[[ "$what" == *" jacobi "* ]] && needed+=(dense_jacobi)
for name in "${needed[@]}"; do
    path="$bin/$name"
    if [[ ! -e "$path" ]]; then
        fail "$path is missing: compile it with \`legatec bench/$name.py -o $path\` and set BIN to its folder"
    fi
    [[ -x "$path" ]] || fail "$path is not executable"
    if missing=$(ldd "$path" 2>/dev/null | grep "not found"); then
        fail "$path needs shared libraries this machine lacks:"$'\n'"$missing"
    fi
done
command -v "$mpirun_cmd" >/dev/null || fail "no $mpirun_cmd on PATH"
command -v timeout >/dev/null || fail "no timeout (coreutils) on PATH"
"$python" -c "import numpy, mpi4py" 2>/dev/null ||
    fail "$python cannot import numpy and mpi4py (pip install numpy mpi4py)"
for p in "${ps[@]}"; do
    [[ "$p" =~ ^[1-9][0-9]*$ ]] || fail "PS holds '$p', not a positive rank count"
done
for v in RUNS:"$runs" JACOBI_N0:"$jacobi_n0" JACOBI_ITERS:"$jacobi_iters"; do
    [[ "${v#*:}" =~ ^[1-9][0-9]*$ ]] || fail "${v%%:*} is '${v#*:}', not a positive integer"
done
# Physical cores among the CPUs this process may run on (Open MPI binds to cores).
cores=$("$python" - <<'PY'
import os
cores = set()
for cpu in os.sched_getaffinity(0):
    topology = f"/sys/devices/system/cpu/cpu{cpu}/topology/"
    try:
        with open(topology + "physical_package_id") as package, open(topology + "core_id") as core:
            cores.add((package.read().strip(), core.read().strip()))
    except OSError:
        cores.add(("cpu", cpu))
print(len(cores))
PY
)
max_p=$(printf '%s\n' "${ps[@]}" | sort -n | tail -1)
if [[ -z "${MPI_FLAGS:-}" ]] && ((max_p > cores)); then
    mpi_flags=(--allow-run-as-root --oversubscribe --bind-to none)
    echo "mpi_weak.sh: warning: P = $max_p exceeds the $cores cores: ranks not bound to cores," \
        "and the times of oversubscribed runs mean little" >&2
fi
mkdir -p "$out"

# --- the machine ---------------------------------------------------------------------
echo "## Machine"
echo
echo '```'
echo "nproc: $(env -u OMP_NUM_THREADS -u OMP_THREAD_LIMIT nproc)"  # nproc obeys OMP_NUM_THREADS=1
{ lscpu 2>/dev/null || echo "(no lscpu)"; } | head -20 || true
echo
{ "$mpirun_cmd" --version 2>&1 || true; } | head -1 || true
"$python" -c 'import sys, numpy, mpi4py; print("python", sys.version.split()[0], "numpy", numpy.__version__, "mpi4py", mpi4py.__version__)'
echo "mpirun flags: ${mpi_flags[*]}"
echo "BIN: $bin"
echo '```'
echo

# --- helpers --------------------------------------------------------------------------
# run NAME P ARGS...: runs ARGS under mpirun with P ranks, stdout to $out/NAME, stderr to
# $out/NAME.err; stops the whole benchmark with the error output if it fails.
run() {
    local name=$1 p=$2
    shift 2
    local status=0
    timeout --kill-after=10 "$run_timeout" \
        "$mpirun_cmd" "${mpi_flags[@]}" -np "$p" "$@" </dev/null >"$out/$name" 2>"$out/$name.err" || status=$?
    if ((status != 0)); then
        echo "mpi_weak.sh: error: $name failed (exit status $status$( ((status == 124)) && echo ", killed after $run_timeout s")):" >&2
        echo "  $mpirun_cmd ${mpi_flags[*]} -np $p $*" >&2
        tail -n 30 "$out/$name.err" "$out/$name" >&2
        exit 1
    fi
}

# Prints the `elapsed:` value of the last line of one output file.
elapsed_of() {
    "$python" - "$1" <<'PY'
import sys
lines = open(sys.argv[1]).read().splitlines()
if not lines or not lines[-1].startswith("elapsed:"):
    sys.exit(f"{sys.argv[1]}: the last line is not `elapsed: <seconds>`")
print(f"{float(lines[-1].split(':', 1)[1]):.4f}")
PY
}

# Prints the smallest `elapsed:` value among the files given.
best_elapsed() {
    local best="" value f
    for f in "$@"; do
        value=$(elapsed_of "$f")
        if [[ -z "$best" ]] || "$python" -c "import sys; sys.exit(not $value < $best)"; then
            best=$value
        fi
    done
    echo "$best"
}

# same_results EXPECTED ACTUAL: the two outputs without their `elapsed:` lines agree, text
# exactly and numbers within relative 1e-9; otherwise says where on stderr and fails.
same_results() {
    "$python" - "$1" "$2" <<'PY'
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
where = f"{sys.argv[1]} and {sys.argv[2]}"
if not expected:
    sys.exit(f"{sys.argv[1]} holds no result")
if len(expected) != len(actual):
    sys.exit(f"{where} differ in length: {len(expected)} and {len(actual)} tokens")
for e, a in zip(expected, actual):
    x, y = number(e), number(a)
    if x is None or y is None:
        if e != a:
            sys.exit(f"{where} differ: {e!r} and {a!r}")
    elif not (x == y or abs(x - y) <= 1e-9 * max(abs(x), abs(y))):
        sys.exit(f"{where}: results differ beyond relative 1e-9: {e} and {a}")
PY
}

# Prints the largest `maxrss_per_rank_mib:` value (bench/maxrss.py, one line per rank) in
# the files given, or ? if none holds one.
max_rss_of() {
    "$python" - "$@" <<'PY'
import re, sys
values = []
for path in sys.argv[1:]:
    values += map(float, re.findall(r"maxrss_per_rank_mib: *([0-9.]+)\n", open(path).read()))
print(f"{max(values):.1f}" if values else "?")
PY
}

ratio() { # ratio A B: A / B with two decimals
    "$python" -c "print(f'{$1 / $2:.2f}' if $2 > 0 else 'n/a')"
}

status=0
mismatch() { # marks the run as failed; the tables still get printed
    status=1
    echo "mpi_weak.sh: results differ: $*" >&2
}

# --- check: small uneven grids against single-process NumPy ---------------------------
check_rows=()
if [[ "$what" == *" check "* ]]; then
    echo "== check: small uneven grids against NumPy" >&2
    for p in "${ps[@]}"; do
        r=$((37 * p + 3)) c=50 i=30
        args=(--rows "$r" --cols "$c" --iters "$i")
        jargs=(--n "$r" --iters "$i")
        "$python" bench/heat_weak.py "${args[@]}" >"$out/check.heat.numpy.P$p"
        "$python" bench/cg_weak.py "${args[@]}" >"$out/check.cg.numpy.P$p"
        run "check.heat.legatec.P$p" "$p" "$bin/heat_weak" "${args[@]}"
        run "check.heat.mpi4py.P$p" "$p" "$python" bench/heat_weak_mpi4py.py "${args[@]}" "${mpi4py_flags[@]}"
        run "check.cg.legatec.P$p" "$p" "$bin/cg_weak" "${args[@]}"
        checked=(heat.legatec heat.mpi4py cg.legatec)
        # The dense Jacobi solver is checked when its phase runs too.
        if [[ "$what" == *" jacobi "* ]]; then
            "$python" bench/dense_jacobi.py "${jargs[@]}" >"$out/check.jacobi.numpy.P$p"
            run "check.jacobi.legatec.P$p" "$p" "$bin/dense_jacobi" "${jargs[@]}"
            run "check.jacobi.mpi4py.P$p" "$p" "$python" bench/dense_jacobi_mpi4py.py "${jargs[@]}"
            checked+=(jacobi.legatec jacobi.mpi4py)
        fi
        verdict=ok
        for case in "${checked[@]}"; do
            kind=${case%%.*}
            if ! same_results "$out/check.$kind.numpy.P$p" "$out/check.$case.P$p"; then
                mismatch "check, $case, P = $p"
                verdict="DIFFERS"
            fi
        done
        check_rows+=("| $p | $r x $c, $i iterations | n = $r, $i iterations | $verdict |")
    done
fi

# --- heat: legatec and mpi4py ----------------------------------------------------------
heat_rows=()
if [[ "$what" == *" heat "* ]]; then
    t1_legatec="" t1_mpi4py=""
    for p in "${ps[@]}"; do
        r=$((rows_per_rank * p))
        args=(--rows "$r" --cols "$cols" --iters "$iters")
        legatec_files=() mpi4py_files=() check=""
        for k in $(seq 1 "$runs"); do
            run "heat.legatec.P$p.$k" "$p" "$bin/heat_weak" "${args[@]}"
            run "heat.mpi4py.P$p.$k" "$p" "$python" bench/heat_weak_mpi4py.py "${args[@]}" "${mpi4py_flags[@]}"
            legatec_files+=("$out/heat.legatec.P$p.$k")
            mpi4py_files+=("$out/heat.mpi4py.P$p.$k")
            echo "== heat P=$p run $k/$runs: legatec $(elapsed_of "$out/heat.legatec.P$p.$k") s," \
                "mpi4py $(elapsed_of "$out/heat.mpi4py.P$p.$k") s" >&2
            if ! same_results "$out/heat.mpi4py.P$p.$k" "$out/heat.legatec.P$p.$k"; then
                mismatch "heat, P = $p, run $k"
                check=" (results differ!)"
            fi
        done
        legatec_s=$(best_elapsed "${legatec_files[@]}")
        mpi4py_s=$(best_elapsed "${mpi4py_files[@]}")
        t1_legatec=${t1_legatec:-$legatec_s}
        t1_mpi4py=${t1_mpi4py:-$mpi4py_s}
        heat_rows+=("| $p$check | $r x $cols | $legatec_s | $(ratio "$t1_legatec" "$legatec_s") | $mpi4py_s | $(ratio "$t1_mpi4py" "$mpi4py_s") | $(ratio "$mpi4py_s" "$legatec_s")x |")
    done
fi

# --- cg: legatec -----------------------------------------------------------------------
cg_rows=()
if [[ "$what" == *" cg "* ]]; then
    t1_cg=""
    for p in "${ps[@]}"; do
        r=$((cg_rows_per_rank * p))
        args=(--rows "$r" --cols "$cg_cols" --iters "$cg_iters")
        files=()
        for k in $(seq 1 "$runs"); do
            run "cg.legatec.P$p.$k" "$p" "$bin/cg_weak" "${args[@]}"
            files+=("$out/cg.legatec.P$p.$k")
            echo "== cg P=$p run $k/$runs: legatec $(elapsed_of "$out/cg.legatec.P$p.$k") s" >&2
            if ((k > 1)) && ! same_results "$out/cg.legatec.P$p.1" "$out/cg.legatec.P$p.$k"; then
                mismatch "cg, P = $p, run $k against run 1"
            fi
        done
        cg_s=$(best_elapsed "${files[@]}")
        t1_cg=${t1_cg:-$cg_s}
        res=$(grep -m1 '^res:' "$out/cg.legatec.P$p.1" | cut -d' ' -f2 || true)
        cg_rows+=("| $p | $r x $cg_cols | $cg_s | $(ratio "$t1_cg" "$cg_s") | ${res:-?} |")
    done
fi

# --- jacobi: legatec and mpi4py dense Jacobi, N = JACOBI_N0 sqrt(P) --------------------
jacobi_rows=()
if [[ "$what" == *" jacobi "* ]]; then
    t1_legatec="" t1_mpi4py=""
    for p in "${ps[@]}"; do
        # N^2 / P stays JACOBI_N0^2: N = JACOBI_N0 sqrt(P), rounded to a multiple of 8.
        n=$("$python" -c "import math; print(max(8, round($jacobi_n0 * math.sqrt($p) / 8) * 8))")
        ((n >= p)) || fail "jacobi: N = $n is smaller than P = $p; raise JACOBI_N0"
        args=(--n "$n" --iters "$jacobi_iters")
        legatec_files=() mpi4py_files=() check=""
        for k in $(seq 1 "$runs"); do
            # Both under the same peak-memory wrapper (one line per rank on stderr).
            run "jacobi.legatec.P$p.$k" "$p" "$python" bench/maxrss.py "$bin/dense_jacobi" "${args[@]}"
            run "jacobi.mpi4py.P$p.$k" "$p" "$python" bench/maxrss.py "$python" bench/dense_jacobi_mpi4py.py "${args[@]}"
            legatec_files+=("$out/jacobi.legatec.P$p.$k")
            mpi4py_files+=("$out/jacobi.mpi4py.P$p.$k")
            echo "== jacobi P=$p N=$n run $k/$runs: legatec $(elapsed_of "$out/jacobi.legatec.P$p.$k") s" \
                "$(max_rss_of "$out/jacobi.legatec.P$p.$k.err") MiB/rank," \
                "mpi4py $(elapsed_of "$out/jacobi.mpi4py.P$p.$k") s" \
                "$(max_rss_of "$out/jacobi.mpi4py.P$p.$k.err") MiB/rank" >&2
            if ! same_results "$out/jacobi.mpi4py.P$p.$k" "$out/jacobi.legatec.P$p.$k"; then
                mismatch "jacobi, P = $p, run $k"
                check=" (results differ!)"
            fi
        done
        legatec_s=$(best_elapsed "${legatec_files[@]}")
        mpi4py_s=$(best_elapsed "${mpi4py_files[@]}")
        t1_legatec=${t1_legatec:-$legatec_s}
        t1_mpi4py=${t1_mpi4py:-$mpi4py_s}
        legatec_mib=$(max_rss_of "${legatec_files[@]/%/.err}")
        mpi4py_mib=$(max_rss_of "${mpi4py_files[@]/%/.err}")
        ideal_mib=$("$python" -c "print(f'{$n * $n * 8 / $p / 2**20:.1f}')")
        jacobi_rows+=("| $p$check | $n | $legatec_s | $(ratio "$t1_legatec" "$legatec_s") | $mpi4py_s | $(ratio "$t1_mpi4py" "$mpi4py_s") | $(ratio "$mpi4py_s" "$legatec_s")x | $legatec_mib | $mpi4py_mib | $ideal_mib |")
    done
fi

# --- tables ----------------------------------------------------------------------------
{
    echo "## Weak scaling, one single-threaded rank per core, best of $runs runs"
    echo
    echo "Efficiency: time at P = ${ps[0]} / time at P (1.00 is perfect weak scaling)."
    if ((${#check_rows[@]} > 0)); then
        echo
        echo "Check against single-process NumPy (heat: legatec and mpi4py; CG: legatec;"
        echo "dense Jacobi: legatec and mpi4py):"
        echo
        echo "| P | heat and CG grid | dense Jacobi | results |"
        echo "| ---: | --- | --- | --- |"
        printf '%s\n' "${check_rows[@]}"
    fi
    if ((${#heat_rows[@]} > 0)); then
        echo
        echo "Heat stencil (\`bench/heat_weak.py\`; mpi4py: \`bench/heat_weak_mpi4py.py ${MPI4PY_FLAGS:-}\`),"
        echo "$rows_per_rank x $cols interior points per rank, $iters iterations:"
        echo
        echo "| P | global grid | legatec s | efficiency | mpi4py s | mpi4py efficiency | legatec speedup over mpi4py |"
        echo "| ---: | --- | ---: | ---: | ---: | ---: | ---: |"
        printf '%s\n' "${heat_rows[@]}"
    fi
    if ((${#cg_rows[@]} > 0)); then
        echo
        echo "Conjugate gradient, 2-D Poisson (\`bench/cg_weak.py\`),"
        echo "$cg_rows_per_rank x $cg_cols interior points per rank, $cg_iters iterations:"
        echo
        echo "| P | global grid | legatec s | efficiency | residual norm |"
        echo "| ---: | --- | ---: | ---: | ---: |"
        printf '%s\n' "${cg_rows[@]}"
    fi
    if ((${#jacobi_rows[@]} > 0)); then
        echo
        echo "Dense Jacobi solver (\`bench/dense_jacobi.py\`; mpi4py: \`bench/dense_jacobi_mpi4py.py\`),"
        echo "N = $jacobi_n0 sqrt(P) rounded to a multiple of 8 (N^2 / P = $jacobi_n0^2 matrix entries per"
        echo "rank), $jacobi_iters iterations. Memory: the largest rank's peak resident memory in MiB"
        echo "(bench/maxrss.py, the most of all runs), against the ideal N^2 * 8 / P bytes of its block of R:"
        echo
        echo "| P | N | legatec s | efficiency | mpi4py s | mpi4py efficiency | legatec speedup over mpi4py | legatec MiB/rank | mpi4py MiB/rank | ideal N^2*8/P MiB |"
        echo "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
        printf '%s\n' "${jacobi_rows[@]}"
    fi
} | tee "$out/table.md"
echo >&2
echo "outputs of every run: $out" >&2
exit "$status"
