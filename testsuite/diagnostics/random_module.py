import numpy as np

A = np.random.rand(4, 4)
print(np.sum(A))
