# An axis given by position and by keyword: CPython's TypeError ("got multiple values
# for argument 'axis'") is a compile error, for the functions and the methods alike.
import numpy as np

a = np.arange(12.0).reshape(3, 4)
print(np.argmax(a, 1, axis=0))
print(a.sum(0, axis=1))
