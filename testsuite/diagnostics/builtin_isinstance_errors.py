# isinstance against what legatec cannot test (a NumPy function, a number), and the
# builtins tuple() and list(), which only isinstance takes.
import numpy as np

a = np.arange(3.0)
print(isinstance(a, np.sum))
print(isinstance(a, 3))
print(tuple(a.shape), list(range(3)))
