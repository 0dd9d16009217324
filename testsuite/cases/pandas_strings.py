# str columns (pandas 3's `str` dtype): construction from lists with None, printing with
# NaN, comparisons with constants, the .str methods, isin/isna/value_counts/nunique/count,
# string keys in sort_values, merge (every how) and groupby (string aggregations too),
# concat, row selections, and astype("category") with groupby on the categories.
# whitespace: exact
# env: COLUMNS=80
import numpy as np
import pandas as pd

df = pd.DataFrame({
    "name": ["ada", "Bob", "cy", None, "Bob", "éva", "  z  ", "ada"],
    "dept": ["eng", "ops", "eng", "ops", "hr", "eng", "hr", "ops"],
    "pay": np.array([120.0, 95.5, 101.25, 88.0, 70.0, 133.0, 64.5, 99.0]),
    "n": np.arange(8),
})
print(df)
print(df.dtypes)
print(df[df.dept == "eng"])
print(df[df["name"] != "Bob"])
print(df[(df.dept >= "hr") & (df.pay > 90)])
print(df[df.name < "b"])
print(df.name.isna(), df.name.notna().sum())
print(df.name.str.upper())
print(df.name.str.lower().str.strip())
print(df.name.str.startswith("B"), df.name.str.endswith("a"))
print(df.name.str.contains("a"), df.name.str.contains(".", regex=False))
print(df.dept.str.len())
print(df.name.str.replace("a", "A"))
print(df.dept.str.pad(5), df.dept.str.pad(6, side="both", fillchar="*"))
print(df.dept.str.zfill(5), df.dept.str.rstrip().str.lstrip())
print(df.name.isin(["ada", "cy"]))
print(df.name.value_counts())
print(df.dept.value_counts())
print(df.name.nunique(), df.name.count(), df.dept.nunique())
print(df.sort_values("name"))
print(df.sort_values(["dept", "name"], ascending=[False, True], na_position="first"))
ref = pd.DataFrame({"dept": ["eng", "hr", "fin"], "floor": np.array([3, 1, 7]), "head": ["Kim", None, "Lu"]})
print(df.merge(ref, on="dept", how="inner"))
print(df.merge(ref, on="dept", how="left"))
print(df.merge(ref, on="dept", how="right"))
print(df.merge(ref, on="dept", how="outer"))
print(pd.merge(df, ref.rename(columns={"dept": "d"}), left_on="dept", right_on="d", how="left"))
print(df.groupby("dept").pay.sum())
print(df.groupby("dept").agg(total=("pay", "sum"), first=("name", "first"), last=("name", "last"), lo=("name", "min"), hi=("name", "max"), k=("name", "count"), u=("name", "nunique")))
print(df.groupby(["dept", "name"]).n.sum())
print(df.groupby("name", as_index=False, sort=False).pay.mean())
print(df.groupby("name", dropna=False).size())
print(pd.concat([df.head(2), df.tail(2)]))
print(df.iloc[2:5], df.head(3).name, df.tail(2)["dept"])
print(df.dropna())
df["dept2"] = df.dept.str.upper()
df["tag"] = "x"
del df["n"]
print(df)
c = df.dept.astype("category")
print(c)
df["dc"] = c
print(df.dtypes)
print(df.groupby("dc").pay.max())
print(df[df.dc == "hr"])
print(df.dc.value_counts())
print(df.sort_values("dc", kind="stable"))
s = pd.Series(["b", "a", None, "c"], name="s")
print(s, s.isna())
print(pd.DataFrame({"k": ["p", "q"], "v": [1, 2]}).set_index("k"))
print(df.set_index(["dept", "name"]).pay)
