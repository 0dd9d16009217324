# Groupbys of frames whose columns are split by rows over ranks: each group's rows (or,
# for sums, counts, sizes, minima, maxima and means of int, bool and float64 columns, each
# rank's partial results) meet on one rank and come back in pandas' group order, sorted
# by key or in order of first appearance (`sort=False`), whatever the rank count: many
# keys, few keys, keys that all lie on one rank, two keys, negative keys, int32 keys,
# medians, variances, firsts and lasts (the rows themselves move), NaN values, and
# computations on the results, and categorical keys.
import numpy as np
import pandas as pd

n = 60
i = np.arange(n)
df = pd.DataFrame({"k": (i * 7) % 11 - 4, "g": i % 3, "a": i * 0.5, "b": (i * 13) % 10, "f": np.sin(i * 1.0)})
print(df.groupby("k").a.sum())
print(df.groupby("k").b.mean())
print(df.groupby("k", sort=False).b.sum())
print(df.groupby("k", sort=False)[["a", "b"]].max())
print(df.groupby(["g", "k"]).size())
print(df.groupby(["k", "g"], sort=False).a.min())
print(df.groupby("g").f.median())
print(df.groupby("k").f.var())
print(df.groupby("k", sort=False).f.std())
print(df.groupby("k").b.first(), df.groupby("k", sort=False).b.last())
print(df.groupby("k").b.nunique())
print(df.groupby("g").agg({"a": "sum", "b": "count", "f": "mean"}))
s = df.groupby("k").a.sum()
print(s.sum(), s.max(), len(s))
# Every key on one rank's rows, one key in all, and int32 keys with a filter first.
ones = pd.DataFrame({"k": np.zeros(30, dtype=np.int64), "v": np.arange(30) * 1.5})
print(ones.groupby("k").v.sum(), ones.groupby("k", sort=False).v.mean())
late = pd.DataFrame({"k": np.where(np.arange(40) < 35, 1, np.arange(40)), "v": np.arange(40)})
print(late.groupby("k", sort=False).v.sum())
print(late.groupby("k").v.max())
small = df[df.a > 20.0]
print(small.groupby("b").a.sum())
wnan = pd.DataFrame({"k": i % 4, "x": np.where(i % 5 == 0, np.nan, i * 1.0)})
print(wnan.groupby("k").x.sum(), wnan.groupby("k").x.mean(), wnan.groupby("k").x.count())
print(wnan.groupby("k").x.min(), wnan.groupby("k", sort=False).x.max())
i32 = pd.DataFrame({"k": (i % 6).astype(np.int32), "v": (i % 9).astype(np.int32)})
print(i32.groupby("k").v.sum(), i32.groupby("k").v.mean())
flags = pd.DataFrame({"k": i % 5, "t": i % 4 == 0})
print(flags.groupby("k").t.sum(), flags.groupby("k").t.mean())
# No rows at all, rows on some ranks only, and the result of a merge split over ranks.
print(df[df.a > 100.0].groupby("k").a.sum(), df[df.a > 100.0].groupby("k", sort=False).f.median())
print(df[df.a > 27.0].groupby("g", sort=False).agg({"a": "mean", "f": "first"}))
right = pd.DataFrame({"k": np.arange(-4, 7), "w": np.arange(11) * 2})
m = df.merge(right, on="k")
print(m.groupby("g").w.sum(), m.groupby("w", sort=False).a.mean())
u = pd.DataFrame({"k": (i % 7).astype(np.uint8), "v": (i % 5).astype(np.uint16), "x": (i * 3 % 8).astype(np.int8)})
print(u.groupby("k").v.sum(), u.groupby("k").x.sum(), u.groupby("k").x.min())
# Categorical keys (codes split by rows, categories held whole): groups in category order
# or in order of first appearance, categories no row uses left out, and missing values
# (read from a file) dropped.
df["c"] = ("c" + pd.Series((n - i) % 5).astype(str)).astype("category")
sel = df[df.a >= 0.0]
print(sel.groupby("c").a.sum(), sel.groupby("c", sort=False).b.max())
print(sel[sel.k > 2].groupby("c").size(), sel.groupby(["c", "g"]).a.mean().head(7))
pd.DataFrame({"c": "x" + pd.Series(i % 7 % 4).astype(str), "v": i}).to_csv("cats.csv", index=False)
cats = pd.read_csv("cats.csv", dtype={"c": "category"}, na_values=["x3"])
print(cats.groupby("c").v.sum(), cats.groupby("c", sort=False).v.count())
