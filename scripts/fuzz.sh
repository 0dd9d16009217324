#!/usr/bin/env bash
# The differential mutation fuzzer: mutates the differential cases, examples and report
# programs, compiles each mutant with legatec, runs what compiles under CPython + NumPy and as
# a binary, and reports compiler crashes and hangs, binary hangs and output differences, each
# minimised to a small reproducer under --out (default target/fuzz).
#
#   scripts/fuzz.sh [--seconds N] [--seed S] [--ranks 1,3] [--jobs J] [--out DIR]
#                   [--mutants N] [--cases TEXT] [--minimise-seconds N] [--show N]
#
# Builds legatec, its runtime library and the fuzzer in release mode first (not setup.sh: run
# that once on a fresh machine). Exit status 0 without findings, 1 with, 2 when the fuzzer
# cannot run. `--help` lists every option.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
cargo build --release -p cli -p runtime-lib -p testsuite >&2
exec target/release/fuzz "$@"
