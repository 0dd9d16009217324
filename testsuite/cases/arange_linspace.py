# whitespace: exact
# arange with 1-3 arguments, integer and float; linspace.
import numpy as np

print(np.arange(5))
print(np.arange(2, 9))
print(np.arange(10, 0, -3))
print(np.arange(0.0, 1.0, 0.25))
print(np.arange(-1.5, 1.5, 0.5))
print(np.arange(5, dtype=np.float32))
print(np.arange(3, dtype=np.int32))
print(np.arange(4.0))
print(np.arange(0))
print(np.linspace(0.0, 1.0, 5))
print(np.linspace(-2, 2, 9))
print(np.linspace(0, 10, 4))
print(np.linspace(1.0, 2.0, 3, dtype=np.float32))
a = np.arange(1000)
print(a.size, np.sum(a), a[999])
x = np.linspace(0.0, 1.0, 101)
print(x[1], x[50], x[-1], np.sum(x))
