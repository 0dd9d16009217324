# rtol: 1e-9
# Black-Scholes European call and put prices with the Abramowitz-Stegun
# approximation of the normal CDF.
import math
import numpy as np


def cnd(x):
    a1 = 0.31938153
    a2 = -0.356563782
    a3 = 1.781477937
    a4 = -1.821255978
    a5 = 1.330274429
    k = 1.0 / (1.0 + 0.2316419 * np.abs(x))
    poly = k * (a1 + k * (a2 + k * (a3 + k * (a4 + k * a5))))
    w = 1.0 - np.exp(-x * x / 2.0) / math.sqrt(2.0 * math.pi) * poly
    return np.where(x < 0, 1.0 - w, w)


def black_scholes(S, K, T, r, v):
    sqrt_t = np.sqrt(T)
    d1 = (np.log(S / K) + (r + 0.5 * v * v) * T) / (v * sqrt_t)
    d2 = d1 - v * sqrt_t
    discount = np.exp(-r * T)
    call = S * cnd(d1) - K * discount * cnd(d2)
    put = K * discount * cnd(-d2) - S * cnd(-d1)
    return call, put


n = 1000
i = np.arange(n)
S = 10.0 + 90.0 * ((i * 7919 % 1000) / 1000.0)
K = 20.0 + 60.0 * ((i * 104729 % 997) / 997.0)
T = 0.25 + 1.75 * ((i * 31 % 101) / 101.0)
call, put = black_scholes(S, K, T, 0.02, 0.3)
print("call sum:", np.sum(call))
print("put sum:", np.sum(put))
print(call[15:20])
print(put[15:20])
parity = call - put - (S - K * np.exp(-0.02 * T))
print("parity holds:", np.max(np.abs(parity)) < 1e-6)
