import numpy as np

a = np.load("missing_at_compile_time.npy")
name = "results.npy"
np.save(name, np.arange(3))
b = np.load(name)
np.save("values", np.arange(3))
c = np.load("values")
print(a, b, c)
