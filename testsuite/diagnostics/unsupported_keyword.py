# np.sum accepts axis= and keepdims= but not where=.
import numpy as np

a = np.ones((4, 5))
s = np.sum(a, where=a > 0.0)
print(s)
