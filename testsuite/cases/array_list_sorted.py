# list(a) and sorted(a) of arrays: the NumPy scalars of a 1-D array in a list (printed as
# Python 3.11 + NumPy 2 show them), sorted (reverse= too); list() of a 2-D array is its rows,
# views of it as NumPy's.
import numpy as np

fs = 100.0
t = np.arange(0, 1, 1 / fs)
sig = np.sin(2 * np.pi * 5 * t) + 0.5 * np.sin(2 * np.pi * 12 * t)
spec = np.abs(np.fft.rfft(sig * np.hanning(len(sig))))
freqs = np.fft.rfftfreq(len(sig), 1 / fs)
top = np.argsort(spec)[-2:]
print(sorted(freqs[top]))
a = np.array([3, 1, 2, 5, 4])
print(sorted(a), sorted(a, reverse=True), list(a))
print(sorted(a * 0.5)[0], max(list(a)), sum(sorted(a)))
rows = list(np.arange(6.0).reshape(3, 2))
print(len(rows), rows[1])
M = np.zeros((2, 3))
for r in list(M):
    r += 1.0
print(M)
xs = sorted(np.array([2.5, -1.0, 0.0], dtype=np.float32))
xs.append(np.float32(9.0))
print(xs, len(xs))
