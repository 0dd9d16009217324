# value_counts and unique of series split by rows over ranks, and groupbys on float and
# bool keys: each distinct value's rows (or each rank's counts) meet on one rank, and the
# results come back in pandas' order (counts descending, equal counts by first
# appearance; unique values by first appearance) whatever the rank count: NaN (dropped by
# value_counts, kept once by unique and by groupby(dropna=False)), -0.0 and 0.0 as one
# value, values that all lie on one rank, no rows.
import numpy as np
import pandas as pd

n = 64
i = np.arange(n)
df = pd.DataFrame({"k": (i * 7) % 11, "f": np.where(i % 9 == 0, np.nan, (i % 5) * 0.5), "z": np.where(i % 2 == 0, 0.0, -0.0) * (i % 3), "t": i % 4 == 1, "v": i * 1.5})
print(df.k.value_counts())
print(df.f.value_counts())
print(df.z.value_counts(), df.t.value_counts())
print(df.k.unique(), df.f.unique(), df.z.unique())
print(df.f.nunique(), df.k.nunique(), len(df.z.unique()))
print(df.groupby("f").v.sum())
print(df.groupby("f", dropna=False).v.sum())
print(df.groupby("f", sort=False, dropna=False).v.count())
print(df.groupby("z").v.mean(), df.groupby("t").v.max())
late = pd.Series(np.where(np.arange(40) < 36, 3, np.arange(40)))
print(late.value_counts(), late.unique())
print(df[df.v > 1000.0].k.value_counts(), df[df.v > 1000.0].f.unique())
print(df[df.v > 60.0].k.value_counts().head(3))
