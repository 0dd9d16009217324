# rtol: 1e-9
# np.vander, np.polyval (Horner's rule, one step per coefficient) and np.polyfit (scaled
# Vandermonde least squares through lstsq), on 1-D and 2-D data, split over ranks.
import numpy as np
x = np.linspace(-1.0, 2.0, 41)
y = 1.0 - 2.0 * x + 0.5 * x**3 + 0.01 * np.sin(17.0 * x)
c = np.polyfit(x, y, 3)
print(c)
print(np.polyval(c, x)[:5])
print(np.sqrt(np.mean((y - np.polyval(c, x)) ** 2)))
print(np.polyval([1, 2, 3], 2), np.polyval(np.array([1.5, -2.0]), 3.0))
print(np.polyval([1, 2, 3], np.arange(5)))
print(np.vander(np.array([1, 2, 3, 5])))
print(np.vander(np.array([1.0, 2.0, 3.0]), 5, increasing=True))
print(np.vander(np.array([2.0, 3.0]), 0))
Y = np.stack([y, 2 * y + 1], axis=1)
print(np.polyfit(x, Y, 2))
xi = np.arange(10)
print(np.polyfit(xi, 2 * xi * xi - 5 * xi + 3, 2))
print(np.polyfit(x, y, 1, rcond=1e-10))
big = np.linspace(0.0, 1.0, 5001)
coef = np.polyfit(big, np.exp(big), 4)
print(coef, np.polyval(coef, big).sum())
print(np.polyval(np.array([2.0, -1.0, 0.5]), np.array([[1.0, 2.0], [3.0, 4.0]])))
