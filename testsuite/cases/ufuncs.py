# rtol: 1e-12
# Elementwise math functions, maximum/minimum and where.
import numpy as np

x = np.linspace(0.5, 3.0, 6)
print(np.sqrt(x))
print(np.exp(x))
print(np.log(x))
print(np.sin(x))
print(np.cos(x))
print(np.tanh(x - 1.5))
v = np.array([-2.5, 0.0, 1.5, -0.25])
print(np.abs(v), np.absolute(v))
k = np.array([-3, 4, -5])
print(np.abs(k), np.abs(k).dtype)
print(np.maximum(v, 0.0))
print(np.minimum(v, 0.0))
print(np.maximum(v, np.array([1.0, -1.0, 1.0, -1.0])))
print(np.minimum(k, 0))
print(np.where(v > 0, v, -v))
print(np.where(v < 0, 0.0, 1.0))
print(np.where(k > 0, k, 0))
t = np.arange(1000) * 0.01
print(np.sum(np.sin(t) * np.cos(t)))
print(np.sum(np.exp(-t) * np.sqrt(t + 1.0)))
print(np.sum(np.log(t + 1.0)))
print(np.sqrt(2.0), np.exp(1.0), np.log(10.0), np.sin(0.5))
