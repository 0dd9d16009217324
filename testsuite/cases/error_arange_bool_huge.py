# exit: 1
# stderr: exception
# NumPy allocates an arange result before it refuses booleans: the MemoryError comes first.
import numpy as np

print(np.arange(2**62, dtype=bool))
