# str concatenation and astype(str) of numbers, against pandas 3.1.
# whitespace: exact
# env: COLUMNS=80
import numpy as np
import pandas as pd

df = pd.DataFrame({
    "a": np.array([1, -20, 300, 4, 0]),
    "f": np.array([0.1, np.nan, 2.0, 1e16, -0.0]),
    "g": np.array([0.25, 1.5, 3.0, 1.0 / 3.0, 7.0], dtype=np.float32),
    "b": np.array([True, False, True, True, False]),
    "s": ["x", "y", None, "w", "v"],
    "u": np.array([1, 2, 3, 4, 5], dtype=np.uint8),
})
print(df.a.astype(str))
print(df.f.astype(str))
print(df.g.astype(str))
print(df.b.astype(str), df.u.astype("str"))
t = df.s + "_1"
print(t)
print("p-" + df.s)
print(df.s + df.s)
df["key"] = df.a.astype(str) + "/" + df.s
print(df)
print(df.dtypes)
print(df.key.str.len())
print(df.groupby("key").a.sum())
print((df.s.astype(str) + df.f.astype(str)).isna().sum())
m = df[df.b]
print(m.a.astype(str) + m.s)
print((df.a * 2).astype(str))
print(df.s.str.upper() + "!")
print(df.astype({"a": str, "f": "str"}).dtypes)
print(df.astype({"a": str}).a + "x")

# astype(str) of pandas' nullable Int64 and boolean: <NA> becomes a missing str.
w = pd.Series(["ab", None, "xyz"]).astype("string")
print(w.str.len().astype(str))
print(w.str.contains("b", regex=False).astype(str) + "?")
