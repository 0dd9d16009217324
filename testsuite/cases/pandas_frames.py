# pandas frames as records of columns: construction from arrays, lists and scalars, column
# access by label and attribute, new and replaced columns, del, column lists, lengths and
# shapes, boolean row masks (the index keeps the selected labels), head and tail.
# whitespace: exact
# env: COLUMNS=80
import numpy as np
import pandas as pd

n = 7
x = np.arange(n) * 1.25 - 2.0
df = pd.DataFrame({"x": x, "k": np.arange(n) * 3, "flag": [True, False, True, True, False, False, True], "c": 2.5})
print(df)
print(len(df), df.shape)
df["y"] = df["x"] * 2 + df.k
df["k"] = df.k - 1
print(df)
x[0] = 100.0  # the frame holds a copy
print(df.x.sum())
sub = df[["y", "x"]]
print(sub)
pos = df[df.x > 0]
print(pos)
print(pos.head(2))
print(df.tail(3))
print(df.head(-5))
print(df.tail(-5))
both = df[(df.x > -1.0) & (df.k < 14)]
print(both)
del df["c"]
print(df)
print(df.dtypes)
empty = df[df.x > 1000.0]
print(len(empty), empty.shape)
