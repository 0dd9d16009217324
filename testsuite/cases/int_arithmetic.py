# whitespace: exact
# Python int semantics: floor division and modulo follow the sign of the
# divisor, true division gives a float, ** with a negative exponent gives a float.
a = 17
b = 5
print(a + b, a - b, a * b, a / b, a // b, a % b, a ** 2)
print(-a // b, -a % b, a // -b, a % -b, -a // -b, -a % -b)
print(-7 // 2, -7 % 2, 7 // -2, 7 % -2)
print(2 ** 10, 3 ** 0, (-2) ** 3, (-2) ** 4, 2 ** -1, 10 ** -2)
print(-a, +b, -(-a))
n = 0
for i in range(1, 11):
    n = n + i * i
print("sum of squares:", n)
big = 1
for i in range(20):
    big = big * 3
print("3**20 =", big, big == 3 ** 20)
print(9 / 3, 1 / 3, -1 / 3, 7 / -2)
x = 100
x //= 7
print(x)
x %= 4
print(x)
x **= 3
print(x)
x -= 10
x *= -3
print(x)
print(a == 17, a != 17, a < b, a <= 17, a > b, a >= 18)
