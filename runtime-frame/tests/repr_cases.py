"""Cases for runtime-frame's differential test of pandas' repr (tests/repr_vs_pandas.rs).

Builds frames and series with pandas - hand-picked edge cases and seeded random ones - and
writes one JSON object per line: the raw column data (in the column model's terms), the
display options and COLUMNS value, and pandas' own repr text. Floats are written as their
Python repr so that NaN, infinities and every bit survive the trip.
"""

import json
import os
import random
import sys

import numpy as np
import pandas as pd

INT_RANGES = {
    "int8": (-(2**7), 2**7 - 1),
    "int16": (-(2**15), 2**15 - 1),
    "int32": (-(2**31), 2**31 - 1),
    "int64": (-(2**63), 2**63 - 1),
    "uint8": (0, 2**8 - 1),
    "uint16": (0, 2**16 - 1),
    "uint32": (0, 2**32 - 1),
    "uint64": (0, 2**64 - 1),
}


class Col:
    """A column both as the Rust test's spec and as the pandas array it stands for."""

    def __init__(self, spec, array):
        self.spec = spec
        self.array = array


def int_col(values, dtype="int64", valid=None):
    spec = {"dtype": dtype, "data": [int(v) for v in values], "valid": valid}
    if valid is None:
        array = np.array(values, dtype=dtype)
    else:
        array = np.array(
            [float(np.array(v, dtype=dtype).astype("float64")) if ok else np.nan for v, ok in zip(values, valid)],
            dtype="float64",
        )
    return Col(spec, array)


def float_col(values, dtype="float64", valid=None):
    values = [float(np.array(v, dtype=dtype)) for v in values]
    spec = {"dtype": dtype, "data": [repr(v) for v in values], "valid": valid}
    array = np.array(values, dtype=dtype)
    if valid is not None:
        array[[not ok for ok in valid]] = np.nan
    return Col(spec, array)


def bool_col(values, valid=None):
    spec = {"dtype": "bool", "data": [1 if v else 0 for v in values], "valid": valid}
    if valid is None:
        array = np.array(values, dtype=bool)
    else:
        array = np.array([bool(v) if ok else np.nan for v, ok in zip(values, valid)], dtype=object)
    return Col(spec, array)


def str_col(values):
    """values: strings, None for missing."""
    spec = {
        "dtype": "str",
        "data": [v if v is not None else "" for v in values],
        "valid": None if all(v is not None for v in values) else [int(v is not None) for v in values],
    }
    return Col(spec, pd.array(values, dtype="str"))


def cat_col(codes, categories):
    """categories: a Col without missing values."""
    spec = {"dtype": "category", "data": list(codes), "valid": None, "categories": categories.spec}
    cats = pd.Index(categories.array)
    return Col(spec, pd.Categorical.from_codes(codes, categories=cats))


def dt_col(ticks, unit, valid=None):
    spec = {"dtype": f"datetime64[{unit}]", "data": [int(t) for t in ticks], "valid": valid}
    array = np.array(ticks, dtype="int64").view(f"datetime64[{unit}]")
    if valid is not None:
        array[[not ok for ok in valid]] = np.datetime64("NaT")
    return Col(spec, array)


def range_index(start=0, step=1, name=None):
    return {"kind": "range", "start": start, "step": step, "name": name}


def levels_index(levels):
    """levels: [(name, Col)]."""
    return {"kind": "levels", "levels": [{"name": n, "col": c.spec} for n, c in levels], "_cols": levels}


def pandas_index(index, length):
    if index["kind"] == "range":
        start, step = index["start"], index["step"]
        return pd.RangeIndex(start, start + step * length, step, name=index["name"])
    levels = index["_cols"]
    if len(levels) == 1:
        name, col = levels[0]
        return pd.Index(col.array, name=name)
    return pd.MultiIndex.from_arrays([c.array for _, c in levels], names=[n for n, _ in levels])


