# pandas' nullable dtypes where its results are further extension dtypes legatec does not
# have (`Float64`, `bool[pyarrow]`, `int64[pyarrow]`, categories of `string`): located
# errors with hints.
import pandas as pd

df = pd.DataFrame({"w": ["ab", None, "xyz"], "k": [1, 2, 1]})
s = df["w"].astype("string")
n = s.str.len()
b = s.str.contains("b", regex=False)
print(n + 1)
print(~b)
print(b & b)
print(s == "ab")
print(s.value_counts())
print(s.astype("category"))
print(n.fillna(0.5))
print(n.astype("float32"))
df["n"] = n
print(df.groupby("k").n.sum())
print(df.describe())
print(df.merge(pd.DataFrame({"w": ["ab"], "z": [1]}).astype({"w": "string"}), on="w"))
df["s"] = s
print(df.merge(df, left_on="w", right_on="s"))
df.to_parquet("nullable.parquet")
