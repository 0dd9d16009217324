# rtol: 1e-9
# Complex128 transforms along each axis of 1-D, 2-D and 3-D arrays, every norm, fft2/ifftn
# and round trips (on a GPU: cuFFT, batched along the axis). Printed as sums of magnitudes,
# large components and round-trip errors (components that are zero mathematically differ
# in rounding between FFT libraries).
import numpy as np

rng = np.random.default_rng(5)
x = rng.random(96) + 1j * rng.random(96)
X = np.fft.fft(x)
print(np.abs(X).sum(), X[0], np.abs(np.fft.ifft(X) - x).max() < 1e-13)
F = np.fft.fft(x, norm="backward")
print(np.abs(F).sum(), np.abs(np.fft.ifft(F, norm="backward") - x).max() < 1e-13)
F = np.fft.fft(x, norm="ortho")
print(np.abs(F).sum(), np.abs(np.fft.ifft(F, norm="ortho") - x).max() < 1e-13)
F = np.fft.fft(x, norm="forward")
print(np.abs(F).sum(), np.abs(np.fft.ifft(F, norm="forward") - x).max() < 1e-13)
a = rng.random((6, 10, 7)) - 0.5 + 1j * (rng.random((6, 10, 7)) - 0.5)
A = np.fft.fft(a, axis=0)
print(A.shape, np.abs(A).sum(), np.abs(np.fft.ifft(A, axis=0) - a).max() < 1e-13)
A = np.fft.fft(a, axis=1)
print(A.shape, np.abs(A).sum(), np.abs(np.fft.ifft(A, axis=1) - a).max() < 1e-13)
A = np.fft.fft(a, axis=-1)
print(A.shape, np.abs(A).sum(), np.abs(np.fft.ifft(A, axis=-1) - a).max() < 1e-13)
m = np.outer(np.exp(2j * np.pi * np.arange(16) / 16 * 3), np.ones(12)) + 0.25
M = np.fft.fft2(m)
print(np.round(np.abs(M[3, 0]), 6), np.round(np.abs(M[0, 0]), 6), np.abs(M).sum())
print(np.abs(np.fft.ifftn(np.fft.fftn(a)) - a).max() < 1e-13)
big = np.exp(1j * np.linspace(0.0, 40.0, 4096)).reshape(64, 64)
B = np.fft.fft(big, axis=0)
print(np.abs(B).sum(), np.abs(np.fft.ifft(B, axis=0) - big).max() < 1e-12)
# Real transforms (float64 in, on a GPU cuFFT's D2Z): the mean and Nyquist terms' imaginary
# parts are exactly zero, as pocketfft's.
r = rng.random((5, 12)) - 0.5
R = np.fft.rfft(r)
print(R.shape, np.abs(R).sum(), bool(np.all(R[:, 0].imag == 0)), bool(np.all(R[:, 6].imag == 0)))
print(np.abs(np.fft.irfft(R) - r).max() < 1e-13)
R0 = np.fft.rfft(r, axis=0)
print(R0.shape, np.abs(R0).sum(), bool(np.all(R0[0].imag == 0)), np.abs(np.fft.irfft(R0, n=5, axis=0) - r).max() < 1e-13)
R7 = np.fft.rfft(r[:, :7], norm="ortho")
print(R7.shape, np.abs(R7).sum(), bool(np.all(R7[:, 0].imag == 0)))
