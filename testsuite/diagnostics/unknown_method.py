import numpy as np

a = np.arange(12.0)
b = a.reshap((3, 4))
print(b)