def public_index(index):
    return {k: v for k, v in index.items() if k != "_cols"}


DEFAULT_OPTIONS = {
    "max_rows": 60,
    "min_rows": 10,
    "max_columns": 0,
    "precision": 6,
    "max_colwidth": 50,
    "display_width": 80,
}


def apply_options(env_columns, options):
    if env_columns is None:
        os.environ.pop("COLUMNS", None)
    else:
        os.environ["COLUMNS"] = env_columns
    pd.set_option("display.max_rows", options["max_rows"])
    pd.set_option("display.min_rows", options["min_rows"])
    pd.set_option("display.max_columns", options["max_columns"])
    pd.set_option("display.precision", options["precision"])
    pd.set_option("display.max_colwidth", options["max_colwidth"])
    pd.set_option("display.width", options["display_width"])


cases = []


def emit(case_id, kind, payload, expected, env_columns, options):
    cases.append(
        {
            "id": case_id,
            "kind": kind,
            "env_columns": env_columns,
            "options": options,
            **payload,
            "expected": expected,
        }
    )


def add_frame(case_id, columns, index=None, length=None, env_columns="80", options=None, dtypes=False):
    """columns: [(label, Col)]."""
    options = {**DEFAULT_OPTIONS, **(options or {})}
    if length is None:
        length = len(columns[0][1].spec["data"]) if columns else 0
    index = index or range_index()
    pidx = pandas_index(index, length)
    if columns:
        df = pd.DataFrame({i: c.array for i, (_, c) in enumerate(columns)}, index=pidx)
        df.columns = pd.Index([label for label, _ in columns], dtype="str")
    else:
        df = pd.DataFrame(index=pidx)
    apply_options(env_columns, options)
    payload = {
        "frame": {
            "columns": [[label, c.spec] for label, c in columns],
            "index": public_index(index),
            "len": length,
        }
    }
    emit(case_id, "frame", payload, repr(df), env_columns, options)
    if dtypes:
        emit(case_id + "/dtypes", "dtypes", payload, repr(df.dtypes), env_columns, options)


def add_series(case_id, col, name=None, index=None, env_columns="80", options=None):
    options = {**DEFAULT_OPTIONS, **(options or {})}
    length = len(col.spec["data"])
    index = index or range_index()
    s = pd.Series(col.array, index=pandas_index(index, length), name=name)
    apply_options(env_columns, options)
    payload = {"series": {"name": name, "col": col.spec, "index": public_index(index)}}
    emit(case_id, "series", payload, repr(s), env_columns, options)


# ---------------------------------------------------------------------------------------
# Hand-picked cases.


