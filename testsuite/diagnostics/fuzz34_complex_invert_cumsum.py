# Found by the fuzzer (seed 34): `~` of a complex array was an internal compiler error, and
# np.cumsum(dtype=complex64) a SystemError of the compiled program.
import numpy as np

a = np.array([True, False], dtype=np.complex64)
print(~a, ~2.5)
b = np.array([[1, 2, 3], [4, 5, 6]])
print(np.cumsum(b, axis=1, dtype=np.complex64))
