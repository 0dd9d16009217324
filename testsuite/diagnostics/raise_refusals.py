# What legatec refuses of `raise` (it has no `try`): re-raising, `from`, keyword
# arguments, and classes other than Python's built-in exceptions and NumPy's LinAlgError.
import numpy as np


def check(x):
    if x < 0:
        raise
    if x > 10:
        raise ValueError("too big") from None
    if x == 4:
        raise ValueError(msg="four")
    if x == 5:
        raise np.exceptions.AxisError("five")
    if x == 6:
        raise StopIteration
    return x


print(check(1))
