# rtol: 1e-9
# Dense Jacobi iteration from the Legate NumPy slides, with a diagonally
# dominant matrix built from formulas instead of np.random.rand.
import cupynumeric as np

N = 40

A = np.zeros((N, N))
for i in range(N):
    for j in range(N):
        A[i, j] = ((i * 7 + j * 3) % 13) / 13.0
    A[i, i] = A[i, i] + 2.0 * N
b = np.sin(np.arange(N) * 0.5) + 2.0

x = np.zeros(A.shape[1])
d = np.diag(A)
R = A - np.diag(d)
for i in range(b.shape[0]):
    x = (b - np.dot(R, x)) / d

print(x[:6])
print("sum of x:", np.sum(x))
residual = np.linalg.norm(np.dot(A, x) - b)
print("residual small:", residual < 1e-10)
print("x[0] =", x[0], "x[-1] =", x[-1])
