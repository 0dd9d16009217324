# Tuples and lists compared with == and != (shapes against literal tuples, lengths that
# differ, int and float items, a list against a tuple, strings), in assert and if.
import numpy as np
A = np.zeros((3, 4))
n = 3
print(A.shape == (n, 4), A.shape != (3, 4), A.shape == (3,), (1, 2) == (1, 2.0), [1, 2] == (1, 2), [1, "a"] == [1, "a"])
assert A.shape == (3, 4), "shape"
if A.shape == (n, n):
    print("square")
else:
    print("not square")
