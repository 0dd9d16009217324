# Located errors of session 33's additions, all reported in one compile: a ufunc's out
# array of a kind NumPy's same_kind casting refuses (a float result into ints, ints into
# unsigned ones, a complex result into floats), out given twice, too many positional
# arguments, an out that is not an array, an out tuple of two arrays, an out whose shape
# is known not to be the broadcast shape, np.cross of vectors of a length known only when
# running, an einsum whose contraction needs more than 8 subscripts at once, builtin any()
# of a 2-D array and of a number.
import numpy as np
import sys

Z = np.arange(4)
np.add(Z, 1.5, out=Z)
U = np.zeros(4, dtype=np.uint8)
np.add(Z, 1, out=U)
F = np.zeros(4)
np.multiply(F, 1j, F)
np.add(F, F, F, out=F)
np.add(F, F, F, F)
np.negative(F, out=[0.0, 0.0, 0.0, 0.0])
np.sqrt(F, out=(F, F))
np.add(np.ones((2, 4)), 1.0, out=F)
n = len(sys.argv) + 2
print(np.cross(np.ones(n), np.ones(3)))
A = np.ones((2, 2, 2, 2, 2, 2, 2, 2))
print(np.einsum('abcdefgh,ijklmnoh->abcdijkl', A, A).sum())
print(any(np.ones((2, 2))), all(3))
