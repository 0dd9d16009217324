# NumPy functions NumPy writes over others: rot90, sinc, heaviside, ediff1d,
# cumulative_sum, np.fft.fftshift/ifftshift, polyder/polyint.
import numpy as np

n = 5
m = np.arange(float(n * 3)).reshape(n, 3)
for k in (0, 1, 2, 3, -1, 5):
    r = np.rot90(m, k)
    print(k, r.shape, r[0], r.sum(axis=0))
c = np.arange(24).reshape(2, 3, 4)
print(np.rot90(c, 1, axes=(1, 2))[1], np.rot90(c, 3, (0, 2)).shape)
v = np.rot90(m)
v[0, 0] = -1.0
print(m[0, 2])

x = np.linspace(-2.0, 2.0, 9)
print(np.sinc(x), np.sinc(0.0), np.sinc(np.arange(3)), np.sinc(x.astype(np.float32)).dtype)
y = np.array([-1.5, 0.0, 2.0, np.nan, 0.0])
print(np.heaviside(y, 0.5), np.heaviside(y, y + 3), np.heaviside(np.arange(-2, 3), 1).dtype)
print(np.heaviside(y.astype(np.float32), 0.5).dtype, np.heaviside(-2.0, 1.0))

print(np.ediff1d(m), np.ediff1d(np.array([1, 4, 9, 16])), np.ediff1d(np.arange(1)))
print(np.cumulative_sum(np.arange(1, 6)), np.cumulative_sum(m, axis=0)[-1])
print(np.cumulative_sum(m, axis=1, include_initial=True)[2], np.cumulative_sum(np.arange(4), dtype=np.float32))

f = np.fft.fftfreq(8, 0.5)
print(np.fft.fftshift(f), np.fft.ifftshift(np.fft.fftshift(f)))
g = np.arange(15.0).reshape(3, 5)
print(np.fft.fftshift(g), np.fft.fftshift(g, axes=1)[0], np.fft.ifftshift(g, axes=(0,))[0])
print(np.fft.fftshift(np.arange(7)))

p = np.array([3.0, -2.0, 0.5, 4.0])
print(np.polyder(p), np.polyder(p, 2), np.polyder(p, 0), np.polyder(np.array([1, 2, 3])))
print(np.polyint(p), np.polyint(p, 2), np.polyint(p, k=3.0), np.polyint(np.array([6, 2]), 2, k=[1.0, 2.0]))
print(np.polyval(np.polyder(np.polyint(p)), 1.7), np.polyval(p, 1.7))
