# exit: 3
# sys.exit(n) with an int: the output so far, then status n; nothing after it runs.
import sys
import numpy as np


def check(a):
    if a.min() < 0:
        print("negative values:", int((a < 0).sum()))
        sys.exit(3)
    return a.sum()


print(check(np.arange(4.0)))
print(check(np.arange(4.0) - 2))
print("not reached")
