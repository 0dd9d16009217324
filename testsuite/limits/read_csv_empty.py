# legatec: ValueError: legatec: read_csv: column "id" has no rows to infer a dtype from (pandas makes it object, a dtype legatec does not have); pass dtype=
# A CSV file of a header only: pandas reads its columns as object, a dtype legatec's frames do
# not have, so the compiled program raises where its dtypes would have to be inferred.
import sys

import numpy as np
import pandas as pd

n = 4 - len(sys.argv) * 4
pd.DataFrame({"id": np.arange(n), "x": np.arange(n) * 0.5}).to_csv("empty.csv", index=False)
print("before")
a = pd.read_csv("empty.csv")
print(len(a), a.shape)
