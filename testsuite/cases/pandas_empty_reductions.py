# whitespace: exact
# env: COLUMNS=80
# Reductions of empty float series (a filter that keeps no row, a groupby of an empty
# frame) and of series with no number left: pandas' NaN for min, max and mean, 0 for sum
# and count, 1 for prod; float32 stays float32.
import numpy as np
import pandas as pd

n = 10
i = np.arange(n)
df = pd.DataFrame({"k": i % 3, "a": i * 0.5, "b": (i * 0.25).astype(np.float32)})
none = df[df.a > 100.0]
print(none.a.min(), none.a.max(), none.a.sum(), none.a.mean(), none.a.count(), none.a.prod())
print(none.b.min(), none.b.max(), none.b.sum())
print(none.a.max(skipna=False), none.a.min(skipna=False))
g = none.groupby("k").a.sum()
print(g.sum(), g.max(), g.min(), len(g))
nan = pd.Series(np.full(4, np.nan))
print(nan.max(), nan.min(), nan.sum(), nan.mean(), nan.count())
half = pd.Series(np.where(i % 2 == 0, np.nan, i * 1.0))
print(half.max(), half.min(), half.max(skipna=False))
print(df.a.max(), df.b.min(), df[df.k == 1].a.max())
