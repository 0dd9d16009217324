# Indexes legatec does not print, or attributes it does not have: located errors with hints.
import numpy as np
import pandas as pd

df = pd.DataFrame({"a": np.arange(6), "b": np.arange(6) * 0.5, "k": np.arange(6) % 2})
twice = df[df.a > 1]
print(twice[twice.b < 2.0].index)
print(pd.concat([df, df]).index)
print(df.groupby(["k", "a"]).b.sum().index)
print(df.index.tolist())
print(df.groupby(["k", "a"]).b.sum().index.values)
print(df.b[0])
