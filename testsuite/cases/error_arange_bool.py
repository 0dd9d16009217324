# exit: 1
# stderr: exception
# np.arange with dtype=bool: at most two values, else NumPy's TypeError.
import numpy as np

print(np.arange(0, dtype=bool))
print(np.arange(1, dtype=bool))
print(np.arange(2, dtype=bool))
print(np.arange(1, 3, dtype=bool))
print(np.arange(0.0, 2.0, 1.5, dtype=bool))
print(np.arange(5, dtype=bool))
print("not reached")
