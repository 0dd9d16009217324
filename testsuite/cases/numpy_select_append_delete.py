# np.select (first condition that holds, default elsewhere), np.linspace(retstep=True),
# np.append (flattened, or along an axis), np.delete of several positions, a boolean mask,
# negative positions, along any axis; ravel/flatten in column-major order; Python's
# int.bit_length and float.is_integer.
import numpy as np

x = np.linspace(-2.0, 2.0, 9)
print(np.select([x < -1, x > 1], [x * 2, x * 3], default=0.0))
print(np.select([x < 0, x < 1], [-1, 1], 5), np.select([x > 0], [x]))
k = np.arange(10)
print(np.select([k % 3 == 0, k % 2 == 0], [k, -k], default=99).dtype)
g, dx = np.linspace(0.0, 1.0, 5, retstep=True)
print(g, dx, repr(dx))
print(np.linspace(2, 3, 1, retstep=True), np.linspace(0, 1, 4, endpoint=False, retstep=True))
m = np.arange(12).reshape(3, 4)
print(np.append(np.arange(3), [7, 8]), np.append(m, m[:1], axis=0), np.append(m, 0.5))
print(np.append(m, np.zeros((3, 1), dtype=np.int64), axis=1))
print(np.delete(np.arange(6), [1, 3]), np.delete(np.arange(6), [-1, 0, 0]))
print(np.delete(m, 1, axis=1), np.delete(m, [0, 2], axis=0), np.delete(m, [0, -1], 1))
print(np.delete(m, [5, 6, 11]), np.delete(np.arange(5.0), np.array([True, False, True, False, False])))
print(np.delete(m, np.array([1]), axis=-1), np.delete(np.arange(4), []))
print(m.ravel(order="F"), m.flatten("F"), np.ravel(m, order="C"), m.T.ravel("F"))
f = m.flatten(order="F")
f[0] = 100
print(m[0, 0], f[:3])
for n in [0, 1, 16, 255, -256, 2**62, -(2**62) * 2]:
    print(n, n.bit_length())
for v in [2.0, 2.5, -0.0, float("inf"), float("nan"), 1e300]:
    print(v, v.is_integer())
