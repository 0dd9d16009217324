# rtol: 1e-9
# np.fft: transforms along one axis and several, real and complex input, the lengths of
# every kind of plan (powers of two, mixed radices, primes), n= to cut and pad, norm=,
# and the frequencies. Printed as magnitudes and round trips (values that are zero
# mathematically differ in rounding between FFT libraries).
import numpy as np

for n in [8, 12, 17, 30]:
    j = np.arange(n)
    x = np.cos(0.7 * j) + (j % 5) / 3.0 + 0.25
    X = np.fft.fft(x)
    print(n, np.abs(X), np.abs(np.fft.ifft(X) - x).max() < 1e-12)
    R = np.fft.rfft(x)
    print(R.shape, np.abs(R), np.abs(np.fft.irfft(R, n) - x).max() < 1e-12)
z = np.exp(0.3j * np.arange(10)) * (1.0 + np.arange(10) / 4.0)
Z = np.fft.fft(z)
print(np.abs(Z), np.abs(np.fft.ifft(Z) - z).max() < 1e-12)
print(np.abs(np.fft.fft(z, n=6)), np.abs(np.fft.fft(z, n=16, norm="ortho")))
print(np.abs(np.fft.ifft(z, norm="forward")), np.fft.irfft(np.fft.rfft(z.real)).shape)
g = (np.cos(1.3 * np.arange(24.0)).reshape(4, 6) + np.arange(24.0).reshape(4, 6) / 9) * (1 + 0.5j)
G = np.fft.fft2(g)
print(np.abs(G), np.abs(np.fft.ifft2(G) - g).max() < 1e-12)
print(np.abs(np.fft.fftn(g, axes=(0,))), np.abs(np.fft.fft(g, axis=0) - np.fft.fftn(g, axes=(0,))).max() < 1e-12)
print(np.abs(np.fft.fftn(g, s=(3, 8))).sum(), np.fft.fft2(g).dtype, np.fft.rfft(np.ones(4, dtype=np.float32)).dtype)
print(np.fft.fftfreq(8), np.fft.fftfreq(7, d=0.5), np.fft.rfftfreq(9, 0.1), np.fft.rfftfreq(10))
