# Only numpy (and its drop-in replacements), math and time can be imported.
import numpy as np
import pandas as pd

a = np.arange(4)
print(a)
