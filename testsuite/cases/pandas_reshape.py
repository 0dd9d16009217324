# Frame and series methods that relabel, reshape and clean: reset_index, set_index,
# rename, drop, astype, isna/notna, fillna, dropna, pd.concat (with and without
# ignore_index), iloc slices, loc with a mask and columns, the column labels, and series
# value_counts, unique, nunique, cumsum (NaN skipped), isin and fillna.
# whitespace: exact
# env: COLUMNS=80
import numpy as np
import pandas as pd

df = pd.DataFrame({"a": np.array([1, 2, 3, 4]), "b": np.array([1.5, np.nan, 3.0, np.nan]), "c": np.array([True, False, True, True])})
print(df.columns)
print(df.reset_index())
print(df.set_index("a"))
print(df.set_index("a").reset_index())
print(df.set_index(["a", "c"]))
print(df.rename(columns={"a": "alpha", "c": "flag"}))
print(df.drop(columns=["b"]))
print(df.drop(columns="c"))
print(df.astype("float64"))
print(df.astype({"a": np.float32}))
print(df.isna())
print(df.notna())
print(df.fillna(0))
print(df.fillna(-1.5).dtypes)
print(df.dropna())
print(pd.concat([df, df]))
print(pd.concat([df, df[df.a > 2]], ignore_index=True))
print(df.iloc[1:3])
print(df.iloc[-2:])
print(df.iloc[:-3])
print(df.loc[df.c, "b"])
print(df.loc[df.a > 1, ["a", "b"]])
print(df.loc[:, ["c", "a"]])
g = df[df.a > 1].reset_index(drop=True)
print(g)
s = pd.Series(np.array([3, 1, 3, 2, 1, 3]), name="v")
print(s.value_counts())
print(s.unique(), s.nunique())
f = pd.Series(np.array([1.5, np.nan, 1.5, 2.0]))
print(f.value_counts())
print(f.nunique())
print(f.cumsum())
print(s.cumsum())
print(s.isin([1, 2]))
print(f.fillna(9.0))
print(f.isna().sum(), f.notna().sum())
sums = df.groupby("c").sum().reset_index()
print(sums)
