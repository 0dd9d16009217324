# Benchmark: np.linalg's factorisations of one n x n float64 matrix built from formulas
# (symmetric positive definite, so every one applies): solve, inv, det, cholesky, qr, eigh
# and the thin svd, `--reps` times. Prints invariants of the results (sums, traces,
# extreme eigen- and singular values: the same whatever sign conventions the library
# uses), then `elapsed: <seconds>` of the factorisations.
import argparse
import time

import numpy as np

parser = argparse.ArgumentParser(description="Dense factorisations.")
parser.add_argument("--n", type=int, default=1000, help="matrix size")
parser.add_argument("--reps", type=int, default=1, help="times the set of factorisations runs")
args = parser.parse_args()

n = args.n
t = np.arange(n) * 1.0
A = np.zeros((n, n))
for i in range(n):
    A[i, :] = np.cos(t * 0.013 + i * 0.7) / n
A = A + A.T + 4.0 * np.eye(n)
b = np.sin(t * 0.1)

start = time.perf_counter()
for rep in range(args.reps):
    x = np.linalg.solve(A, b)
    Ai = np.linalg.inv(A)
    d = np.linalg.slogdet(A)[1]
    L = np.linalg.cholesky(A)
    q, r = np.linalg.qr(A)
    w, v = np.linalg.eigh(A)
    u, s, vh = np.linalg.svd(A, full_matrices=False)
elapsed = time.perf_counter() - start

print("solve:", round(float(np.sum(x)), 8), "inv trace:", round(float(np.trace(Ai)), 8))
print("logdet:", round(float(d), 6), "cholesky trace:", round(float(np.trace(L)), 8))
print("qr |diag r| sum:", round(float(np.sum(np.abs(np.diag(r)))), 6))
print("eigh:", round(float(w[0]), 8), round(float(w[-1]), 8), round(float(np.sum(w)), 6))
print("svd:", round(float(s[0]), 8), round(float(s[-1]), 8))
print("elapsed:", elapsed)
