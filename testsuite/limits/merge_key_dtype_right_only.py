# legatec: ValueError: legatec: merge key 'q' is int64 where no row has a left key and float64 otherwise in pandas; it was compiled for float64 (give both key columns one dtype with astype)
# pandas takes the right key's int64 when no row of a right merge has a left key (the dtype
# depends on the data); legatec compiled the key for the common float64 and stops (found by
# the fuzzer, seed 3940).
import numpy as np
import pandas as pd

l = pd.DataFrame({"p": np.array([1, 1, 2, 2]), "q": np.array([0, 1, 0, 1]), "v": np.arange(4.0)})
lf = l.astype({"q": "float32"})
r = pd.DataFrame({"p": np.array([4, 4, 4]), "q": np.array([1, 1, 0]), "w": np.array([10, 20, 30])})
print("before")
print(pd.merge(lf, r, on=["p", "q"], how="right"))
