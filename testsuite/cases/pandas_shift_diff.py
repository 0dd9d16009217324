# env: COLUMNS=80
# Series.shift, diff and pct_change by a number of rows (down, up, none, more than the
# length): NaN in the rows shifted in; int columns become float64, float32 stays float32;
# on a filtered frame the index labels stay. A return series and a moving difference.
import numpy as np
import pandas as pd

rng = np.random.default_rng(7)
df = pd.DataFrame({
    "day": np.arange(12),
    "price": np.round(100.0 + np.cumsum(rng.normal(0.0, 1.0, 12)), 2),
    "volume": rng.integers(100, 1000, 12),
    "small": np.linspace(0.0, 1.0, 12).astype(np.float32),
})
p = df["price"]
print(p.shift(), p.shift(2), p.shift(-1), p.shift(0))
print(p.diff(), p.diff(-2), p.diff(periods=3))
print(p.pct_change().round(6), p.pct_change(2).round(6))
print(df["volume"].shift(1), df["volume"].diff())
print(df["small"].shift(-3), df["small"].diff())
print(p.shift(20), p.diff(12))
df["ret"] = p.pct_change()
df["vol_change"] = df["volume"].diff()
print(df)
up = df[df["price"] > p.mean()]
print(up["price"].diff(), up["price"].shift(-1))
print(p.diff().abs().sum().round(6), (p.shift(1) < p).sum())
