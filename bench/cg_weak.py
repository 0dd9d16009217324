# Benchmark: conjugate gradient on the 2-D Poisson problem -laplace(u) = 1, for weak scaling
# under MPI (bench/mpi_weak.sh). Matrix-free: every vector is a (rows + 2) x (cols + 2)
# float64 array whose border stays zero (the Dirichlet boundary), and the 5-point
# Laplacian is written with slices. A fixed number of iterations, no convergence test, so
# the work per rank is fixed. legatec compiles it unchanged into an SPMD program.
# Prints the residual norm, then `elapsed: <seconds>` of the iterations only.
import argparse
import time

import numpy as np

parser = argparse.ArgumentParser(description="Conjugate gradient, 2-D Poisson (weak-scaling benchmark).")
parser.add_argument("--rows", type=int, default=1024, help="interior rows of the whole grid")
parser.add_argument("--cols", type=int, default=4096, help="interior columns")
parser.add_argument("--iters", type=int, default=100, help="iterations")
args = parser.parse_args()

rows = args.rows
cols = args.cols
b = np.zeros((rows + 2, cols + 2))
b[1:-1, 1:-1] = 1.0
x = np.zeros((rows + 2, cols + 2))
r = np.zeros((rows + 2, cols + 2))
r[:] = b
p = np.zeros((rows + 2, cols + 2))
p[:] = r
Ap = np.zeros((rows + 2, cols + 2))
rr = np.sum(r * r)

start = time.perf_counter()
for i in range(args.iters):
    Ap[1:-1, 1:-1] = 4.0 * p[1:-1, 1:-1] - p[:-2, 1:-1] - p[2:, 1:-1] - p[1:-1, :-2] - p[1:-1, 2:]
    alpha = rr / np.sum(p * Ap)
    x += alpha * p
    r -= alpha * Ap
    rr_new = np.sum(r * r)
    beta = rr_new / rr
    rr = rr_new
    p[:] = r + beta * p
elapsed = time.perf_counter() - start

print("res:", np.sqrt(rr))
print("elapsed:", elapsed)
