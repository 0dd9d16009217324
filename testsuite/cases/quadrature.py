# rtol: 1e-11
# Trapezoid and Simpson rules with slices, and a quasi Monte Carlo estimate of pi
# from a Weyl sequence.
import math
import numpy as np


def trapezoid(y, h):
    return h * (np.sum(y) - 0.5 * (y[0] + y[-1]))


def simpson(y, h):
    return h / 3.0 * (y[0] + y[-1] + 4.0 * np.sum(y[1:-1:2]) + 2.0 * np.sum(y[2:-1:2]))


n = 1001
x = np.linspace(0.0, math.pi, n)
h = math.pi / (n - 1)
y = np.sin(x)
print("trapezoid:", trapezoid(y, h))
print("simpson:", simpson(y, h))
g = np.exp(-x * x)
print("gauss trapezoid:", trapezoid(g, h), "simpson:", simpson(g, h))

m = 20000
k = np.arange(m) * 1.0
px = (k * 0.6180339887498949) % 1.0
py = (k * 0.7548776662466927) % 1.0
inside = px * px + py * py <= 1.0
estimate = 4.0 * np.sum(inside) / m
print("pi estimate:", estimate, "error below 0.01:", (estimate - math.pi) ** 2 < 1e-4)
