# hex, oct and bin of Python ints, bools and NumPy integers (negative and beyond 64 bits
# too); map over lists and tuples (NumPy functions, lambdas, builtins, several sequences);
# list() and tuple() of lists and tuples; a bitwise CRC-16 printed in hex.
import math

import numpy as np

c = 200 ^ 0x8408
print(hex(c), oct(c), bin(c), hex(-c), hex(0), bin(True), oct(-8))
u = np.uint8(200)
print(hex(u), hex(int(u) << 3), hex(np.uint64(2**63) + np.uint64(5)), bin(np.int16(-5)))
print(hex(2**100), bin(-2**70))

crc = 0xFFFF
data = np.array([49, 50, 51, 250, 0, 7], dtype=np.uint8)
for byte in data:
    crc ^= int(byte)
    for _ in range(8):
        if crc & 1:
            crc = (crc >> 1) ^ 0x8408
        else:
            crc >>= 1
print(hex(crc ^ 0xFFFF), f"{crc:#06x}")

x = (1, 2)
print(list(x), tuple([3, 4]), tuple(np.arange(3).shape), list(), tuple())
a, b = map(np.sqrt, (np.ones(3), np.full(3, 4.0)))
print(a.sum() + b.sum())
lat, lon = map(np.radians, [np.array([10.0, 20.0]), np.array([30.0, 40.0])])
print(lat, lon)
print(list(map(lambda s, t: s * t, [1, 2, 3], (4.5, 5.5))))
print(tuple(map(abs, [-1, 2, -3.5])), list(map(math.sqrt, [4.0, 9.0])))


def sq(t):
    return t * t


print(list(map(sq, [1, 2, 3])), sum(map(sq, (1, 2, 3))))
for v in map(sq, (2, 3)):
    print(v)
shape = list(np.zeros((2, 3)).shape)
print(shape, np.zeros(tuple(shape)).shape)
