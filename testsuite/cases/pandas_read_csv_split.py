# read_csv split over ranks by byte ranges: each rank parses the lines of its own range
# (the first with the header, the others with the schema's labels) and the results equal
# pandas' whatever the rank count: numbers, bools, missing values, string columns (which
# every rank then holds whole), categories (the union of every rank's), dates with a
# format, skiprows, names with header=None, a file of fewer lines than ranks, a header
# only, and files the ranks cannot split by lines (quoted fields, usecols), which every
# rank reads whole; then computations on the frames read.
# env: COLUMNS=80
import numpy as np
import pandas as pd

n = 97
i = np.arange(n)
df = pd.DataFrame({
    "id": i * 3 - 40,
    "x": np.where(i % 7 == 0, np.nan, i * 0.25),
    "flag": i % 3 == 0,
})
df["name"] = "n" + pd.Series(i % 4).astype(str)
df["grp"] = "g" + pd.Series(i % 5 < 2).astype(str)
df["when"] = pd.to_datetime("2024-01-" + pd.Series(i % 18 + 10).astype(str))
df.to_csv("split.csv", index=False)
a = pd.read_csv("split.csv", dtype={"grp": "category"}, parse_dates=["when"], date_format="%Y-%m-%d")
print(a)
print(a.dtypes)
print(a.x.sum(), a.id.max(), a.flag.sum(), len(a))
print(a.groupby("id").x.sum().tail(4))
print(a.name.value_counts())
print(a.grp.value_counts(), a.grp.cat.codes.sum())
print(a[a.x > 10.0].name.head(), a["when"].dt.day.sum())
b = pd.read_csv("split.csv", skiprows=3, header=None, names=["p", "q", "r", "s", "t", "u"],
                dtype={"p": "int64", "q": "float64", "r": "bool", "s": "str", "t": "category", "u": "str"})
print(b.head(3), b.tail(2), len(b))
small = pd.DataFrame({"k": np.array([1, 2]), "v": np.array([0.5, 1.5])})
small.to_csv("small.csv", index=False)
s = pd.read_csv("small.csv")
print(s, s.v.sum())
small.head(0).to_csv("empty.csv", index=False)
e = pd.read_csv("empty.csv", dtype={"k": "int64", "v": "float64"})
print(e, len(e))
quoted = pd.DataFrame({"k": i})
quoted["t"] = "a,b" + pd.Series(i % 3).astype(str)
quoted.to_csv("quoted.csv", index=False)
q = pd.read_csv("quoted.csv")
print(q.tail(3), q.k.sum())
u = pd.read_csv("split.csv", usecols=["id", "x"])
print(u.describe())
