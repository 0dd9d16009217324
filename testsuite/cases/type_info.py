# np.iinfo / np.finfo: machine limits known when compiling, for every dtype (dtype objects,
# strings, Python types, scalars, arr.dtype), printed as NumPy prints them.
import numpy as np

for t in (np.int8, np.int16, np.int32, np.int64, np.uint8, np.uint16, np.uint32, np.uint64):
    i = np.iinfo(t)
    print(i.min, i.max, i.bits, i.dtype)
print(np.iinfo(np.int64).max, np.iinfo("int32").min, np.iinfo(int).max, np.iinfo(np.arange(3).dtype).bits)
print(np.iinfo(np.uint64).max, np.iinfo("u8").max + 1, np.iinfo(7).bits, np.iinfo(np.int16(3)).max)
for t in (np.float32, np.float64, np.complex64, np.complex128):
    f = np.finfo(t)
    print(f.bits, f.eps, f.epsneg, f.max, f.min, f.tiny, f.smallest_normal, f.smallest_subnormal)
    print(f.resolution, f.precision, f.dtype, f.nmant, f.maxexp, f.minexp)
x = np.ones(3, dtype=np.float32)
print(np.finfo(x.dtype).eps, np.finfo(float).max, np.finfo("float32").tiny, np.finfo(2.0).eps, np.finfo(np.float64).eps + 1.0)
print(1.0 + np.finfo(x.dtype).eps / 2 == 1.0, np.finfo(np.float32).eps * 2, x * np.finfo(np.float32).max)
big = np.full(4, np.iinfo(np.int32).max, dtype=np.int32)
print(big + 1, np.clip(np.arange(-2, 3) * 1e308, np.finfo(np.float64).min, np.finfo(np.float64).max))
