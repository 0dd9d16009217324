# The linear functions of complex arrays, by parts: np.diag (both ways), np.trace and .trace(),
# np.tril, np.triu, np.diff.
import numpy as np
z = np.arange(9).reshape(3, 3) * (1 - 0.5j) + 1j
print(np.diag(z), np.diag(z, 1), np.trace(z), z.trace(), np.trace(z, offset=-1))
print(np.diag(np.array([1j, 2.0, 3 - 1j])))
print(np.tril(z), np.triu(z, 1), np.diff(z[0]), np.diff(z, axis=0))
w = z.astype(np.complex64)
print(np.trace(w), np.diag(w).dtype)
