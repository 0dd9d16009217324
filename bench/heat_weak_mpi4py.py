# Benchmark: the heat stencil of bench/heat_weak.py written by hand with mpi4py + NumPy,
# the baseline that bench/mpi_weak.sh compares legatec's SPMD binary against.
#
# The interior rows are split in contiguous blocks, one per rank (the first rows % size
# ranks get one row more). Each rank stores its rows with the two border columns plus one
# ghost row above and one below, (n + 2) x (cols + 2) float64 values. Every iteration it
# swaps its first and last rows with its neighbours (Sendrecv of contiguous rows;
# MPI.PROC_NULL past the ends, so there the ghost row keeps the fixed border values),
# applies the stencil into a preallocated work array, and sums |work - center| across the
# ranks. Prints, on rank 0 only, `delta:` in the format of heat_weak.py, then `elapsed:`
# (the slowest rank's time for the loop, started after a barrier).
#
# Usage: mpirun -np P python3 bench/heat_weak_mpi4py.py --rows R --cols C --iters I
import argparse
import sys
import time

import numpy as np
from mpi4py import MPI

parser = argparse.ArgumentParser(description="Heat diffusion stencil, mpi4py version.")
parser.add_argument("--rows", type=int, default=1024, help="interior rows of the whole grid")
parser.add_argument("--cols", type=int, default=4096, help="interior columns")
parser.add_argument("--iters", type=int, default=100, help="iterations")
args = parser.parse_args()

comm = MPI.COMM_WORLD
rank = comm.Get_rank()
size = comm.Get_size()
if args.rows < size:
    if rank == 0:
        print(f"error: --rows ({args.rows}) must be at least the number of ranks ({size})", file=sys.stderr)
    raise SystemExit(1)

# This rank's block of interior rows: n rows starting at global interior row `first`.
base, extra = divmod(args.rows, size)
n = base + (1 if rank < extra else 0)
first = rank * base + min(rank, extra)
up = rank - 1 if rank > 0 else MPI.PROC_NULL
down = rank + 1 if rank < size - 1 else MPI.PROC_NULL

# Local rows 1..n are global grid rows first+1..first+n; rows 0 and n+1 are ghosts, or the
# fixed top/bottom border on the first/last rank. Same values as heat_weak.py's grid.
grid = np.zeros((n + 2, args.cols + 2))
grid[:, 0] = -273.15
grid[:, -1] = -273.15
if down == MPI.PROC_NULL:
    grid[-1, :] = -273.15
if up == MPI.PROC_NULL:
    grid[0, :] = 40.0

center = grid[1:-1, 1:-1]
north = grid[0:-2, 1:-1]
east = grid[1:-1, 2:]
west = grid[1:-1, 0:-2]
south = grid[2:, 1:-1]
work = np.empty((n, args.cols))
diff = np.empty((n, args.cols))

comm.Barrier()
start = time.perf_counter()
for i in range(args.iters):
    # Ghost rows: my first row goes up while the row below mine arrives, then the reverse.
    comm.Sendrecv(grid[1], dest=up, recvbuf=grid[n + 1], source=down)
    comm.Sendrecv(grid[n], dest=down, recvbuf=grid[0], source=up)
    # work = 0.2 * (center + north + east + west + south), summed in the same order.
    np.add(center, north, out=work)
    np.add(work, east, out=work)
    np.add(work, west, out=work)
    np.add(work, south, out=work)
    np.multiply(work, 0.2, out=work)
    np.subtract(work, center, out=diff)
    np.absolute(diff, out=diff)
    delta = comm.allreduce(float(np.sum(diff)), op=MPI.SUM)
    np.copyto(center, work)
elapsed = time.perf_counter() - start
elapsed = comm.reduce(elapsed, op=MPI.MAX, root=0)

if rank == 0:
    print("delta:", delta)
    print("elapsed:", elapsed)
