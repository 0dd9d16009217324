# read_csv / to_csv / read_parquet / to_parquet: a frame written and read back (the schema
# of the read comes from the earlier write), to_csv's text with and without the index, a
# separator, header=False, na_rep, the reader's usecols, dtype=, names/header, skiprows,
# na_values, parse_dates with date_format, and Parquet round trips keeping int32, float32,
# bool, str, datetime and category columns, a range index, a named index and index=False.
# whitespace: exact
# env: COLUMNS=80
import numpy as np
import pandas as pd

df = pd.DataFrame({
    "id": np.arange(6),
    "name": ["ann", "bo", None, "cy", "dee", "bo"],
    "score": np.array([1.5, np.nan, 2.25, 1e-7, 3e16, -0.0]),
    "flag": np.array([True, False, True, True, False, True]),
    "small": np.arange(6, dtype=np.int32) * 7,
    "f32": np.array([0.1, 0.2, 0.3, 0.4, 0.5, 0.6], dtype=np.float32),
})
df["day"] = pd.to_datetime(pd.Series(["2024-01-01", "2024-01-02", None, "2024-02-03", "2024-03-04", "2024-05-06"]))
print(df.to_csv())
print(df.to_csv(index=False, sep=";", na_rep="NA"))
print(df.head(2).to_csv(header=False))
df.to_csv("frame.csv", index=False)
back = pd.read_csv("frame.csv")
print(back)
print(back.dtypes)
dated = pd.read_csv("frame.csv", parse_dates=["day"], usecols=["id", "name", "day"])
print(dated, dated.dtypes)
typed = pd.read_csv("frame.csv", dtype={"id": "int32", "name": "category", "score": "float32"})
print(typed.dtypes)
print(typed.groupby("name").id.sum())
df.to_csv("indexed.csv")
ix = pd.read_csv("indexed.csv")
print(ix.dtypes)
print(ix.head(2))
renamed = pd.read_csv("frame.csv", header=0, names=["a", "b", "c", "d", "e", "f", "g"], usecols=["a", "c"])
print(renamed)
skipped = pd.read_csv("frame.csv", skiprows=2, header=None, names=["a", "b", "c", "d", "e", "f", "g"], dtype={"a": "int64", "b": "str", "c": "float64", "d": "bool", "e": "int64", "f": "float64", "g": "str"})
print(skipped)
print(pd.read_csv("frame.csv", na_values=["bo"], usecols=["name"]).name.isna().sum())
pd.DataFrame({"d": ["15/01/2024", "01/02/2024"], "v": [1, 2]}).to_csv("eu.csv", index=False)
eu = pd.read_csv("eu.csv", parse_dates=["d"], date_format="%d/%m/%Y")
print(eu, eu.dtypes)
df.to_parquet("frame.parquet")
p = pd.read_parquet("frame.parquet")
print(p)
print(p.dtypes)
df["cat"] = df.name.astype("category")
df.to_parquet("cat.parquet", index=False)
q = pd.read_parquet("cat.parquet")
print(q.dtypes)
print(q.groupby("cat").score.max())
g = df.groupby("name").agg(total=("score", "sum"), n=("id", "count"))
g.to_parquet("grouped.parquet")
r = pd.read_parquet("grouped.parquet")
print(r)
g.to_csv("grouped.csv")
print(pd.read_csv("grouped.csv"))
