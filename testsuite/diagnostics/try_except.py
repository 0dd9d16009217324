# Exception handling is not supported.
import numpy as np

a = np.arange(5)
try:
    print(a[10])
except IndexError:
    print("out of range")
