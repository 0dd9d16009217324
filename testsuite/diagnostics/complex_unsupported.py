# Uses of complex numbers legatec does not support yet: each a located error, never a
# silent drop of the imaginary part.
import numpy as np

z = np.exp(1j * np.linspace(0.0, 1.0, 8))
a = np.zeros(8)
w = 1 + 2j
print(np.tan(z), z.max(), np.sort(z), z // 2, z < w)
print(z ** 0.5, z ** w, np.float64(w), float(w), z.astype(np.float64))
a[:] = z
a[0] = w
a[[1, 2]] = w
b = np.array([1j, 2.0], dtype=np.float64)
print(np.median(z), np.cumprod(z), a, b)
h = np.fft.hfft(z)
y = np.fft.rfft(z)
print(f"{w:.2f}", np.isclose(z, z, equal_nan=True), complex("1+2j"))
f = np.fft.fft(z, norm="half")
g = np.fft.fft2(z)
