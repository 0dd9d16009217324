# args:
# args: --m 12 --n 30
# Polybench-style covariance: the covariance matrix of n observations of m variables.
import argparse

import numpy as np

parser = argparse.ArgumentParser(description="covariance")
parser.add_argument("--m", type=int, default=240)
parser.add_argument("--n", type=int, default=260)
args = parser.parse_args()
m, n = args.m, args.n
data = np.fromfunction(lambda i, j: i * j / m, (n, m))
mean = data.sum(axis=0) / n
centred = data - mean
cov = (centred.T @ centred) / (n - 1.0)
print(f"sum {cov.sum():.12e} diag {np.trace(cov):.12e}")
print(cov[m // 2, ::max(1, m // 8)])
print(np.allclose(cov, cov.T))
