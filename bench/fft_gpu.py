# Benchmark (GPU, bench/gpu.sh style): complex128 2-D transforms of an n x n field, forward
# and back (`np.fft.fft2`/`ifft2`: one transform along each axis), `--reps` times, through
# legatec (cuFFT) and CuPy (`bench/cupy_run.py`, cuFFT too). Prints a checksum, then
# `elapsed: <seconds>` and `gbs:` (each 1-D pass reads and writes the field once: 4 passes
# of 2 x 16 bytes per point). One untimed round trip first, on both sides.
import argparse
import time

import numpy as np

parser = argparse.ArgumentParser(description="complex128 fft2 round trips.")
parser.add_argument("--n", type=int, default=4096, help="points per axis")
parser.add_argument("--reps", type=int, default=10, help="round trips timed")
args = parser.parse_args()

n = args.n
t = np.arange(n) / n
z = np.exp(2j * np.pi * 3.0 * t)[:, np.newaxis] * np.exp(-2j * np.pi * 7.0 * t)[np.newaxis, :] + 0.5
# One round trip before the clock: the libraries' start (loading cuFFT, the plans) is not timed.
back = np.fft.ifft2(np.fft.fft2(z))
total = float(np.abs(back[0, 0]))
start = time.perf_counter()
for rep in range(args.reps):
    back = np.fft.ifft2(np.fft.fft2(z))
    total += float(np.abs(back[n - 1, n - 1]))
elapsed = time.perf_counter() - start
print("check:", total, float(np.abs(back).sum()))
print("elapsed:", elapsed)
print("gbs:", 4.0 * 2.0 * 16.0 * n * n * args.reps / elapsed / 1e9)
