# rtol: 1e-12
# np.linalg.norm with ord, axis and keepdims: vector norms (2, 1, inf, -inf, 0, 3, -1)
# of 1-D arrays and along an axis of 2-D and 3-D ones, matrix norms (Frobenius, 1, -1,
# inf, -inf, and 2, -2 and nuclear from the singular values) of a 2-D array and over two
# axes of a 3-D one, keepdims for both, int input
# as float64, float32 kept; rows split over ranks.
import numpy as np

v = np.array([3.0, -4.0, 0.0, 12.0, -0.5])
print(np.linalg.norm(v, ord=2), np.linalg.norm(v, ord=1), np.linalg.norm(v, np.inf))
print(np.linalg.norm(v, ord=-np.inf), np.linalg.norm(v, ord=0), np.linalg.norm(v, ord=3))
print(np.linalg.norm(v[:2], ord=-1), np.linalg.norm(v, ord=2.5))
m = (np.arange(30.0).reshape((6, 5)) - 14.5) * 0.3
print(np.linalg.norm(m, axis=0))
print(np.linalg.norm(m, axis=1, ord=1))
print(np.linalg.norm(m, ord=np.inf, axis=-1))
print(np.linalg.norm(m, axis=0, keepdims=True))
print(np.linalg.norm(m, ord="fro"), np.linalg.norm(m, ord=1), np.linalg.norm(m, ord=-1))
print(np.linalg.norm(m, ord=np.inf), np.linalg.norm(m, ord=-np.inf), np.linalg.norm(m, "fro", (1, 0)))
print(np.linalg.norm(m, keepdims=True), np.linalg.norm(m, 1, keepdims=True).shape)
t = np.arange(60.0).reshape((3, 4, 5)) / 7.0
print(np.linalg.norm(t, axis=(1, 2)))
print(np.linalg.norm(t, ord=1, axis=(2, 0)))
print(np.linalg.norm(t, ord=np.inf, axis=(0, 1), keepdims=True).shape)
print(np.linalg.norm(t, axis=2, ord=0))
print(np.linalg.norm(np.arange(10)), np.linalg.norm(np.arange(10), ord=1))
print(np.linalg.norm(np.arange(5, dtype=np.float32), ord=np.inf).dtype)
# Matrix 2-norms and nuclear norms from the singular values (axes in either order, kept).
sq = np.cos(np.arange(20.0).reshape((4, 5)) ** 1.3)
print(round(float(np.linalg.norm(sq, 2)), 10), round(float(np.linalg.norm(sq, -2)), 10), round(float(np.linalg.norm(sq, "nuc")), 10))
print(np.round(np.linalg.norm(sq, ord=2, axis=(1, 0), keepdims=True), 10))
