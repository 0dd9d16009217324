#!/usr/bin/env bash
# Sets up the machine (scripts/setup.sh) and runs every test of the workspace:
# unit tests, the differential cases against CPython + NumPy, the goldens and the crate graph.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
scripts/setup.sh
cargo test --release --workspace
