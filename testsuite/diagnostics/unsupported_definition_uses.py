# A function definition legatec refuses (`**kwargs`, a decorator) is one error each: the
# name is bound to the error, so its calls report nothing further.
import functools
import numpy as np

def run(u, n, **kw):
    return u * n

@functools.cache
def scale(n):
    return 2 * n

print(run(np.ones(3), 2), scale(4))
