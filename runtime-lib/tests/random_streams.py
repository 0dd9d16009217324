"""Reference streams for tests/random_streams.rs: runs a plan of NumPy random
calls and writes each result's raw bytes.

Usage: python3 random_streams.py PLAN OUTDIR

PLAN has one call per line (fields separated by spaces; SHAPE is `-` for
size=None or extents joined by `x`):
    seed S                              np.random.seed(S)
    legacy METHOD SHAPE ARGS...         np.random.METHOD(*ARGS, size=SHAPE)
    rng ID SEED                         rngs[ID] = np.random.default_rng(SEED)
    gen ID METHOD SHAPE ARGS...         rngs[ID].METHOD(*ARGS, size=SHAPE)
    advance ID DELTA                    rngs[ID].bit_generator.advance(DELTA)
ARGS are Python literals; an argument `dtype=NAME` or `endpoint=BOOL` is a
keyword. `rand`/`randn` take the extents as positional arguments instead.

For line i, OUTDIR/manifest gets `i DTYPE COUNT` (DTYPE a NumPy type string
such as `<f8`; scalars: Python float is `<f8`, Python int `<i8`) and
OUTDIR/i.bin the values; a call that raises gets `i ERR Kind: message`.
"""
import ast
import sys

import numpy as np


def parse_args(fields):
    positional, keywords = [], {}
    for field in fields:
        if '=' in field:
            key, value = field.split('=', 1)
            keywords[key] = getattr(np, value) if key == 'dtype' else ast.literal_eval(value)
        else:
            positional.append(ast.literal_eval(field))
    return positional, keywords


def shape_of(text):
    return None if text == '-' else tuple(int(extent) for extent in text.split('x'))


def as_array(result):
    if isinstance(result, np.ndarray):
        return result
    if isinstance(result, float):
        return np.array(result, dtype=np.float64)
    if isinstance(result, int):
        return np.array(result, dtype=np.int64)
    if isinstance(result, np.generic):
        return np.array(result)
    raise TypeError(f'unexpected result type {type(result)}')


def main():
    plan_path, out_dir = sys.argv[1], sys.argv[2]
    rngs = {}
    manifest = []
    with open(plan_path) as plan:
        lines = [line.split() for line in plan if line.strip()]
    for index, fields in enumerate(lines):
        kind = fields[0]
        try:
            if kind == 'seed':
                np.random.seed(int(fields[1]))
                continue
            if kind == 'rng':
                rngs[fields[1]] = np.random.default_rng(int(fields[2]))
                continue
            if kind == 'advance':
                rngs[fields[1]].bit_generator.advance(int(fields[2]))
                continue
            if kind == 'legacy':
                target, method, shape, rest = np.random, fields[1], shape_of(fields[2]), fields[3:]
            elif kind == 'gen':
                target, method, shape, rest = rngs[fields[1]], fields[2], shape_of(fields[3]), fields[4:]
            else:
                raise SystemExit(f'unknown plan line {fields}')
            positional, keywords = parse_args(rest)
            function = getattr(target, method)
            if method in ('rand', 'randn'):
                result = function(*(shape or ()))
            else:
                result = function(*positional, size=shape, **keywords)
        except (ValueError, OverflowError, TypeError) as error:
            manifest.append(f'{index} ERR {type(error).__name__}: {error}')
            continue
        array = as_array(result)
        array.tofile(f'{out_dir}/{index}.bin')
        manifest.append(f'{index} {array.dtype.str} {array.size}')
    with open(f'{out_dir}/manifest', 'w') as out:
        out.write('\n'.join(manifest) + '\n')


main()
