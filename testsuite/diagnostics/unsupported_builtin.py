# Python builtins outside legatec's subset are named as such; a name that is no builtin
# and is never assigned is an undefined name.
import numpy as np

x = np.ones(3)
print(type(x))
print(sorted(x, key=abs))
print(totl)
