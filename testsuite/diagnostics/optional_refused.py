# What legatec refuses of values that may be None: returning one from a function (a
# result has one kind on every path), and a variable that is None, a number or an array
# depending on the path (None beside one other kind, or beside numbers, is allowed).
import numpy as np


def smallest_positive(values):
    s = None
    for v in values:
        if v > 0 and (s is None or v < s):
            s = v
    return s


print(smallest_positive(np.arange(3.0)))
x = None
for i in range(3):
    if i == 1:
        x = 2.5
    if i == 2:
        x = np.ones(2)
print(x)
