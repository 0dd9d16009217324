# Benchmark (issue 15): bench/join_weak.py written by hand with mpi4py + pandas, the baseline
# a distributed legatec merge is measured against. Each rank makes only its own block of
# global rows (contiguous, the first n % P ranks one row more) of both frames, with the
# same formulas; the merge is a hash shuffle: every row goes to rank hash(key) mod P (a
# multiplicative hash), counts first (`Alltoall`), then keys and payloads (`Alltoallv`, one
# per column), then a local `pd.merge`. Checksums are reduced over the ranks (`Allreduce`).
# Prints, on rank 0, the lines of bench/join_weak.py: `rows: ... a: ... b: ... key max:`,
# then `elapsed:` (the slowest rank's time for shuffle and merge, started after a barrier).
#
# Usage: mpirun -np P python3 bench/join_mpi4py.py --rows N   (N rows per side, in all)
import argparse
import time

import numpy as np
import pandas as pd
from mpi4py import MPI

parser = argparse.ArgumentParser(description="Weak-scaling join benchmark, mpi4py version.")
parser.add_argument("--rows", type=int, default=10000000, help="rows per side, in all")
args = parser.parse_args()

comm = MPI.COMM_WORLD
rank, size = comm.Get_rank(), comm.Get_size()
n = args.rows
lo = n * rank // size
hi = n * (rank + 1) // size
i = np.arange(lo, hi)
left = pd.DataFrame({"key": (i * 2654435761 + 12345) % n, "a": i * 0.5})
right = pd.DataFrame({"key": (i * 2246822519 + 777) % n, "b": i * 2})


def shuffle(frame):
    """The rows of `frame` sent to rank hash(key) mod P; this rank's rows back."""
    keys = frame["key"].to_numpy()
    dest = ((keys.astype(np.uint64) * np.uint64(0x9E3779B97F4A7C15)) >> np.uint64(40)) % np.uint64(size)
    order = np.argsort(dest, kind="stable")
    send_counts = np.bincount(dest.astype(np.int64), minlength=size).astype(np.int64)
    recv_counts = np.empty(size, dtype=np.int64)
    comm.Alltoall(send_counts, recv_counts)
    send_offsets = np.concatenate(([0], np.cumsum(send_counts)[:-1]))
    recv_offsets = np.concatenate(([0], np.cumsum(recv_counts)[:-1]))
    columns = {}
    for name in frame.columns:
        values = np.ascontiguousarray(frame[name].to_numpy()[order])
        received = np.empty(int(recv_counts.sum()), dtype=values.dtype)
        mpi_type = MPI.DOUBLE if values.dtype == np.float64 else MPI.INT64_T
        comm.Alltoallv([values, send_counts, send_offsets, mpi_type], [received, recv_counts, recv_offsets, mpi_type])
        columns[name] = received
    return pd.DataFrame(columns)


comm.Barrier()
start = time.perf_counter()
out = shuffle(left).merge(shuffle(right), on="key")
elapsed = comm.allreduce(time.perf_counter() - start, op=MPI.MAX)

rows = comm.allreduce(len(out), op=MPI.SUM)
a = comm.allreduce(float(out["a"].sum()), op=MPI.SUM)
b = comm.allreduce(int(out["b"].sum()), op=MPI.SUM)
key_max = comm.allreduce(int(out["key"].max()) if len(out) else -1, op=MPI.MAX)
if rank == 0:
    print("rows:", rows, "a: %.1f" % a, "b:", b, "key max:", key_max)
    print("elapsed:", elapsed)
