# whitespace: exact
# np.cumsum and np.cumprod, as functions and methods: flattened (the default),
# along each axis, with dtype=, on views and expressions; NumPy's result dtypes
# (bool and int32 accumulate in int64, float32 stays float32).
import numpy as np

a = np.array([[1, 2, 3], [4, 5, 6]])
print(np.cumsum(a))
print(np.cumsum(a, axis=0))
print(np.cumsum(a, axis=1))
print(np.cumsum(a, axis=-1))
print(a.cumsum(), a.cumsum(axis=0), a.cumsum(1))
print(np.cumprod(a), np.cumprod(a, axis=0), a.cumprod(axis=1))

i32 = np.array([100000, 200000, 300000, 400000], dtype=np.int32)
c = np.cumsum(i32)
print(c, c.dtype, np.cumprod(i32).dtype)
flags = np.array([True, False, True, True])
print(np.cumsum(flags), np.cumsum(flags).dtype, np.cumprod(flags))
f32 = np.array([0.1, 0.2, 0.3, 0.4], dtype=np.float32)
print(np.cumsum(f32), np.cumsum(f32).dtype, np.cumprod(f32))
f64 = np.array([0.1, 0.2, 0.3, 0.4])
print(np.cumsum(f64), np.cumprod(f64))
print(np.cumsum(a, dtype=np.float64), np.cumsum(f64, dtype=np.float32))
print(np.cumsum(a, axis=1, dtype=np.int32).dtype, np.cumsum(a, 0, np.float32))
print(np.cumsum(np.array([1.5, 2.5, -0.7]), dtype=np.int64))

# Views, expressions, 3-D.
m = np.arange(12.0)
print(np.cumsum(m[::-3]), np.cumsum(m[1::2] * 0.5))
cube = np.zeros((2, 3, 4))
cube += 1.0
cube[1] = 2.0
print(np.cumsum(cube, axis=1))
print(np.cumprod(cube, axis=0))
print(np.cumsum(cube, axis=2)[1])

# Integers wrap as in NumPy; running totals feed reductions.
big = np.array([2**40, 2**40, 2**40])
print(np.cumprod(big))
x = np.linspace(0.0, 1.0, 11)
print(np.cumsum(x)[-1], np.sum(np.cumsum(x)))
print(np.cumsum(np.zeros(0)))

# Lists are arrays; dtype=bool accumulates with logical or / and.
print(np.cumsum([3, 1, 4, 1, 5]), np.cumprod([[1.5, 2.0], [3.0, 4.0]], axis=0))
print(np.cumsum(flags, dtype=bool), np.cumprod(flags, dtype=bool), np.cumsum(a, dtype=np.int32))
