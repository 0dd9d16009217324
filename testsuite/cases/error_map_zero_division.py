# exit: 1
# stderr: exception
# env: COLUMNS=80
# A lambda that pandas' map applies to each value as a Python int divides by zero:
# Python's ZeroDivisionError, not NumPy's 0 (found by the fuzzer, seed 26). The map
# before it divides by numbers that are never zero.
import numpy as np
import pandas as pd

df = pd.DataFrame({"i": np.array([3, -1, 4, 1, -5, 9]), "v": np.array([1.5, 2.0, -2.0, 4.25, 0.5, 1.0])})
print(df.i.map(lambda q: q % 4 == 1).sum(), df.v.map(lambda q: q / 2.0).sum())
print(df.i.map(lambda q: q % 0 == 0).sum())
