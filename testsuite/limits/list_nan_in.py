# legatec: ValueError: legatec: `in` of a NaN in a list that holds a NaN (Python's answer depends on whether they are the same object)
# CPython's `in` tests identity before equality: `np.nan in xs` is True where xs holds that
# very object; a compiled program cannot tell one NaN from another, so it stops.
import numpy as np

xs = []
xs.append(1.0)
print(np.nan in xs)
xs.append(np.nan)
print(np.nan in xs)
