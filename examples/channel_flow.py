# rtol: 1e-9
# args:
# args: --nx 31 --ny 21 --steps 40 --nit 30
# 2-D channel flow driven by a constant body force, periodic in x, walls at
# y = 0 and y = 2 (incompressible Navier-Stokes, finite differences, a pressure
# Poisson solve by Jacobi sweeps each step), in the style of "CFD Python" step 12.
import argparse

import numpy as np


def parse():
    parser = argparse.ArgumentParser(description="Periodic channel flow with a pressure Poisson solve.")
    parser.add_argument("--nx", type=int, default=41, help="grid points in x")
    parser.add_argument("--ny", type=int, default=41, help="grid points in y")
    parser.add_argument("--steps", type=int, default=60, help="time steps")
    parser.add_argument("--nit", type=int, default=50, help="Jacobi sweeps per pressure solve")
    parser.add_argument("--force", type=float, default=1.0, help="body force in x")
    return parser.parse_args()


def centered(f, h, axis):
    """Central difference of the interior of f along an axis (0: y, 1: x), periodic in x."""
    if axis == 1:
        inner = (f[1:-1, 2:] - f[1:-1, :-2]) / (2 * h)
        left = (f[1:-1, 1] - f[1:-1, -1]) / (2 * h)
        right = (f[1:-1, 0] - f[1:-1, -2]) / (2 * h)
        return inner, left, right
    inner = (f[2:, 1:-1] - f[:-2, 1:-1]) / (2 * h)
    left = (f[2:, 0] - f[:-2, 0]) / (2 * h)
    right = (f[2:, -1] - f[:-2, -1]) / (2 * h)
    return inner, left, right


def source(b, rho, dt, dx, dy, u, v):
    """Right-hand side of the pressure Poisson equation, interior plus the periodic edge columns."""
    ux, ux_l, ux_r = centered(u, dx, 1)
    uy, uy_l, uy_r = centered(u, dy, 0)
    vx, vx_l, vx_r = centered(v, dx, 1)
    vy, vy_l, vy_r = centered(v, dy, 0)
    b[1:-1, 1:-1] = rho * ((ux + vy) / dt - ux * ux - 2 * uy * vx - vy * vy)
    b[1:-1, 0] = rho * ((ux_l + vy_l) / dt - ux_l * ux_l - 2 * uy_l * vx_l - vy_l * vy_l)
    b[1:-1, -1] = rho * ((ux_r + vy_r) / dt - ux_r * ux_r - 2 * uy_r * vx_r - vy_r * vy_r)


def pressure(p, b, dx, dy, nit):
    dx2 = dx * dx
    dy2 = dy * dy
    denom = 2 * (dx2 + dy2)
    for _ in range(nit):
        pn = p.copy()
        p[1:-1, 1:-1] = ((pn[1:-1, 2:] + pn[1:-1, :-2]) * dy2 + (pn[2:, 1:-1] + pn[:-2, 1:-1]) * dx2) / denom - dx2 * dy2 / denom * b[1:-1, 1:-1]
        # Periodic edges in x: the neighbour across the boundary is the opposite column.
        p[1:-1, -1] = ((pn[1:-1, 0] + pn[1:-1, -2]) * dy2 + (pn[2:, -1] + pn[:-2, -1]) * dx2) / denom - dx2 * dy2 / denom * b[1:-1, -1]
        p[1:-1, 0] = ((pn[1:-1, 1] + pn[1:-1, -1]) * dy2 + (pn[2:, 0] + pn[:-2, 0]) * dx2) / denom - dx2 * dy2 / denom * b[1:-1, 0]
        # Walls: no normal pressure gradient.
        p[-1, :] = p[-2, :]
        p[0, :] = p[1, :]
    return p


