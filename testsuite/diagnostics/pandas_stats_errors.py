# Frame statistics and `loc` assignments outside the subset: located errors with hints.
import numpy as np
import pandas as pd

df = pd.DataFrame({"s": ["a", "b"], "n": np.arange(2), "b": np.array([True, False])})
print(df.sum())
print(df[["s"]].describe())
print(df[["n", "b"]].to_numpy())
print(df[["n", "b"]].max())
df.loc[df.n > 0, "n"] = 0.5
df.loc[df.n > 0, "s"] = 3
df.loc[df.n > 0, "n"] = "x"
