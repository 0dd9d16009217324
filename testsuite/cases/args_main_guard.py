# The parser is built under `if __name__ == "__main__":`; str comparisons of parsed values;
# a parsed list passed to a function.
# args:
# args: --mode slow --xs 1 2
# args: --mode zzz --n 10 --name run
import argparse
import numpy as np


def run(args, sizes):
    n = args.n
    n += 1
    if args.mode == "fast":
        print("fast mode", n)
    elif args.mode != "slow":
        print("other", args.mode < "m", "abc" < args.mode)
    else:
        print("slow")
    name = args.name + "_out"
    print(name, len(sizes))
    for s in sizes:
        print(s / 2)
    k = 0
    while k < args.n:
        k += 2
    return k


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=3)
    parser.add_argument("--mode", default="fast", choices=["fast", "slow", "zzz"])
    parser.add_argument("--name", default="x")
    parser.add_argument("--xs", type=float, nargs=2, default=[0.5, 1.5])
    args = parser.parse_args()
    print(run(args, args.xs))
    print(args.xs, args.xs[1], str(args.xs), f"{args.xs}")
