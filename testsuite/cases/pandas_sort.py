# DataFrame.sort_values: one key with unique values, several keys with mixed directions
# (stable), NaN placed last or first, and the index labels that follow the rows.
# whitespace: exact
# env: COLUMNS=80
import numpy as np
import pandas as pd

df = pd.DataFrame({"g": np.array([2, 1, 2, 3, 1, 2]), "x": np.array([1.5, 2.5, np.nan, 4.0, 5.0, 6.5]), "y": np.arange(6)})
print(df.sort_values("x"))
print(df.sort_values(["g", "y"], ascending=[False, True]))
print(df.sort_values("x", ascending=False, na_position="first"))
print(df.sort_values(by=["g", "x"]))
top = df.sort_values("y", ascending=False).head(3)
print(top)
print(top.x.sum())
sel = df[df.g > 1].sort_values("y", ascending=False)
print(sel)
