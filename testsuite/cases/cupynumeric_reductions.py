# rtol: 1e-10
# A cuPyNumeric import with reductions and matrix products; the reference run uses NumPy.
import cupynumeric as np

n = 50
A = np.zeros((n, n))
for i in range(n):
    A[i, :] = np.cos(np.arange(n) * (i + 1) * 0.01) + 1.5
col_sums = A.sum(axis=0)
row_max = np.max(A, axis=1)
print(col_sums[:4])
print(row_max[-3:])
print("total:", np.sum(A), "mean:", A.mean())
x = np.linspace(-1.0, 1.0, n)
y = A @ x
print("norm:", np.linalg.norm(y), "argmax:", np.argmax(y), "argmin:", np.argmin(y))
print("positive rows:", np.sum(y > 0.0), "all finite:", np.all(y < 1e300))
