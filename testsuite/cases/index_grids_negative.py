# exit: 1
# stderr: exception
# np.ogrid with a slice of no points gives an empty axis; np.mgrid's count below zero is
# NumPy's ValueError (its np.indices refuses a negative dimension). Found by the fuzzer.
import numpy as np

a, b = np.ogrid[5:0:-2, 0:(-2)]
print(a, b)
print(np.mgrid[5:0:-2, 0:(-2)])
