#!/usr/bin/env bash
# Sets up the machine (scripts/setup.sh) and runs every test of the workspace:
# unit tests, the differential cases against CPython + NumPy, the goldens and the crate graph;
# the differential cases again with the development backend (`--backend cranelift`); then
# about two minutes of the differential fuzzer with a fixed seed (fails on any finding).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
scripts/setup.sh
cargo test --release --workspace
LEGATEC_FLAGS="--backend cranelift" cargo test --release -p testsuite --test differential
scripts/fuzz.sh --mutants 150 --seed 1 --jobs 2
