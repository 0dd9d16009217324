# args:
# args: --nx 20 --ny 25 --steps 8
# Polybench-style fdtd-2d: 2-D finite-difference time-domain updates of the
# electric fields ex, ey and the magnetic field hz, with a source row per step.
import argparse

import numpy as np

parser = argparse.ArgumentParser(description="fdtd-2d")
parser.add_argument("--nx", type=int, default=100)
parser.add_argument("--ny", type=int, default=120)
parser.add_argument("--steps", type=int, default=40)
args = parser.parse_args()
nx, ny = args.nx, args.ny
ex = np.fromfunction(lambda i, j: i * (j + 1) / nx, (nx, ny))
ey = np.fromfunction(lambda i, j: i * (j + 2) / ny, (nx, ny))
hz = np.fromfunction(lambda i, j: i * (j + 3) / nx, (nx, ny))
fict = np.arange(args.steps, dtype=np.float64)
for t in range(args.steps):
    ey[0, :] = fict[t]
    ey[1:, :] = ey[1:, :] - 0.5 * (hz[1:, :] - hz[:-1, :])
    ex[:, 1:] = ex[:, 1:] - 0.5 * (hz[:, 1:] - hz[:, :-1])
    hz[:-1, :-1] = hz[:-1, :-1] - 0.7 * (ex[:-1, 1:] - ex[:-1, :-1] + ey[1:, :-1] - ey[:-1, :-1])
print(f"ex {ex.sum():.12e} ey {ey.sum():.12e} hz {hz.sum():.12e}")
print(hz[nx // 2, ::max(1, ny // 8)])
