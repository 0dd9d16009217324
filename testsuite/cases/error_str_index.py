# exit: 1
# stderr: exception
# A str indexed past its end: Python's IndexError.
import numpy as np
s = "abc" + str(int(np.sum(np.ones(2))))
print(s[3], s[-4:], s[::-1])
print(s[4])
