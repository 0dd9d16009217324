# A float Series compared with complex numbers gives a bool Series, as in pandas; complex
# values computed from a Series' NumPy array stay NumPy arrays.
import numpy as np
import pandas as pd

df = pd.DataFrame({"a": [1.0, 2.0, 3.0, 2.0], "b": [0.5, 2.0, -1.0, 4.0]})
print(df["a"] == 2 + 0j)
print(df["b"] != 2j)
print((df["a"] == 1 + 0j).sum())
z = df["a"].to_numpy() * 1j + df["b"].to_numpy()
print(z, np.abs(z).sum())
