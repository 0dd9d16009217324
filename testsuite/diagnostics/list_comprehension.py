# A list comprehension outside a NumPy call (a Python list of values known only at run
# time) is not supported, nor one with an `if` filter.
import numpy as np

squares = [i * i for i in range(10)]
evens = np.array([k for k in range(8) if k % 2 == 0])
print(np.sum(np.arange(10)))
