# reversed() as the argument of something that iterates it once: str.join, list, tuple,
# sorted (with a key: ties keep the reversed order), sum, min, max, any, all; of runtime lists
# of strings and ints, tuples written out, 1-D arrays (NumPy scalars) and 2-D arrays (rows).
import numpy as np

words = []
for w in "the quick brown fox jumps".split():
    words.append(w)
print("".join(reversed(words)), "-".join(reversed(words)))
print(list(reversed(words)), sorted(reversed(words), key=len))
t = (1, 2.5, 3, -0.0, 0.0)
print(list(reversed(t)), tuple(reversed(t)), max(reversed(t)), min(reversed(t)))
a = np.linspace(0.0, 1.0, 5)
print(list(reversed(a)))
print(sum(reversed(a)), min(reversed(a)), any(reversed(a)), all(reversed(a)))
nums = []
for i in range(7):
    nums.append((i * 5) % 7)
print(sum(reversed(nums)), sorted(reversed(nums)), list(reversed(nums)), max(reversed(nums)))
m = np.arange(6).reshape(2, 3)
print(list(reversed(m)))
# A back substitution's digits collected last first, then joined in order.
digits = []
n = 90125
while n > 0:
    digits.append(str(n % 10))
    n //= 10
print("".join(reversed(digits)))
