"""pandas' times for the shapes of keys_bench.rs: merge of shuffled unique int64 keys, groupby-sum over 1000 keys."""

import sys
import time

import numpy as np
import pandas as pd

rows = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000_000
rng = np.random.default_rng(42)
left = pd.DataFrame({"k": rng.permutation(rows).astype(np.int64), "a": np.arange(rows)})
right = pd.DataFrame({"k": rng.permutation(rows).astype(np.int64), "b": np.arange(rows)})
for how in ["inner", "left", "outer"]:
    start = time.perf_counter()
    merged = pd.merge(left, right, on="k", how=how)
    print(f"pandas merge {how} {rows} x {rows}: {time.perf_counter() - start:.3f} s")
frame = pd.DataFrame({"k": rng.integers(0, 1000, rows), "v": rng.random(rows)})
start = time.perf_counter()
sums = frame.groupby("k")["v"].sum()
print(f"pandas groupby {rows} rows, 1000 keys, sum: {time.perf_counter() - start:.3f} s")
