# rtol: 1e-8
# Preconditioned CG as on the Legate NumPy slide, with the Jacobi
# preconditioner M = diag(1 / diag(A)).
import numpy as np


def preconditioned_solve(A, M, b):
    x = np.zeros(A.shape[1])
    r = b - A.dot(x)
    z = M.dot(r)
    p = z
    rzold = r.dot(z)
    for i in range(b.shape[0]):
        Ap = A.dot(p)
        alpha = rzold / (p.dot(Ap))
        x = x + alpha * p
        r = r - alpha * Ap
        rznew = r.dot(r)
        if np.sqrt(rznew) < 1e-10:
            break
        z = M.dot(r)
        rznew = r.dot(z)
        beta = rznew / rzold
        p = z + beta * p
        rzold = rznew
    return x


if __name__ == "__main__":
    n = 40
    A = np.zeros((n, n))
    for i in range(n):
        A[i, i] = 2.0 + i * 0.5
        if i + 1 < n:
            A[i, i + 1] = -1.0
            A[i + 1, i] = -1.0
    M = np.diag(1.0 / np.diag(A))
    b = np.ones(n)
    x = preconditioned_solve(A, M, b)
    print(x[:4])
    print("sum:", np.sum(x))
    print("residual ok:", np.linalg.norm(A.dot(x) - b) < 1e-8)
