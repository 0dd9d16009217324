# Benchmark: a matrix product C = A @ B of two n x n matrices, float64 then float32, built
# from formulas. Prints checksums, then `elapsed: <seconds>` of the two products (2 n^3
# floating-point operations each), `--reps` times.
import argparse
import time

import numpy as np

parser = argparse.ArgumentParser(description="Dense matrix product.")
parser.add_argument("--n", type=int, default=2048, help="matrix size")
parser.add_argument("--reps", type=int, default=1, help="times the pair of products runs")
args = parser.parse_args()

n = args.n
t = np.arange(n) * 1.0
A = np.zeros((n, n))
B = np.zeros((n, n))
for r in range(n):
    A[r, :] = np.cos(t * 0.01 + r)
    B[r, :] = np.sin(t * 0.02 - r)
A32 = A.astype(np.float32)
B32 = B.astype(np.float32)

# Small products first: a GPU library's start-up (cuBLAS, for legatec and CuPy alike) is not timed.
warm = float(np.sum(A[:8] @ B[:, :8])) + float(np.sum(A32[:8] @ B32[:, :8]))
start = time.perf_counter()
C = A @ B
C32 = A32 @ B32
for rep in range(args.reps - 1):
    C = A @ B
    C32 = A32 @ B32
c0 = float(C[0, 0]) + float(C32[0, 0])  # waits for the device, on a GPU
elapsed = time.perf_counter() - start

print("float64:", float(C[n // 3, n // 5]), float(np.sum(C[0])))
print("float32 close:", bool(np.abs(C32[n // 3, n // 5] - C[n // 3, n // 5]) < 1e-2))
print("elapsed:", elapsed)
