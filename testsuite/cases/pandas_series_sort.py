# Series.sort_values and Series.dropna: as the rows of a one-column frame, so the index
# follows the values; missing values last (or first), strings, floats, ints and the
# nullable string / Int64 / boolean dtypes.
# whitespace: exact
# env: COLUMNS=80
import numpy as np
import pandas as pd

words = pd.Series(["bb", None, "a", "ccc", "a", "zz", None, "q"], name="w")
floats = pd.Series([2.5, np.nan, 1.0, -3.0, 1.5, np.nan, 0.0, 7.25])
ints = pd.Series(np.array([3, 1, 2, 7, 5, 0, 9, 4]), name="i")
print(words.dropna())
print(words.sort_values())
print(words.sort_values(ascending=False, na_position="first"))
print(floats.dropna())
print(floats.sort_values())
print(floats.sort_values(ascending=False).head(3))
print(ints.sort_values(ascending=False))
print(ints.sort_values().index)
nullable = words.astype("string")
lens = nullable.str.len()
has_a = nullable.str.contains("a", regex=False)
print(nullable.sort_values())
print(lens.sort_values())
print(lens.sort_values(ascending=False, na_position="first"))
print(has_a.sort_values())
print(lens.dropna())
df = pd.DataFrame({"w": nullable, "n": lens, "b": has_a})
print(df.sort_values(["n", "w"]))
print(df.sort_values("b", ascending=False))
