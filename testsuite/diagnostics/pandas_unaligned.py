# Series of two frames do not combine: pandas would align their labels.
import numpy as np
import pandas as pd

df = pd.DataFrame({"a": np.arange(6) * 1.0})
top = df[df.a > 2.0]
print(top.a + df.a)
print(df.nosuch)
