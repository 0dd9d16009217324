# exit: 1
# stderr: exception
# A failed assert without a message: the bare AssertionError line.
import numpy as np

x = np.linspace(0.0, 1.0, 11)
assert np.all(np.diff(x) > 0)
print("increasing")
assert x.max() < 1.0