def edge_cases():
    f = float_col
    add_frame("basic", [("a", int_col([1, 2, 3])), ("b", f([1.5, -2.25, 3.0])), ("c", str_col(["x", "yy", None]))], dtypes=True)
    add_frame("float-decimals", [("x", f([1.0, 2.5, 3.125, 100.0]))])
    add_frame("float-integers", [("x", f([1.0, 2.0, -3.0]))])
    add_frame("float-small", [("x", f([1e-7, 1.0, 2.0]))])
    add_frame("float-large", [("x", f([1e7, 1.5, 2.0])), ("y", f([123456789.123, 1.0, 2.0]))])
    add_frame("float-large-short", [("x", f([1e7, 2e7, 3e7]))])
    add_frame("float-nan-inf", [("x", f([float("nan"), float("inf"), -float("inf"), -0.0, 0.0]))])
    add_frame("float-all-nan", [("x", f([float("nan")] * 3))])
    add_frame("float-neg-zero", [("x", f([-0.0, 1.5]))])
    add_frame("float32", [("x", f([0.1, 1e-6, 3.3], "float32")), ("y", f([1e6, 1.5, 2.0], "float32"))])
    add_frame("float32-threshold", [("x", f([1e-6, 0.5], "float32"))])
    add_frame("float-round-half", [("x", f([0.125, 0.375, 2.5e-7 + 1, 1.0000005]))])
    add_frame("float-tiny-huge", [("x", f([1e-300, 1e300, 5e-324]))])
    add_frame(
        "ints",
        [
            (t, int_col([lo, 0, hi], t))
            for t, (lo, hi) in INT_RANGES.items()
        ],
        env_columns="200",
        dtypes=True,
    )
    add_frame("bools", [("b", bool_col([True, False, True]))], dtypes=True)
    add_frame(
        "masked",
        [("i", int_col([1, 2, 3], valid=[1, 0, 1])), ("b", bool_col([True, False, True], valid=[1, 1, 0])), ("u", int_col([2**64 - 1, 5, 6], "uint64", valid=[1, 1, 0]))],
        dtypes=True,
    )
    add_frame(
        "strings",
        [
            ("s", str_col(["short", "x" * 70, None, "tab\there", "new\nline", "é日本語", ""])),
            ("t", str_col(["a", "b", "c", "d", "e", "f", "g"])),
        ],
    )
    add_frame("long-header", [("h" * 60, int_col([1, 2])), ("s", str_col(["y" * 55, "z"]))])
    add_frame("non-ascii-header", [("日本語の列", f([1.5, 2.5])), ("é", str_col(["ß", "Ω"]))])
    add_frame(
        "category",
        [
            ("c", cat_col([0, 1, -1, 0], str_col(["lo", "hi"]))),
            ("n", cat_col([0, 1, -1, 0], int_col([10, 200]))),
            ("m", cat_col([0, 1, 1, 0], int_col([10, 200]))),
            ("f", cat_col([0, 1, -1, 0], f([1.5, 2.0]))),
        ],
        dtypes=True,
    )
    day = 86400
    add_frame(
        "datetimes",
        [
            ("d", dt_col([19727 * day, 19728 * day, 0], "s", valid=[1, 1, 0])),
            ("t", dt_col([19727 * day * 10**6 + 3_600_000_000, 19728 * day * 10**6, 5], "us")),
            ("n", dt_col([5, 10**9, 2 * 10**9], "ns")),
            ("m", dt_col([1500, 10**6, 0], "ms")),
        ],
        dtypes=True,
    )
    add_frame("nat-only", [("d", dt_col([0, 0], "s", valid=[0, 0]))])
    add_frame("empty", [("a", int_col([])), ("b", str_col([]))], dtypes=True)
    add_frame("no-columns", [], length=3, dtypes=True)
    add_frame("no-columns-long", [], length=130)
    add_frame("no-columns-str-index", [], index=levels_index([(None, str_col(["a", "b"]))]), length=2)
    add_frame("no-columns-multi", [], index=levels_index([(None, str_col(["a", "b"])), (None, int_col([1, 2]))]), length=2)
    add_frame("no-columns-float-index", [], index=levels_index([(None, f([1.5, 2.0, float("nan")]))]), length=3)
    add_frame("empty-rows-many-columns", [(f"c{i}", int_col([])) for i in range(120)])
    add_frame("range-index", [("a", int_col([1, 2, 3]))], index=range_index(100, 5))
    add_frame("range-index-negative", [("a", int_col(list(range(12))))], index=range_index(5, -1))
    add_frame("range-index-named", [("a", int_col([1, 2, 3]))], index=range_index(0, 1, "idx"))
    add_frame("int-index", [("a", f([1.5, 2.5, 3.5]))], index=levels_index([(None, int_col([3, 17, 1024]))]))
    add_frame("str-index-named", [("a", f([1.5, 2.5]))], index=levels_index([("key", str_col(["alpha", "b"]))]))
    add_frame("float-index", [("a", int_col([1, 2, 3]))], index=levels_index([(None, f([0.5, float("nan"), 10.0]))]))
    add_frame("bool-index", [("a", int_col([1, 2]))], index=levels_index([(None, bool_col([True, False]))]))
    add_frame("datetime-index", [("a", int_col([1, 2]))], index=levels_index([("when", dt_col([0, 86400], "s"))]))
    add_frame("category-index", [("a", int_col([1, 2, 3]))], index=levels_index([(None, cat_col([1, 0, 1], str_col(["p", "q"])))]))
    outer = str_col(["a", "a", "a", "b", "b", "c"])
    inner = int_col([1, 2, 3, 1, 2, 1])
    add_frame("multi-2", [("v", f([0.5, 1.5, 2.5, 3.5, 4.5, 5.5]))], index=levels_index([(None, outer), (None, inner)]))
    add_frame("multi-2-named", [("v", f([0.5, 1.5, 2.5, 3.5, 4.5, 5.5]))], index=levels_index([("k1", outer), ("k2", inner)]))
    add_frame("multi-2-one-name", [("v", f([0.5, 1.5, 2.5, 3.5, 4.5, 5.5]))], index=levels_index([(None, outer), ("k2", inner)]))
    third = str_col(["x", "y", "y", "x", "x", "x"])
    add_frame(
        "multi-3",
        [("v", int_col([1, 2, 3, 4, 5, 6])), ("w", str_col(list("uvwxyz")))],
        index=levels_index([("a", outer), ("b", int_col([1, 1, 2, 2, 2, 3])), ("c", third)]),
        dtypes=True,
    )
    add_frame(
        "multi-missing",
        [("v", int_col([1, 2, 3]))],
        index=levels_index([(None, str_col(["b", None, "a"])), (None, f([1.5, float("nan"), 100.25])), (None, dt_col([0, 0, 86400], "s", valid=[0, 1, 1]))]),
    )
    add_frame(
        "multi-missing-int-bool",
        [("v", int_col([1, 2, 3]))],
        index=levels_index([(None, bool_col([True, True, False], valid=[1, 0, 1])), (None, int_col([10, 2, 3], valid=[1, 1, 0]))]),
    )
    add_frame("multi-all-missing", [("v", int_col([1, 2]))], index=levels_index([(None, str_col(["a", "b"])), (None, f([float("nan")] * 2))]))
    add_series("multi-missing-series", int_col([1, 2, 3]), index=levels_index([(None, str_col(["b", None, "a"])), (None, f([1.5, float("nan"), 100.25]))]))
    add_frame("str-index-missing", [("v", int_col([1, 2]))], index=levels_index([(None, str_col(["a", None]))]))
    add_frame("datetime-index-missing", [("v", int_col([1, 2]))], index=levels_index([(None, dt_col([0, 0], "s", valid=[1, 0]))]))
    add_series("multi-series", f([0.5, 1.5, 2.5, 3.5, 4.5, 5.5]), name="v", index=levels_index([(None, outer), (None, inner)]))
    add_series("multi-series-named", f([0.5, 1.5, 2.5, 3.5, 4.5, 5.5]), index=levels_index([("k1", outer), ("k2", inner)]))
    n = 130
    add_frame("truncate-rows", [("a", int_col(list(range(n)))), ("b", f([i / 7 for i in range(n)]))])
    add_frame(
        "truncate-rows-multi",
        [("a", int_col(list(range(n))))],
        index=levels_index([("g", str_col([f"g{i // 40}" for i in range(n)])), ("i", int_col([i % 40 for i in range(n)]))]),
    )
    add_frame("truncate-columns", [(f"column_{i}", f([i * 1.5, -i * 1e3])) for i in range(20)])
    add_frame("truncate-both", [(f"c{i}", int_col(list(range(n)))) for i in range(30)])
    add_frame("truncate-narrow-values", [(f"c{i}", int_col([1] * n)) for i in range(30)], env_columns="40")
    add_frame("more-columns-than-width", [(f"c{i}", int_col([i] * 3)) for i in range(90)])
    add_frame("more-columns-than-width-rows", [(f"c{i}", f([i * 0.5] * 100)) for i in range(50)], env_columns="40")
    add_frame("mixed-dtypes-columns-cut", [(f"c{i}", int_col([i] * 3) if i % 2 else str_col(["s"] * 3)) for i in range(50)], env_columns="30")
    add_frame("max-columns-wrap", [(f"column_{i}", f([i * 1.5, -i * 1e3])) for i in range(12)], options={"max_columns": 20})
    add_frame("max-columns-cut", [(f"c{i}", int_col([i, i])) for i in range(30)], options={"max_columns": 10})
    add_frame("one-wide-column", [("s", str_col(["q" * 45] * 3))], env_columns="20")
    add_frame("two-wide-columns", [("s", str_col(["q" * 45] * 3)), ("t", str_col(["r" * 45] * 3))], env_columns="20")
    for env in [None, "0", "-3", "abc", " 100 ", "+60", "1_20"]:
        add_frame(f"env-columns-{env}", [(f"c{i}", f([i * 1.25] * 2)) for i in range(14)], env_columns=env)
    add_series("series-float", f([1.5, float("nan"), -3.25]), name="x")
    add_series("series-unnamed", int_col([1, 2, 3]))
    add_series("series-str", str_col(["a", None, "ccc"]), name="s")
    add_series("series-bool", bool_col([True, False]), name="flag")
    add_series("series-category", cat_col([0, 1, 2, -1, 0], str_col(["a", "b", "c"])), name="c")
    add_series("series-category-many", cat_col(list(range(12)), str_col([f"cat{i}" for i in range(12)])))
    add_series("series-category-long", cat_col([0, 1, 2], str_col(["x" * 30, "y" * 30, "z" * 30])), name="c")
    add_series("series-category-very-long", cat_col([0, 1, 1], str_col(["k" * 60, "short"])), name="c")
    add_series("series-category-many-long", cat_col(list(range(20)), str_col([f"{i:02d}" + "w" * 25 for i in range(20)])))
    add_series("series-category-quote", cat_col([0, 1], str_col(["it's", "tab\there"])))
    add_series("series-category-float", cat_col([0, 1, 2, -1], f([0.5, 1.25, 10.0])))
    add_series("series-category-int-many", cat_col(list(range(10)), int_col([i * 1000 for i in range(10)])))
    add_series("series-category-datetime", cat_col([0, 1, -1], dt_col([0, 86400], "s")))
    add_series("series-empty", int_col([]), name="x")
    add_series("series-empty-unnamed", f([]))
    add_series("series-empty-category", cat_col([], str_col(["a"])), name="x")
    add_series("series-long", f([i * 0.5 for i in range(100)]), name="x")
    add_series("series-long-short-values", int_col([i % 10 for i in range(100)]))
    add_series("series-long-tiny-values", bool_col([True] * 100))
    add_series("series-named-index", int_col([1, 2]), index=range_index(0, 1, "idx"))
    add_series("series-datetime", dt_col([0, 3600, 0], "s", valid=[1, 1, 0]), name="when")
    add_series("series-masked-int", int_col([1, 2, 3], valid=[1, 0, 1]), name="m")
    add_series("series-tab-name", int_col([1]), name="a\tb")
    add_series("series-str-index", f([1.0, 2.0]), index=levels_index([(None, str_col(["long label", "s"]))]))
    add_series("series-min-rows-1", int_col(list(range(20))), options={"max_rows": 5, "min_rows": 1})
    add_series("series-max-rows-small", int_col(list(range(20))), options={"max_rows": 5, "min_rows": 0})
    add_frame("frame-max-rows-small", [("a", int_col(list(range(20))))], options={"max_rows": 5, "min_rows": 0})
    add_frame("frame-min-rows-1", [("a", int_col(list(range(20)))), ("b", f([0.5] * 20))], options={"max_rows": 5, "min_rows": 1})
    add_frame("frame-max-columns-1", [(f"c{i}", int_col([i, i])) for i in range(5)], options={"max_columns": 1})
    add_frame("frame-max-columns-2", [(f"c{i}", int_col([i, i])) for i in range(5)], options={"max_columns": 2})
    add_frame("frame-width-1", [(f"c{i}", int_col([i, i])) for i in range(5)], env_columns="1")
    add_frame("frame-width-3", [(f"c{i}", int_col([i, i])) for i in range(5)], env_columns="3")
    add_frame("precision-3", [("a", f([1.23456, 2.5, 1e-4]))], options={"precision": 3})
    add_frame("max-colwidth-10", [("a", str_col(["abcdefghijklmnop", "x"])), ("long_header_name", int_col([1, 2]))], options={"max_colwidth": 10})
    add_frame("dtypes-many", [(f"c{i}", int_col([i])) for i in range(70)], dtypes=True)


