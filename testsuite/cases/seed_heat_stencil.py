# rtol: 1e-9
# Heat diffusion stencil from the Legate NumPy slides: five views of one grid,
# every update goes through `center`, which aliases the interior of `grid`.
import legate.numpy as np

N = 60
I = 40

grid = np.zeros((N + 2, N + 2))
grid[:, 0] = -273.15
grid[:, -1] = -273.15
grid[-1, :] = -273.15
grid[0, :] = 40.0

center = grid[1:-1, 1:-1]
north = grid[0:-2, 1:-1]
east = grid[1:-1, 2:]
west = grid[1:-1, 0:-2]
south = grid[2:, 1:-1]

for i in range(I):
    average = center + north + east + west + south
    work = 0.2 * average
    delta = np.sum(np.absolute(work - center))
    center[:] = work
    if i % 5 == 0:
        print(i, delta)

print("final delta:", delta)
print("grid[1, 1] =", grid[1, 1])
print("grid[5, 10] =", grid[5, 10])
print("grid[1, N // 2] =", grid[1, N // 2])
print("corner", grid[0, 0], grid[N + 1, N + 1])
print("sum", np.sum(grid))
print(grid[1:4, 1:4])
