# exit: 1
# stderr: exception
# A dict read at a key it lacks: Python's KeyError with the key's repr.
import numpy as np

params = {"nx": 8, "dt": 0.5}
print(np.ones(params["nx"]).sum())
print(params["ny"])
