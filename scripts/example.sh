#!/usr/bin/env bash
# Sets up the machine, compiles examples/heat.py with legatec, runs the binary, and runs
# the same script under CPython + NumPy for comparison.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
scripts/setup.sh
target/release/legatec examples/heat.py -o target/heat
echo "== legatec binary (target/heat)"
target/heat
echo "== python3 examples/heat.py"
python3 examples/heat.py
