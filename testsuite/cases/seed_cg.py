# rtol: 1e-8
# Conjugate gradient solver exactly as on the Legate NumPy slide
# (xrange -> range), on a symmetric positive definite matrix built from formulas.
import legate.numpy as np


def cg_solve(A, b, tol=1e-10):
    x = np.zeros(A.shape[1])
    r = b - A.dot(x)
    p = r
    rsold = r.dot(r)
    for i in range(b.shape[0]):
        Ap = A.dot(p)
        alpha = rsold / (p.dot(Ap))
        x = x + alpha * p
        r = r - alpha * Ap
        rsnew = r.dot(r)
        if np.sqrt(rsnew) < tol:
            break
        beta = rsnew / rsold
        p = r + beta * p
        rsold = rsnew
    return x


if __name__ == "__main__":
    n = 50
    A = np.zeros((n, n))
    for i in range(n):
        for j in range(n):
            A[i, j] = 1.0 / (1.0 + (i - j) ** 2)
        A[i, i] = A[i, i] + 3.0
    b = np.cos(np.arange(n) * 0.3)
    x = cg_solve(A, b)
    print(x[:5])
    print("sum:", np.sum(x))
    err = np.linalg.norm(A.dot(x) - b)
    print("converged:", err < 1e-8)
    print(f"x[10] = {x[10]:.10f}")
