# Benchmark: the dense Jacobi solver of bench/dense_jacobi.py, x = (b - R x) / d, written
# by hand with mpi4py + NumPy: the baseline that bench/mpi_weak.sh (phase jacobi) compares
# legatec's SPMD binary against.
#
# The n rows are split in contiguous blocks, one per rank (the first n % size ranks get one
# row more). Each rank builds only its own m x n block of R (the rows of A with their
# diagonal entries zeroed; same formulas and the same floating-point operations as
# dense_jacobi.py, so the same values) and its m entries of b and d; no rank ever holds the
# whole matrix. It keeps one preallocated full-length x. Every iteration it multiplies its
# block of R by x (one GEMV into a preallocated vector), writes its block of the new x into
# its slice of x, and an in-place Allgatherv gives every rank the whole new x (8 n bytes).
# Prints, on rank 0 only, the lines of dense_jacobi.py: `sum: ... first: ... last: ...`
# (the checksum over the whole x, x[0], x[n-1]), then `elapsed:` (the slowest rank's time
# for the loop, started after a barrier), and on stderr `maxrss_per_rank_mib:` (the largest
# VmHWM, peak resident memory, over the ranks, read after the loop).
#
# Usage: mpirun -np P python3 bench/dense_jacobi_mpi4py.py --n N --iters I
import argparse
import os
import sys
import time

import numpy as np
from mpi4py import MPI

parser = argparse.ArgumentParser(description="Dense Jacobi solver, mpi4py version.")
parser.add_argument("--n", type=int, default=2000, help="unknowns")
parser.add_argument("--iters", type=int, default=200, help="iterations")
args = parser.parse_args()

comm = MPI.COMM_WORLD
rank = comm.Get_rank()
size = comm.Get_size()
n = args.n
if n < size:
    if rank == 0:
        print(f"error: --n ({n}) must be at least the number of ranks ({size})", file=sys.stderr)
    raise SystemExit(1)

# Every rank's block of rows: counts[r] rows starting at global row displs[r].
base, extra = divmod(n, size)
counts = np.array([base + (1 if r < extra else 0) for r in range(size)], dtype=np.int64)
displs = np.concatenate(([0], np.cumsum(counts)[:-1])).astype(np.int64)
m = int(counts[rank])
first = int(displs[rank])
rows = slice(first, first + m)

# This rank's rows of A, built like dense_jacobi.py's
#   A[r, :] = np.cos(i * 0.001 * (r + 1)) * 0.5 + 0.5;  A += np.diag(np.full(n, 2.0 * n))
# and split into d (the diagonal) and R (A with its diagonal zeroed), in place in one
# m x n array: the products (i * 0.001) * (r + 1) are the same as row by row.
i = np.arange(n) * 1.0
R = np.multiply.outer(np.arange(first, first + m) + 1.0, i * 0.001)
np.cos(R, out=R)
np.multiply(R, 0.5, out=R)
np.add(R, 0.5, out=R)
local = np.arange(m)
diagonal = R[local, first + local]          # a copy (fancy indexing)
d = diagonal + 2.0 * n                      # A[r, r] after A += diag(2 n)
R[local, first + local] = 0.0               # A[r, r] - d[r] == 0.0 exactly, as in A - diag(d)
del diagonal, local
b = np.sin(i[rows] * 0.5) + 2.0
del i

x = np.zeros(n)          # the whole x, on every rank
y = np.empty(m)          # this rank's rows of R x, then of the new x
x_mine = x[rows]         # this rank's block of x, a view
gather = [x, (counts, displs), MPI.DOUBLE]

comm.Barrier()
start = time.perf_counter()
for it in range(args.iters):
    np.dot(R, x, out=y)            # GEMV of my rows with the whole old x
    np.subtract(b, y, out=y)
    np.divide(y, d, out=x_mine)    # my block of the new x (x is not read any more)
    comm.Allgatherv(MPI.IN_PLACE, gather)
elapsed = time.perf_counter() - start
elapsed = comm.allreduce(elapsed, op=MPI.MAX)


def vm_hwm_mib():
    """Peak resident memory of this process in MiB (VmHWM of /proc/self/status)."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024.0  # kB
    except OSError:
        pass
    return float("nan")


maxrss = comm.reduce(vm_hwm_mib(), op=MPI.MAX, root=0)

if rank == 0:
    print("sum:", float(np.sum(x)), "first:", float(x[0]), "last:", float(x[n - 1]))
    print("elapsed:", elapsed)
    sys.stdout.flush()
    sys.stderr.flush()
    os.write(2, f"maxrss_per_rank_mib: {maxrss:.1f}\n".encode())  # one write, one line
