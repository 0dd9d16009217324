# rtol: 0
# isinstance, known when compiling from the value's type: Python numbers and NumPy scalars
# as CPython has them (bool is an int, np.float64 a float, NumPy integers not ints), arrays,
# strings, tuples and lists, NumPy dtypes and abstract types (np.integer, np.floating...),
# tuples of classes; library-style functions that normalise their arguments by type (the
# branch not taken may be ill-typed for that instance).
import numpy as np


def as_shape(s):
    if isinstance(s, int):
        return (s, 1)
    return s


def scaled(x, factor):
    if isinstance(factor, (list, tuple)):
        return x * factor[0] + factor[1]
    if isinstance(x, np.ndarray) and isinstance(factor, np.floating):
        return x * float(factor)
    return x * factor


a = np.arange(4.0)
s = np.sum(a)
n = len(a)
i32 = np.int32(7)
print(isinstance(a, np.ndarray), isinstance(s, float), isinstance(n, int), isinstance(True, int), isinstance(True, bool))
print(isinstance(s, np.floating), isinstance(n, (int, float)), isinstance(a.shape, tuple), isinstance(2.5, np.float64))
print(isinstance(np.int64(3), int), isinstance(np.int64(3), np.integer), isinstance("x", str), isinstance([1, 2], list))
print(isinstance(i32, np.signedinteger), isinstance(i32, np.int32), isinstance(i32, np.int64), isinstance(s, np.number))
print(isinstance(np.float32(1.5), float), isinstance(np.float32(1.5), np.inexact), isinstance(1j, complex), isinstance(a, (str, tuple)))
print(isinstance(np.uint8(3), np.unsignedinteger), isinstance(np.complex64(1), np.complexfloating), isinstance(np.bool_(True), int))
print(np.zeros(as_shape(3)).shape, np.zeros(as_shape((2, 5))).shape)
print(scaled(a, 2), scaled(a, (2.0, 1.0)), scaled(a, np.float32(0.5)), scaled(a, [3, -1]))
