# whitespace: exact
# keepdims=True on reductions (functions and methods, every axis and none, argmax and
# argmin, means), which broadcast back against their input; linspace's endpoint=False.
import numpy as np

n = 6
a = np.arange(float(n))[:, None] * 3.0 + np.arange(4.0) - 5.0
print(np.sum(a, keepdims=True), np.sum(a, keepdims=True).shape)
print(np.sum(a, axis=0, keepdims=True))
print(a.sum(axis=1, keepdims=True).shape, a.sum(axis=-1, keepdims=True))
print(a - a.mean(axis=0, keepdims=True))
print(a / np.abs(a).max(axis=1, keepdims=True))
print(np.max(a, axis=0, keepdims=False), np.min(a, keepdims=True))
print(np.argmax(a, axis=1, keepdims=True), np.argmin(a, axis=0, keepdims=True).shape)
print(np.argmax(a, keepdims=True), np.any(a > 8.0, axis=0, keepdims=True))
print(np.prod(a[:2, :2] + 6.0, keepdims=True), np.mean(a, keepdims=True))
v = np.linspace(0.0, 1.0, 5)
print(v.sum(keepdims=True), np.sum(v, 0, keepdims=True))
print(np.linspace(0.0, 1.0, 4, endpoint=False))
print(a.std(axis=0) if False else np.sqrt(((a - a.mean(axis=0, keepdims=True)) ** 2).mean(axis=0)))
