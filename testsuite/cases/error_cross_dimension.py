# exit: 1
# stderr: exception
# np.cross of vectors whose length is neither 2 nor 3: NumPy's ValueError.
import numpy as np

print(np.cross([1.0, 2.0, 3.0], [4.0, 5.0, 6.0]))
print(np.cross(np.ones(4), np.ones(3)))
