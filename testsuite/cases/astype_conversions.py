# whitespace: exact
# ndarray.astype with dtypes, Python types and dtype names; NumPy scalar constructors
# (np.float32(x), np.int32(x), ...) on numbers and arrays; astype of NumPy scalars.
import numpy as np

a = np.array([1.7, -2.2, 3.5, 0.0])
print(a.astype(np.int32), a.astype(np.float32), a.astype(bool), a.astype(np.bool_))
print(a.astype(int), a.astype(float), a.astype(int).dtype, a.astype(float).dtype)
print(a.astype("float32"), a.astype("int64").dtype, a.astype("f4").dtype, a.astype(a.dtype))
same = a.astype(np.float64, copy=False)
same[0] = 100.0
print(a)
other = a.astype(np.float64)
other[1] = -100.0
print(a, other)
i = np.arange(5)
print(i.astype(np.float32) / 3, (i > 2).astype(np.int64), (i % 2 == 0).astype(float))
print(np.float32(1.1), np.int32(7.9), np.int64(-3.5), np.float64(2), np.bool_(0), np.bool_(3))
print(np.float32(a), np.int32(a), np.float64(i) / 2)
x = np.float64(2.5).astype(np.int64)
print(x, x * 3, np.float32(0.1).astype(np.float64))
print(np.sum(a).astype(np.float32), a[2].astype(np.int32))
