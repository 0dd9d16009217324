# A column of True/False read with a numeric dtype: pandas reads it as bools, then casts
# them to 1 and 0 (int) or 1.0 and 0.0 (float), whichever ranks hold the rows.
# env: COLUMNS=80
import numpy as np
import pandas as pd

n = 23
df = pd.DataFrame({"a": np.arange(n), "flag": np.arange(n) % 3 == 0})
df.to_csv("bools_as_numbers.csv", index=False)
r = pd.read_csv("bools_as_numbers.csv", dtype={"flag": "int64"})
print(r.head(7))
print(r.dtypes)
print(r.flag.sum())
s = pd.read_csv("bools_as_numbers.csv", dtype={"flag": "int32"})
print(s.flag.sum(), s.flag.dtype)
f = pd.read_csv("bools_as_numbers.csv", dtype={"flag": "float64"})
print(f.tail(4))
print(f.flag.mean())
