# np.ptp (NumPy 2 has no ndarray.ptp): the whole array, an axis, a negative axis, a tuple of
# axes, keepdims, integer wrap-around in the array's dtype (int8), NaN, a list, a Python
# scalar. np.trapezoid (NumPy 2's name for trapz): the default spacing, dx, x as a vector
# and as an array of y's shape, axis, integers, fewer than two points.
import numpy as np

a = np.array([[3, 1, 7], [2, 9, 4]])
print(np.ptp(a), np.ptp(a, axis=0), np.ptp(a, 1), np.ptp(a, axis=-1))
print(np.ptp(a, axis=1, keepdims=True))
print(np.ptp(a, keepdims=True), np.ptp(a, axis=(0, 1)))
y8 = np.array([[1, 127], [0, 127], [-1, 127], [-2, 127]], dtype=np.int8)
r = np.ptp(y8, axis=1)
print(r, r.dtype)
f = np.linspace(-1.0, 2.0, 7) ** 2
print(np.ptp(f), np.ptp(np.array([1.5, np.nan, 0.0])), np.ptp([1, 5, 2]), np.ptp(5))
print(np.ptp(f * 2.0 - 1.0), np.ptp(np.arange(12.0).reshape(3, 4) % 5, axis=0))

x = np.linspace(0.0, 1.0, 5)
print(np.trapezoid(x), np.trapezoid(x * x, dx=0.25), np.trapezoid([1, 2, 3]))
print(np.trapezoid([1, 2, 3], x=[0, 1, 3]), np.trapezoid(np.sin(x), x))
t = np.linspace(0.0, np.pi, 101)
print(np.trapezoid(np.sin(t), t))
Y = np.arange(12.0).reshape(3, 4) ** 1.5
print(np.trapezoid(Y), np.trapezoid(Y, axis=0), np.trapezoid(Y, dx=0.5, axis=-2))
print(np.trapezoid(Y, x=np.array([0.0, 0.5, 2.0, 2.5])))
print(np.trapezoid(Y, x=np.array([0.0, 1.0, 3.0]), axis=0))
X2 = np.cumsum(np.ones((3, 4)), axis=1) * 0.1
print(np.trapezoid(Y, x=X2))
print(np.trapezoid(np.array([[1, 2], [3, 4]]), axis=0), np.trapezoid(np.array([2.0])), np.trapezoid(np.array([])))
