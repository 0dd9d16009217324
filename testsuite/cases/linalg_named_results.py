# np.linalg's named results: printed as NumPy prints them, fields read by name, unpacked.
import numpy as np

A = np.array([[2.0, 1.0], [1.0, 3.0]])
print(np.linalg.slogdet(A))
print(np.linalg.slogdet(-A).sign, np.linalg.slogdet(A).logabsdet)
r = np.linalg.eigh(A)
print(r.eigenvalues, r.eigenvectors.shape, len(r))
w, v = np.linalg.eigh(A)
print(w, np.abs(v @ np.diag(w) @ v.T - A).max() < 1e-12)
D = np.diag(np.array([3.0, 1.0, 2.0]))
print(np.linalg.eigh(D))
s = np.linalg.svd(A)
print(s.S, s.U.shape, s.Vh.shape, len(s))
q = np.linalg.qr(np.triu(np.ones((3, 3))) + np.eye(3))
print(q.R.shape, np.abs(q.Q @ q.R - (np.triu(np.ones((3, 3))) + np.eye(3))).max() < 1e-12)
