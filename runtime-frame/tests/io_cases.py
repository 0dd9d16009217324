"""Builds the differential test cases of runtime-frame's CSV reader and writer with real pandas.

Read cases: CSV files (random and hand-written edge cases) and what `pd.read_csv` returns
for them (dtypes, values, missing values) or the exception it raises. Write cases: frames
as JSON and the exact text `df.to_csv` writes for them. The Rust test
tests/io_differential.rs reads and writes the same and compares.

Usage: python3 io_cases.py OUTPUT_DIR   (writes OUTPUT_DIR/cases.json and the files)

Columns are written as {"dtype": pandas' dtype, "values": [...]}: integers and booleans as
JSON numbers, floats as the integer bits of their IEEE representation (null where
missing), strings as JSON strings (null where missing), datetimes as int64 ticks (null
for NaT) with their unit, categoricals as codes plus a categories column.
"""

import io
import json
import os
import random
import struct
import sys
import warnings

import numpy as np
import pandas as pd

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from io_cases_encoding import bits, encode  # noqa: E402

warnings.simplefilter("ignore")
OUT = sys.argv[1]
os.makedirs(OUT, exist_ok=True)
random.seed(20260301)


SCHEMA_NAMES = {"int64": "int64", "int32": "int32", "float64": "float64", "float32": "float32", "bool": "bool", "str": "str", "category": "category"}


def schema_type(dtype):
    name = str(dtype)
    if name.startswith("datetime64"):
        return "datetime"
    if name == "object":
        return "str"
    return SCHEMA_NAMES[name]


cases = []
counter = [0]


def read_case(name, text, dtype=None, parse_dates=None, **options):
    """Writes `text` (bytes or str) to a file and records what pd.read_csv gives."""
    counter[0] += 1
    path = os.path.join(OUT, f"read_{counter[0]:03d}.csv")
    data = text.encode() if isinstance(text, str) else text
    with open(path, "wb") as f:
        f.write(data)
    kwargs = dict(options)
    if dtype:
        kwargs["dtype"] = dtype
    if parse_dates:
        kwargs["parse_dates"] = parse_dates
    case = {"name": name, "path": path, "options": options, "dtype": dtype or {}, "parse_dates": parse_dates or []}
    try:
        df = pd.read_csv(path, **kwargs)
        for column in df.columns:
            if str(df[column].dtype) == "object":
                raise TypeError(f"case {name}: column {column} is object")
        case["schema"] = [[str(c), schema_type(df[c].dtype)] for c in df.columns]
        case["columns"] = [encode(df[c]) for c in df.columns]
    except (ValueError, OverflowError) as error:
        case["error"] = {"type": type(error).__name__, "message": str(error)}
        # The schema the program would have been compiled with: the given dtypes, and
        # pandas' own types for the other columns where it can read them.
        try:
            loose = pd.read_csv(path, **{k: v for k, v in kwargs.items() if k not in ("dtype", "parse_dates")}, dtype=str)
            labels = [str(c) for c in loose.columns]
        except Exception:
            labels = []
        schema = []
        for label in labels:
            if dtype and label in dtype:
                schema.append([label, SCHEMA_NAMES[dtype[label]]])
            elif parse_dates and label in parse_dates:
                schema.append([label, "datetime"])
            else:
                schema.append([label, "str"])
        case["schema"] = schema
    cases.append(case)


# Floats: random decimal strings of every length, exponents, signs, and random doubles.
def random_decimal():
    kind = random.random()
    if kind < 0.3:
        return repr(struct.unpack("<d", struct.pack("<Q", random.getrandbits(64)))[0])
    digits = "".join(random.choice("0123456789") for _ in range(random.choice([1, 2, 3, 7, 15, 16, 17, 18, 19, 20, 24])))
    point = random.randint(0, len(digits))
    text = digits[:point] + ("." if random.random() < 0.8 else "") + digits[point:]
    if random.random() < 0.4:
        text += random.choice("eE") + random.choice(["", "+", "-"]) + str(random.randint(0, 330))
    return random.choice(["", "", "-", "+"]) + text


for block in range(4):
    rows = ["a,b,c"]
    for _ in range(2500):
        values = []
        for _ in range(3):
            v = random_decimal()
            values.append("" if v in ("nan", "-nan") else v)
        rows.append(",".join(values))
    read_case(f"random decimals {block}", "\n".join(rows) + "\n", dtype={"a": "float64", "b": "float64", "c": "float64"})
