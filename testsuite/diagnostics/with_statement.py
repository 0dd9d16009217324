# The with statement is not supported.
import numpy as np

a = np.ones(3)
with np.errstate(divide="ignore"):
    b = a / 0.0
print(b)
