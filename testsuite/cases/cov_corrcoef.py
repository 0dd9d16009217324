# rtol: 1e-12
# np.cov and np.corrcoef: rows as variables (columns with rowvar=False), a second
# argument's rows added, bias and ddof, one variable squeezed to a scalar.
import numpy as np

print(np.cov(np.array([1.0, 2.0, 4.0])), np.cov(np.arange(6.0).reshape(2, 3) ** 2))
print(np.cov(np.arange(6.0).reshape(3, 2), rowvar=False), np.cov(np.arange(6.0).reshape(2, 3), bias=True))
print(np.corrcoef(np.arange(6.0).reshape(2, 3) ** 2), np.corrcoef(np.array([1.0, 2.0, 4.0])))
print(np.cov(np.array([1.0, 2.0, 4.0]), np.array([2.0, 1.0, 0.0])), np.cov(np.arange(5), ddof=0))
x = np.linspace(0.0, 1.0, 7)
print(np.corrcoef(x, x ** 2), np.corrcoef(np.vstack([x, np.sin(x), x[::-1]])))
