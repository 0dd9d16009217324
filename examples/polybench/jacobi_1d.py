# args:
# args: --n 50 --steps 7
# Polybench-style jacobi-1d: two arrays updated alternately by a 3-point average.
import argparse

import numpy as np

parser = argparse.ArgumentParser(description="jacobi-1d")
parser.add_argument("--n", type=int, default=400)
parser.add_argument("--steps", type=int, default=100)
args = parser.parse_args()
n = args.n
a = np.fromfunction(lambda i: (i + 2) / n, (n,))
b = np.fromfunction(lambda i: (i + 3) / n, (n,))
for t in range(args.steps):
    b[1:-1] = 0.33333 * (a[:-2] + a[1:-1] + a[2:])
    a[1:-1] = 0.33333 * (b[:-2] + b[1:-1] + b[2:])
print(f"sum a {a.sum():.12e} sum b {b.sum():.12e}")
print(a[::max(1, n // 8)])
