# exit: 1
# stderr: exception
# np.gradient along an axis shorter than edge_order + 1: NumPy's ValueError, raised when
# the length is known (here from the command line's default).
import argparse

import numpy as np

parser = argparse.ArgumentParser()
parser.add_argument("--n", type=int, default=2)
args = parser.parse_args()
a = np.ones((5, args.n))
print(np.gradient(a, axis=0))
gy, gx = np.gradient(a, edge_order=2)
print(gy)
