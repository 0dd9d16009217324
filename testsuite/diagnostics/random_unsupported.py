# Random functions outside the supported subset: each is reported, with the
# nearest supported name where there is one; and calls missing a required parameter.
import numpy as np

np.random.seed(0)
a = np.random.rand(4, 4)
b = np.random.randnn(4)
c = np.random.beta(a, 2.0)
rng = np.random.default_rng(1)
d = rng.geometric(0.5, 10)
e = rng.integer(0, 3)
f = rng.random(4, out=a)
g = rng.normal(np.zeros(4), 1.0)
h = rng.gamma(size=3)
k = np.random.beta(0.5)
print(np.sum(a))
