# Benchmark: a groupby-sum over 10^7 rows with 10^3 keys (issue 14). Prints the groups'
# checksums, then `elapsed: <seconds>` of the groupby alone.
import argparse
import time

import numpy as np
import pandas as pd

parser = argparse.ArgumentParser(description="Groupby benchmark.")
parser.add_argument("--rows", type=int, default=10000000)
parser.add_argument("--keys", type=int, default=1000)
args = parser.parse_args()

rng = np.random.default_rng(7)
df = pd.DataFrame({"k": rng.integers(0, args.keys, size=args.rows), "v": rng.random(args.rows), "w": np.arange(args.rows) % 97})

start = time.perf_counter()
sums = df.groupby("k").sum()
groups = len(sums)
elapsed = time.perf_counter() - start

print("groups:", groups, "v: %.6f" % sums.v.sum(), "w:", sums.w.sum())
print("elapsed:", elapsed)
