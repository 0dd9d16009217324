# whitespace: exact
# Sieve of Eratosthenes with strided slice assignment on a bool array.
import numpy as np

n = 200
is_prime = np.ones(n + 1, dtype=bool)
is_prime[0] = False
is_prime[1] = False
p = 2
while p * p <= n:
    if is_prime[p]:
        is_prime[p * p::p] = False
    p += 1
print("primes up to", n, ":", np.sum(is_prime))
count = 0
for k in range(n + 1):
    if is_prime[k]:
        count += 1
        if count <= 15:
            print(k, end=" ")
print()
print(is_prime[:30])
twin = is_prime[:-2] & is_prime[2:]
print("twin prime pairs:", twin.sum())
