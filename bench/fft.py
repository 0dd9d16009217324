# Benchmark: np.fft through legatec (rustfft) against NumPy's pocketfft, the same script
# both ways: a power-of-two complex transform and its inverse, a batch of real transforms
# along the last axis, and a prime length (Bluestein). Prints a checksum of each, then
# `elapsed: <seconds>` of the transforms (`--reps` times).
import argparse
import time

import numpy as np

parser = argparse.ArgumentParser(description="np.fft benchmark.")
parser.add_argument("--n", type=int, default=1048576, help="points of the complex transform")
parser.add_argument("--rows", type=int, default=512, help="rows of the real batch")
parser.add_argument("--cols", type=int, default=4096, help="points of each real transform")
parser.add_argument("--prime", type=int, default=100003, help="a prime length")
parser.add_argument("--reps", type=int, default=5, help="repetitions")
args = parser.parse_args()

t = np.arange(args.n) / args.n
z = np.exp(2j * np.pi * 5.0 * t) + t
g = np.cos(np.arange(args.rows * args.cols) * 0.001).reshape(args.rows, args.cols)
p = np.sin(np.arange(args.prime) * 0.01) + 0.5
checks = np.zeros(3)
start = time.perf_counter()
for r in range(args.reps):
    back = np.fft.ifft(np.fft.fft(z))
    spectrum = np.fft.rfft(g)
    prime = np.fft.fft(p)
    checks[0] += np.abs(back).sum()
    checks[1] += np.abs(spectrum).sum()
    checks[2] += np.abs(prime).sum()
elapsed = time.perf_counter() - start
print("checks:", checks[0], checks[1], checks[2])
print("elapsed:", elapsed)
