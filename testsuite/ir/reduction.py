# A fused elementwise expression feeding a whole-array reduction, and an axis reduction.
import numpy as np

a = np.arange(100) * 0.5
total = np.sum(np.absolute(a - 10.0))
b = np.ones((4, 8))
cols = b.sum(axis=0)
print(total, cols)
