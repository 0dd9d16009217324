# .item(): of NumPy scalars (float32 as the Python float of its value), of a one-element
# array, at a flat position (negative too) and at one index per axis, as Python numbers.
import numpy as np
a = np.arange(12.0).reshape(3, 4)
print(a.item(5), a.item(1, 2), a.item(-1), a.item(-1, -2), np.array([7]).item(), a.sum().item(), np.float32(0.1).item())
b = np.arange(6, dtype=np.int32)
print(b.item(3), type(b.item(3)).__name__ if False else 0, np.array([True]).item(), (b > 2).item(5), np.int16(-3).item())
x = a.max().item() + 1
print(x, [a.item(i) for i in range(3)])
