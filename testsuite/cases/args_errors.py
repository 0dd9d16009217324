# argparse errors: usage and `prog: error: ...` on stderr, exit status 2.
# exit: 2
# stderr: exact
# args: -n abc x
# args: --alpha 1.5.2 x
# args: --bogus x
# args: --mode medium x
# args: -n
# args:
# args: x y
# args: x --si 3
# args: x --steps 9
# args: x --pair 1
# args: x --size=
# args: x --verbose=yes
# args: x -vq
# args: x -- --alpha
import argparse

parser = argparse.ArgumentParser()
parser.add_argument("-n", "--size", type=int, default=4)
parser.add_argument("--sizes", type=int, nargs="+", default=[1])
parser.add_argument("--alpha", type=float, default=0.5)
parser.add_argument("--mode", choices=["fast", "slow"], default="fast")
parser.add_argument("--steps", type=int, choices=[1, 2, 4], default=1)
parser.add_argument("--pair", type=float, nargs=2, default=[0.0, 1.0])
parser.add_argument("-v", "--verbose", action="store_true")
parser.add_argument("name")
args = parser.parse_args()
print("not reached", args.name)
