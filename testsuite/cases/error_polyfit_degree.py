# exit: 1
# np.polyfit with a negative degree raises NumPy's ValueError.
import numpy as np

x = np.linspace(0.0, 1.0, 6)
d = int(x[1] * 5) - 2
print(np.polyfit(x, x * x, d + 2))
print(np.polyfit(x, x * x, d))
