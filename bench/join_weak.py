# Benchmark (issue 15): the merge of the seed's join microbenchmark at weak-scaling sizes:
# two frames of --rows rows each (the total over all ranks) with unique int64 keys in
# shuffled order, made by formulas (global row i: left key (i * 2654435761 + 12345) mod n,
# right key (i * 2246822519 + 777) mod n; both primes are coprime to n, so each side's keys
# are a permutation of 0..n-1 and every left row matches exactly one right row), merged on
# the key. Prints the result's size and checksums, then `elapsed: <seconds>` of the merge.
# bench/join_mpi4py.py is the same computation written by hand with mpi4py.
import argparse
import time

import numpy as np
import pandas as pd

parser = argparse.ArgumentParser(description="Weak-scaling join benchmark.")
parser.add_argument("--rows", type=int, default=10000000, help="rows per side, in all")
args = parser.parse_args()

n = args.rows
i = np.arange(n)
left = pd.DataFrame({"key": (i * 2654435761 + 12345) % n, "a": i * 0.5})
right = pd.DataFrame({"key": (i * 2246822519 + 777) % n, "b": i * 2})

start = time.perf_counter()
out = left.merge(right, on="key")
rows = len(out)
elapsed = time.perf_counter() - start

print("rows:", rows, "a: %.1f" % out.a.sum(), "b:", out.b.sum(), "key max:", out.key.max())
print("elapsed:", elapsed)
