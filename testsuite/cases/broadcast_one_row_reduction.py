# Reductions of an expression that broadcasts a one-row array against a larger one (the
# one-row array never splits the work: its row is read by every rank), at any rank
# count; found as a plan the runtime did not follow (exit 101 at 3 ranks).
import numpy as np

a = np.eye(1) + np.zeros((9, 9))
print(a.sum())
r = np.arange(5.0).reshape(1, 5)
b = np.arange(35.0).reshape(7, 5)
print((r * b).sum(), (r + b).max(), (b - r).mean())
print(np.sum(r * b, axis=0), np.sum(b + r, axis=1))
c = r + b
print(c[3], c.sum())
