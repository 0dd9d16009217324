# Merges of frames whose columns are split by rows over ranks: the rows go to the ranks
# their keys hash to and come back in pandas' order (left rows in order, each one's right
# matches in right order), whatever the rank count: duplicate keys on both sides, keys
# without a match, left merges, two keys, int32 keys, keys that all lie on one rank,
# results with no rows, outer merges (sorted by key, rows of either side without a match),
# datetime keys, and computations on the merged columns.
import numpy as np
import pandas as pd

n = 40
i = np.arange(n)
left = pd.DataFrame({"key": (i * 7) % 13, "a": i * 0.5, "g": i % 3})
right = pd.DataFrame({"key": (np.arange(25) * 5) % 17, "b": np.arange(25) * 10, "g": np.arange(25) % 2})
inner = left.merge(right, on="key")
print(len(inner))
print(inner.head(12))
print(inner.tail(6))
print(inner.a.sum(), inner.b.sum(), inner.key.max())
lm = left.merge(right, on="key", how="left")
print(len(lm))
print(lm.head(10))
print(lm.b.isna().sum(), lm.b.sum())
two = left.merge(right, on=["key", "g"])
print(two)
small = pd.DataFrame({"key": np.array([3, 3, 12], dtype=np.int32), "c": np.array([1.5, 2.5, 3.5])})
print(left.merge(small, on="key"))
none = left.merge(pd.DataFrame({"key": np.array([100, 200]), "z": np.array([1, 2])}), on="key")
print(len(none), none)
ones = pd.DataFrame({"key": np.zeros(30, dtype=np.int64), "v": np.arange(30)})
print(ones.merge(pd.DataFrame({"key": np.array([0, 0]), "w": np.array([7, 8])}), on="key").w.sum())
m = inner.merge(right, on="key")
print(len(m), (m.a * m.b_x).sum())
# A right side filtered first (its rows split as the filter found them), and a left merge
# with left rows that find no match.
right2 = right[right.key < 8]
lm2 = left.merge(right2, on="key", how="left")
print(len(lm2))
print(lm2.head(15))
print(left[left.a > 7.0].merge(right2, on="key"))
# Right merges (right rows in order, each one's left matches in left order) and sorted
# merges (by key), on keys that repeat on both sides, with a right side as large as the
# left (hashed) and a small one (sent whole to every rank).
rm = left.merge(right, on="key", how="right")
print(len(rm), rm.head(12), rm.tail(4), rm.a.isna().sum())
sm = left.merge(right, on="key", sort=True)
print(len(sm), sm.head(10), sm.tail(5))
slm = left.merge(right2, on="key", how="left", sort=True)
print(slm.head(8), slm.tail(8), len(slm))
print(left.merge(small, on="key", how="right"), small.merge(left, on="key", how="left", sort=True).tail(3))
# Outer merges: key order, rows of either side without a match (missing values on the
# other side's columns, the key from the side that has it), on one and two keys.
om = left.merge(right2, on="key", how="outer")
print(len(om), om.head(10), om.tail(8))
om2 = left[left.a > 5.0].merge(right, on=["key", "g"], how="outer")
print(len(om2), om2.head(6), om2.tail(6), om2.key.sum())
print(small.merge(left, on="key", how="outer").tail(5))
# Datetime keys (int64 ticks, hashed or ranged as integers).
# (read from files, so that each rank holds its own rows of them).
pd.DataFrame({"d": pd.to_datetime("2024-01-" + pd.Series(i % 9 + 10).astype(str)), "a": i}).to_csv("days.csv", index=False)
pd.DataFrame({"d": pd.to_datetime("2024-01-" + pd.Series(np.arange(12) + 14).astype(str)), "h": np.arange(12) * 2}).to_csv("cal.csv", index=False)
days = pd.read_csv("days.csv", parse_dates=["d"], date_format="%Y-%m-%d")
cal = pd.read_csv("cal.csv", parse_dates=["d"], date_format="%Y-%m-%d")
# (fillna makes the read columns, which may hold NaT, plain datetime keys.)
days["d"] = days["d"].fillna(pd.Timestamp("2000-01-01"))
cal["d"] = cal["d"].fillna(pd.Timestamp("2000-01-01"))
dm = days.merge(cal, on="d")
print(len(dm), dm.head(8), dm.h.sum())
print(days.merge(cal, on="d", how="outer").tail(5), days.merge(cal, on="d", sort=True).head(4))
