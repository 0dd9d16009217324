# rtol: 1e-9
# args:
# args: --samples 500 --features 8 --iterations 150 --lr 0.5 --seed 7
# Logistic regression trained by full-batch gradient descent on synthetic data
# drawn from NumPy's PCG64 generator.
import argparse

import numpy as np


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def make_data(rng, samples, features):
    x = rng.standard_normal((samples, features))
    true_w = rng.uniform(-1.0, 1.0, features)
    noise = rng.normal(0.0, 0.5, samples)
    y = (x @ true_w + noise > 0).astype(np.float64)
    return x, y, true_w


def train(x, y, iterations, lr):
    n, d = x.shape
    w = np.zeros(d)
    b = 0.0
    for it in range(iterations):
        p = sigmoid(x @ w + b)
        err = p - y
        w = w - lr * (x.T @ err) / n
        b = b - lr * np.sum(err) / n
    return w, b


def main():
    parser = argparse.ArgumentParser(description="Logistic regression by gradient descent.")
    parser.add_argument("--samples", type=int, default=1000)
    parser.add_argument("--features", type=int, default=5)
    parser.add_argument("--iterations", type=int, default=200)
    parser.add_argument("--lr", type=float, default=0.1, help="learning rate")
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()
    rng = np.random.default_rng(args.seed)
    x, y, true_w = make_data(rng, args.samples, args.features)
    w, b = train(x, y, args.iterations, args.lr)
    p = sigmoid(x @ w + b)
    eps = 1e-12
    loss = -np.mean(y * np.log(p + eps) + (1 - y) * np.log(1 - p + eps))
    accuracy = np.mean((p > 0.5) == (y > 0.5))
    print(f"loss {loss:.10f} accuracy {accuracy:.4f}")
    print("weights:", w)
    print("true direction:", true_w / np.linalg.norm(true_w))
    print("learned direction:", w / np.linalg.norm(w))
    print(f"bias {b:.10f}")


main()