read_case(
    "float edge spellings",
    "x\n .5\n5.\n+1.5\n-.5e-3\n1E+05\n 7.25 \n\t3\ninf\n-inf\n+Infinity\n-iNF\n1e400\n-1e400\n1e-400\n4.9e-324\n2.2250738585072014e-308\n"
    "179769313486231570000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000\n"
    "0.30000000000000004\n9007199254740993\n123456789012345678901234567890\n0.1e1\n1.5\x0b\n",
)
for bad in ["1e", "1e+", "e5", "0x10", "1d5", "1.5 x", "--1", ".", "abc", "NAN", "+nan", "1_000", " inf", "1,5"]:
    read_case(f"float error {bad!r}", f"x,y\n2.5,1\n\"{bad}\",2\n", dtype={"x": "float64"})

# Integers.
ints = [str(random.randint(-(2**63), 2**63 - 1)) for _ in range(2000)] + ["0", "-0", "+7", " 12 ", "\t-3\t", "9223372036854775807", "-9223372036854775808"]
read_case("random int64", "n\n" + "\n".join(ints) + "\n")
read_case("int64 by dtype", "n,m\n" + "\n".join(f"{v},{i}" for i, v in enumerate(ints)) + "\n", dtype={"n": "int64", "m": "int32"})
read_case("integral floats to int64", "n\n1.0\n1e3\n-2.00\n", dtype={"n": "int64"})
for values in [["1", ""], ["", "1.5"], ["1.5", ""], ["abc", ""], ["9223372036854775808", ""], ["9223372036854775808", "-1"],
               ["9223372036854775808", "5"], ["-9223372036854775809"], ["18446744073709551616"], ["0x1"], ["12a"], ["1.5", "abc", "2x"],
               ["1_000"], [" "], ["1e30"]]:
    read_case(f"int error {values}", "x,y\n" + "".join(f"\"{v}\",1\n" for v in values), dtype={"x": "int64"})

# Booleans.
read_case("bool spellings", "b\nTrue\nFALSE\ntrue\ntRuE\nfalse\nFalse\n")
read_case("bool by dtype from 0 and 1", "b\n1\n0\n1\n", dtype={"b": "bool"})
for values in [["True", ""], ["True", "yes"], ["1", "2"], ["1.0", "0.5"], [" True"], ["T"]]:
    read_case(f"bool error {values}", "x,y\n" + "".join(f"\"{v}\",1\n" for v in values), dtype={"x": "bool"})

# Missing values.
read_case("default NA strings", "s,n\n" + "\n".join(f"\"{v}\",{i}" for i, v in enumerate(pd._libs.parsers.STR_NA_VALUES)) + "\nNAN,99\n nan,98\n\" NA\",97\n", dtype={"s": "str"})
read_case("NA strings in floats", "f\n" + "\n".join(sorted(pd._libs.parsers.STR_NA_VALUES)) + "\n1.5\n")
read_case("extra na_values", "a,b,c\n1,x,3\n4,,6\n6.0,y,6.00\n7,missing,8\n", na_values=["x", "6", "missing"])
read_case("keep_default_na False", "a,b\nNA,1\n,2\nx,3\n", keep_default_na=False, na_values=["x"])

# Strings and quoting.
read_case(
    "quoting",
    'a,b,c\n"x,y","say ""hi""",3\n"multi\nline",plain,4\n"",,5\n"end"after,mid"quote,6\n"\r\n",q,7\n',
)
read_case("crlf and no trailing newline", "a,b\r\n1,x\r\n2,y\r\n3,z")
read_case("cr only", "a,b\r1,x\r2,y\r")
read_case("blank and whitespace lines", "a,b\n\n1,x\n   \n\t\n2,y\n\n\n3, z \n")
read_case("short rows padded", "a,b,c\n1,x\n2\n3,y,4.5\n")
read_case("bom", "\ufeffa,b\n1,2\n")
read_case("unicode strings", "s,n\né,1\n日本,2\n😀,3\n\"a\"\"b\",4\n")
read_case("empty header names and duplicates", "a,,a,a\n1,2,3,4\n")
read_case("trailing separator", "a,b,\n1,2,\n3,4,\n")
read_case("too many fields", "a,b\n1,2\n3,4,5\n")
read_case("eof in quotes", 'a,b\n1,2\n"3\n')
read_case("header only", "a,b\n", dtype={"a": "str", "b": "str"})
read_case("random strings", "s\n" + "".join(
    '"' + "".join(random.choice(["a", "b", ",", '""', " ", "\n", "é", "x"]) for _ in range(random.randint(1, 8))) + '"\n' for _ in range(500)))

