#!/bin/bash
# Runs the BLAS comparison (docs/PERFORMANCE.md, "Choosing the BLAS") from a folder holding the
# compiled blas_choice binary and np.py: one thread twice, 16 threads, then 8 concurrent one-thread copies.
cd "$(dirname "$0")"
nproc; lscpu | grep "Model name"
for r in 1 2; do ./blas_choice; OPENBLAS_NUM_THREADS=1 python3 np.py; done
T=16 ./blas_choice; OPENBLAS_NUM_THREADS=16 python3 np.py
echo "== 8 concurrent single-thread"
for i in $(seq 8); do ./blas_choice > c$i.txt & done; wait; grep "A@x 16384\|X.T@v" c*.txt
for i in $(seq 8); do OPENBLAS_NUM_THREADS=1 python3 np.py > n$i.txt & done; wait; grep "A@x 16384\|X.T@v" n*.txt
