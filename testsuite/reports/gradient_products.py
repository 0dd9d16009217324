# Least squares by gradient descent on a tall matrix split by rows: `X.dot(w)` multiplies each
# rank's own rows of X by w gathered whole (8 * D bytes), and `X.T.dot(r)` sums each rank's
# partial product over the ranks (an allreduce of 8 * D bytes); X, y and r never move.
import numpy as np

N = 30
D = 4
I = 5

X = np.zeros((N, D))
for j in range(D):
    X[:, j] = np.cos(np.arange(N) * (0.1 * (j + 1)))
y = np.sin(np.arange(N) * 0.2)
w = np.zeros(D)
for it in range(I):
    r = X.dot(w) - y
    w -= 0.05 * X.T.dot(r)
print("w:", w)
