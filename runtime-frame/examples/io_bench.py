"""Times pandas' read_csv on the file io_bench.rs wrote: python3 io_bench.py PATH (best of three)."""

import sys
import time

import pandas as pd

path = sys.argv[1]
best = float("inf")
for _ in range(3):
    start = time.perf_counter()
    df = pd.read_csv(path, dtype={"id": "int64", "x": "float64", "y": "float64", "name": "str", "flag": "bool"})
    best = min(best, time.perf_counter() - start)
print(f"pandas read_csv {len(df)} rows x {len(df.columns)} columns: {best:.3f} s")
