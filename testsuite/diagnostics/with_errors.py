import numpy as np

a = np.ones(3)
with np.errstate(all="raise"):
    b = 1.0 / a
with np.errstate(over="loud"):
    c = a * 2
with open("x.txt") as fh:
    d = a + 1
print(b, c, d)
