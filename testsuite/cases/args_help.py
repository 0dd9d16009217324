# argparse's -h: usage and help text exactly as CPython prints them, exit 0.
# whitespace: exact
# stderr: exact
# args: -h
# args: --help
# args: --he
# args: input.dat -n 3 -h --bogus
import argparse

parser = argparse.ArgumentParser(
    description="Solve the two-dimensional heat equation on a square grid with a five-point "
    "stencil, well-known boundary conditions and a fixed time step. %(prog)s prints the "
    "final temperature.",
    epilog="Example: run with -n 100 --steps 500 for a quick check.",
)
parser.add_argument("-n", "--size", type=int, default=64, help="grid points per side (default: %(default)s)")
parser.add_argument("--steps", type=int, default=100, metavar="K", help="number of time steps")
parser.add_argument("--dt", type=float, default=0.1, help="time step, %(type)s (default: %(default).3f)")
parser.add_argument("--method", choices=["jacobi", "gauss-seidel", "sor"], default="jacobi",
                    help="the iteration; one of %(choices)s")
parser.add_argument("--omega", type=float, nargs=2, default=[1.0, 1.5], help="relaxation factors")
parser.add_argument("--check", action="store_true", help="compare against the analytic solution, which takes a very-long-hyphenated-description-of-the-check")
parser.add_argument("-q", "--quiet", action="count", default=0, help="less output")
parser.add_argument("--output-file", required=True, default="out.txt")
parser.add_argument("input", help="the input file")
parser.add_argument("sizes", type=int, nargs="+", help="extra sizes")
args = parser.parse_args()
print("not reached", args.size)
