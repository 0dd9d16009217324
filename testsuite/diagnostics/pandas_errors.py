# Located errors of the pandas subset: a missing column (with the nearest label), a merge
# with an unknown `how`, frames of different schemas concatenated, a groupby aggregation
# outside the subset, drop_duplicates keeping other than the first row, and a subset
# that is not named by constants.
import numpy as np
import pandas as pd

df = pd.DataFrame({"alpha": np.arange(3), "beta": np.arange(3) * 0.5})
print(df["alpah"])
print(df.merge(df, on="alpha", how="cross"))
print(pd.concat([df, df[["alpha"]]]))
print(df.groupby("alpha").quantile())
print(df.drop_duplicates(subset="alpha", keep="last"))
cols = df.columns
print(df.drop_duplicates(subset=cols))
