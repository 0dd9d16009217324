# args:
# args: 1
# args: 1 2 3 4 5 6 7 8
# The extents of basic-indexing views: Python's slice rules, with N and M known only at
# run time (N from the command line, M = N + 2), and 5 known at compile time.
import sys
import numpy as np

N = len(sys.argv)
M = N + 2
a = np.zeros((N, M))  # shape: (N, M)
v = np.zeros(5)  # shape: (5,)

interior = a[1:-1, 1:-1]  # shape: (N - 2, M - 2)
tail = a[2:, :]  # shape: (N - 2, M)
head = a[:-3]  # shape: (N - 3, M)
whole = a[:, :]  # shape: (N, M)
row = a[0]  # shape: (M,)
column = a[:, -1]  # shape: (N,)
element_row = a[-1, 2:]  # shape: (M - 2,)

clamped = v[:10]  # shape: (5,)
before_start = v[-10:]  # shape: (5,)
negative_window = v[-10:3]  # shape: (3,)
empty = v[3:1]  # shape: (0,)
past_end = v[10:]  # shape: (0,)
reversed_v = v[::-1]  # shape: (5,)
every_other = v[::2]  # shape: (3,)
backwards_two = v[10::-2]  # shape: (3,)
backwards_window = v[4:0:-1]  # shape: (4,)

# Bounds that clamp differently for different N: unknown, never a guess.
first_ten = a[:10]  # shape: (?, M)
last_three = a[-3:]  # shape: (?, M)
upto_n = v[:N]  # shape: (?,)

reversed_a = a[::-1, ::-1]  # shape: (N, M)
stride_two = a[::2, 1::2]  # shape: ((N + 1) // 2, M // 2)
stride_three_back = a[:1:-3]  # shape: (N // 3, M)

# An extent names a variable's value at the time: assigning the variable again makes
# the extents that named it unknown.
K = len(sys.argv)
before = np.zeros(K)  # shape: (?,)
K = K + 3
after = np.zeros(K)  # shape: (K,)
