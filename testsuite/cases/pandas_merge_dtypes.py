# A merge that leaves int and bool columns missing: pandas makes them float64 and object for
# the whole column, so head(), filters, sorts and concat of them print as those dtypes even
# where the selected rows all matched; a merge matching every row keeps int64.
# whitespace: exact
# env: COLUMNS=80
import numpy as np
import pandas as pd
l = pd.DataFrame({"k": np.array([1, 2, 3, 4])})
r = pd.DataFrame({"k": np.array([1, 2, 3]), "n": np.array([10, 20, 30]), "b": np.array([True, False, True])})
m = l.merge(r[["k", "n"]], on="k", how="left")
print(m)
print(m.head(2))
print(m[m.k < 3])
print(m.dtypes)
print(pd.concat([m.head(2), m.head(1)]))
full = l.head(3).merge(r, on="k", how="left")
print(full.head(2), full.n.sum())
print(m.sort_values("k", ascending=False).head(2))
df = pd.DataFrame({"dept": ["eng", "ops", "hr", "eng"], "n": np.arange(4)})
ref = pd.DataFrame({"dept": ["eng", "hr"], "b": np.array([True, False])})
m = df.merge(ref, on="dept", how="left")
print(m.head(2))
print(m[m.n > 0])
print(m.dtypes)
print(pd.concat([m.head(1), m.head(1)]))
print(m.head(1).dtypes)
print(m[m.dept == "eng"])
