# whitespace: exact
# Python float semantics, including floor division and modulo with negative operands.
x = 7.5
y = 2.0
print(x + y, x - y, x * y, x / y, x // y, x % y, x ** y)
print(-x // y, -x % y, x // -y, x % -y, -x // -y, -x % -y)
print(-7.5 // 2, -7.5 % 2, 7.5 // -2, 7.5 % -2)
print(2.0 ** -2, 2 ** 0.5, 10.0 ** 3, 0.5 ** 10)
print(0.1 + 0.2, 1.0 - 0.9, 0.1 * 3, 1 / 10)
print(3 + 0.5, 3 * 0.5, 3 - 0.5, 4 / 2)
z = 1.0
for i in range(10):
    z = z * 1.5
print(z)
z /= 3
print(z)
z //= 7
print(z)
z %= 5.5
print(z)
z += 1e-3
print(z)
w = -0.0
print(w, -w, 0.0 * -1)
print(x > y, x < y, x == 7.5, x != 7.5, 1 == 1.0, 2 < 2.5)
