# Rounding booleans (NumPy makes float16, or refuses a positive `decimals`) and keywords
# ndarray.copy does not take: located errors (found by the fuzzer, seed 4242).
import numpy as np

flags = np.array([True, False])
print(np.round(flags), flags.round(2), np.bool_(True).round())
A = np.zeros((3, 3))
print(A.copy(axis=0), A.copy(order="F"))
