# exit: 1
# stderr: exception
# np.nanquantile of a bool array: NumPy's TypeError (its interpolation subtracts bools);
# np.nanmedian of bools is their mean.
import numpy as np

m = np.arange(10) % 3 == 0
print(np.nanmedian(m), np.median(m))
print(np.nanquantile(m, 0.4))