# ---------------------------------------------------------------------------------------
# Seeded random cases.

ROW_COUNTS = [0, 1, 2, 3, 4, 5, 7, 9, 10, 11, 12, 15, 20, 31, 59, 60, 61, 62, 70, 100, 150]
WORD_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 _-"
EXOTIC_CHARS = ["é", "ß", "Ω", "日", "本", "ü", "ø", "中"]


def rand_text(rng, max_len):
    length = rng.choice([0, 1, 2, 3, 5, 8, 12, 20, max_len]) if max_len else 0
    length = min(length, max_len)
    chars = []
    for _ in range(length):
        r = rng.random()
        if r < 0.05:
            chars.append(rng.choice(EXOTIC_CHARS))
        elif r < 0.06:
            chars.append(rng.choice(["\t", "\n"]))
        else:
            chars.append(rng.choice(WORD_CHARS))
    return "".join(chars)


def rand_label(rng, used):
    while True:
        r = rng.random()
        if r < 0.5:
            label = f"c{rng.randrange(1000)}"
        elif r < 0.85:
            label = rand_text(rng, rng.choice([3, 8, 15])).strip() or "x"
        elif r < 0.9:
            label = rng.choice(["", " ", "  lead", "trail ", "a b"])
        else:
            label = "col_" + "n" * rng.randrange(20, 60)
        label = label.replace("\t", "t").replace("\n", "n")
        if label not in used:
            used.add(label)
            return label


