# Benchmark: the dense Jacobi solver of the Legate NumPy seed slides, x = (b - R x) / d,
# on a diagonally dominant n x n float64 matrix. The matrix is built from formulas (no
# random numbers, so NumPy and legatec solve the same system). Prints the solution's
# checksums, then `elapsed: <seconds>` of the iterations (each streams R once: 8 n^2 bytes).
import argparse
import time

import numpy as np

parser = argparse.ArgumentParser(description="Dense Jacobi solver.")
parser.add_argument("--n", type=int, default=2000, help="unknowns")
parser.add_argument("--iters", type=int, default=200, help="iterations")
args = parser.parse_args()

n = args.n
i = np.arange(n) * 1.0
A = np.zeros((n, n))
for r in range(n):
    A[r, :] = np.cos(i * 0.001 * (r + 1)) * 0.5 + 0.5
A += np.diag(np.full(n, 2.0 * n))
b = np.sin(i * 0.5) + 2.0
x = np.zeros(n)
d = np.diag(A)
R = A - np.diag(d)

# One small product first: a GPU library's start-up (cuBLAS, for legatec and CuPy alike) is not timed.
warm = float(np.sum(np.dot(R[:8], x)))
start = time.perf_counter()
for it in range(args.iters):
    x = (b - np.dot(R, x)) / d
x0 = float(x[0])  # waits for the device, on a GPU
elapsed = time.perf_counter() - start

print("sum:", float(np.sum(x)), "first:", float(x[0]), "last:", float(x[n - 1]))
print("elapsed:", elapsed)
