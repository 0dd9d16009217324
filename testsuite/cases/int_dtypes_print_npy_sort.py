# whitespace: exact
# Printing (arrays, summarised arrays, scalars, f-strings), spellings of the dtypes,
# astype between every pair, indexing, masks, np.where/clip, sort/argsort and .npy
# files of the integer dtypes.
import numpy as np

base = np.arange(1500).reshape(500, 3)
a8 = (base * 31 % 256 - 128).astype("int8")
u8 = (base * 31 % 256).astype("u1")
i16 = (base * 977 % 65536 - 32768).astype("i2")
u16 = (base * 977 % 65536).astype("uint16")
u32 = (base * 2862933555 % 4294967296).astype("u4")
u64 = base.astype("u8") * 12345678901234567
print(a8)
print(u8[0:4])
print(i16[0:4], i16.dtype)
print(u16[0:4], u16.dtype)
print(u32[0:4], u32.dtype)
print(u64[495:500], u64.dtype)
print(u64)
print(a8[1, 2], u8[499, 0], u64[499, 2], u32[3, 1])
x = u64[499, 2]
print(f"{x} {a8[0, 1]:5d} {u8[2, 2]:x} {u32[3, 1]:,} {i16[1, 1]:+}")
print(np.zeros(3, dtype=np.int8), np.ones((2, 2), dtype="uint16"), np.full(4, 200, dtype=np.uint8))
print(np.empty(0, dtype=np.uint32), np.arange(5, dtype=np.int16), np.arange(250, 256, dtype="u1"))
print(np.array([1, 2, 3], dtype=np.uint64), np.asarray([-1, 0, 1], dtype="i1"))
print(np.array([np.int8(1), np.int8(2)]).dtype, np.array([np.uint8(1), np.int8(2)]).dtype, np.array([np.uint16(1), 2]).dtype)
print(np.int8(5), np.uint8(5), np.int16(-7), np.uint16(9), np.uint32(4000000000), np.uint64(2**63))
print(np.int8(5).dtype, np.uint64(5).dtype)

# astype between every pair (values in range, negative values wrap into unsigned).
f = np.array([-3.7, -1.0, 0.0, 1.9, 100.5, 200.25])
print(f.astype(np.int8), f.astype(np.uint8), f.astype(np.int16), f.astype(np.uint16))
print(f.astype(np.uint32), f.astype(np.uint64))
v = np.array([-129, -1, 0, 127, 128, 255, 256, 70000])
print(v.astype(np.int8), v.astype(np.uint8), v.astype(np.int16), v.astype(np.uint16))
print(v.astype(np.uint32), v.astype(np.uint64), v.astype(np.uint64).astype(np.int8))
print(u8[0:2].astype(np.float32), a8[0:2].astype(np.float64), a8[0:2].astype(bool), u64[0:2].astype(np.float64))
print(u64[499].astype(np.int64), u32[0:2].astype(np.int32), i16[0:2].astype(np.uint64))

# Indexing: element writes, slices, masks, fancy indexing by integer arrays.
w = np.zeros(1200, dtype=np.uint8).reshape(400, 3)
w[3, 1] = 255
w[5] = 7
w[10:20, 0] = 9
w[w == 9] = 42
w[398, :] = np.array([1, 2, 3], dtype=np.uint8)
print(w[3], w[5], w[10:12], w.sum(), w.dtype)
idx = np.array([0, 3, 399], dtype=np.int16)
print(w[idx], w[np.array([5, 3], dtype=np.uint8)])
m = u16 > 60000
print(u16[m][0:5], m.sum())
print(np.where(a8 < 0, a8, 0)[0:2], np.where(a8 < 0, a8, 0).dtype)
print(np.clip(u8, 10, 20)[0:2], np.clip(a8, -5, 5)[0:2], np.clip(u8, 10, 20).dtype)
print(np.maximum(a8, np.int8(0))[0:2], np.minimum(u32, 7)[0:2])

# Sorting.
print(np.sort(a8, axis=0)[0:3], np.sort(u64[::-1].ravel())[0:4], np.argsort(u8[0:5], axis=1))
print(np.sort(u32.ravel())[0:5], np.argsort(i16.ravel())[0:5], np.sort(u16, axis=1)[0:2])

# .npy round trips.
np.save("int_dtypes_a8.npy", a8)
np.save("int_dtypes_u64.npy", u64)
np.save("int_dtypes_u16.npy", u16[::2])
back8 = np.load("int_dtypes_a8.npy")
back64 = np.load("int_dtypes_u64.npy")
back16 = np.load("int_dtypes_u16.npy")
print(back8.dtype, back8.shape, back8.sum(), (back8 == a8).all())
print(back64.dtype, back64.max(), back16.dtype, back16.shape, back16[0:2])
