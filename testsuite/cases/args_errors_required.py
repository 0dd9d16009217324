# A required option and two positionals missing: argparse lists them all, exit 2.
# exit: 2
# stderr: exact
# args:
# args: a
# args: a 2 --count 3
# args: --out=x a b
import argparse

parser = argparse.ArgumentParser(prog="tool", usage="%(prog)s [options] FIRST SECOND")
parser.add_argument("--out", required=True)
parser.add_argument("first")
parser.add_argument("second", type=int, metavar="N")
parser.add_argument("--count", type=int, default=0, choices=[0, 1])
args = parser.parse_args()
print(args.out, args.first, args.second)
