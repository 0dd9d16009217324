# Python's `int ** int` is an int for an exponent >= 0 and a float for a negative one:
# with an exponent known only at run time, the result's type is known only then (found
# by the fuzzer: legatec raised NumPy's "Integers to negative integer powers" error).
import sys
import numpy as np

k = len(sys.argv)
print(2 ** -1, 2 ** (k - 2), 3 ** (k - 3), (-2) ** (k - 4), 0 ** (k - 1))
N = 2 ** k
a = np.zeros(N)
print(a.shape, N, N * 3, 10 ** (k + 2))
K = np.zeros((2, 3), dtype=np.int64)
for i in range(2):
    for j in range(3):
        K[i, j] = (i * 3 + j + 1) ** ((-1) ** j)
print(K)
t = 0
for j in range(2 ** (k + 1)):
    t += j
print(t, j)
