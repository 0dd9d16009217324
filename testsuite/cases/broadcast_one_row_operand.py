# A product whose split operand has one row that broadcasts along the result's rows: the
# result cannot lie beside that row (before: its plan aligned them, and the runtime's fetch
# was beyond the plan under LEGATEC_CHECK_PLAN=1 at 2+ ranks).
import numpy as np

w = np.array([4, 3, 2, 1]).reshape(1, 4) * 1.0
m = np.arange(12.0).reshape(3, 4)
p = m * w
print(p.sum(axis=1), p)
q = np.ones((5, 4)) * w + w
print(q.sum(axis=0), q[4])
print(np.average(m, axis=1, weights=np.array([4, 3, 2, 1])))
