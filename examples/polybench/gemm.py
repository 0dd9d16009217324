# args:
# args: --ni 20 --nj 25 --nk 30
# Polybench-style gemm: C = alpha * A @ B + beta * C.
import argparse

import numpy as np

parser = argparse.ArgumentParser(description="gemm")
parser.add_argument("--ni", type=int, default=200)
parser.add_argument("--nj", type=int, default=220)
parser.add_argument("--nk", type=int, default=240)
args = parser.parse_args()
ni, nj, nk = args.ni, args.nj, args.nk
alpha = 1.5
beta = 1.2
c = np.fromfunction(lambda i, j: ((i * j + 1) % ni) / ni, (ni, nj))
a = np.fromfunction(lambda i, k: (i * (k + 1) % nk) / nk, (ni, nk))
b = np.fromfunction(lambda k, j: (k * (j + 2) % nj) / nj, (nk, nj))
c = alpha * (a @ b) + beta * c
print(f"sum {c.sum():.12e} trace-like {np.trace(c[:min(ni, nj), :min(ni, nj)]):.12e}")
print(c[ni // 2, ::max(1, nj // 8)])
