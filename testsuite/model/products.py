# Products for the performance model's tests (testsuite/tests/model.rs): GEMMs in float64
# and float32, a GEMV, a transposed GEMV, and a product repeated in a loop.
import argparse

import numpy as np

parser = argparse.ArgumentParser()
parser.add_argument("--n", type=int, default=256)
parser.add_argument("--iters", type=int, default=3)
args = parser.parse_args()

n = args.n
A = np.ones((n, n))
B = np.ones((n, n))
C = A @ B
A32 = A.astype(np.float32)
C32 = A32 @ A32
x = np.ones(n)
for i in range(args.iters):
    y = A @ x
    z = A.T @ y
print(float(C[0, 0]), float(C32[0, 0]), float(z[0]))
