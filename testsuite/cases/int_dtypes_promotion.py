# whitespace: exact
# NumPy 2 (NEP 50) promotion among the integer dtypes, with floats and with Python scalars.
import numpy as np

n = 1200
base = np.arange(n).reshape(300, 4)
i8 = (base % 100 - 50).astype(np.int8)
i16 = (base * 7 - 3000).astype(np.int16)
i32 = (base * 1000 - 5).astype(np.int32)
i64 = (base * 100000).astype(np.int64)
u8 = (base % 256).astype(np.uint8)
u16 = (base * 50).astype(np.uint16)
u32 = (base * 3000000).astype(np.uint32)
u64 = base.astype(np.uint64)
f32 = (base / 4).astype(np.float32)
f64 = base / 8

print("i8", i8.dtype, i8.shape, i8[0, 0], i8[299, 3])
print("i16", i16.dtype, i16.shape, i16[0, 0], i16[299, 3])
print("i32", i32.dtype, i32.shape, i32[0, 0], i32[299, 3])
print("i64", i64.dtype, i64.shape, i64[0, 0], i64[299, 3])
print("u8", u8.dtype, u8.shape, u8[0, 0], u8[299, 3])
print("u16", u16.dtype, u16.shape, u16[0, 0], u16[299, 3])
print("u32", u32.dtype, u32.shape, u32[0, 0], u32[299, 3])
print("u64", u64.dtype, u64.shape, u64[0, 0], u64[299, 3])
print("f32", f32.dtype, f32.shape, f32[0, 0], f32[299, 3])
print("f64", f64.dtype, f64.shape, f64[0, 0], f64[299, 3])

print((i8 + i16).dtype, (i8 + i16).sum())
print((u8 + i8).dtype, (u8 + i8).sum())
print((u8 + u16).dtype, (u8 + u16).sum())
print((u16 + i16).dtype, (u16 + i16).sum())
print((u32 + i32).dtype, (u32 + i32).sum())
print((u32 + i64).dtype, (u32 + i64).sum())
print((u64 + i64).dtype, (u64 + i64).sum())
print((u64 + u8).dtype, (u64 + u8).sum())
print((u8 + f32).dtype, (u8 + f32)[299, :])
print((i16 + f32).dtype, (i16 + f32)[0, :])
print((u16 * f32).dtype, (u16 * f32)[150, :])
print((i32 + f32).dtype, (i32 + f32).sum())
print((u32 + f32).dtype, (u32 + f32).sum())
print((u64 + f64).dtype, (u64 + f64).sum())
print((i8 + True).dtype, (u8 * False).dtype)

# Python scalars are weak.
print((u8 + 1).dtype, (u8 + 1)[0:2, :])
print((i8 * 2).dtype, (i8 * 2)[0:2, :])
print((u16 - 1).dtype, (u16 - 1)[0, :])
print((u64 + 7).dtype, (u64 + 7)[0, :])
print((i8 + 1.5).dtype, (u8 * 0.5).dtype, (u32 / 2).dtype)
print((u8 + np.float32(1.5)).dtype, (i16 + np.float64(1.5)).dtype)
print((u8 + np.int8(1)).dtype, (u8 + np.uint8(1)).dtype, (i8 + np.int64(1)).dtype)

# True division gives float64 (float32 only with a float32 operand).
print((i8 / i8).dtype, (u8 / u16).dtype, (i16 / f32).dtype, (u8 / 2).dtype)
print((u8 / (u8.astype(np.int16) + 1)).sum())

# NumPy scalars.
x = np.int8(100)
y = np.uint8(200)
print((x + y).dtype, x + y)
print(np.int16(-3) * np.uint16(4), (np.int16(-3) * np.uint16(4)).dtype)
print(np.uint32(7) + np.int32(-9), np.uint64(5) + np.int64(-9))
print(np.uint8(3) + 4, np.int8(-3) + 4.5)
big = np.arange(8, dtype=np.uint64) * 2**61
print(big, big.dtype)
print(big + 5, big[7] + np.uint64(1), big[7] - np.uint64(2**62))
print(big.max(), big.sum(), big.argmax(), np.sort(big[::-1])[-1])
