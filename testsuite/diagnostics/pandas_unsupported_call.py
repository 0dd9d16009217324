# A pandas function outside the supported subset is a located error naming the nearest one.
import numpy as np
import pandas as pd

df = pd.DataFrame({"a": np.arange(4)})
s = pd.Serie([1.0, 2.0])
print(df.a.mediann())
