# env: COLUMNS=80
# Merges on numeric keys of two dtypes (int64 and float64, either side) where rows have a
# right key alone or the common dtype is the left's: the key column in pandas' dtype.
import numpy as np
import pandas as pd
l = pd.DataFrame({"p": np.array([1, 1, 2, 2]), "q": np.array([0, 1, 0, 1]), "v": np.arange(4.0)})
r = pd.DataFrame({"p": np.array([2, 1, 5]), "q": np.array([1, 1, 0.5]), "w": np.array([10, 20, 30])})
print(pd.merge(l, r, on=["p", "q"], how="outer"))
print(pd.merge(l, r, on=["p", "q"], how="right"))
lf = l.astype({"q": "float64"})
ri = pd.DataFrame({"p": np.array([2, 1, 2]), "q": np.array([1, 1, 0]), "w": np.array([10, 20, 30])})
print(pd.merge(lf, ri, on=["p", "q"], how="right"))
print(pd.merge(lf, ri, on=["p", "q"], how="outer"))
