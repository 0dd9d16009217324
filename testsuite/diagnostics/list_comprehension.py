# List comprehensions are not supported; use np.arange and array arithmetic.
import numpy as np

squares = [i * i for i in range(10)]
print(np.sum(np.arange(10)))
