# pandas' nullable `string` dtype (astype("string")) and the `Int64` / `boolean` Series its
# `.str` methods return: missing values print as <NA> and keep the dtype through row
# selections, merges (an unmatched row stays <NA>, no float64 promotion), concat, groupby
# keys and sorting; reductions skip <NA>; fillna and astype convert back to NumPy dtypes.
# whitespace: exact
# env: COLUMNS=80
import numpy as np
import pandas as pd

words = ["ab", None, "Xyz", "ab ", "q", None, "  bob", "b", "zz", "ab"]
n = len(words)
df = pd.DataFrame({"w": words, "k": np.arange(n) % 3, "v": np.arange(n) * 0.5})
s = df["w"].astype("string")
print(s)
print(s.astype(str))
df["s"] = s
print(df)
print(df.dtypes)

# .str methods: strings stay `string`, lengths are Int64, predicates boolean.
print(s.str.upper())
print(s.str.strip().str.pad(5, side="both", fillchar="*"))
print(s.str.replace("b", "B", regex=False).str.zfill(4))
lens = s.str.len()
has_b = s.str.contains("b", regex=False)
print(lens)
print(has_b)
print(s.str.startswith("X"))
print(s.str.endswith("b"))

# <NA> selects no row.
print(df[has_b])
print(df.loc[s.str.endswith("b"), "v"])
print(df[s.isna()])
print(s.notna().sum(), s.count(), s.nunique(), lens.nunique(), has_b.nunique())

# Reductions skip <NA>.
print(lens.sum(), lens.min(), lens.max(), lens.count())
print(lens.mean(), lens.std(), lens.var(), lens.median(), lens.prod())
print(has_b.sum(), has_b.mean(), has_b.min(), has_b.max())
print(lens.value_counts())
print(has_b.value_counts())

# Back to NumPy dtypes.
print(lens.fillna(0))
print(has_b.fillna(False))
print(lens.astype("float64"))
print(lens.fillna(-1).astype("int64") * 2)
print(has_b.fillna(True).astype(bool) & (df["v"] > 1.0))
print(lens.fillna(0).to_numpy().sum())
print(s.fillna("?"))

# Frame operations carry the dtypes.
df["n"] = lens
df["b"] = has_b
print(df)
print(df.iloc[2:6])
print(df.head(3))
print(df.sort_values("s"))
print(df.sort_values("s", ascending=False).head(4))
lookup = pd.DataFrame({"w": ["ab", "q", "zz", "none"], "z": [10, 20, 30, 40]})
lookup["w"] = lookup["w"].astype("string")
m = df.merge(lookup, left_on="s", right_on="w", how="left")
print(m)
print(m.dtypes)
m2 = lookup.merge(df, left_on="w", right_on="s", how="left")
print(m2)
print(m2.dtypes)
print(pd.concat([df.head(2), df.tail(2)], ignore_index=True))
print(df.groupby("s").v.sum())
print(df.groupby("s", dropna=False).k.count())
print(df.groupby("k").s.count())
print(df.groupby("k").s.first())
print(df.groupby("k").n.nunique())
print(df.set_index("s").v)
df.drop(columns=["b"]).to_csv("nullable_string.csv", index=False)
back = pd.read_csv("nullable_string.csv")
print(back)
print(back.dtypes)

# DataFrame.astype with pandas dtype names.
conv = df[["w", "k"]].astype({"w": "string"})
print(conv.dtypes)
print(conv[conv["w"].str.len() > 1])
print(df[["w"]].astype("category").dtypes)

# read_csv with dtype="string".
typed = pd.read_csv("nullable_string.csv", dtype={"s": "string", "k": "int64"})
print(typed.dtypes)
print(typed[typed["s"].str.startswith("a")])

# pd.Series(..., dtype=) with pandas' dtype names.
print(pd.Series(["a", None, "bc"], name="q", dtype="string").str.upper())
print(pd.Series(["a", None, "bc"], dtype="category"))
print(pd.Series(["a", None, "bc"], dtype=str).str.len())
