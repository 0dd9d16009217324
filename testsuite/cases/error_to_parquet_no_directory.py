# exit: 1
# stderr: exception
# to_parquet into a directory that does not exist: pandas' OSError (it checks the
# directory before it opens the file), on one process and with the rows split over ranks
# (rank 0 writes the file), after a file written where the directory exists.
import numpy as np
import pandas as pd

i = np.arange(13)
df = pd.DataFrame({"x": i * 0.5, "k": i % 4})
df.to_parquet("written.parquet")
print(pd.read_parquet("written.parquet").x.sum())
df.to_parquet("no_such_directory/x.parquet")
