# whitespace: exact
# Wrapping arithmetic, floor division and modulo, powers, negation and abs on every
# integer dtype (arrays large enough to be split over 4 ranks).
import numpy as np

base = np.arange(2000).reshape(500, 4)


def check(t):
    a = (base * 37 + 11).astype(t)
    b = (base % 13 + 1).astype(t)
    c = (base % 7).astype(t)
    print(a.dtype)
    s = a + a
    d = b - a
    m = a * a
    print(s[0:2], s[499], s.dtype)
    print(d[0:2], d[499])
    print(m[0:2], m[499])
    print((a // b)[0:3], (a % b)[0:3])
    print((a // c)[0:2], (a % c)[0:2])
    print((b ** 3)[0:2], (c ** c)[0:2])
    print((-a)[0:2], np.abs(a)[0:2])
    print(np.maximum(a, b * 20)[0:2], np.minimum(a, b * 20)[0:2])
    print(s.sum(), d.max(), d.min(), m.sum())


check(np.int8)
check(np.int16)
check(np.int32)
check(np.uint8)
check(np.uint16)
check(np.uint32)
check(np.uint64)

# Signed floor division and modulo with negative operands.
x = np.array([17, -17, 17, -17, 0, 5, -128, 127], dtype=np.int8)
y = np.array([5, 5, -5, -5, 3, 1, -1, -1], dtype=np.int8)
print(x // y, x % y)
print(x * 3, x + 100, -x, np.abs(x))
xs = np.array([-32768, 32767, -5, 5], dtype=np.int16)
print(xs - 1, xs + 1, xs * 2, xs // 2)

# Unsigned subtraction and negation wrap.
u = np.array([0, 1, 2, 255], dtype=np.uint8)
print(u - 1, -u, u * 2, u // 3, u % 3)
w = np.array([0, 1, 4294967295], dtype=np.uint32)
print(w - 2, w + 2, -w)
q = np.array([0, 1, 2], dtype=np.uint64)
print(q - 1, -q, (q - 1) // 2, (q - 1) % 10)

# Scalars.
print(np.uint8(250) + np.uint8(3), np.int8(-7) // np.int8(2), np.int8(-7) % np.int8(2))
print(np.uint16(7) ** 3, np.uint8(2) ** 7, np.int16(-2) ** 3)
print(-np.int8(5), abs(np.int8(-5)), abs(np.int16(-300)))
print(np.uint8(200) > 100, np.uint8(200) < 300, np.int8(-1) < 0)
print(u == 255, u > 1, u < -1, u != -1, u >= 0)
print(q < -5, q > -5, q == 2, 3 > q)
k = 3
print(u + k, u < k, q + k)
