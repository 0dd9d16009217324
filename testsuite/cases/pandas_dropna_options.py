# env: COLUMNS=80
# dropna's options: the rows with no missing value among `subset`'s columns (one label or a
# list), `how="all"` (rows with any value), `thresh=n` (at least n values), on float, int
# and string columns; Series.fillna of another Series keeps its own name.
import numpy as np
import pandas as pd

df = pd.DataFrame({
    "a": np.array([1.0, 5.0, np.nan, np.nan, 0.5]),
    "b": np.array([1.0, np.nan, np.nan, 2.0, np.nan]),
    "c": np.array([1, 2, 3, 4, 5]),
    "s": ["x", None, "z", None, "w"],
})
print(df.dropna())
print(df.dropna(subset=["a"]))
print(df.dropna(subset="b"))
print(df.dropna(subset=["a", "b"], how="all"))
print(df.dropna(how="all"))
print(df.dropna(how="any"))
print(df.dropna(thresh=3))
print(df.dropna(thresh=4))
print(df.dropna(subset=["a", "b"], thresh=1))
print(df.dropna(subset=["c"]))
print(df.dropna(subset=["s", "a"]))
print(df.dropna(subset=[]))
print(df.dropna(subset=["a"])["a"].sum(), len(df.dropna(how="all", subset=["b"])))
print(df["a"].dropna())
print(df["a"].fillna(df["b"]))
print(df["a"].fillna(df["b"]).fillna(0.0))
