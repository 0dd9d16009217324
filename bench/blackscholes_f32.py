# Benchmark: Black-Scholes call and put prices of n European options in float32 (GPU
# benchmark, bench/gpu.sh). Inputs from deterministic formulas; the normal CDF is the
# Abramowitz-Stegun polynomial. Times `reps` evaluations (the arrays S, K, T are read and
# call, put written each time: 5 * 4 * n bytes at least); prints the sums, then
# `elapsed: <seconds>` and `gbs: <those bytes per second / 1e9>`.
import argparse
import time

import numpy as np

parser = argparse.ArgumentParser(description="Black-Scholes, float32.")
parser.add_argument("--n", type=int, default=200000000, help="options")
parser.add_argument("--reps", type=int, default=10, help="evaluations timed")
args = parser.parse_args()


def cnd(x):
    k = 1.0 / (1.0 + 0.2316419 * np.abs(x))
    poly = k * (0.31938153 + k * (-0.356563782 + k * (1.781477937 + k * (-1.821255978 + k * 1.330274429))))
    w = 1.0 - np.exp(-0.5 * x * x) * 0.3989422804014327 * poly
    return np.where(x < 0.0, 1.0 - w, w)


def black_scholes(S, K, T, r, v):
    sqrt_t = np.sqrt(T)
    d1 = (np.log(S / K) + (r + 0.5 * v * v) * T) / (v * sqrt_t)
    d2 = d1 - v * sqrt_t
    discount = K * np.exp(-r * T)
    call = S * cnd(d1) - discount * cnd(d2)
    put = discount * cnd(-d2) - S * cnd(-d1)
    return call, put


n = args.n
i = np.arange(n, dtype=np.float32)
S = (10.0 + 90.0 * ((i * 0.618034) % 1.0)).astype(np.float32)
K = (10.0 + 90.0 * ((i * 0.414214) % 1.0)).astype(np.float32)
T = (0.1 + 2.9 * ((i * 0.732051) % 1.0)).astype(np.float32)
rate = np.float32(0.02)
volatility = np.float32(0.3)
call, put = black_scholes(S, K, T, rate, volatility)
first = float(call[0])

start = time.perf_counter()
for rep in range(args.reps):
    call, put = black_scholes(S, K, T, rate, volatility)
last = float(put[n - 1])
elapsed = time.perf_counter() - start

print("call sum:", float(np.sum(call)))
print("put sum:", float(np.sum(put)))
print("elapsed:", elapsed)
print("gbs:", 5.0 * 4.0 * n * args.reps / elapsed / 1e9)