# Options.
base = "a,b,c\n1,x,3.5\n4,,6.5\n7,z,\n"
read_case("header None", base, header=None)
read_case("header None with names", base, header=None, names=["p", "q", "r"])
read_case("names replace header", base, header=0, names=["p", "q", "r"])
read_case("usecols", base, usecols=["c", "a"])
read_case("usecols missing", base, usecols=["a", "zz"])
read_case("skiprows", "junk line\n\"quoted\njunk\"\na,b\n1,2\n", skiprows=2)
read_case("header row 1", "first,line\na,b\n1,2\n", header=1)
read_case("semicolon sep", 'a;b;c\r\n1;"x;y""z";3\r\n4;"multi\nline";6', sep=";")
read_case("tab sep", "a\tb\n1\t x\n2\ty \n", sep="\t")
read_case("dtype str keeps text", "a,b\n001,1.50\n+2,-0\n", dtype={"a": "str", "b": "str"})

# Categories.
read_case("category strings", "x,y\nb,1\na,1\n,2\nB,3\né,4\n10,5\nb,6\n", dtype={"x": "category"})
read_case("category ints", "x\n3\n10\n\n3\n-1\n", dtype={"x": "category"})
read_case("category floats", "x\n1.5\n2\n\n1e3\n", dtype={"x": "category"})
read_case("category bools", "x\nTrue\nfalse\n\nTrue\n", dtype={"x": "category"})

# Dates.
read_case("iso dates", "d,n\n2024-01-02,1\n2023-05-06,2\n,3\n1500-01-01,4\n9999-12-31,5\n2024-1-3,6\n", parse_dates=["d"])
read_case("iso datetimes", "d\n2024-01-02 10:11:12\n2024-02-29 23:59:59\n\n", parse_dates=["d"])
read_case("iso T minutes", "d\n2024-01-02T10:11\n2024-01-02T10:12\n", parse_dates=["d"])
read_case("iso fractions", "d\n2024-01-02 00:00:00.123\n2024-01-02 00:00:00.1\n2024-01-02 00:00:00.123456\n", parse_dates=["d"])
read_case("iso nanoseconds", "d\n2024-01-02 00:00:00.123456789\n2024-01-02 00:00:00.5\n", parse_dates=["d"])
read_case("month first", "d\n01/02/2024\n01/13/2024\n", parse_dates=["d"])
read_case("day first guessed", "d\n13/02/2024\n01/12/2024\n", parse_dates=["d"])
read_case("compact dates", "d\n20240102\n20240103\n", parse_dates=["d"])
read_case("explicit format", "d\n02/01/2024\n13/05/2023\n\n", parse_dates=["d"], date_format="%d/%m/%Y")
read_case("explicit format with time", "d\n2024.01.02 3:04:05.5\n", parse_dates=["d"], date_format="%Y.%m.%d %H:%M:%S.%f")
read_case("ISO8601 format", "d\n2024-01-02\n2024-01-02 10:00\n2024-01-02T10:00:01.25\n", parse_dates=["d"], date_format="ISO8601")
read_case("random dates", "d\n" + "".join(
    f"{random.randint(1678, 2261):04d}-{random.randint(1, 12):02d}-{random.randint(1, 28):02d} {random.randint(0, 23):02d}:{random.randint(0, 59):02d}:{random.randint(0, 59):02d}.{random.randint(0, 999999):06d}\n"
    for _ in range(300)), parse_dates=["d"])

# A mixed random frame written by pandas and read back.
n = 400
frame = pd.DataFrame({
    "i": np.random.default_rng(1).integers(-10**12, 10**12, n),
    "f": np.where(np.random.default_rng(2).random(n) < 0.1, np.nan, np.random.default_rng(3).standard_normal(n) * 10.0 ** np.random.default_rng(4).integers(-20, 20, n)),
    "b": np.random.default_rng(5).random(n) < 0.5,
    "s": [None if random.random() < 0.1 else "".join(random.choice('ab ,"\né') for _ in range(random.randint(0, 6))) for _ in range(n)],
})
read_case("pandas round trip", frame.to_csv(index=False))

# Write cases: frames and what to_csv writes.
writes = []


def write_case(name, df, **options):
    index = df.index
    if isinstance(index, pd.RangeIndex):
        encoded_index = {"kind": "range", "start": index.start, "step": index.step, "name": index.name}
    else:
        encoded_index = {"kind": "levels", "levels": [{"name": index.names[i], "column": encode(pd.Series(index.get_level_values(i)))} for i in range(index.nlevels)]}
    text = df.to_csv(**options)
    writes.append({
        "name": name,
        "labels": [str(c) for c in df.columns],
        "columns": [encode(df[c]) for c in df.columns],
        "index": encoded_index,
        "options": options,
        "text": text,
    })