def rand_floats(rng, n):
    profile = rng.choice(["mag", "mag", "int", "round", "mixed", "tiny", "huge"])
    lo, hi = sorted([rng.uniform(-9, 12), rng.uniform(-9, 12)])
    values = []
    for _ in range(n):
        if profile == "mag":
            v = 10 ** rng.uniform(lo, hi)
        elif profile == "int":
            v = float(rng.randrange(-1000, 1000))
        elif profile == "round":
            v = round(rng.uniform(-100, 100), rng.randrange(0, 5))
        elif profile == "tiny":
            v = 10 ** rng.uniform(-9, -3)
        elif profile == "huge":
            v = 10 ** rng.uniform(5, 12)
        else:
            v = 10 ** rng.uniform(-9, 12)
        if rng.random() < 0.3:
            v = -v
        r = rng.random()
        if r < 0.08:
            v = float("nan")
        elif r < 0.1:
            v = rng.choice([float("inf"), -float("inf"), 0.0, -0.0])
        values.append(v)
    return values


def rand_ints(rng, n, dtype):
    lo, hi = INT_RANGES[dtype]
    digits = rng.randrange(1, len(str(hi)) + 1)
    bound = min(hi, 10**digits)
    low = max(lo, -bound)
    return [rng.randint(low, bound) for _ in range(n)]


