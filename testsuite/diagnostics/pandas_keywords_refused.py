# Keywords of pandas methods that would change what they do (`inplace=True` changes the
# frame itself), NumPy functions of a Series whose index pandas reorders, and dropna's
# arguments pandas refuses, shift of bools: each a located error, never ignored.
import numpy as np
import pandas as pd

df = pd.DataFrame({"a": np.array([1.0, np.nan]), "b": np.array([np.nan, 2.0])})
df.fillna(0.0, inplace=True)
df["a"].fillna(1.0, inplace=True)
print(df.dropna(axis=1))
print(df.dropna("any"))
print(df.dropna(how="all", thresh=1))
print(df.dropna(subset=["c"]))
print(df.dropna(how="some"))
print(df.isna(bogus=1), df.astype("float32", errors="ignore"))
print(df["a"].cumsum(skipna=False), df["a"].isin([1.0], bogus=1))
print(np.flip(df["a"]), np.repeat(df["b"], 2))
print(df.dropna(subset=3), pd.Series([True, False]).shift())
