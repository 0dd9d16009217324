# A DataFrame changed in place while another name (or the caller) holds it: pandas changes
# the one object for every name; legatec refuses, naming the other holder.
import numpy as np
import pandas as pd
df = pd.DataFrame({"a": np.arange(3)})
b = df
b["c"] = 1
def f(x):
    x["d"] = 2
f(df)
def g(x):
    x = x.copy()
    x["d"] = 2
    return x
print(g(df))
