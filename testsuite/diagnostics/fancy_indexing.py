import numpy as np

a = np.arange(10.0)
idx = a > 3.0
print(a[idx])
