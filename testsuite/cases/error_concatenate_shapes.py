# exit: 1
# Concatenating arrays whose other dimensions differ is a ValueError at run time.
import numpy as np

rows = 3
a = np.ones((2, rows))
b = np.zeros((2, rows + 1))
print(np.concatenate((a, a)))
print(np.concatenate((a, b)))
