# legatec: ValueError: legatec: merge key 'q' is int64 where every row has a left key and float64 otherwise in pandas; it was compiled for float64 (give both key columns one dtype with astype)
# pandas keeps the left key's int64 when every row of a right merge has a left key (the
# dtype depends on the data); legatec compiled the key for float64 and stops (found by the
# fuzzer, seed 13313).
import numpy as np
import pandas as pd

l = pd.DataFrame({"p": np.array([1, 1, 2, 2]), "q": np.array([0, 1, 0, 1]), "v": np.arange(4.0)})
r = pd.DataFrame({"p": np.array([2, 1, 2]), "q": np.array([1, 1, 0.0]), "w": np.array([10, 20, 30])})
print("before")
print(pd.merge(l, r, on=["p", "q"], how="right"))
