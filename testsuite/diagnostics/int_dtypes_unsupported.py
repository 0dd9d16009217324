# The integer dtypes where legatec stops short of NumPy: each is a located error.
import numpy as np

u8 = np.arange(10).astype(np.uint8)
i16 = np.arange(10).astype(np.int16)
u64 = np.arange(10).astype(np.uint64)
r = np.random.randint(0, 10, size=5, dtype=np.uint8)  # supported: not an error
s = np.sqrt(u8)
t = u64 & np.arange(10)
u8 += i16
z = np.zeros(3, dtype="float16")
print(r, s, t, u8, z)
