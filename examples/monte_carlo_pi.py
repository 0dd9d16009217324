# args:
# args: --samples 100000 --batches 3 --seed 11
# Monte Carlo estimate of pi: the fraction of uniform points in the unit square
# that fall inside the quarter circle, in batches, from a seeded PCG64 generator.
import argparse

import numpy as np

parser = argparse.ArgumentParser(description="Monte Carlo estimate of pi.")
parser.add_argument("--samples", type=int, default=1000000, help="points per batch")
parser.add_argument("--batches", type=int, default=4)
parser.add_argument("--seed", type=int, default=12345)
args = parser.parse_args()

rng = np.random.default_rng(args.seed)
inside = 0
total = 0
for batch in range(args.batches):
    x = rng.random(args.samples)
    y = rng.random(args.samples)
    hits = np.count_nonzero(x * x + y * y <= 1.0)
    inside += hits
    total += args.samples
    print(f"batch {batch}: {hits} hits, running estimate {4.0 * inside / total:.8f}")
print(f"pi ~ {4.0 * inside / total:.8f} from {total} points")
