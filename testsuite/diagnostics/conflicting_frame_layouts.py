# A variable that holds Series or frames of different layouts on two paths: the message
# names what differs (a column that may miss values, its dtype), or, where the
# descriptions agree, says that the layouts differ.
import sys
import numpy as np
import pandas as pd

if len(sys.argv) > 1:
    t = pd.to_datetime(pd.Series([None, "2020-01-01"]))
else:
    t = pd.to_datetime(pd.Series(["2020-01-02", "2020-01-01"]))
print(t)
if len(sys.argv) > 2:
    df = pd.DataFrame({"a": np.array([1, 2]), "b": np.array([1.5, 2.5])})
else:
    df = pd.DataFrame({"a": np.array([1, 2]), "b": np.array([1, 2])})
print(df)
