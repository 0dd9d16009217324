# pandas columns of int8, int16, uint8, uint16, uint32 and uint64, and .cat.codes (int8
# for fewer than 127 categories), against pandas 3.1.
# whitespace: exact
# env: COLUMNS=80
import numpy as np
import pandas as pd

n = 12
df = pd.DataFrame({
    "k": np.arange(n) % 3,
    "a": (np.arange(n) * 7 % 11 - 5).astype(np.int8),
    "b": (np.arange(n) * 300).astype(np.int16),
    "u": (np.arange(n) * 5).astype(np.uint8),
    "w": np.arange(n).astype(np.uint16),
    "x": (np.arange(n) * 100000).astype(np.uint32),
    "y": np.arange(n).astype(np.uint64),
})
print(df)
print(df.dtypes)
print(df.a + 1)
print((df.a * 20).dtype, (df.u + df.a).dtype, (df.w * 2.5).dtype)
print(df.sum())
print(df[["a", "u"]].max())
print(df[["a", "b"]].min())
print(df.a.sum(), df.u.mean(), df.b.std(), df.y.max())
print(df.groupby("k").sum())
print(df.groupby("k").agg(lo=("a", "min"), hi=("b", "max"), m=("u", "mean")))
print(df.a.value_counts())
print(df.sort_values("a"))
print(df[df.a > 0])
print(df.describe())
print(df.a.cumsum())
print(df.x.unique())
df["c"] = df.a.astype(np.int64) * 2
print(df.head(3))
lookup = pd.DataFrame({"a": np.array([-5, 0, 5], dtype=np.int8), "name": ["lo", "mid", "hi"]})
print(df.merge(lookup, on="a"))
print(df.to_csv(index=False))
print(np.asarray(df.u).dtype, df.w.to_numpy().sum())

s = pd.Series(["b", "a", "c", None, "a", "b"], name="letters").astype("category")
codes = s.cat.codes
print(codes)
print(codes.dtype, codes.sum(), (codes + 1).max())
frame = pd.DataFrame({"letters": s, "v": np.arange(6)})
frame["code"] = frame.letters.cat.codes
print(frame)
print(frame.groupby("code").v.sum())

# A left merge that misses rows makes the int8 column float64 with NaN.
left = pd.DataFrame({"a": np.array([-5, 1, 5], dtype=np.int8)})
right = pd.DataFrame({"a": np.array([5, -5], dtype=np.int8), "v": np.array([7, 8], dtype=np.uint8)})
print(left.merge(right, on="a", how="left"))
print(left.merge(right, on="a", how="inner").dtypes)
