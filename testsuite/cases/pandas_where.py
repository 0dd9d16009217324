# DataFrame.where: rows where a boolean Series is false become missing in every column kind
# (int and bool columns change dtype only when a row was replaced, as in pandas), or take
# `other`.
# whitespace: exact
# env: COLUMNS=80
import numpy as np
import pandas as pd

df = pd.DataFrame({"a": [1, 2, 3, 4], "b": [1.5, -2.0, 3.25, 4.0], "s": ["x", "y", None, "x"],
                   "c": [True, False, True, True]})
df["d"] = pd.to_datetime(pd.Series(["2024-01-02", "2023-05-06", "2022-01-01", "2021-12-31"]))
df["k"] = df.s.astype("category")
w = df.where(df.b > 0)
print(w)
print(w.dtypes)
print(df.where(df.a > 0))
print(df.where(df.a > 0).dtypes)
print(w.b.sum(), w.s.nunique())
n = df[["a", "b"]]
print(n.where(n.b > 0, 0))
print(n.where(n.b > 0, other=-1.5))
print(n.where(n.a < 3).b.mean())
print(df.where(df.a > 9))
