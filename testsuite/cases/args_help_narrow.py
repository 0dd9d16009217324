# Help wrapped to a narrow terminal ($COLUMNS), with ArgumentDefaultsHelpFormatter.
# whitespace: exact
# stderr: exact
# env: COLUMNS=42
# args: -h
from argparse import ArgumentDefaultsHelpFormatter, ArgumentParser

parser = ArgumentParser(prog="heat-solver", description="A narrow help text that wraps.",
                        formatter_class=ArgumentDefaultsHelpFormatter)
parser.add_argument("-n", "--grid-size", type=int, default=128, help="points per side")
parser.add_argument("--tolerance", type=float, default=1e-8, help="stop when the residual is below this")
parser.add_argument("--name", default="run", help="")
parser.add_argument("--verbose", action="store_true", help="say more")
parser.add_argument("files", type=float, nargs="+", metavar="X")
args = parser.parse_args()
print(args.grid_size)
