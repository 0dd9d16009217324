# Runs a NumPy script on the GPU with CuPy, unchanged but for its import: the script's
# `import numpy as np` is read as `import cupy as np` (aliasing the module globally would
# also hand CuPy to the libraries CuPy itself imports).
# Usage: python3 bench/cupy_run.py SCRIPT [ARGS...]
import sys

script = sys.argv[1]
sys.argv = sys.argv[1:]
with open(script) as f:
    source = f.read()
if "import numpy as np" not in source:
    raise SystemExit(f"{script} does not `import numpy as np`")
source = source.replace("import numpy as np", "import cupy as np", 1)
exec(compile(source, script, "exec"), {"__name__": "__main__", "__file__": script})
