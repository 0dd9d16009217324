# whitespace: exact
# NumPy array printing: every dtype, negatives, padding, 1-D to 3-D, empty arrays.
import numpy as np

print(np.array([1.0, 2.5, -3.25]))
print(np.array([0.1, 0.2, 0.3]) * 3)
print(np.array([1.0, 2.0, 3.0]))
print(np.array([-1.0, 0.0, 1.0]))
print(np.arange(12) - 5)
print(np.array([100000, -1, 42]))
print(np.arange(5, dtype=np.int32) * -3)
print(np.array([True, False, False]))
print(np.array([0.5, 0.25], dtype=np.float32))
print(np.arange(4) / 3.0)
print(np.array([1.0, 1.0]) / 7.0)
print(np.zeros((2, 3)))
print(np.ones((2, 2, 2), dtype=np.int32))
A = np.zeros((3, 3))
for i in range(3):
    for j in range(3):
        A[i, j] = (i - j) * 1.5
print(A)
print(A > 0)
print(np.zeros(0), np.zeros((0, 3)).shape)
C = np.zeros((2, 2, 3))
for i in range(2):
    for j in range(2):
        for k in range(3):
            C[i, j, k] = i - j * 0.5 + k * 0.25
print(C)
print(np.array([[1.0]]), np.array([7]))
print(np.linspace(0.0, 1.0, 30))
print(np.arange(40))
