# exit: 1
# A ufunc's out array whose shape, known only when running, is not the broadcast shape:
# NumPy broadcasts the inputs to out, never out to the inputs (a ValueError; legatec's
# message is its store's, "could not broadcast input array from shape (2,3) into shape
# (1,3)", so only the exit status and stdout are compared).
import numpy as np
import sys

n = len(sys.argv) + 2
m = len(sys.argv)
a = np.ones((2, n))
o = np.zeros((m, n))
print(np.add(np.ones(n), 1.0, out=o))
np.add(a, 1.0, out=o)
print(o)
