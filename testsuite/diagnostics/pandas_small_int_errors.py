# Columns of int8 ... uint64 where legatec stops short of pandas: a located error.
import numpy as np
import pandas as pd

df = pd.DataFrame({"a": np.arange(4).astype(np.int8), "u": np.arange(4).astype(np.uint16)})
df.to_parquet("small.parquet")
