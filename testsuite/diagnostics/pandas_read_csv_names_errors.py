# read_csv of a file written earlier in the script with more or fewer `names` than the file
# has columns: pandas fills the missing ones with NaN or makes the extra leading columns
# the index; legatec refuses both where it knows the file's width, at the `names` list.
import numpy as np
import pandas as pd

df = pd.DataFrame({"a": np.arange(4), "b": np.arange(4) * 0.5, "c": np.arange(4) > 1})
df.to_csv("names_width.csv", index=False)
wide = pd.read_csv("names_width.csv", header=None, skiprows=1, names=["p", "q", "r", "s"], dtype={"s": "float64"})
narrow = pd.read_csv("names_width.csv", header=None, skiprows=1, names=["p", "q"])
print(wide, narrow)
