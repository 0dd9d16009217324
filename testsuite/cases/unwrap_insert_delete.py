# np.unwrap of 1-D arrays (NumPy's defaults: float64, float32 kept, ints as float64, one
# and no element, jumps of exactly pi both ways), and np.insert/np.delete of one integer
# position (negative, at either end, values converted to the array's dtype, a sequence of
# values, N-D arrays flattened by axis=None, axis=0 of a 1-D array); long arrays split over
# ranks.
import numpy as np
p = np.array([0.0, 3.5, 7.0, -3.0, np.pi, 0.0, -np.pi, 2 * np.pi, 10.0, -10.0])
print(np.unwrap(p))
print(np.unwrap(np.array([0, 4, 8, 1, -7])), np.unwrap(np.array([0.0, 4.0, 8.0, 1.0], np.float32)), np.unwrap(np.array([1.5])), np.unwrap(np.zeros(0)))
t = np.linspace(0.0, 40.0, 1001)
w = np.mod(t, 2 * np.pi) - np.pi
u = np.unwrap(w)
print(u[:3], u[-3:], u.sum(), np.abs(np.diff(u)).max())
a = np.arange(5)
print(np.insert(a, 2, 9), np.insert(a, 5, 2.7), np.insert(a, -5, [7, 8]), np.insert(a, 0, True), np.insert(a, np.int32(-1), -1))
m = np.arange(6.0).reshape(2, 3)
print(np.insert(m, 2, np.nan), np.delete(m, -1), np.delete(a, 0), np.delete(a, 4), np.delete(a, -2), np.insert(a, 1, np.array([1.9, -2.9])))
print(np.insert(np.array([True, False]), 1, 5), np.delete(np.array([1.5]), 0), np.insert(np.zeros(0), 0, 3.0), np.insert(a, 3, 4, axis=0), np.delete(a, 1, axis=-1))
f = np.linspace(0.0, 1.0, 7, dtype=np.float32)
print(np.insert(f, 3, 0.1), np.delete(f, 6).dtype)

rng = np.random.default_rng(4)
phase = np.cumsum(rng.uniform(-2.0, 2.0, size=3001))
wrapped = np.angle(np.exp(1j * phase))
back = np.unwrap(wrapped)
print(back[:4], back[-4:], np.abs(back - phase - (back[0] - phase[0])).max() < 1e-9)
big = np.arange(2000.0) * 0.5
ins = np.insert(big, 1234, -1.0)
dele = np.delete(big, -766)
print(ins.shape, ins[1232:1237], ins.sum(), dele.shape, dele[1232:1236], dele.sum())
