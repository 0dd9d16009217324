# argparse features outside legatec's subset, and parsers whose attributes
# could not have one static type: each is a compile error with a hint.
import argparse
import sys

parser = argparse.ArgumentParser(description="Unsupported features.")
parser.add_argument("--files", nargs="*", default=[])
parser.add_argument("--opt", action="append")
parser.add_argument("--dt", type=float, default=1)
parser.add_argument("--n", type=int)
parser.add_argument("--scale", type=float, default=1.0, help="50% of the range")
parser.add_argument("-h", "--height", type=int, default=3)
parser.add_argument("words", nargs="+")
if len(sys.argv) > 2:
    parser.add_argument("--late", type=int, default=0)
args, rest = parser.parse_known_args()
