# pandas series: construction, arithmetic and comparisons between columns of one frame and
# with scalars (fused kernels), NumPy functions of series, and pandas' reductions, which skip
# NaN (sum, mean, min, max, count, std and var with ddof=1, prod, median), with skipna=False
# and ddof; map and apply of lambdas and functions (inlined, fused).
# whitespace: exact
# env: COLUMNS=80
import numpy as np
import pandas as pd

v = np.array([1.5, np.nan, -2.0, 4.25, np.nan, 0.5])
df = pd.DataFrame({"v": v, "i": np.array([3, -1, 4, 1, -5, 9]), "b": [True, True, False, True, False, True]})
s = df["v"]
print(s)
print(s.sum(), s.mean(), s.min(), s.max(), s.count())
print(s.std(), s.var(), s.prod())
print(s.sum(skipna=False), s.mean(skipna=False), s.std(ddof=0))
i = df.i
print(i.sum(), i.mean(), i.min(), i.max(), i.count(), i.std(), i.var(), i.prod())
print(df.b.sum(), df.b.mean())
w = np.sqrt(i * i + 1.0) * 2
print(w)
print(w.max())
print((i > 0).sum())
t = pd.Series([2.0, 4.0, 8.0], name="t")
print(t)
print(t / 2 + 1)
print(-t)
u = pd.Series(np.arange(4))
print(u.to_numpy() * 2)
print(abs(pd.Series([-1.5, 2.0])).sum())
allnan = pd.Series([np.nan, np.nan])
print(allnan.sum(), allnan.mean(), allnan.min(), allnan.max(), allnan.count(), allnan.std())
one = pd.Series([3.0])
print(one.std(), one.var(), one.mean())
print(s.median(), i.median(), allnan.median(), pd.Series(np.array([1.5, 2.5], dtype=np.float32)).median())
f32 = pd.Series(np.array([1.5, np.nan, 3.25, 2.0], dtype=np.float32))
print(f32.mean(), f32.sum(), f32.std(), f32.var(), f32.min(), f32.max(), f32.count())


def scaled(x):
    return x * 2.5 - 1.0


print(df.v.map(lambda x: x * x + 1))
print(df.i.apply(scaled))
print(df.v.apply(np.sqrt).sum())
print(df.i.map(lambda q: q % 2 == 0).sum())
