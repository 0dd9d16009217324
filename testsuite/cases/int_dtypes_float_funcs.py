# NumPy 2 computes float functions of int16 and uint16 in float32, of wider integers in
# float64; in-place operators keep the array's dtype when same_kind casting allows.
# float32 exp/arctan2/sin: NumPy's SIMD versions differ from correctly rounded ones by an ulp.
# rtol: 1e-6
import numpy as np

a = np.arange(-3, 7, dtype=np.int16)
b = np.sqrt(np.abs(a))
print(b.dtype, b)
c = np.arange(6, dtype=np.uint16)
print(np.exp(c).dtype, np.exp(c))
print(np.arctan2(c, c + 1).dtype, np.arctan2(c, c + 1))
print(np.sin(np.arange(4, dtype=np.uint32)).dtype, np.log1p(np.arange(4, dtype=np.int64)).dtype)
print(np.sin(a).sum(), np.cos(c).mean())
e = np.arange(6, dtype=np.int8)
e += np.int8(3)
e *= 2
print(e, e.dtype)
u = np.arange(5, dtype=np.uint16)
u += np.arange(5, dtype=np.uint8)
print(u, u.dtype)
f = np.arange(4, dtype=np.int32)
f -= np.arange(4, dtype=np.int16)
print(f, f.dtype)
