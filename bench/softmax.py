# Benchmark: a row softmax and row sums, the reductions along the last axis of deep-learning
# layers (GPU benchmark, bench/gpu.sh). float32 rows x cols; times `reps` evaluations of
# `np.exp(x - x.max(axis=1, keepdims=True))` over its row sums, then the row norms.
# Bytes counted: x read twice (max, exp) and e once more, y written: 4 * 4 * rows * cols.
# Prints checksums, `elapsed: <seconds>` and `gbs: <those bytes per second / 1e9>`.
import argparse
import time

import numpy as np

parser = argparse.ArgumentParser(description="Row softmax, float32.")
parser.add_argument("--rows", type=int, default=16384, help="rows")
parser.add_argument("--cols", type=int, default=4096, help="columns (the reduced axis)")
parser.add_argument("--reps", type=int, default=10, help="evaluations timed")
args = parser.parse_args()

rows = args.rows
cols = args.cols
x = np.zeros((rows, cols), dtype=np.float32)
x[:] = np.sin(np.arange(cols, dtype=np.float32) * np.float32(0.001))
x = x + np.cos(np.arange(rows, dtype=np.float32))[:, np.newaxis]
y = x
norms = np.sum(x, axis=1)

start = time.perf_counter()
for rep in range(args.reps):
    e = np.exp(x - np.max(x, axis=1, keepdims=True))
    y = e / np.sum(e, axis=1, keepdims=True)
    norms = np.sqrt(np.sum(y * y, axis=1))
check = float(y[rows - 1, cols - 1])
elapsed = time.perf_counter() - start

print("y sum:", float(np.sum(y)))
print("norms sum:", float(np.sum(norms)))
print("elapsed:", elapsed)
print("gbs:", 4.0 * 4.0 * rows * cols * args.reps / elapsed / 1e9)
