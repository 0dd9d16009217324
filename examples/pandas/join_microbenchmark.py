# args:
# args: --rows 20000 --seed 7
# The join microbenchmark of the Legate Pandas slides ("near-MPI performance in ~10 lines of
# Pandas"): a frame of unique keys merged with one whose keys are the left keys rounded down
# to multiples of 3, so a third of the left rows match, each three right rows.
# Prints the result's shape and sums (compared with pandas), then its timings (not compared).
# ignore-lines: timing:
# whitespace: exact
# env: COLUMNS=80
import argparse
import time

import legate.numpy as np
import legate.pandas as pd

parser = argparse.ArgumentParser(description="Join microbenchmark.")
parser.add_argument("--rows", type=int, default=100000, help="rows per side")
parser.add_argument("--seed", type=int, default=0)
args = parser.parse_args()

np.random.seed(args.seed)
size = args.rows

start = time.perf_counter()
key_l = np.arange(size)
val_l = np.random.randn(size)
lhs = pd.DataFrame({"key": key_l, "val": val_l})

key_r = key_l // 3 * 3  # selectivity: 0.33
payload_r = np.random.randn(size)
rhs = pd.DataFrame({"key": key_r, "val": payload_r})
built = time.perf_counter()

out = lhs.merge(rhs, on="key")
merged = time.perf_counter()

print("shape:", out.shape)
print("key sum:", out.key.sum())
print("val_x sum: %.6f" % out.val_x.sum())
print("val_y sum: %.6f" % out.val_y.sum())
print(out.head())
print(f"timing: build {built - start:.3f} s, merge {merged - built:.3f} s")
