# Command-line flags with argparse: defaults, types, dest, choices, flags, lists, a positional.
# args: run1
# args: -n 7 --alpha 2.5 --mode slow -v run2
# args: --size=3 -v --sizes 5 6 7 --label=hello run3 --steps 2
# args: -n5 --no-cache --sizes 10 -- -run4
# args: --al 0.125 --size 9 run5 --ste 4 --mode=fast
import argparse

import numpy as np

parser = argparse.ArgumentParser(description="Flags of a small simulation.")
parser.add_argument("-n", "--size", type=int, default=4, help="grid size")
parser.add_argument("--alpha", type=float, default=0.5, help="diffusion coefficient")
parser.add_argument("--mode", choices=["fast", "slow"], default="fast")
parser.add_argument("-v", "--verbose", action="store_true")
parser.add_argument("--no-cache", dest="cache", action="store_false")
parser.add_argument("--sizes", type=int, nargs="+", default=[1, 2, 3])
parser.add_argument("--label", default="none")
parser.add_argument("--steps", type=int, default=1, choices=[1, 2, 3, 4])
parser.add_argument("name", help="a name for the run")
args = parser.parse_args()

print(args.name, args.size, args.alpha, args.mode, args.verbose, args.cache, args.label, args.steps)
print(args.sizes, len(args.sizes), args.sizes[0], args.sizes[-1])
total = 0
for s in args.sizes:
    total += s
print("total", total)
a = np.full((args.size, 2), args.alpha)
print(a.shape, a.sum())
print(np.array(args.sizes) * 2)
print(f"{args.alpha:.3f} {args.size:4d} {args.name} {args.sizes}")
if args.verbose and args.size > 4:
    print("large and verbose")
grid = np.zeros(args.size + 2)
grid[1:-1] = np.arange(args.size) * args.alpha
print(grid)
for i in range(args.steps):
    grid[1:-1] = 0.5 * (grid[:-2] + grid[2:])
print(grid)
