# str, datetime and file operations outside the subset: each a located error with a hint.
import numpy as np
import pandas as pd

df = pd.DataFrame({"name": ["a", "b"], "n": np.arange(2)})
print(df.name.str.contains("a.b"))
print(df.n.str.upper())
print(df.name + 1)
print(df.name.sum())
print(pd.to_datetime(df.n))
print(df.name.astype("int64"))
print(df.name.str.title())
print(pd.read_csv("no_such_file_here.csv"))
