# Lists of strings built at run time: comprehensions over arrays, appends, str.split (at
# whitespace or a separator), indexing, slices, in, count/remove/insert/pop, sort and sorted
# (also with key=), min/max with key=, str.join, unpacking, printing with Python's quotes,
# passing to and returning from functions.
import numpy as np
names = ["s%02d" % i for i in range(12)]
scores = np.array([5, 3, 9, 1, 7, 2, 8, 4, 6, 0, 11, 10])
order = np.argsort(-scores, kind="stable")
top = [names[i] for i in order[:5]]
print("top 5:", top, len(top), top[-1], top[1:3])
words = []
for w in ["pear", "fig", "apple"]:
    words.append(w.upper())
words.append("kiwi")
print(words, sorted(words), sorted(words, reverse=True))
words.sort()
print(words, words.count("FIG"), "kiwi" in words, "plum" in words)
for w in words:
    print(w, len(w))
print(", ".join(words))
words[0] = "banana"
words.remove("kiwi")
print(words, words.pop(), words)
print(max(top, key=len), sorted(top, key=lambda s: -int(s[1:])))


def labels(values, names):
    out = []
    for v in values:
        out.append(names[int(v) % len(names)])
    return out


def shout(words):
    return [w.upper() + "!" for w in words]


tags = labels(np.arange(7) * 3, ("lo", "mid", "hi"))
print(tags, shout(tags)[:3])
empty = []
print(empty, len(empty))
seen = []
for t in tags:
    if t not in seen:
        seen.append(t)
print(seen, " | ".join(seen), "".join(sorted(seen)))
print(repr(tags[0]), f"{tags[1]:>5}|", str(seen))
q = ["it's", 'say "hi"', "tab\tx"]
q.insert(0, "first")
print(q)
line = "  3.5 4.25\t-1  2e3 \n"
parts = line.split()
print(parts, len(parts))
nums = [float(p) for p in parts]
print(nums, sum(nums))
csv = "a,b,,c"
print(csv.split(","), "".split(","), "".split(), "x".split("x"))
fields = "name=alpha;n=4;tol=1e-6".split(";")
for f in fields:
    k, v = f.split("=")
    print(k, v)
words = "the quick brown fox jumps over the lazy dog".split()
print(sorted(words, key=len), max(words, key=len), words.count("the"))
print(" ".join(reversed(words)) if False else " ".join(words[::-1]))
