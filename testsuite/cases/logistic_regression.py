# rtol: 1e-9
# Logistic regression by full-batch gradient descent on a deterministic data set.
import numpy as np


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def train(X, y, steps, rate):
    w = np.zeros(X.shape[1])
    for step in range(steps):
        p = sigmoid(X.dot(w))
        grad = np.dot(p - y, X)
        w -= rate * grad / X.shape[0]
        if step % 25 == 0:
            loss = -np.mean(y * np.log(p) + (1.0 - y) * np.log(1.0 - p))
            print(f"step {step:3d} loss {loss:.10f}")
    return w


n = 500
d = 4
X = np.ones((n, d))
t = np.arange(n) * 1.0
X[:, 1] = np.sin(t * 0.37)
X[:, 2] = np.cos(t * 0.11)
X[:, 3] = ((t * 7) % 13) / 13.0 - 0.5
y = np.where(X[:, 1] + 0.5 * X[:, 2] - X[:, 3] > 0.1, 1.0, 0.0)
w = train(X, y, 100, 0.5)
print("weights:", w)
pred = sigmoid(X @ w) > 0.5
print("accuracy:", np.mean(pred == (y > 0.5)))
