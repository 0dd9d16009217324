# Benchmark: logistic regression by full-batch gradient descent (the Legate NumPy seed's
# "unusually shaped GEMVs": X.dot(w) and X.T.dot(...) on a tall, skinny X). The data are
# built from formulas. Prints the weights' checksum, then `elapsed: <seconds>` of the
# iterations (each streams X twice: 16 n d bytes).
import argparse
import time

import numpy as np

parser = argparse.ArgumentParser(description="Logistic regression by gradient descent.")
parser.add_argument("--n", type=int, default=1000000, help="samples")
parser.add_argument("--d", type=int, default=32, help="features")
parser.add_argument("--iters", type=int, default=50, help="iterations")
args = parser.parse_args()

n = args.n
X = np.zeros((n, args.d))
t = np.arange(n) * 1.0
for j in range(args.d):
    X[:, j] = np.sin(t * (0.001 * (j + 1)) + j)
y = np.where(X[:, 0] + 0.5 * X[:, 1] > 0.2, 1.0, 0.0)
w = np.zeros(args.d)

# One small product first: a GPU library's start-up (cuBLAS, for legatec and CuPy alike) is not timed.
warm = float(np.sum(X[:8].dot(w)))
start = time.perf_counter()
for it in range(args.iters):
    p = 1.0 / (1.0 + np.exp(-X.dot(w)))
    w -= 0.5 * X.T.dot(p - y) / n
w0 = float(w[0])  # waits for the device, on a GPU
elapsed = time.perf_counter() - start

print("w sum:", float(np.sum(w)), "w0:", float(w[0]))
print("elapsed:", elapsed)
