# A list comprehension outside a NumPy call is a Python list of its items when their
# number is known when compiling (`squares` below compiles); one of a length known only at
# run time, with a filter, or with two `for`s is not, nor `break` in a loop over a list of
# arrays (unrolled). One with two `for`s inside a NumPy call is supported.
import sys

import numpy as np

squares = [i * i for i in range(10)]
n = len(sys.argv)
runtime = [i * i for i in range(n)]
odd = [i for i in range(10) if i % 2]
both = [i + j for i in range(3) for j in range(4)]
pairs = np.array([i + j for i in range(3) for j in range(4)])
parts = [np.ones(3) * k for k in range(3)]
for p in parts:
    if p.sum() > 3:
        break
print(np.sum(np.arange(10)), squares)
