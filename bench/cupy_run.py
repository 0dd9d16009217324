# Runs a NumPy script on the GPU with CuPy, unchanged: `import numpy` gets CuPy.
# Usage: python3 bench/cupy_run.py SCRIPT [ARGS...]
import runpy
import sys

import cupy

sys.modules["numpy"] = cupy
script = sys.argv[1]
sys.argv = sys.argv[1:]
runpy.run_path(script, run_name="__main__")
