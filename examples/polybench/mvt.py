# args:
# args: --n 40
# Polybench-style mvt: x1 += A y1 and x2 += A^T y2.
import argparse

import numpy as np

parser = argparse.ArgumentParser(description="mvt")
parser.add_argument("--n", type=int, default=400)
args = parser.parse_args()
n = args.n
idx = np.arange(n)
x1 = (idx % n) / n
x2 = ((idx + 1) % n) / n
y1 = ((idx + 3) % n) / n
y2 = ((idx + 4) % n) / n
a = np.fromfunction(lambda i, j: (i * j % n) / n, (n, n))
x1 = x1 + a @ y1
x2 = x2 + a.T @ y2
print(f"x1 {x1.sum():.12e} x2 {x2.sum():.12e}")
print(x1[::max(1, n // 8)], x2[::max(1, n // 8)])
