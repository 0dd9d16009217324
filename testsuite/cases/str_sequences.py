# Strings as sequences: s[i] and s[a:b:c] of code points, for loops and enumerate over a
# str, `in` of a substring, lower/upper/strip/lstrip/rstrip/find/count/startswith/endswith/
# replace; edit distance and the longest common subsequence by dynamic programming.
import numpy as np

def edit_distance(a, b):
    n, m = len(a), len(b)
    D = np.zeros((n + 1, m + 1), dtype=np.int64)
    D[:, 0] = np.arange(n + 1)
    D[0, :] = np.arange(m + 1)
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            D[i, j] = min(D[i - 1, j] + 1, D[i, j - 1] + 1, D[i - 1, j - 1] + cost)
    return D[n, m]

def lcs(x, y):
    L = np.zeros((len(x) + 1, len(y) + 1), dtype=np.int32)
    for i, cx in enumerate(x):
        for j, cy in enumerate(y):
            L[i + 1, j + 1] = L[i, j] + 1 if cx == cy else max(L[i, j + 1], L[i + 1, j])
    return int(L[-1, -1])

print(edit_distance("kitten", "sitting"), edit_distance("GATTACA", "GCATGCU"))
print(lcs("AGGTAB", "GXTXAYB"))
s = "ACGTTGCA"
print(s.count("A"), s[::-1], s.lower(), s[2:5], s.upper(), s.find("TT"), s.replace("A", "-"))
print("".join([c for c in s if c in "GC"]), s.startswith("AC"), s.endswith("A"), "GT" in s, "x" not in s, s[-1], s[1:-1:2], s[::-2])
for i, c in enumerate(s[:3]):
    print(i, c, end=" ")
print(" padded ".strip() + "|", "  x".lstrip(), "y  ".rstrip() + "|", "AbC".swapcase() if False else "AbC".lower(), "abcabc".find("ca"), "abc".find("z"), "aaaa".count("aa"))
