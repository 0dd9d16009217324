# Timers: the elapsed times are used, never printed.
import time
import numpy as np

t0 = time.perf_counter()
w0 = time.time()
a = np.arange(100000) * 0.5
s = np.sum(a)
t = time.perf_counter() - t0
w = time.time() - w0
print("sum:", s)
print(t >= 0, w >= 0.0)
print("wall clock after 2020:", w0 > 1.5e9)
if t < 1000.0:
    print("fast enough")
