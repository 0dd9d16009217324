# env: COLUMNS=80
# Integer Series // and % by nonzero divisors (a scalar, a Series, negative values): pandas
# keeps the integer dtype and floors as Python does. A zero divisor is a run-time error
# (testsuite/tests/pandas_runtime_errors.rs).
import numpy as np
import pandas as pd

s = pd.Series(np.array([7, -3, 5, -8, 0], dtype=np.int8), name="s")
t = pd.Series(np.array([2, 4, -3, 3, 5]), name="t")
print(s // 3)
print(s % 3)
print(s // t)
print(s % t)
print((s // -2).dtype, (s % t).dtype)
