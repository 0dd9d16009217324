# DataFrame.groupby: one and two keys, sum mean min max count size std var first last
# nunique median prod, a column selection, agg with a dict and with named aggregations,
# as_index=False, sort=False (groups in order of appearance), NaN skipped in values, and
# NaN keys dropped (dropna) or kept as their own group.
# whitespace: exact
# env: COLUMNS=80
import numpy as np
import pandas as pd

df = pd.DataFrame({"g": np.array([2, 1, 2, 3, 1, 2, 3, 3]), "h": np.array([0, 0, 1, 1, 0, 1, 0, 1]), "x": np.array([1.5, 2.5, np.nan, 4.0, 5.0, 6.5, -1.0, 0.25]), "y": np.arange(8), "b": np.array([True, False, True, True, False, True, False, True])})
g = df.groupby("g")
print(g.sum())
print(g.mean())
print(g.min())
print(g.max())
print(g.count())
print(g.size())
print(g.std())
print(g.var())
print(g.first())
print(g.last())
print(g.nunique())
print(g.median())
print(g.prod())
print(g["x"].sum())
print(g[["x", "y"]].max())
print(df.groupby(["g", "h"]).sum())
print(df.groupby(["h", "g"])["y"].count())
print(df.groupby("g", as_index=False).size())
print(df.groupby("g", as_index=False).mean())
print(df.groupby("g", sort=False).agg({"x": "min", "y": "max"}))
print(df.groupby("g").agg(top=("x", "max"), n=("y", "count"), mid=("x", "median")))
keys = pd.DataFrame({"k": np.array([1.0, np.nan, 2.0, 1.0, np.nan]), "v": np.arange(5)})
print(keys.groupby("k").sum())
print(keys.groupby("k", dropna=False).sum())
total = g.sum()
print(total.y.sum(), len(total))
