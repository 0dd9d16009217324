# NumPy's arithmetic on booleans is logical (`+` is or, `*` is and); Python's bools are ints.
import numpy as np

a = np.array([True, False, True, False])
b = np.array([True, True, False, False])
print(a + b, a * b, a + True, a * False, a + 1, a * 2, a / b)
print(np.bool_(True) + True, np.bool_(True) * np.bool_(False), True + True, True * 3, True - True, -True, ~True)
print(a == None, a != None, np.arange(3.0) == None)
s = np.float64(2.0)
print(s == None, None != s)
