# Numbers of run-time type (a Python int on one path, a NumPy int64 on another) as items
# of arrays NumPy makes: np.array of lists and comprehensions, np.mean of a list. Both make
# int64 items. (An int on one path and a float on another is a compile error: golden
# union_item_dtype.)
import numpy as np
a = np.arange(5)
def f(i, flip):
    x = i
    if flip:
        x = a[i]
    return x
print(np.array([f(i, i % 2 == 0) for i in range(4)]))
print(np.array([f(1, True), f(2, False), 3]))
t = (f(1, True), f(3, False))
print(np.array(t), np.mean([f(1, True), f(4, False)]))
