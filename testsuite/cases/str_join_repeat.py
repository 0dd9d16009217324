# Strings built as scientists print tables: `"=" * 40` (a count known or not when
# compiling), `sep.join(...)` of a list of strings, a comprehension or a generator (any
# length, filters, nested `for`s), joins inside functions and loops.
import sys
import numpy as np

print("=" * 20)
width = len(sys.argv) + 9
print("-" * width + "|", 3 * "ab", "x" * 0 + "|", "y" * -2 + "|")
a = np.linspace(0.0, 1.0, 5)
print(" ".join([f"{v:.2f}" for v in a]))
print(", ".join(str(v) for v in np.arange(4)))
print("; ".join(f"{i}:{v:.1f}" for i, v in enumerate(a) if v > 0.3))
print(",".join(["a", "b", "c"]), "+".join(("x",)), "[" + "".join([]) + "]")
names = ["alpha", "beta", "gamma"]
print(" | ".join(names), "/".join(n for n in names))
print("".join(str(i * j) for i in range(3) for j in range(2)))
n = len(sys.argv) - 1
print("<" + ",".join(str(k) for k in range(n)) + ">")


def row(values, sep=" "):
    return sep.join(f"{x:8.3f}" for x in values)


M = np.arange(6.0).reshape(2, 3) / 7
for r in M:
    print(row(r))
print(row(M[0], sep="|"))
header = " ".join(f"{h:>8s}" for h in names)
print(header)
print("=" * len(header))
grid = np.zeros((3, 4), dtype=int)
grid[1, 2] = 1
grid[0, 0] = 1
print("\n".join("".join("#" if c else "." for c in line) for line in grid))
