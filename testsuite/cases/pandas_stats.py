# Frame reductions (a Series indexed by the column labels, with pandas' result dtype),
# describe() of frames and series (NumPy's linear quartiles), round, Series.where,
# sort_index, df.to_numpy() and np.asarray of a series.
# whitespace: exact
# env: COLUMNS=80
import numpy as np
import pandas as pd

df = pd.DataFrame({
    "a": np.array([3, 1, 4, 1, 5, 9, 2, 6]),
    "b": np.array([2.5, np.nan, 0.125, 7.75, -1.0, 3.0, 2.0, 1e-3]),
    "c": np.array([True, False, True, True, False, True, False, True]),
    "s": ["x", "y", "x", "z", None, "y", "x", "w"],
})
num = df[["a", "b", "c"]]
print(num.sum())
print(num.mean())
print(num.std(), num.var())
print(df[["a", "b"]].min(), df[["a", "b"]].max())
print(num.median(), num.prod())
print(df.count(), df.nunique())
print(df.sum(numeric_only=True))
print(df.describe())
print(df.b.describe())
print(df.a.describe())
print(pd.DataFrame({"e": np.array([np.nan, np.nan])}).describe())
print(df.round(1))
print(df.b.round(2), df.b.round())
print(df.b.where(df.a > 2))
print(df.b.where(df.a > 2, -1.0))
print(df.a.where(df.b > 0))
print(df.a.where(df.b > 0, 0))
print(df.sort_index(ascending=False))
print(df.set_index("s").sort_index())
print(df[["a", "b"]].to_numpy())
print(df[["a"]].to_numpy().shape)
print(np.asarray(df.b), np.asarray(df.a).sum())
print(df.a.to_numpy().dtype)
