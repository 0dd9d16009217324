# Complex numbers in a DataFrame or Series (the frame layer has no complex columns):
# a complex column, a complex value assigned to a column, and a Series computed as complex
# (arithmetic, a ufunc, astype, DataFrame.astype: fuzz seed 3535 found it a SystemError at
# run time) are each a located error, not a runtime failure.
import numpy as np
import pandas as pd

bad = pd.DataFrame({"q": np.array([3, 1, 4], dtype=np.complex128)})
df = pd.DataFrame({"a": [1.0, 2.0, 3.0]})
df["c"] = np.ones(3) * 1j
s = df["a"] * 1j
t = np.add(df["a"], 1j)
u = df["a"].astype(np.complex64)
v = df.astype({"a": complex})
print(bad, df, s, t, u, v, df["a"].to_numpy() * 1j)
