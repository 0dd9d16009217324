# whitespace: exact
# Arrays whose values need scientific notation, and floats at extreme scales.
import numpy as np

print(np.array([1e-5, 1.0, 2.0]))
print(np.array([1.0, 1e8]))
print(np.array([1.0, 1e9, -3.5]))
print(np.array([1e-10, 2e-10]))
print(np.array([123456789.0, 0.5]))
print(np.array([0.0001, 0.001]))
print(np.array([1e300, -1e-300]))
x = np.arange(1, 6) * 1.0
print(np.exp(x * 5.0))
print(1.0 / (x ** 8))
print(np.array([1.5e-7, 2.0, 1000.0]), np.array([12345.678, 0.001]))
print(np.array([1e16, 1.0]))
inf = 1e308 * 10.0
print(np.array([1.0, inf, -inf]))
v = np.array([1.0, 2.0, 0.0])
v[2] = inf - inf
print(v)
print(np.array([1e-5, 1e5], dtype=np.float32))
