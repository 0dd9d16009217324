# exit: 1
# stderr: exception
# np.diag of a matrix takes its offset as a C int: NumPy's OverflowError beyond it (fuzz).
import numpy as np

B = np.zeros((7, 4)) - 1.0
print(np.diag(B, 1), np.diag(B, 2147483647))
print(np.diag(B, 2**62))
