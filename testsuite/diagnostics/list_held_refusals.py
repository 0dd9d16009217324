# Lists held by another name, a container or a function's result that are then changed in
# place under another name, and a list default the function changes: located errors (Python
# would change the one list every holder sees).
def ident(l):
    return l


def f(v, acc=[]):
    acc.append(v)
    return acc


xs = [1]
ys = ident(xs)
ys.append(2)
a, b = xs, 5
a.append(b)
t = (xs, 1)
zs = t[0]
zs.append(3)
for l in (xs, [9]):
    l.append(0)
print(xs, ys, f(1), zs)
