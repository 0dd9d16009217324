# exit: 1
# np.polyfit of x and y of different lengths raises NumPy's TypeError.
import numpy as np

x = np.linspace(0.0, 1.0, 7)
print(np.polyfit(x, 2.0 * x + 1.0, 1))
print(np.polyfit(x, np.ones(6), 1))
