# rtol: 1e-9
# args:
# args: --options 20000 --seed 3
# Black-Scholes prices of European calls and puts on random inputs drawn with
# the legacy MT19937 API (np.random.seed / uniform).
import argparse
import math

import numpy as np

parser = argparse.ArgumentParser(description="Black-Scholes on random options.")
parser.add_argument("--options", type=int, default=100000)
parser.add_argument("--seed", type=int, default=2024)
parser.add_argument("--rate", type=float, default=0.02)
parser.add_argument("--vol", type=float, default=0.30)
args = parser.parse_args()

np.random.seed(args.seed)
n = args.options
spot = np.random.uniform(5.0, 30.0, n)
strike = np.random.uniform(1.0, 100.0, n)
years = np.random.uniform(0.25, 10.0, n)


def cnd(d):
    # Cumulative normal distribution by the Abramowitz-Stegun polynomial.
    a1, a2, a3, a4, a5 = 0.31938153, -0.356563782, 1.781477937, -1.821255978, 1.330274429
    k = 1.0 / (1.0 + 0.2316419 * np.abs(d))
    poly = k * (a1 + k * (a2 + k * (a3 + k * (a4 + k * a5))))
    w = 1.0 - 1.0 / math.sqrt(2 * math.pi) * np.exp(-d * d / 2) * poly
    return np.where(d < 0, 1.0 - w, w)


r = args.rate
sigma = args.vol
sqrt_t = np.sqrt(years)
d1 = (np.log(spot / strike) + (r + 0.5 * sigma * sigma) * years) / (sigma * sqrt_t)
d2 = d1 - sigma * sqrt_t
discount = np.exp(-r * years)
call = spot * cnd(d1) - strike * discount * cnd(d2)
put = strike * discount * cnd(-d2) - spot * cnd(-d1)
print(f"{n} options")
print(f"mean call {np.mean(call):.10f} mean put {np.mean(put):.10f}")
print(f"max call {call.max():.10f} at {np.argmax(call)}")
print("first calls:", call[:5])
print("first puts:", put[:5])
# Put-call parity: C - P = S - K e^{-rT}.
print("parity holds:", bool(np.max(np.abs(call - put - (spot - strike * discount))) < 1e-9))
