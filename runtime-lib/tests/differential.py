"""Random cases for runtime-lib's printing and formatting, with CPython + NumPy's answers.

Usage: python3 runtime-lib/tests/differential.py [--seed N] [--cases N]
Prints one case per line: `CASE<TAB>HEX`, where HEX is the UTF-8 of NumPy's
answer (or of `ERR Kind: message`). tests/differential.rs runs this script and
checks runtime-lib's answer to each case; the case language is described there.
"""

import random
import struct
import sys

import numpy as np

DTYPES = {np.bool_: 0, np.int32: 1, np.int64: 2, np.float32: 3, np.float64: 4}


def hexs(text):
    return text.encode().hex() or "-"


def bits_of(value, dtype):
    if dtype == np.float64:
        return struct.unpack("<Q", struct.pack("<d", float(value)))[0]
    if dtype == np.float32:
        return struct.unpack("<I", struct.pack("<f", np.float32(value)))[0]
    if dtype == np.bool_:
        return int(bool(value))
    return int(value) & 0xFFFFFFFFFFFFFFFF


def python_answer(fn):
    try:
        return fn()
    except Exception as error:  # noqa: BLE001 - any Python exception is an expected answer
        name = type(error).__name__
        if type(error).__module__ not in ("builtins",):
            name = type(error).__module__ + "." + name
        return f"ERR {name}: {error}"


def random_float(rng):
    kind = rng.randrange(10)
    if kind == 0:
        return rng.choice([0.0, -0.0, 1.0, -1.0, 0.5, 0.1, 100.0, 1e16, 1e-5, 1e15, 1e-4, 0.0001, 123456789.0])
    if kind == 1:
        return rng.choice([float("nan"), float("inf"), float("-inf")])
    if kind == 2:
        return float(rng.randint(-1000, 1000))
    if kind == 3:
        return rng.randint(-100, 100) / rng.choice([3, 7, 8, 10, 16, 1000])
    if kind == 4:
        return rng.uniform(-1, 1) * 10 ** rng.randint(-30, 30)
    if kind == 5:
        return struct.unpack("<d", struct.pack("<Q", rng.getrandbits(64)))[0]
    if kind == 6:
        return round(rng.uniform(-100, 100), rng.randint(0, 6))
    if kind == 7:
        return rng.uniform(0, 1)
    if kind == 8:
        return 10.0 ** rng.randint(-20, 20) * rng.choice([1, -1, 1.5, 2.5, 9.99999])
    return rng.gauss(0, 1e3)


def array_values(rng, dtype, size):
    style = rng.randrange(8)
    if dtype == np.bool_:
        return [rng.random() < 0.5 for _ in range(size)]
    if dtype in (np.int32, np.int64):
        bound = rng.choice([9, 100, 100000, 2**31 - 1])
        if dtype == np.int64 and rng.random() < 0.2:
            bound = 2**62
        return [rng.randint(-bound, bound) if style % 2 else rng.randint(0, bound) for _ in range(size)]
    if style == 0:
        if dtype == np.float32 and rng.random() < 0.5:
            return list(np.frombuffer(rng.randbytes(4 * size), dtype=np.float32))
        return [random_float(rng) for _ in range(size)]
    if style == 1:
        return [rng.randint(-50, 50) / 7 for _ in range(size)]
    if style == 2:
        return [float(rng.randint(-5, 5)) for _ in range(size)]
    if style == 3:
        scale = 10.0 ** rng.randint(-8, 12)
        return [rng.uniform(-1, 1) * scale for _ in range(size)]
    if style == 4:
        return [rng.choice([0.0, 0.5, 0.25, 1e-5, 1.0, float("nan"), -float("inf")]) for _ in range(size)]
    if style == 5:
        return [rng.uniform(0, 1) for _ in range(size)]
    if style == 6:
        return [round(rng.uniform(-10, 10), rng.randint(0, 3)) for _ in range(size)]
    return [rng.uniform(-1, 1) * 10 ** rng.randint(-3, 3) for _ in range(size)]


