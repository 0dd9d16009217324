# Benchmark: an inner merge of two frames of 10^7 rows each on shuffled unique int64 keys
# (issue 14: pandas 4.0-6.4 s, polars one thread 2.5-3.2 s, DuckDB one thread 1.6-3.4 s
# measured on the 2-core VM). Prints the result's size and checksums, then
# `elapsed: <seconds>` of the merge alone: the best of --repeat merges in this process,
# as bench/duckdb_merge.py measures DuckDB's join (the first pays for fresh memory).
import argparse
import time

import numpy as np
import pandas as pd



def timed_merge(left, right):
    """One merge, timed; its result's size and checksums (the result is freed on return)."""
    start = time.perf_counter()
    out = left.merge(right, on="key")
    rows = len(out)
    elapsed = time.perf_counter() - start
    return elapsed, rows, out.a.sum(), out.b.sum(), out.key.max()


parser = argparse.ArgumentParser(description="Merge benchmark.")
parser.add_argument("--rows", type=int, default=10000000)
parser.add_argument("--repeat", type=int, default=3)
args = parser.parse_args()

n = args.rows
rng = np.random.default_rng(42)
left = pd.DataFrame({"key": np.argsort(rng.random(n)), "a": np.arange(n) * 0.5})
right = pd.DataFrame({"key": np.argsort(rng.random(n)), "b": np.arange(n) * 2})

best = 0.0
rows = 0
a = 0.0
b = 0
key_max = 0
for r in range(args.repeat):
    elapsed, rows, a, b, key_max = timed_merge(left, right)
    if r == 0 or elapsed < best:
        best = elapsed

print("rows:", rows, "a:", a, "b:", b, "key max:", key_max)
print("elapsed:", best)
