# The parse happens in a function; the namespace is returned and passed to other
# functions; shapes come from the parsed values (run-time sizes).
# args:
# args: --n 5 --scale 0.5 --sizes 2 3
# args: --n=1 --sizes 7 --name grid
import argparse

import numpy as np


def parse():
    parser = argparse.ArgumentParser(description="Arguments parsed in a function.")
    parser.add_argument("--n", type=int, default=3, help="matrix size")
    parser.add_argument("--scale", type=float, default=2.0)
    parser.add_argument("--sizes", type=int, nargs="+", default=[4])
    parser.add_argument("--name", default="matrix")
    return parser.parse_args()


def build(args, offset):
    a = np.zeros((args.n, args.n))
    for i in range(args.n):
        a[i, i] = args.scale * (i + offset)
    return a


def main(args):
    a = build(args, 1)
    print(args.name, a.shape)
    print(a)
    print(a.sum(), a.sum() / args.n)
    for s in args.sizes:
        v = np.ones(s) * args.scale
        print(s, v.sum())
    total = np.array(args.sizes).sum()
    print("total", total)


if __name__ == "__main__":
    main(parse())
