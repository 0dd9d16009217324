# exit: 1
# stderr: exception
# np.nanquantile of a bool array: NumPy's TypeError (its interpolation subtracts bools);
# np.nanmedian of bools is their mean. An empty bool array has nothing to subtract: NaN,
# as an empty float array gives.
import numpy as np

m = np.arange(10) % 3 == 0
e = m[m & ~m]
print(np.nanmedian(m), np.median(m), np.nanquantile(e, 0.5), np.nanpercentile(e, 30))
print(np.nanquantile(m, 0.4))
