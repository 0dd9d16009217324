# Random fills of arrays split by rows: each rank draws only the rows it stores. Uniform
# draws take a fixed number of the generator's words, so the generator jumps over the other
# ranks' elements; normal draws do not, so each rank runs it through the elements before
# its rows. A stencil then reads one ghost row each side, fresh from the fill.
import numpy as np

N = 60
np.random.seed(7)
u = np.random.rand(N, 8)
rng = np.random.default_rng(11)
z = rng.standard_normal((N, 8))
s = u[1:-1] + 0.25 * (z[:-2] + z[2:])
print(np.sum(s), u[5, 3], z[-1, -1])
