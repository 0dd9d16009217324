# Functions that call themselves: a recursive FFT, merge sort, factorial and Fibonacci, a
# procedure that returns nothing, a pair of results, a power whose exponent's sign is known
# only at run time, and an int argument that becomes a float (an instance of its own). The
# result's type is what the base case returns.
import numpy as np

def fft(x):
    n = x.shape[0]
    if n <= 1:
        return x
    even = fft(x[0::2])
    odd = fft(x[1::2])
    t = np.exp(-2j * np.pi * np.arange(n // 2) / n) * odd
    return np.concatenate([even + t, even - t])

def merge_sort(a):
    if a.size <= 1:
        return a.copy()
    mid = a.size // 2
    left = merge_sort(a[:mid])
    right = merge_sort(a[mid:])
    out = np.empty_like(a)
    i = j = k = 0
    while i < left.size and j < right.size:
        if left[i] <= right[j]:
            out[k] = left[i]
            i += 1
        else:
            out[k] = right[j]
            j += 1
        k += 1
    out[k:k + left.size - i] = left[i:]
    k += left.size - i
    out[k:] = right[j:]
    return out

def fact(n):
    if n <= 1:
        return 1
    return n * fact(n - 1)

def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)

def fib2(n):
    return n if n < 2 else fib2(n - 1) + fib2(n - 2)

def walk(n, depth):
    if n == 0:
        return
    print("  " * depth + str(n))
    walk(n - 1, depth + 1)

def extremes(a):
    if a.size == 1:
        return a[0], a[0]
    mid = a.size // 2
    lo1, hi1 = extremes(a[:mid])
    lo2, hi2 = extremes(a[mid:])
    return min(lo1, lo2), max(hi1, hi2)

def powers(n):
    if n < -2:
        return 0
    return 2 ** n + powers(n - 1)

def halve(x, steps):
    if x < 1:
        return x, steps
    return halve(x / 2, steps + 1)

def outer(n, k):
    # Nested functions calling themselves, one reading the enclosing function's `k`.
    def fact_nested(m):
        return 1 if m <= 1 else m * fact_nested(m - 1)

    def times(m):
        return k if m == 0 else times(m - 1) + k

    return fact_nested(n), times(n)

x = np.cos(np.arange(32) * 0.7) + 1j * np.sin(np.arange(32) * 0.3)
X = fft(x)
print(np.allclose(X, np.fft.fft(x)), np.round(X[:4], 10))
a = (np.arange(41) * 7919) % 31 - 15.5
print(merge_sort(a))
print(fact(10), fact(0), fib(15), fib2(12), outer(5, 1.5))
walk(3, 0)
print(extremes(a), powers(3), halve(8, 0), halve(0, 0))
