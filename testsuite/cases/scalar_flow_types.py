# Python gives a variable the type of each value assigned to it, from that point on.
def halve(a):
    a = a / 2
    return a


def swap(a, b):
    a, b = b, a
    return a


print(halve(7))
print(swap(0, 9.5))
x = 7
print(x)
x = 2.5
print(x)
n = 3
n = n * 1.5
print(n)
k = True
print(k)
k = k + 1
print(k)
