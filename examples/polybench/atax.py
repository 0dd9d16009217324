# args:
# args: --m 30 --n 40
# Polybench-style atax: y = A^T (A x).
import argparse

import numpy as np

parser = argparse.ArgumentParser(description="atax")
parser.add_argument("--m", type=int, default=390)
parser.add_argument("--n", type=int, default=410)
args = parser.parse_args()
m, n = args.m, args.n
x = 1.0 + np.arange(n) / n
a = np.fromfunction(lambda i, j: ((i + j) % n) / (5.0 * m), (m, n))
tmp = a @ x
y = a.T @ tmp
print(f"sum {y.sum():.12e} max {y.max():.12e}")
print(y[::max(1, n // 8)])
