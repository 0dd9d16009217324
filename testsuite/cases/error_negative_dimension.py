# exit: 1
# stderr: exception
# A negative extent from the command line: NumPy's ValueError at any rank count (found by
# the fuzzer at 3 ranks, where laying the array out by rows panicked first).
import argparse

import numpy as np

parser = argparse.ArgumentParser(description="negative dimension")
parser.add_argument("--m", type=int, default=-390)
parser.add_argument("--n", type=int, default=410)
args = parser.parse_args()
m, n = args.m, args.n
a = np.fromfunction(lambda i, j: ((i + j) % n) / (5.0 * m), (m, n))
print(a.sum())
