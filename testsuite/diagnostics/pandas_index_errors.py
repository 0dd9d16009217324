# Indexes legatec does not print, attributes it does not have, and DataFrame.where's
# conditions outside the subset: located errors with hints.
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
print(df.where(3))
print(df.where(df.a))
print(df.where(twice.a > 2))
dates = pd.DataFrame({"d": pd.to_datetime(pd.Series(["2024-01-02", "2024-01-03"])), "v": np.arange(2)})
print(dates.set_index("d").index)
