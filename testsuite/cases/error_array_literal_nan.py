# exit: 1
# stderr: exception
# np.array of a list of floats with an integer dtype converts each float through a Python
# int, as NumPy does: fractions truncate, and NaN is a ValueError (found by the fuzzer,
# where the values printed were garbage).
import numpy as np

print(np.array([1.5, 2.7, -1.5, 300.7], dtype=int), np.array([1000.0], dtype=np.int32))
print(np.array([1.5, np.nan, 3.25, 2.0], dtype=int))
