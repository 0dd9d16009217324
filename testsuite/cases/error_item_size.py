# exit: 1
# stderr: exception
# .item() of an array of more than one element: NumPy's ValueError.
import numpy as np

a = np.arange(3.0)
print(a[:1].item())
print(a.item())
