# rtol: 1e-6
# np.i0, np.logaddexp and np.logaddexp2 of float32 values compute in float32 (the last
# digit depends on the platform's float32 exp and log1p).
import numpy as np

x = np.array([-3.0, 0.0, 1.0, 7.9, 8.0, 9.0, 30.0, np.nan, np.inf], dtype=np.float32)
print(np.i0(x), np.i0(x).dtype, np.i0(np.float32(0.5)), np.kaiser(5, np.float32(3)).dtype)
y = np.array([1.0, 2.0, -np.inf, np.inf, 1000.0, -1000.0, np.nan, -745.0], dtype=np.float32)
print(np.logaddexp(y, np.float32(0.5)), np.logaddexp2(np.float32(1), np.float32(3)), np.logaddexp2(y, y[::-1]).dtype)
