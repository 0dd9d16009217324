# args:
# args: --n 12 --steps 6
# Polybench-style heat-3d: explicit diffusion on a cube with a 7-point stencil.
import argparse

import numpy as np

parser = argparse.ArgumentParser(description="heat-3d")
parser.add_argument("--n", type=int, default=40)
parser.add_argument("--steps", type=int, default=50)
args = parser.parse_args()
n = args.n
a = np.fromfunction(lambda i, j, k: ((i * j + k) % n) * 10.0 / n, (n, n, n))
b = a.copy()


def step(dst, src):
    c = src[1:-1, 1:-1, 1:-1]
    dst[1:-1, 1:-1, 1:-1] = (0.125 * (src[2:, 1:-1, 1:-1] - 2.0 * c + src[:-2, 1:-1, 1:-1])
                             + 0.125 * (src[1:-1, 2:, 1:-1] - 2.0 * c + src[1:-1, :-2, 1:-1])
                             + 0.125 * (src[1:-1, 1:-1, 2:] - 2.0 * c + src[1:-1, 1:-1, :-2])
                             + c)


for t in range(args.steps):
    step(b, a)
    step(a, b)
print(f"sum {a.sum():.12e} max {a.max():.12e}")
print(a[n // 2, n // 2, :])
