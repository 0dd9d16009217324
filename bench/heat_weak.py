# Benchmark: heat diffusion stencil for weak scaling under MPI (bench/mpi_weak.sh).
# The same computation as bench/heat.py, sizes from the command line: a grid of
# (rows + 2) x (cols + 2) float64 values whose border holds fixed temperatures.
# legatec compiles it unchanged into an SPMD program; under plain Python it is the
# single-process reference. bench/heat_weak_mpi4py.py is the hand-written MPI version.
# The last line is `elapsed: <seconds>` of the iterations only.
import argparse
import time

import numpy as np

parser = argparse.ArgumentParser(description="Heat diffusion stencil (weak-scaling benchmark).")
parser.add_argument("--rows", type=int, default=1024, help="interior rows of the whole grid")
parser.add_argument("--cols", type=int, default=4096, help="interior columns")
parser.add_argument("--iters", type=int, default=100, help="iterations")
args = parser.parse_args()

grid = np.zeros((args.rows + 2, args.cols + 2))
grid[:, 0] = -273.15
grid[:, -1] = -273.15
grid[-1, :] = -273.15
grid[0, :] = 40.0

center = grid[1:-1, 1:-1]
north = grid[0:-2, 1:-1]
east = grid[1:-1, 2:]
west = grid[1:-1, 0:-2]
south = grid[2:, 1:-1]

start = time.perf_counter()
for i in range(args.iters):
    average = center + north + east + west + south
    work = 0.2 * average
    delta = np.sum(np.absolute(work - center))
    center[:] = work
elapsed = time.perf_counter() - start

print("delta:", delta)
print("elapsed:", elapsed)
