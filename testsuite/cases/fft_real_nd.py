# np.fft.rfft2/irfft2/rfftn/irfftn: the real transform along the last axis and complex ones
# along the others, in NumPy's order; float32 input gives complex64.
import numpy as np
x = np.cos(np.arange(24.0) * 0.7).reshape(4, 6)
F = np.fft.rfft2(x)
print(F.shape, F.dtype, np.round(F, 8))
back = np.fft.irfft2(F, s=x.shape)
print(np.allclose(back, x), np.round(back - x, 12).max())
G = np.fft.rfftn(x.reshape(2, 2, 6))
print(G.shape, np.round(np.abs(G), 8))
print(np.round(np.fft.irfftn(G), 10).shape, np.round(np.fft.irfft2(np.fft.rfft2(x)), 10))
y = np.arange(8.0, dtype=np.float32).reshape(2, 4)
print(np.fft.rfft2(y).dtype, np.fft.rfft2(y, norm="ortho"))