def rand_valid(rng, n):
    return [0 if rng.random() < 0.2 else 1 for _ in range(n)]


def rand_ticks(rng, n, unit):
    per_second = {"s": 1, "ms": 10**3, "us": 10**6, "ns": 10**9}[unit]
    day = 86400 * per_second
    style = rng.choice(["date", "date", "seconds", "fraction"])
    ticks = []
    for _ in range(n):
        t = rng.randrange(-3650, 22000) * day
        if style == "seconds":
            t += rng.randrange(86400) * per_second
        elif style == "fraction":
            t += rng.randrange(day)
        ticks.append(t)
    return ticks


def rand_column(rng, n):
    kind = rng.choice(["float", "float", "float", "int", "int", "float32", "bool", "str", "str", "cat", "datetime", "masked-int", "masked-bool", "masked-float"])
    if kind == "float":
        return float_col(rand_floats(rng, n))
    if kind == "float32":
        return float_col(rand_floats(rng, n), "float32")
    if kind == "masked-float":
        return float_col(rand_floats(rng, n), valid=rand_valid(rng, n))
    if kind == "int":
        dtype = rng.choice(list(INT_RANGES))
        return int_col(rand_ints(rng, n, dtype), dtype)
    if kind == "masked-int":
        dtype = rng.choice(["int64", "int32", "uint8"])
        return int_col(rand_ints(rng, n, dtype), dtype, valid=rand_valid(rng, n))
    if kind == "bool":
        return bool_col([rng.random() < 0.5 for _ in range(n)])
    if kind == "masked-bool":
        return bool_col([rng.random() < 0.5 for _ in range(n)], valid=rand_valid(rng, n))
    if kind == "str":
        max_len = rng.choice([3, 10, 30, 70])
        return str_col([None if rng.random() < 0.1 else rand_text(rng, max_len) for _ in range(n)])
    if kind == "cat":
        count = rng.randrange(1, 12)
        r = rng.random()
        if r < 0.6:
            categories = str_col(sorted({rand_text(rng, rng.choice([8, 8, 30])) + str(i) for i in range(count)}))
        elif r < 0.8:
            categories = int_col(sorted(rng.sample(range(-50, 5000), count)))
        elif r < 0.9:
            categories = float_col(sorted({round(rng.uniform(-100, 100), rng.randrange(4)) for _ in range(count)}))
        else:
            unit = rng.choice(["s", "us"])
            categories = dt_col(sorted(set(rand_ticks(rng, count, unit))), unit)
        size = len(categories.spec["data"])
        codes = [-1 if rng.random() < 0.1 else rng.randrange(size) for _ in range(n)]
        return cat_col(codes, categories)
    unit = rng.choice(["s", "ms", "us", "ns"])
    valid = rand_valid(rng, n) if rng.random() < 0.3 else None
    return dt_col(rand_ticks(rng, n, unit), unit, valid)


