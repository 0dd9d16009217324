# rtol: 1e-6
# Float sums are added pairwise, as NumPy adds them: long sums of short rows, of float32
# and of a column. (float32 sums differ from NumPy's in the last bits: its lanes of eight
# are not LLVM's; one running sum was 5e-6 off here.)
import numpy as np

x = np.linspace(0.0, 1.0, 300007) ** 3 * 1e10
print(x.sum(), x.mean(), x.var())
col = x.reshape(300007, 1)
print(col.sum(), (col * 3.0).sum())
print(x[:300000].reshape(40, 7500).sum(), x[:300006].reshape(50001, 6).var())

z = np.full((7, 11, 13), 0.1, dtype=np.float32)
print(z.sum(), z.mean())
w = np.full(100003, 0.1, dtype=np.float32)
print(w.sum(), w.mean(), (w * np.float32(3.0)).sum())

