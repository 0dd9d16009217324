# rtol: 1e-9
# args:
# args: --n 25 --steps 80 --lid 2.0
# Lid-driven cavity flow: incompressible Navier-Stokes in a unit-aspect box whose
# top wall slides; finite differences with a Jacobi pressure Poisson solve per step.
import argparse

import numpy as np

parser = argparse.ArgumentParser(description="Lid-driven cavity flow.")
parser.add_argument("--n", type=int, default=41, help="grid points per side")
parser.add_argument("--steps", type=int, default=100)
parser.add_argument("--nit", type=int, default=50)
parser.add_argument("--lid", type=float, default=1.0, help="lid velocity")
parser.add_argument("--nu", type=float, default=0.1, help="kinematic viscosity")
args = parser.parse_args()

n = args.n
h = 2.0 / (n - 1)
dt = 0.001
rho = 1.0
nu = args.nu

u = np.zeros((n, n))
v = np.zeros((n, n))
p = np.zeros((n, n))
b = np.zeros((n, n))


def rhs(b, u, v):
    dudx = (u[1:-1, 2:] - u[1:-1, :-2]) / (2 * h)
    dvdy = (v[2:, 1:-1] - v[:-2, 1:-1]) / (2 * h)
    dudy = (u[2:, 1:-1] - u[:-2, 1:-1]) / (2 * h)
    dvdx = (v[1:-1, 2:] - v[1:-1, :-2]) / (2 * h)
    b[1:-1, 1:-1] = rho * ((dudx + dvdy) / dt - dudx**2 - 2 * dudy * dvdx - dvdy**2)


def poisson(p, b, sweeps):
    for _ in range(sweeps):
        old = p.copy()
        p[1:-1, 1:-1] = 0.25 * (old[1:-1, 2:] + old[1:-1, :-2] + old[2:, 1:-1] + old[:-2, 1:-1]) - 0.25 * h * h * b[1:-1, 1:-1]
        p[:, -1] = p[:, -2]
        p[0, :] = p[1, :]
        p[:, 0] = p[:, 1]
        p[-1, :] = 0.0


for step in range(args.steps):
    rhs(b, u, v)
    poisson(p, b, args.nit)
    un = u.copy()
    vn = v.copy()
    lap_u = un[1:-1, 2:] + un[1:-1, :-2] + un[2:, 1:-1] + un[:-2, 1:-1] - 4 * un[1:-1, 1:-1]
    lap_v = vn[1:-1, 2:] + vn[1:-1, :-2] + vn[2:, 1:-1] + vn[:-2, 1:-1] - 4 * vn[1:-1, 1:-1]
    u[1:-1, 1:-1] = (un[1:-1, 1:-1]
                     - dt / h * un[1:-1, 1:-1] * (un[1:-1, 1:-1] - un[1:-1, :-2])
                     - dt / h * vn[1:-1, 1:-1] * (un[1:-1, 1:-1] - un[:-2, 1:-1])
                     - dt / (2 * rho * h) * (p[1:-1, 2:] - p[1:-1, :-2])
                     + nu * dt / h**2 * lap_u)
    v[1:-1, 1:-1] = (vn[1:-1, 1:-1]
                     - dt / h * un[1:-1, 1:-1] * (vn[1:-1, 1:-1] - vn[1:-1, :-2])
                     - dt / h * vn[1:-1, 1:-1] * (vn[1:-1, 1:-1] - vn[:-2, 1:-1])
                     - dt / (2 * rho * h) * (p[2:, 1:-1] - p[:-2, 1:-1])
                     + nu * dt / h**2 * lap_v)
    u[0, :] = 0
    u[:, 0] = 0
    u[:, -1] = 0
    u[-1, :] = args.lid
    v[0, :] = 0
    v[-1, :] = 0
    v[:, 0] = 0
    v[:, -1] = 0

speed = np.sqrt(u**2 + v**2)
print(f"cavity {n}x{n}, {args.steps} steps, lid {args.lid}")
print(f"kinetic energy {0.5 * np.sum(speed**2) * h * h:.10e}")
print(f"max |v| {np.max(np.abs(v)):.10e}, min u {u.min():.10e}")
print(f"pressure mean {p.mean():.10e} std {p.std():.10e}")
print("u on the vertical centre line:")
print(u[:, n // 2])
