# exit: 1
# A beta parameter that is not positive raises NumPy's ValueError (NaN passes, as NumPy).
import numpy as np

np.random.seed(5)
print(np.random.beta(0.5, float("nan"), size=2))
b = 1.0
for i in range(2):
    b -= 0.5
    print(np.random.beta(2.0, b, size=2))
