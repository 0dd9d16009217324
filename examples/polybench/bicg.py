# args:
# args: --m 30 --n 40
# Polybench-style bicg: s = A^T r and q = A p (the kernel of BiCG).
import argparse

import numpy as np

parser = argparse.ArgumentParser(description="bicg")
parser.add_argument("--m", type=int, default=390)
parser.add_argument("--n", type=int, default=410)
args = parser.parse_args()
m, n = args.m, args.n
p = (np.arange(m) % m) / m
r = (np.arange(n) % n) / n
a = np.fromfunction(lambda i, j: (i * (j + 1) % n) / n, (n, m))
s = r @ a
q = a @ p
print(f"s {s.sum():.12e} q {q.sum():.12e}")
print(s[::max(1, m // 8)], q[::max(1, n // 8)])
