# Selections and merges split over ranks at their edges: arrays of one row or none (the
# row lies on one rank, or nowhere), an index of one element, a merge with a one-row side,
# and a copy of an empty array.
import numpy as np
import pandas as pd

one = np.arange(1) * 2.5 + 1.0
print(one[one > 0.0], one[np.zeros(3, dtype=np.int64)], one[np.array([0])])
empty = np.arange(0) * 1.0
print(empty[empty > 0.0], empty.copy(), empty[np.arange(0)])
k = np.arange(17)
pick = k[np.array([16])]
print(pick, k[k == 16], (k * 2)[k[k > 15]])
left = pd.DataFrame({"key": np.arange(12) % 4, "v": np.arange(12) * 1.5})
right = pd.DataFrame({"key": np.array([2]), "w": np.array([9])})
m = left.merge(right, on="key")
print(m)
print(left.merge(right, on="key", how="left").head(6))
print(pd.DataFrame({"key": np.arange(1), "z": np.arange(1) * 3}).merge(left, on="key"))
