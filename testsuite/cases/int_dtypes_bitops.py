# whitespace: exact
# Bitwise operators and shifts on every integer dtype and on bools, with NumPy's
# results for shift counts at or beyond the width.
import numpy as np

base = np.arange(1600).reshape(400, 4)


def bits(t):
    a = (base * 2654435761 % 65536).astype(t)
    b = (base * 40503 % 251).astype(t)
    print(a.dtype, a[0:2], b[398:400])
    print((a & b)[0:2], (a | b)[0:2], (a ^ b)[0:2], (~a)[0:2])
    print((a & 0x0F)[1], (a | 1)[1], (a ^ 3)[1])
    n = (base % 70).astype(t)
    print((b << n)[0:3], (a >> n)[0:3])
    print((a << 1)[1], (a >> 2)[1], (1 << n)[0:2])
    print((a & b).sum(), (a | b).max(), (a ^ b).min(), (a >> n).sum(), (b << n).sum())


bits(np.int8)
bits(np.int16)
bits(np.int32)
bits(np.int64)
bits(np.uint8)
bits(np.uint16)
bits(np.uint32)
bits(np.uint64)

# Shifts by the width or more: 0, or -1 for a negative signed value shifted right.
i8 = np.array([1, -1, 64, -128, 127], dtype=np.int8)
print(i8 << 7, i8 << 8, i8 >> 7, i8 >> 8, i8 >> 100)
u8 = np.array([1, 255, 128, 3], dtype=np.uint8)
print(u8 << 7, u8 << 8, u8 >> 7, u8 >> 8)
s = np.array([0, 1, 7, 8, 9, 63, 64, 65], dtype=np.int64)
one = np.ones(8, dtype=np.int64)
print(one << s, -one >> s, (one * 1000) >> s)
print(np.int8(1) << np.int8(8), np.int8(-16) >> np.int8(9), np.uint16(3) << np.uint16(15))
print(np.uint64(1) << np.uint64(63), np.uint64(2**63) >> np.uint64(63))

# Bools: & | ^ ~ stay bool; shifts of bools are int8.
t = np.array([True, False, True, False])
f = np.array([True, True, False, False])
print(t & f, t | f, t ^ f, ~t)
print(t << f, (t << f).dtype, t >> f)

# Python ints.
x = 5
y = 3
print(x << y, x >> 1, -x >> 1, x & y, x | y, x ^ y, ~x, 1 << 62, -1 >> 70)
print(True << 2, 7 >> True)
