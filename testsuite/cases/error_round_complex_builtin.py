# exit: 1
# stderr: exception
# Python's round() of a complex number: neither Python's complex nor NumPy's complex128
# defines __round__ (np.round rounds the parts; round() raises TypeError).
import numpy as np

z = np.array([1.5 + 2.5j, 0.25j])
print(np.round(z))
print(round(z[0], 1))