def rand_index(rng, n):
    kind = rng.choice(["range", "range", "range", "int", "str", "float", "datetime", "multi2", "multi3", "masked-int", "bool", "category", "multi-mixed"])
    name = (lambda: rng.choice([None, None, "idx", "key", "名前"]))
    if kind == "range":
        return range_index(rng.choice([0, 0, 1, -5, 100, 99990]), rng.choice([1, 1, 2, -1, 7]), name())
    if kind == "int":
        return levels_index([(name(), int_col(sorted(rng.sample(range(-10, n * 50 + 10), n))))])
    if kind == "str":
        labels = set()
        while len(labels) < n:
            labels.add(rand_text(rng, rng.choice([4, 12, 60])).replace("\t", "t").replace("\n", "n") + str(len(labels)))
        return levels_index([(name(), str_col(sorted(labels)))])
    if kind == "float":
        return levels_index([(name(), float_col(rand_floats(rng, n)))])
    if kind == "datetime":
        unit = rng.choice(["s", "us", "ns"])
        return levels_index([(name(), dt_col(sorted(rand_ticks(rng, n, unit)), unit))])
    if kind == "masked-int":
        return levels_index([(name(), int_col(sorted(rng.sample(range(-10, n * 50 + 10), n)), valid=rand_valid(rng, n)))])
    if kind == "bool":
        return levels_index([(name(), bool_col([rng.random() < 0.5 for _ in range(n)]))])
    if kind == "category":
        categories = str_col(sorted({rand_text(rng, 6) + str(i) for i in range(4)}))
        return levels_index([(name(), cat_col([rng.randrange(len(categories.spec["data"])) for _ in range(n)], categories))])
    if kind == "multi-mixed":
        first = sorted(rng.choice([0.5, 1.25, 10.0, -3.0]) for _ in range(n))
        unit = rng.choice(["s", "ns"])
        second = rand_ticks(rng, n, unit)
        missing = rand_valid(rng, n) if rng.random() < 0.3 else None
        levels = [(name(), float_col(first, valid=missing)), (name(), dt_col(second, unit, valid=rand_valid(rng, n) if rng.random() < 0.3 else None))]
        if rng.random() < 0.5:
            levels.append((name(), bool_col([rng.random() < 0.5 for _ in range(n)])))
        return levels_index(levels)
    groups = sorted(rng.sample(["a", "bb", "ccc", "x", "long_group", "é"], rng.randrange(1, 4)))
    outer = sorted(rng.choice(groups) for _ in range(n))
    middle = [rng.randrange(3) for _ in range(n)]
    if rng.random() < 0.2:
        outer = [None if rng.random() < 0.15 else v for v in outer]
    levels = [(name(), str_col(outer)), (name(), int_col(middle, valid=rand_valid(rng, n) if rng.random() < 0.2 else None))]
    if kind == "multi3":
        levels.append((name(), str_col([rng.choice(["p", "q", "rr"]) for _ in range(n)])))
    return levels_index(levels)


