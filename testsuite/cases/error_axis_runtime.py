# exit: 1
# An axis known only when running that is out of range raises NumPy's AxisError.
import numpy as np

a = np.arange(12.0).reshape(3, 4)
for k in range(3):
    print(k, np.sum(a, axis=k))
