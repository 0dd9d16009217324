# rtol: 1e-12
# np.convolve in its three modes (a longer or shorter than v, both orders), integer
# (int64, int32 kept), float32 and mixed operands, a number and lists as operands, a moving
# average.
import numpy as np
a = np.array([1.0, 2.0, 3.0, 4.0, 5.0])
v = np.array([0.25, 0.5, 0.25])
print(np.convolve(a, v), np.convolve(v, a), np.convolve(a, np.arange(1.0, 7.0)), np.convolve(a, np.arange(1.0, 5.0), "full"))
print(np.convolve(a, v, "same"), np.convolve(v, a, mode="same"), np.convolve(a, np.arange(1.0, 7.0), "same"), np.convolve(a, np.arange(1.0, 5.0), "same"))
print(np.convolve(a, v, "valid"), np.convolve(v, a, mode="valid"), np.convolve(a, np.arange(1.0, 7.0), "valid"), np.convolve(a, np.arange(1.0, 5.0), "valid"))
print(np.convolve(np.arange(5), np.arange(3)), np.convolve(np.arange(5, dtype=np.int32), np.arange(3, dtype=np.int32)).dtype)
print(np.convolve(a.astype(np.float32), v.astype(np.float32)).dtype, np.convolve(3, [1, 2]), np.convolve([1, 2, 3], [0, 1, 0.5]))
x = np.sin(np.linspace(0, 6, 50))
w = 5
ma = np.convolve(x, np.ones(w) / w, mode="valid")
print(ma.shape, ma[:4], ma.sum())
print(np.convolve(np.arange(6.0), [1.0], "same"), np.convolve([2.0], np.arange(4.0), "valid"))