def rand_env(rng):
    return rng.choice([None, "80", "80", "80", "80", "40", "120", "20", "200", "0", "abc"])


def rand_options(rng):
    options = {}
    if rng.random() < 0.15:
        options["max_rows"] = rng.choice([5, 10, 20, 100])
        options["min_rows"] = rng.choice([0, 4, 10, 20])
    if rng.random() < 0.1:
        options["precision"] = rng.choice([0, 1, 2, 3, 8])
    if rng.random() < 0.1:
        options["max_colwidth"] = rng.choice([5, 10, 20, 80])
    if rng.random() < 0.1:
        options["max_columns"] = rng.choice([4, 5, 10, 20])
        options["display_width"] = rng.choice([60, 80, 100])
    return options


def random_cases(count, seed):
    rng = random.Random(seed)
    for i in range(count):
        n = rng.choice(ROW_COUNTS)
        ncols = rng.choice([1, 2, 3, 4, 5, 6, 8, 10, 14, 20, 30])
        if rng.random() < 0.7:
            ncols = min(ncols, 8)
        used = set()
        columns = [(rand_label(rng, used), rand_column(rng, n)) for _ in range(ncols)]
        index = rand_index(rng, n)
        env = rand_env(rng)
        options = rand_options(rng)
        add_frame(f"random-frame-{i}", columns, index=index, length=n, env_columns=env, options=options, dtypes=(i % 5 == 0))
        if i % 2 == 0:
            label, col = columns[0]
            add_series(f"random-series-{i}", col, name=rng.choice([None, label]), index=index, env_columns=env, options=options)


def main():
    if not pd.__version__.startswith("3.1."):
        sys.exit(f"pandas 3.1 is needed, found {pd.__version__}")
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 400
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 20240605
    edge_cases()
    random_cases(count, seed=seed)
    out = sys.stdout
    for case in cases:
        out.write(json.dumps(case, ensure_ascii=False))
        out.write("\n")


if __name__ == "__main__":
    main()
