# np.linspace with one point gives its start (not its stop), with or without the endpoint;
# integer dtypes round down as NumPy 2 does.
import numpy as np

print(np.linspace(0, 10, 1))
print(np.linspace(2.5, 10, 1))
print(np.linspace(5, 10, 1, endpoint=False))
print(np.linspace(0, 10, num=1, dtype=np.int64))
print(np.linspace(0, 10, 0))
print(np.linspace(0, 10, 2))
print(np.linspace(3.0, 3.0, 1))
n = 1
print(np.linspace(-1.0, 1.0, n))
print(np.linspace(-5, 0, 4, dtype=np.int64))
print(np.linspace(-7.5, 2, 5, dtype=np.int32))
print(np.linspace(1e-320, 2e-320, 3))
print(np.linspace(0, 5e-324, 10))
print(np.linspace(-1e-323, 0, 4, endpoint=False))
print(np.linspace(0, 1, 1, endpoint=False))
