# A CSV file read split over ranks (each rank parses the lines of its own byte range),
# then a groupby (each rank's partial sums shuffled to the ranks of their keys' ranges),
# a sort_values (a sample sort) and a value_counts, on the frame's split columns;
# nothing is gathered until the results are printed.
import numpy as np
import pandas as pd

n = 1000
i = np.arange(n)
pd.DataFrame({"k": (i * 7) % 13, "v": i * 0.5}).to_csv("frame_split.csv", index=False)
df = pd.read_csv("frame_split.csv")
g = df.groupby("k").v.sum()
s = df.sort_values("v", ascending=False)
c = df.k.value_counts()
print(g.head(3), s.head(3), c.head(3))
