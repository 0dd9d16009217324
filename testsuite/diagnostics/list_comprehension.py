# A list comprehension outside a NumPy call (a Python list of values known only at run
# time) is not supported; one with two `for`s inside a NumPy call is.
import numpy as np

squares = [i * i for i in range(10)]
pairs = np.array([i + j for i in range(3) for j in range(4)])
print(np.sum(np.arange(10)))
