# args:
# args: --n 30 --steps 5
# Polybench-style jacobi-2d: a 5-point average, alternating between two grids.
import argparse

import numpy as np

parser = argparse.ArgumentParser(description="jacobi-2d")
parser.add_argument("--n", type=int, default=120)
parser.add_argument("--steps", type=int, default=40)
args = parser.parse_args()
n = args.n
a = np.fromfunction(lambda i, j: i * (j + 2) / n + 2, (n, n))
b = np.fromfunction(lambda i, j: i * (j + 3) / n + 3, (n, n))
for t in range(args.steps):
    b[1:-1, 1:-1] = 0.2 * (a[1:-1, 1:-1] + a[1:-1, :-2] + a[1:-1, 2:] + a[2:, 1:-1] + a[:-2, 1:-1])
    a[1:-1, 1:-1] = 0.2 * (b[1:-1, 1:-1] + b[1:-1, :-2] + b[1:-1, 2:] + b[2:, 1:-1] + b[:-2, 1:-1])
print(f"sum {a.sum():.12e} corner {a[1, 1]:.12e} centre {a[n // 2, n // 2]:.12e}")
print(a[n // 2, ::max(1, n // 10)])
