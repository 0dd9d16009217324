# Benchmark: an inner merge of two frames of 10^7 rows each on shuffled unique int64 keys
# (issue 14: pandas 4.0-6.4 s, polars one thread 2.5-3.2 s, DuckDB one thread 1.6-3.4 s
# measured on the 2-core VM). Prints the result's size and checksums, then
# `elapsed: <seconds>` of the merge alone.
import argparse
import time

import numpy as np
import pandas as pd

parser = argparse.ArgumentParser(description="Merge benchmark.")
parser.add_argument("--rows", type=int, default=10000000)
args = parser.parse_args()

n = args.rows
rng = np.random.default_rng(42)
left = pd.DataFrame({"key": np.argsort(rng.random(n)), "a": np.arange(n) * 0.5})
right = pd.DataFrame({"key": np.argsort(rng.random(n)), "b": np.arange(n) * 2})

start = time.perf_counter()
out = left.merge(right, on="key")
rows = len(out)
elapsed = time.perf_counter() - start

print("rows:", rows, "a:", out.a.sum(), "b:", out.b.sum(), "key max:", out.key.max())
print("elapsed:", elapsed)
