# `.real` and `.imag` of a complex array are views, as NumPy's: writes through them, and
# through names holding them, reach the array (complex128 and complex64, 1-D and 2-D,
# views of views, np.real/np.imag).
import numpy as np

z = np.arange(6) * (1 + 2j)
r = z.real
r[0] = 5.0
z.imag[1:3] = -1.0
z.real += 1.0
i = np.imag(z)
i *= 2.0
print(z, r, i, r.dtype, i.shape)
w = (np.arange(12).reshape(3, 4) * (0.5 - 1j)).astype(np.complex64)
wr = w[::2, 1:].real
wr[:] = 7.0
np.real(w)[1] = np.arange(4.0)
print(w, w.real.dtype, wr, np.imag(w[1]).sum())
a = np.linspace(0.0, 1.0, 4)
print(a.real is not None, a.real.sum(), np.real(a)[2], (z * 2).real, abs(z.imag).max())
