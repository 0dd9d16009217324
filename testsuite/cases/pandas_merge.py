# pd.merge and DataFrame.merge: inner, left, right and outer merges on one and on two keys,
# pandas' row order for each, left_on/right_on, suffixes for shared column names, keys with
# no match (ints printed as floats with NaN where a row is missing, as pandas does), merges
# matching every row (ints stay ints), empty results, and merges on the shared columns.
# whitespace: exact
# env: COLUMNS=80
import numpy as np
import pandas as pd

left = pd.DataFrame({"k": np.array([3, 1, 2, 1, 5]), "a": np.arange(5) * 1.5, "n": np.arange(5)})
right = pd.DataFrame({"k": np.array([1, 2, 2, 4]), "b": np.array([10.0, 20.0, 30.0, 40.0]), "n": np.array([7, 8, 9, 10])})
print(pd.merge(left, right, on="k"))
print(left.merge(right, on="k", how="left"))
print(pd.merge(left, right, on="k", how="right"))
print(pd.merge(left, right, on="k", how="outer"))
print(left.merge(right, left_on="n", right_on="k", suffixes=("_l", "_r")))
print(pd.merge(left, right, on="k", sort=True))
full = pd.merge(left, pd.DataFrame({"k": np.array([1, 2, 3, 5]), "w": np.array([True, False, True, True])}), on="k", how="left")
print(full)
print(full.dtypes)
print(pd.merge(left, right, on="n"))
two_l = pd.DataFrame({"p": np.array([1, 1, 2, 2]), "q": np.array([0, 1, 0, 1]), "v": np.array([1.0, 2.0, 3.0, 4.0])})
two_r = pd.DataFrame({"p": np.array([2, 1, 2]), "q": np.array([1, 1, 0]), "w": np.array([10, 20, 30])})
print(pd.merge(two_l, two_r, on=["p", "q"]))
print(pd.merge(two_l, two_r, on=["p", "q"], how="outer"))
print(pd.merge(two_l, two_r))
inner = pd.merge(left, right, on="k")
print(len(inner), inner.b.sum(), (inner.a * inner.b).sum())
