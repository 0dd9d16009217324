# exit: 1
# stderr: exception
# np.fft with a number of points known only at run time: zero points is NumPy's ValueError.
import sys

import numpy as np

x = np.arange(4.0) + 1
print(np.fft.rfft(x).shape)
print(np.fft.fft(x, n=len(sys.argv) - 1))
