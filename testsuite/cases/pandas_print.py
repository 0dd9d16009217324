# pandas' printing of computed frames and series: float columns with a common number of
# decimals, NaN and infinities, scientific notation, negative zero, int and bool columns,
# truncation past 60 rows (head and tail of 5 with `..` and the footer), frames wider than
# the terminal (columns cut with `...`), float32 columns, selected labels as the index,
# series heads and tails, and the dtypes listing.
# whitespace: exact
# env: COLUMNS=80
import numpy as np
import pandas as pd

n = 75
i = np.arange(n)
df = pd.DataFrame({"i": i, "sq": i * i, "inv": 1.0 / (i + 1.0), "big": (i + 1.0) ** 9, "neg": -(i % 3) * 0.5})
print(df)
print(df.head(12))
print(df[df.i % 7 == 0])
tiny = pd.DataFrame({"t": np.array([1e-9, 2.5e-7, 0.0]), "z": np.array([-0.0, 0.0, 1.0]), "f": np.array([1.5, 2.0, 3.0], dtype=np.float32)})
print(tiny)
odd = pd.DataFrame({"x": np.array([np.nan, np.inf, -np.inf, 1.0]), "ok": np.array([True, False, True, False])})
print(odd)
wide = pd.DataFrame({"alpha": i * 0.5, "bravo": i * 1.5, "charlie": i * 2, "delta": i * 3.25, "echo": i * 4, "foxtrot": i - 10.0, "golf": i % 5, "hotel": i * 1e6, "india": i * 1e-3, "juliet": i * 7, "kilo": i * 0.125})
print(wide.head(3))
print(wide)
s = df.inv
print(s)
print(s.head(3))
print(s.tail(2))
print(df.dtypes)
print(len(wide), wide.shape)
