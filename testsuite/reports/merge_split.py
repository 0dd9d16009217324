# A merge of two frames whose columns are split by rows over ranks: unique int64 keys in
# shuffled order (every left row matches one right row), then reductions of the merged
# columns. Each side's rows are shuffled to the ranks their keys hash to and the pairs to
# their left rows' owners; the columns follow by row number, nothing is gathered.
import numpy as np
import pandas as pd

n = 3000
i = np.arange(n)
left = pd.DataFrame({"key": (i * 7919 + 11) % n, "a": i * 0.5})
right = pd.DataFrame({"key": (i * 104729 + 5) % n, "b": i * 2})
out = left.merge(right, on="key")
print(len(out), out.a.sum(), out.b.sum(), out.key.max())
