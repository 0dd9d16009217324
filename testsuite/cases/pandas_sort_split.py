# sort_values of frames whose columns are split by rows over ranks (a sample sort: rows go
# to ranks by ranges of their keys, then each rank sorts its own), in pandas' stable order
# whatever the rank count: many equal keys (which may span ranks), descending keys, two
# keys with mixed directions, NaN first and last, -0.0 and 0.0, int32 and uint8 keys,
# booleans, a frame filtered first, no rows, and computations on the sorted columns.
# (With one key pandas sorts by quicksort, whose order of equal keys is unspecified:
# those sorts say kind="stable".)
import numpy as np
import pandas as pd

n = 50
i = np.arange(n)
df = pd.DataFrame({"k": (i * 7) % 11 - 4, "g": i % 3, "a": i * 0.5, "f": np.cos(i * 1.0)})
print(df.sort_values("k", kind="stable"))
print(df.sort_values("k", ascending=False, kind="stable").head(12))
print(df.sort_values(["g", "k"], ascending=[True, False]).tail(10))
print(df.sort_values("f").a.to_numpy()[:10])
s = df.sort_values(["k", "f"])
print(s.a.cumsum().to_numpy()[-5:], (s.a * s.f).sum())
z = pd.DataFrame({"x": np.where(i % 7 == 0, np.nan, np.where(i % 2 == 0, -0.0, 0.0) + (i % 5)), "r": i})
print(z.sort_values("x", kind="stable").r.to_numpy())
print(z.sort_values("x", na_position="first", kind="stable").r.to_numpy())
print(z.sort_values("x", ascending=False, kind="stable").r.to_numpy())
small = pd.DataFrame({"k": (i % 4).astype(np.int32), "u": (i % 6).astype(np.uint8), "t": i % 3 == 0, "r": i})
print(small.sort_values(["u", "k"]).r.to_numpy())
print(small.sort_values(["t", "u"], ascending=False).r.to_numpy())
print(df[df.a > 20.0].sort_values("f"))
print(df[df.a > 100.0].sort_values("k"))
same = pd.DataFrame({"k": np.ones(33, dtype=np.int64), "v": np.arange(33)})
print(same.sort_values("k", kind="stable").v.to_numpy())
