# Benchmark: the heat stencil of bench/heat_weak.py written by hand with mpi4py + NumPy,
# the baseline that bench/mpi_weak.sh compares legatec's SPMD binary against. With --gpu
# it is the mpi4py + CuPy baseline of bench/gpu_weak.sh: the arrays are CuPy arrays on
# GPU rank mod (GPUs of the node), and the ghost rows go through host memory for MPI
# (the Open MPI of the benchmark machine is not CUDA-aware).
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
# Usage: mpirun -np P python3 bench/heat_weak_mpi4py.py --rows R --cols C --iters I [--gpu]
import argparse
import sys
import time

import numpy
from mpi4py import MPI

parser = argparse.ArgumentParser(description="Heat diffusion stencil, mpi4py version.")
parser.add_argument("--rows", type=int, default=1024, help="interior rows of the whole grid")
parser.add_argument("--cols", type=int, default=4096, help="interior columns")
parser.add_argument("--iters", type=int, default=100, help="iterations")
parser.add_argument("--gpu", action="store_true", help="CuPy arrays on a GPU instead of NumPy arrays")
args = parser.parse_args()
if args.gpu:
    import cupy as np
else:
    np = numpy

comm = MPI.COMM_WORLD
rank = comm.Get_rank()
size = comm.Get_size()
if args.gpu:
    np.cuda.Device(rank % np.cuda.runtime.getDeviceCount()).use()
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
    if not args.gpu:
        comm.Sendrecv(grid[1], dest=up, recvbuf=grid[n + 1], source=down)
        comm.Sendrecv(grid[n], dest=down, recvbuf=grid[0], source=up)
    elif size > 1:
        first_row, last_row = np.asnumpy(grid[1]), np.asnumpy(grid[n])
        below, above = numpy.empty_like(first_row), numpy.empty_like(first_row)
        comm.Sendrecv(first_row, dest=up, recvbuf=below, source=down)
        comm.Sendrecv(last_row, dest=down, recvbuf=above, source=up)
        if down != MPI.PROC_NULL:
            grid[n + 1].set(below)
        if up != MPI.PROC_NULL:
            grid[0].set(above)
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
if args.gpu:
    np.cuda.runtime.deviceSynchronize()
elapsed = time.perf_counter() - start
elapsed = comm.reduce(elapsed, op=MPI.MAX, root=0)

if rank == 0:
    print("delta:", delta)
    print("elapsed:", elapsed)
