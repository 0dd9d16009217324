# np.einsum with more distinct subscripts than an array may have axes (8): each operand is
# first summed over the subscripts only it has, then the operands are contracted two at a
# time, so no intermediate array needs more than 8 axes. Three operands, an ellipsis, a
# full contraction and integer operands too.
import numpy as np

A = np.ones((2, 2, 2, 2, 2, 2))
B = np.ones((2, 2, 2, 2, 2, 2, 2))
print(np.einsum('kabixz,qabijzw->kaxw', A, B).sum())
R = np.einsum('kabixz,qabijzw->kaxw', A, B)
print(R.shape, R[0, 1])
X = np.arange(64.0).reshape(2, 2, 2, 2, 2, 2) / 10.0
Y = np.arange(128.0).reshape(2, 2, 2, 2, 2, 2, 2) % 7.0
print(np.einsum('kabixz,qabijzw->wkxa', X, Y))
print(np.einsum('abcdef,cdefgh,ghij->aj', X, X, X.reshape(2, 2, 2, 8)[..., :2]))
print(np.einsum('abcdef,ghijab->', X, X))
I = np.arange(64).reshape(2, 2, 2, 2, 2, 2) % 5
print(np.einsum('abcdef,efghij->acgj', I, I))
print(np.einsum('...bcdef,efghij->...j', X, X))
