# rtol: 1e-9
# np.linalg.cond (2-norm), np.linalg.matrix_power (0, 1 as the array itself, 2, 3, larger
# powers by NumPy's repeated squaring, negative powers through the inverse, int matrices
# staying int) and np.linalg.multi_dot (matrices and end vectors); rows split over ranks.
import numpy as np

a = np.array([[1.0, 2.0], [3.0, 4.0]])
print(np.linalg.cond(a))
print(np.linalg.matrix_power(a, 0), np.linalg.matrix_power(a, 1), np.linalg.matrix_power(a, 2))
print(np.linalg.matrix_power(a, 3), np.linalg.matrix_power(a, 4), np.linalg.matrix_power(a, 5))
print(np.linalg.matrix_power(a, 7), np.linalg.matrix_power(a, -1), np.linalg.matrix_power(a, -2), np.linalg.matrix_power(a, -3))
ia = np.array([[1, 2], [3, 4]])
print(np.linalg.matrix_power(ia, 5), np.linalg.matrix_power(ia, 0).dtype)
b = np.arange(6.0).reshape((2, 3))
c = np.arange(12.0).reshape((3, 4))
v = np.arange(4.0)
print(np.linalg.multi_dot([a, b, c]))
print(np.linalg.multi_dot([a, b, c, v]))
print(np.linalg.multi_dot([np.ones(2), a, b]))
p1 = np.linalg.matrix_power(a, 1)
p1[0, 0] = 99.0
print(a[0, 0])
