# np.sum accepts axis= but not keepdims=.
import numpy as np

a = np.ones((4, 5))
s = np.sum(a, keepdims=True)
print(s)
