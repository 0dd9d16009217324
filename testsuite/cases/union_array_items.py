# Numbers of run-time type (a Python int on one path, a NumPy int64 on another; an int or
# a float) as items of arrays NumPy makes: np.array of lists and comprehensions, np.mean of a
# list: the dtype their types promote to.
import numpy as np
a = np.arange(5)
def f(i, flip):
    x = i
    if flip:
        x = a[i]
    return x
def g(i):
    y = 1
    if i > 2:
        y = 2.5
    return y
print(np.array([f(i, i % 2 == 0) for i in range(4)]))
print(np.array([g(i) for i in range(5)]))
print(np.array([f(1, True), f(2, False), 3]), np.array([g(1), g(4)]))
t = (f(1, True), g(3))
print(np.array(t), np.mean([g(1), g(5)]))
