# np.count_nonzero of a whole array is a NumPy int64 (NumPy 2.4): arithmetic with it
# follows NumPy's rules, so a float division by zero is inf, not a ZeroDivisionError
# (found by the fuzzer).
import numpy as np

x = np.linspace(-1.0, 1.0, 11)
hits = np.count_nonzero(x > 0.2)
total = 0
inside = 0
inside += hits
print(hits, inside, 4.0 * inside / total, hits / 2, hits // 3, np.count_nonzero(x.reshape(11, 1) > 0, axis=0))
