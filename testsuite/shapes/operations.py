# args:
# args: --n 1 --k 1
# args: --n 2 --k 1
# args: --n 9 --k 5
# The extents of whole-array operations: new axes, broadcasting, reductions along an
# axis, matrix products, concatenate and stack; reshape and transpose are views the
# runtime makes: a reshape's constant extents are inferred, its -1 is not (unknown). The
# sizes come from the command line.
import argparse
import numpy as np

parser = argparse.ArgumentParser()
parser.add_argument("--n", type=int, default=4)
parser.add_argument("--k", type=int, default=3)
args = parser.parse_args()

x = np.ones(args.n)  # shape: (args.n,)
m = np.ones((args.n, args.k))  # shape: (args.n, args.k)
col = x[:, np.newaxis]  # shape: (args.n, 1)
row = x[np.newaxis, 1:]  # shape: (1, args.n - 1)
both = x[None, :, None]  # shape: (1, args.n, 1)

outer = col * x  # shape: (args.n, args.n)
scaled = m * 2.0 + 1.0  # shape: (args.n, args.k)
shifted = m[1:, :] - m[:-1, :]  # shape: (args.n - 1, args.k)
with_row = m + np.ones(args.k)  # shape: (args.n, args.k)
with_scalar_row = m + np.ones((1, args.k))  # shape: (args.n, args.k)
mixed = m + np.ones((args.n, 1))  # shape: (args.n, args.k)

column_sums = np.sum(m, axis=0)  # shape: (args.k,)
row_max = m.max(axis=1)  # shape: (args.n,)
middle_means = np.mean(m[1:-1], axis=1)  # shape: (args.n - 2,)

product = m @ np.ones((args.k, 5))  # shape: (args.n, 5)
vector = m @ np.ones(args.k)  # shape: (args.n,)
copied = m[::-1].copy()  # shape: (args.n, args.k)

reshaped = x.reshape(1, -1)  # shape: (1, ?)
transposed = m.T  # shape: (args.k, args.n)
joined = np.concatenate([x, x])  # shape: (args.n + args.n,)
stacked = np.stack([x, x])  # shape: (2, args.n)