rng = np.random.default_rng(7)
special = [0.1, 1e-5, 1e16, 1e15, 9999999999999998.0, 0.0001, 0.0001234, -0.0, 0.0, 1.5e300, 5e-324, np.inf, -np.inf, np.nan, 123456789012345678.0, 1.0, 100.0, 2.5e-7]
random_floats = [struct.unpack("<d", struct.pack("<Q", random.getrandbits(64)))[0] for _ in range(1500)]
random_floats = [v if np.isfinite(v) else 1.0 for v in random_floats]
decimal_floats = [float(random_decimal()) for _ in range(1500)]
floats = special + random_floats + decimal_floats
write_case("floats", pd.DataFrame({"f": floats}))
write_case("floats no index", pd.DataFrame({"f": floats, "g": floats[::-1]}), index=False)
write_case("float32", pd.DataFrame({"f": np.array([0.1, 1e-5, 3.4e38, 1e10, 1e16, 123456.78, np.nan, -2.5] + random_floats[:200], dtype=np.float32)}))
write_case("ints and bools", pd.DataFrame({"i": rng.integers(-2**63, 2**63 - 1, 300), "j": rng.integers(-5, 5, 300).astype("int32"), "b": rng.random(300) < 0.5}))
strings = ["a", "b,c", 'd"e', None, "", "line\nx", " sp ", "\r", "a\tb", "é", "日本", "'q'", ";"]
write_case("strings", pd.DataFrame({"s": strings, "n": range(len(strings))}))
write_case("strings semicolon", pd.DataFrame({"s": strings, "n": range(len(strings))}), sep=";", index=False)
write_case("single column with missing", pd.DataFrame({"s": ["", None, "a"]}), index=False)
write_case("single float column with missing", pd.DataFrame({"f": [np.nan, 1.5]}), index=False)
write_case("no header", pd.DataFrame({"a": [1, 2], "b": ["x", None]}), header=False)
write_case("na_rep", pd.DataFrame({"a": [1.5, np.nan], "b": ["x", None]}), na_rep="NULL")
write_case("labels needing quotes", pd.DataFrame({"a,b": [1], 'x"': [2], "plain": [3]}))
write_case("named string index", pd.DataFrame({"a": [1, 2]}, index=pd.Index(["r1", "r,2"], name="nm")))
write_case("unnamed int index", pd.DataFrame({"a": [1, 2, 3]}, index=pd.Index([10, -3, 7])))
write_case("range index with step", pd.DataFrame({"a": [1, 2, 3]}, index=pd.RangeIndex(5, 11, 2, name="r")))
write_case("multi index", pd.DataFrame({"v": [1.5, 2.5]}, index=pd.MultiIndex.from_arrays([["a", "b"], [1, 2]], names=["k", None])))
dates = pd.to_datetime(["2024-01-01 00:00:00", "2024-01-02 10:00:00", None, "1970-01-01", "1900-03-04 05:06:07"], format="ISO8601")
write_case("datetimes", pd.DataFrame({"d": dates}))
write_case("dates only", pd.DataFrame({"d": pd.to_datetime(["2024-01-01", None, "1999-12-31"])}))
write_case("all NaT", pd.DataFrame({"d": pd.to_datetime([None, None]).astype("datetime64[us]")}))
write_case("milliseconds", pd.DataFrame({"d": pd.to_datetime(["2024-01-01 00:00:00.5", "2024-01-01 00:00:00"], format="ISO8601").astype("datetime64[ns]")}))
write_case("microseconds", pd.DataFrame({"d": pd.to_datetime(["2024-01-01 00:00:00.000001"])}))
write_case("nanoseconds", pd.DataFrame({"d": pd.to_datetime(["2024-01-01 00:00:00.000000001", "2024-06-01 12:00:00.000000000"], format="ISO8601").astype("datetime64[ns]")}))
write_case("seconds unit", pd.DataFrame({"d": pd.to_datetime(["2024-01-01 00:00:00", "2024-01-01 00:00:01"]).astype("datetime64[s]")}))
write_case("random datetimes", pd.DataFrame({"d": pd.to_datetime(rng.integers(-2 * 10**15, 4 * 10**15, 300), unit="us")}))
write_case("category", pd.DataFrame({"c": pd.Categorical(["x", "y", None, "x,z"], categories=["y", "x", "x,z", "unused"]), "n": [1.5, 2, 3, 4]}))
write_case("category of floats", pd.DataFrame({"c": pd.Categorical([0.1, 1e20, None])}))
write_case("random frame", frame)
write_case("random frame no index", frame, index=False, sep="|")

with open(os.path.join(OUT, "cases.json"), "w") as f:
    json.dump({"reads": cases, "writes": writes}, f)
print(f"{len(cases)} read cases, {len(writes)} write cases")
