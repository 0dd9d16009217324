# `.str.len()` of a `str` column: float64 with NaN where a string is missing (pandas
# chooses the dtype from the data), int64 where none is; row selections keep the choice.
# whitespace: exact
# env: COLUMNS=80
import pandas as pd
df = pd.DataFrame({"w": ["ab", None, "xyz"], "k": [1, 2, 3]})
full = pd.DataFrame({"w": ["ab", "c", "xyz"], "k": [1, 2, 3]})
print(df["w"].str.len())
print(full["w"].str.len())
df["n"] = df["w"].str.len()
print(df)
print(df.dtypes)
print(df.head(1))
print(df.head(1).dtypes)
print(full["w"].str.len().sum())