def main():
    args = parse()
    nx, ny = args.nx, args.ny
    dx = 2.0 / (nx - 1)
    dy = 2.0 / (ny - 1)
    rho = 1.0
    nu = 0.1
    dt = 0.005
    u = np.zeros((ny, nx))
    v = np.zeros((ny, nx))
    p = np.ones((ny, nx))
    b = np.zeros((ny, nx))
    # A bump in the initial velocity makes the flow two-dimensional.
    u[ny // 3:ny // 2, nx // 4:nx // 2] = 0.2
    for step in range(args.steps):
        source(b, rho, dt, dx, dy, u, v)
        p = pressure(p, b, dx, dy, args.nit)
        un = u.copy()
        vn = v.copy()
        # Interior update: advection, pressure gradient, diffusion, forcing.
        u[1:-1, 1:-1] = (un[1:-1, 1:-1]
                         - un[1:-1, 1:-1] * dt / dx * (un[1:-1, 1:-1] - un[1:-1, :-2])
                         - vn[1:-1, 1:-1] * dt / dy * (un[1:-1, 1:-1] - un[:-2, 1:-1])
                         - dt / (2 * rho * dx) * (p[1:-1, 2:] - p[1:-1, :-2])
                         + nu * (dt / dx**2 * (un[1:-1, 2:] - 2 * un[1:-1, 1:-1] + un[1:-1, :-2])
                                 + dt / dy**2 * (un[2:, 1:-1] - 2 * un[1:-1, 1:-1] + un[:-2, 1:-1]))
                         + args.force * dt)
        v[1:-1, 1:-1] = (vn[1:-1, 1:-1]
                         - un[1:-1, 1:-1] * dt / dx * (vn[1:-1, 1:-1] - vn[1:-1, :-2])
                         - vn[1:-1, 1:-1] * dt / dy * (vn[1:-1, 1:-1] - vn[:-2, 1:-1])
                         - dt / (2 * rho * dy) * (p[2:, 1:-1] - p[:-2, 1:-1])
                         + nu * (dt / dx**2 * (vn[1:-1, 2:] - 2 * vn[1:-1, 1:-1] + vn[1:-1, :-2])
                                 + dt / dy**2 * (vn[2:, 1:-1] - 2 * vn[1:-1, 1:-1] + vn[:-2, 1:-1])))
        # Periodic columns: the first and last interior columns wrap around.
        u[1:-1, 0] = (un[1:-1, 0]
                      - un[1:-1, 0] * dt / dx * (un[1:-1, 0] - un[1:-1, -1])
                      - vn[1:-1, 0] * dt / dy * (un[1:-1, 0] - un[:-2, 0])
                      - dt / (2 * rho * dx) * (p[1:-1, 1] - p[1:-1, -1])
                      + nu * (dt / dx**2 * (un[1:-1, 1] - 2 * un[1:-1, 0] + un[1:-1, -1])
                              + dt / dy**2 * (un[2:, 0] - 2 * un[1:-1, 0] + un[:-2, 0]))
                      + args.force * dt)
        u[1:-1, -1] = (un[1:-1, -1]
                       - un[1:-1, -1] * dt / dx * (un[1:-1, -1] - un[1:-1, -2])
                       - vn[1:-1, -1] * dt / dy * (un[1:-1, -1] - un[:-2, -1])
                       - dt / (2 * rho * dx) * (p[1:-1, 0] - p[1:-1, -2])
                       + nu * (dt / dx**2 * (un[1:-1, 0] - 2 * un[1:-1, -1] + un[1:-1, -2])
                               + dt / dy**2 * (un[2:, -1] - 2 * un[1:-1, -1] + un[:-2, -1]))
                       + args.force * dt)
        v[1:-1, 0] = (vn[1:-1, 0]
                      - un[1:-1, 0] * dt / dx * (vn[1:-1, 0] - vn[1:-1, -1])
                      - vn[1:-1, 0] * dt / dy * (vn[1:-1, 0] - vn[:-2, 0])
                      - dt / (2 * rho * dy) * (p[2:, 0] - p[:-2, 0])
                      + nu * (dt / dx**2 * (vn[1:-1, 1] - 2 * vn[1:-1, 0] + vn[1:-1, -1])
                              + dt / dy**2 * (vn[2:, 0] - 2 * vn[1:-1, 0] + vn[:-2, 0])))
        v[1:-1, -1] = (vn[1:-1, -1]
                       - un[1:-1, -1] * dt / dx * (vn[1:-1, -1] - vn[1:-1, -2])
                       - vn[1:-1, -1] * dt / dy * (vn[1:-1, -1] - vn[:-2, -1])
                       - dt / (2 * rho * dy) * (p[2:, -1] - p[:-2, -1])
                       + nu * (dt / dx**2 * (vn[1:-1, 0] - 2 * vn[1:-1, -1] + vn[1:-1, -2])
                               + dt / dy**2 * (vn[2:, -1] - 2 * vn[1:-1, -1] + vn[:-2, -1])))
        # No-slip walls.
        u[0, :] = 0
        u[-1, :] = 0
        v[0, :] = 0
        v[-1, :] = 0
    print(f"grid {ny}x{nx}, {args.steps} steps")
    print(f"mean u = {u.mean():.10f}")
    print(f"max u = {u.max():.10f} at row {np.argmax(u) // nx}")
    print(f"sum |v| = {np.abs(v).sum():.10e}")
    print(f"p range = {p.min():.8f} .. {p.max():.8f}")
    print("centre-line profile:", u[:, nx // 2])


if __name__ == "__main__":
    main()
