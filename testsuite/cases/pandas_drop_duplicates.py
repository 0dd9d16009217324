# drop_duplicates: the first row of each distinct row of the subset columns (all columns by
# default), in row order with their labels; NaN equals NaN and -0.0 equals 0.0; frames
# split over ranks (the key rows grouped by hash, each first row kept where it lies),
# filtered first, with no duplicates, with every row alike, and string keys (gathered).
import numpy as np
import pandas as pd

n = 45
i = np.arange(n)
df = pd.DataFrame({"a": (i * 7) % 5, "b": i % 3, "x": np.where(i % 4 == 0, np.nan, (i % 2) * 1.0)})
print(df.drop_duplicates())
print(df.drop_duplicates(subset="a"))
print(df.drop_duplicates(subset=["a", "b"]).x.sum(), len(df.drop_duplicates(["b", "x"])))
print(df.drop_duplicates(subset="x", keep="first"))
z = pd.DataFrame({"z": np.where(i % 2 == 0, 0.0, -0.0), "v": i})
print(z.drop_duplicates(subset="z"))
print(df[df.a > 2].drop_duplicates(subset=["a"]))
print(len(df.drop_duplicates(subset=["a", "b", "x"])), len(pd.DataFrame({"k": i}).drop_duplicates()))
same = pd.DataFrame({"k": np.ones(20, dtype=np.int64), "w": np.zeros(20)})
print(same.drop_duplicates())
s = pd.DataFrame({"name": ["b", "a", "b", "c", "a"], "v": np.arange(5)})
print(s.drop_duplicates(subset="name"))
