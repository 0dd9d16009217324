# Lists of tuples built at run time stay whole (and are refused) where a use needs the
# list itself: a parameter the function appends to (the caller's list), a list returned.
def add(xs):
    xs.append((1, 2))


def pairs(n):
    out = []
    for i in range(n):
        out.append((i, i * i))
    return out


ys = []
add(ys)
print(len(ys), pairs(3))
