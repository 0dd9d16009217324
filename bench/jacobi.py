# Benchmark: the Jacobi iteration of the Legate seed slides in its last form (Laplace's
# equation on an n x n float64 grid, the 4-point average in place, the copy and the l2
# check only every `freq` iterations). The same script runs under NumPy, CuPy
# (bench/cupy_run.py) and compiled by legatec. Prints the final l2, then
# `elapsed: <seconds>` and `gpts: <grid points updated per second / 1e9>`.
import argparse
import time

import numpy as np

parser = argparse.ArgumentParser(description="Jacobi iteration for Laplace's equation.")
parser.add_argument("--n", type=int, default=16384, help="grid points per side")
parser.add_argument("--iters", type=int, default=500, help="iterations")
parser.add_argument("--freq", type=int, default=100, help="iterations between convergence checks")
args = parser.parse_args()

n = args.n
p = np.zeros((n, n))
p[-1, :] = 1.0
p[:, -1] = np.linspace(0.0, 1.0, n)
pn = p.copy()
l2 = 1.0

start = time.perf_counter()
icount = 0
while icount < args.iters:
    icount += 1
    if icount % args.freq == 0:
        pn = p.copy()
    p[1:-1, 1:-1] = .25 * (p[1:-1, 2:] + p[1:-1, :-2] + p[2:, 1:-1] + p[:-2, 1:-1])
    if icount % args.freq == 0:
        l2 = np.sqrt(np.sum((p - pn) ** 2) / np.sum(pn ** 2))
corner = float(p[n // 2, n // 2])
elapsed = time.perf_counter() - start

print("l2:", float(l2))
print("center:", corner)
print("elapsed:", elapsed)
print("gpts:", (n - 2) * (n - 2) * args.iters / elapsed / 1e9)
