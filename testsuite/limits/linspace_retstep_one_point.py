# legatec: ValueError: legatec: np.linspace(retstep=True) with fewer than two points (endpoint=True) or none gives Python's float NaN as the step, where this program was compiled for a NumPy float64; give the count as a literal
# NumPy gives the step as a NumPy float64, or Python's float NaN where there is no gap: with
# a count known only when running, legatec compiles the float64 and stops where it is NaN.
import numpy as np
n = int(np.sum(np.ones(1)))
points, step = np.linspace(0.0, 1.0, n, retstep=True)
print(points, step)
