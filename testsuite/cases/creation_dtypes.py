# whitespace: exact
# Array creation with every supported dtype; dtypes, shapes and contents printed.
import numpy as np

a = np.zeros(4)
b = np.ones((2, 3), dtype=np.float32)
c = np.full(5, 7)
d = np.full((2, 2), 2.5)
e = np.zeros((3,), dtype=np.int32)
f = np.ones(3, dtype=np.bool_)
g = np.full(3, -1, dtype=np.int64)
h = np.zeros((2, 2), dtype=bool)
k = np.empty((3, 4))
m = np.ones(4, dtype=np.int32)


def show(arr):
    print(arr.dtype, arr.shape, arr.ndim, arr.size)
    print(arr)


show(a)
show(b)
show(c)
show(d)
show(e)
show(f)
show(g)
show(h)
show(m)
print(k.dtype, k.shape, k.size)
k[:] = 1.5
print(k)
print(np.full(3, True))
print(np.full((2, 3), 0.1, dtype=np.float32))
