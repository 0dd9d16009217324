"""The JSON encoding of pandas columns shared by the differential test generators.

Columns are written as {"dtype": pandas' dtype, "values": [...]}: integers and booleans as
JSON numbers, floats as the integer bits of their IEEE representation (null where
missing), strings as JSON strings (null where missing), datetimes as int64 ticks (null
for NaT) with their unit, categoricals as codes plus a categories column.
"""

import struct

import numpy as np
import pandas as pd


def bits(value):
    return struct.unpack("<Q", struct.pack("<d", float(value)))[0]


def encode(series):
    """One column (a Series or Index) as JSON."""
    series = pd.Series(series)
    dtype = series.dtype
    name = str(dtype)
    if isinstance(dtype, pd.CategoricalDtype):
        return {
            "dtype": "category",
            "codes": [int(c) for c in series.cat.codes],
            "categories": encode(pd.Series(series.cat.categories)),
        }
    if name.startswith("datetime64"):
        unit = np.datetime_data(series.to_numpy().dtype)[0]
        ticks = series.to_numpy().astype("int64")
        return {"dtype": f"datetime64[{unit}]", "values": [None if pd.isna(v) else int(t) for v, t in zip(series, ticks)]}
    if name in ("float64", "float32"):
        values = [None if np.isnan(v) else (bits(v) if name == "float64" else struct.unpack("<I", struct.pack("<f", v))[0]) for v in series.to_numpy()]
        return {"dtype": name, "values": values}
    if name in ("int64", "int32", "bool"):
        return {"dtype": name, "values": [int(v) for v in series.to_numpy()]}
    if name in ("str", "object"):
        values = [None if (v is None or (isinstance(v, float) and np.isnan(v))) else v for v in series.tolist()]
        if any(v is not None and not isinstance(v, str) for v in values):
            raise TypeError(f"not a string column: {values[:5]}")
        return {"dtype": "str", "values": values}
    raise TypeError(f"unsupported dtype {name}")
