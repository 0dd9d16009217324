# read_parquet and to_parquet split over ranks: each rank reads its block of the file's
# rows (of each row group the rows among them), string columns then held whole by every
# rank, categories united over the ranks; each rank encodes its own rows and rank 0 writes
# every rank's row groups into one file: a file of two row groups or more (more than 2**20
# rows), a range index written as a column (index=True), a small file with
# strings, categories whose first appearances differ along the rows, datetimes, missing
# values, a named index and index levels, index=False, a file of fewer rows than ranks,
# and an empty frame; then computations on the frames read.
# env: COLUMNS=80
import numpy as np
import pandas as pd

n = 1100003
i = np.arange(n)
big = pd.DataFrame({"k": i % 7, "x": i * 0.25, "flag": i % 3 == 0})
big.to_parquet("big.parquet")
b = pd.read_parquet("big.parquet")
print(len(b), b.x.sum(), b.flag.sum(), b.k.max())
print(b.groupby("k").x.sum())
print(b.tail(3))

m = 37
j = np.arange(m)
small = pd.DataFrame({"id": j * 3 - 5, "v": np.where(j % 4 == 0, np.nan, j * 0.5)})
small["name"] = "n" + pd.Series((m - j) % 6).astype(str)
small["grp"] = ("g" + pd.Series((m - 1 - j) // 9).astype(str)).astype("category")
small["day"] = pd.to_datetime("2024-05-" + pd.Series(j % 20 + 10).astype(str))
small.to_parquet("small.parquet", index=False)
s = pd.read_parquet("small.parquet")
print(s)
print(s.dtypes)
print(s.grp.cat.codes.head(12), s.grp.value_counts(), s.name.value_counts())
print(s.groupby("grp").v.sum(), s.day.dt.day.sum())
g = small.groupby("name").agg(total=("v", "sum"), count=("id", "count"))
g.to_parquet("grouped.parquet")
print(pd.read_parquet("grouped.parquet"))
tiny = pd.DataFrame({"a": np.array([5, 6]), "b": np.array([0.5, 1.5])})
tiny.to_parquet("tiny.parquet")
t = pd.read_parquet("tiny.parquet")
print(t, t.b.sum())
tiny.head(0).to_parquet("empty.parquet")
e = pd.read_parquet("empty.parquet")
print(e, len(e))
small.to_parquet("ranged.parquet", index=True)
r2 = pd.read_parquet("ranged.parquet")
print(r2.tail(3), r2.index.values.sum())