def random_shape(rng):
    kind = rng.randrange(10)
    if kind == 0:
        return (rng.choice([1001, 2000, 1500]),)
    if kind == 1:
        return (rng.randint(30, 60), rng.randint(30, 60))
    if kind == 2:
        return tuple(rng.randint(0, 4) for _ in range(rng.randint(1, 4)))
    if kind == 3:
        return (rng.randint(10, 40),)
    if kind == 4:
        return (rng.randint(1, 12), rng.randint(11, 40), rng.randint(1, 3))
    return tuple(rng.randint(1, 6) for _ in range(rng.randint(1, 3)))


SPECS = [
    "", ".3f", "e", ".2e", "g", ",", ">8", "+.2f", ".1%", "10.4f", "5d", "d", "_", "08.3f",
    "^10", "<10", "*^12.3g", "=+10.2f", "#.0f", "#g", ".0e", "#.3g", ".3", ".12g", "G", "E", "F",
    "%", ",.2f", "012,.1f", "0=+12,d", "x", "#X", "#b", "_x", ".0%", " .3e", "z.1f", ",d", "n",
    "010", "-^9", "s", "c", ".10f", "20.15e", ".17g", "3", "07_", "#o", ">+15,.3f",
]

STR_SPECS = ["", ">10", "<5", "^7", "*^9", ".2", "10.3", "s", "=5", "+5", "d", "#", ",", "05", "<05"]


def generate(rng, count):
    cases = []
    for _ in range(count):
        kind = rng.randrange(6)
        if kind == 0:
            x = random_float(rng)
            cases.append((f"repr {bits_of(x, np.float64):x}", lambda x=x: str(np.float64(x))))
        elif kind == 1:
            choice = rng.random()
            if choice < 0.4:
                x = np.float32(random_float(rng))
            elif choice < 0.7:
                x = np.float32(rng.uniform(-1, 1) * 10 ** rng.randint(-10, 10))
            else:
                x = np.frombuffer(struct.pack("<I", rng.getrandbits(32)), dtype=np.float32)[0]
            cases.append((f"f32 {bits_of(x, np.float32):x}", lambda x=x: str(x)))
        elif kind == 2:
            spec = rng.choice(SPECS)
            dtype = rng.choice([np.float64, np.float64, np.int64, np.int32, np.bool_, np.float32])
            if dtype == np.float64:
                value = random_float(rng)
                py = float(value)
            elif dtype == np.float32:
                value = np.float32(random_float(rng))
                py = value
            elif dtype == np.bool_:
                value = rng.random() < 0.5
                py = value
            else:
                value = rng.choice([0, 1, -1, 7, 42, -1234567, 2**31 - 1, -(2**31), 65, 1000000, 123456789012])
                if dtype == np.int32:
                    value = int(np.int32(value & 0xFFFFFFFF if value >= 0 else value)) if -(2**31) <= value < 2**31 else 12345
                py = int(value)
            kind_code = DTYPES[dtype]
            # An empty spec is str(value) (the codegen widens float32 f-strings to float64).
            cases.append((f"fmt {kind_code} {bits_of(value, dtype):x} {hexs(spec)}", lambda py=py, spec=spec: format(py, spec) if spec else str(py)))
        elif kind == 3:
            text = rng.choice(["abc", "", "héllo", "x" * 12, "NumPy", "a b"])
            spec = rng.choice(STR_SPECS)
            cases.append((f"fmtstr {hexs(text)} {hexs(spec)}", lambda t=text, s=spec: format(t, s)))
        else:
            dtype = rng.choice(list(DTYPES))
            shape = random_shape(rng)
            size = int(np.prod(shape)) if shape else 1
            values = array_values(rng, dtype, size)
            a = np.array(values, dtype=dtype).reshape(shape)
            line = f"arr {DTYPES[dtype]} {len(shape)} " + " ".join(map(str, shape))
            line += " " + " ".join(f"{bits_of(v, dtype):x}" for v in a.reshape(-1))
            cases.append((line, lambda a=a: str(a)))
    return cases


def main():
    args = sys.argv[1:]
    seed, count = 1, 3000
    while args:
        arg = args.pop(0)
        if arg == "--seed":
            seed = int(args.pop(0))
        elif arg == "--cases":
            count = int(args.pop(0))
        else:
            sys.exit(f"unknown argument {arg}")
    rng = random.Random(seed)
    out = []
    with np.errstate(all="ignore"):
        for line, expected_fn in generate(rng, count):
            out.append(f"{line}\t{python_answer(expected_fn).encode().hex()}")
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
