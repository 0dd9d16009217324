# Benchmark: Black-Scholes call and put prices of 10**7 European options, float64.
# Inputs come from deterministic formulas; the normal CDF is the Abramowitz-Stegun
# polynomial. The last line is `elapsed: <seconds>` of the compute part only.
import math
import time
import numpy as np


def cnd(x):
    a1 = 0.31938153
    a2 = -0.356563782
    a3 = 1.781477937
    a4 = -1.821255978
    a5 = 1.330274429
    k = 1.0 / (1.0 + 0.2316419 * np.abs(x))
    poly = k * (a1 + k * (a2 + k * (a3 + k * (a4 + k * a5))))
    w = 1.0 - np.exp(-0.5 * x * x) * (1.0 / math.sqrt(2.0 * math.pi)) * poly
    return np.where(x < 0.0, 1.0 - w, w)


def black_scholes(S, K, T, r, v):
    sqrt_t = np.sqrt(T)
    d1 = (np.log(S / K) + (r + 0.5 * v * v) * T) / (v * sqrt_t)
    d2 = d1 - v * sqrt_t
    discount = K * np.exp(-r * T)
    call = S * cnd(d1) - discount * cnd(d2)
    put = discount * cnd(-d2) - S * cnd(-d1)
    return call, put


n = 10000000
i = np.arange(n)
S = 10.0 + 90.0 * ((i * 7919 % 10000) / 10000.0)
K = 10.0 + 90.0 * ((i * 104729 % 9973) / 9973.0)
T = 0.1 + 2.9 * ((i * 31 % 1009) / 1009.0)
rate = 0.02
volatility = 0.3

start = time.perf_counter()
call, put = black_scholes(S, K, T, rate, volatility)
call_sum = np.sum(call)
put_sum = np.sum(put)
elapsed = time.perf_counter() - start

print("call sum:", call_sum)
print("put sum:", put_sum)
print("elapsed:", elapsed)
