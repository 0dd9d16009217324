# exit: 1
# stderr: exception
# to_csv into a directory that does not exist: pandas' OSError (it checks the directory
# before it opens the file), on one process and with the rows split over ranks, after a
# file written where the directory exists.
import numpy as np
import pandas as pd

i = np.arange(13)
df = pd.DataFrame({"x": i * 0.5, "k": i % 4})
df.to_csv("written.csv", index=False)
print(pd.read_csv("written.csv").x.sum())
df.to_csv("no_such_directory/x.csv")
