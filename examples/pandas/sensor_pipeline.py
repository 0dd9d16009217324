# args:
# args: --readings 50000 --stations 40 --seed 11
# A sensor-data pipeline: readings from stations (synthetic, seeded), cleaned of failed
# readings (NaN) and outliers, joined with a station lookup table (region, elevation),
# then per-region and per-station statistics, sorted, as pandas computes them.
# whitespace: exact
# env: COLUMNS=80
import argparse

import numpy as np
import pandas as pd

parser = argparse.ArgumentParser(description="Sensor readings per region.")
parser.add_argument("--readings", type=int, default=20000)
parser.add_argument("--stations", type=int, default=25)
parser.add_argument("--seed", type=int, default=1)
args = parser.parse_args()

rng = np.random.default_rng(args.seed)
n = args.readings
station = rng.integers(0, args.stations, size=n)
hour = rng.integers(0, 24, size=n)
temp = 12.0 + 8.0 * np.sin(hour * (np.pi / 12.0)) + rng.normal(0.0, 2.0, size=n)
temp = np.where(rng.random(n) < 0.02, np.nan, temp)  # failed readings
temp = np.where(rng.random(n) < 0.005, 999.0, temp)  # stuck sensors
readings = pd.DataFrame({"station": station, "hour": hour, "temp": temp})

ids = np.arange(args.stations)
stations = pd.DataFrame({"station": ids, "region": ids % 4, "elevation": 100.0 + (ids * 37 % 11) * 50.0})

print("readings:", len(readings), "failed:", readings.temp.isna().sum())
clean = readings[(readings.temp < 60.0) & (readings.temp > -40.0)]
print("clean:", len(clean), "mean temp: %.4f" % clean.temp.mean())

joined = clean.merge(stations, on="station", how="left")
joined["adjusted"] = joined.temp + joined.elevation * 0.0065
by_region = joined.groupby("region").agg(mean=("adjusted", "mean"), top=("adjusted", "max"), n=("adjusted", "count"))
print(by_region)
by_station = joined.groupby("station", as_index=False).agg({"adjusted": "mean", "hour": "count"})
print(by_station.sort_values("adjusted", ascending=False).head(8))
warm = joined[joined.hour >= 12].groupby(["region", "hour"])["temp"].median()
print(warm.head(10))
print(joined.region.value_counts())
