# np.hanning, np.hamming, np.blackman, np.bartlett, np.kaiser and np.i0 (NumPy's
# formulas): M <= 0 empty, M == 1 [1.], float M, run-time M, integer and boolean i0.
# The cosine windows are shown rounded to 12 decimals: their ends are 0 up to the last
# bits of the platform's cos (NumPy prints -1.4e-17 or 0 there depending on its cos).
import numpy as np


def show(w):
    return np.round(w, 12) + 0.0


for M in (-3, 0, 1, 2, 5, 8, 12):
    print(M, show(np.hanning(M)), show(np.hamming(M)))
    print(show(np.blackman(M)), np.bartlett(M), np.kaiser(M, 8.6))
print(show(np.hanning(5.5)), np.bartlett(4.5), np.kaiser(6, 0), np.kaiser(7, 14.0).sum())
m = len(np.arange(9))
w = np.hamming(m)
print(w.dtype, w.shape, show(w), np.blackman(m + 1).sum(), np.kaiser(m, 2).max(), np.hanning(m)[4])
print(np.i0(0.5), np.i0(np.array([1, 2])), np.i0([0, 3]))
x = np.array([-3.0, 0.0, 1.0, 7.9, 8.0, 9.0, 30.0, np.nan, np.inf])
print(np.i0(x), np.i0(np.arange(-2, 3)).dtype, np.i0(np.float32(0.5)).dtype)
print(np.i0(np.array([True, False])), np.i0(7), np.i0(x)[4:7].sum())
