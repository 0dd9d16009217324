// The hand-written baseline of bench/jacobi.py (issue: fusion, "the seed Jacobi >= 95% of a
// hand-written two-buffer CUDA 5-point kernel"): the same grid, boundary and iteration, with
// two device buffers swapped after every sweep (no copy), and the l2 check of every `freq`
// iterations fused into the sweep of that iteration as a block reduction plus one atomic add
// per block. Prints what bench/jacobi.py prints (l2, center, elapsed, gpts).
//
// Build and run on the GPU machine:
//   nvcc -O3 -arch=native -o /tmp/jacobi_cuda bench/jacobi_cuda.cu && /tmp/jacobi_cuda --n 16384 --iters 500
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <chrono>
#include <cuda_runtime.h>

#define CHECK(x) do { cudaError_t e = (x); if (e != cudaSuccess) { fprintf(stderr, "%s: %s\n", #x, cudaGetErrorString(e)); exit(1); } } while (0)

constexpr int BX = 32, BY = 8;

__global__ void init(double *p, long n) {
    long j = blockIdx.x * (long)blockDim.x + threadIdx.x, i = blockIdx.y;
    if (j >= n) return;
    double v = 0.0;
    if (i == n - 1) v = 1.0;
    if (j == n - 1) v = (double)i / (double)(n - 1);  // p[:, -1] = linspace(0, 1, n), written last
    p[i * n + j] = v;
}

template <bool CHECK_L2>
__global__ void sweep(const double *__restrict__ src, double *__restrict__ dst, long n, double *sums) {
    long j = 1 + blockIdx.x * (long)BX + threadIdx.x;
    long i = 1 + blockIdx.y * (long)BY + threadIdx.y;
    double diff2 = 0.0, old2 = 0.0;
    if (i < n - 1 && j < n - 1) {
        double v = 0.25 * (src[i * n + j + 1] + src[i * n + j - 1] + src[(i + 1) * n + j] + src[(i - 1) * n + j]);
        dst[i * n + j] = v;
        if (CHECK_L2) { double d = v - src[i * n + j]; diff2 = d * d; }
    }
    if (CHECK_L2) {
        // The boundary's share of sum(pn ** 2) comes from boundary_sq.
        __shared__ double s1[BX * BY], s2[BX * BY];
        int t = threadIdx.y * BX + threadIdx.x;
        if (i < n - 1 && j < n - 1) old2 = src[i * n + j] * src[i * n + j];
        s1[t] = diff2; s2[t] = old2;
        __syncthreads();
        for (int s = BX * BY / 2; s > 0; s >>= 1) {
            if (t < s) { s1[t] += s1[t + s]; s2[t] += s2[t + s]; }
            __syncthreads();
        }
        if (t == 0) { atomicAdd(&sums[0], s1[0]); atomicAdd(&sums[1], s2[0]); }
    }
}

// sum(pn ** 2) over the boundary (the sweep covers the interior).
__global__ void boundary_sq(const double *p, long n, double *sums) {
    long k = blockIdx.x * (long)blockDim.x + threadIdx.x;
    if (k >= n) return;
    double s = p[k] * p[k] + p[(n - 1) * n + k] * p[(n - 1) * n + k];  // rows 0 and n-1
    if (k > 0 && k < n - 1) s += p[k * n] * p[k * n] + p[k * n + n - 1] * p[k * n + n - 1];  // columns
    atomicAdd(&sums[1], s);
}

int main(int argc, char **argv) {
    long n = 16384, iters = 500, freq = 100;
    for (int a = 1; a + 1 < argc; a += 2) {
        if (!strcmp(argv[a], "--n")) n = atol(argv[a + 1]);
        else if (!strcmp(argv[a], "--iters")) iters = atol(argv[a + 1]);
        else if (!strcmp(argv[a], "--freq")) freq = atol(argv[a + 1]);
    }
    double *a, *b, *sums;
    CHECK(cudaMalloc(&a, n * n * sizeof(double)));
    CHECK(cudaMalloc(&b, n * n * sizeof(double)));
    CHECK(cudaMalloc(&sums, 2 * sizeof(double)));
    init<<<dim3((n + 255) / 256, n), 256>>>(a, n);
    CHECK(cudaMemcpy(b, a, n * n * sizeof(double), cudaMemcpyDeviceToDevice));
    CHECK(cudaDeviceSynchronize());
    dim3 grid((n - 2 + BX - 1) / BX, (n - 2 + BY - 1) / BY), block(BX, BY);
    double l2 = 1.0;
    auto start = std::chrono::steady_clock::now();
    for (long it = 1; it <= iters; it++) {
        if (it % freq == 0) {
            CHECK(cudaMemset(sums, 0, 2 * sizeof(double)));
            boundary_sq<<<(n + 255) / 256, 256>>>(a, n, sums);
            sweep<true><<<grid, block>>>(a, b, n, sums);
            double h[2];
            CHECK(cudaMemcpy(h, sums, sizeof h, cudaMemcpyDeviceToHost));
            l2 = sqrt(h[0] / h[1]);
        } else {
            sweep<false><<<grid, block>>>(a, b, n, sums);
        }
        double *t = a; a = b; b = t;
    }
    double center;
    CHECK(cudaMemcpy(&center, a + (n / 2) * n + n / 2, sizeof center, cudaMemcpyDeviceToHost));
    double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    CHECK(cudaGetLastError());
    printf("l2: %.17g\ncenter: %.17g\nelapsed: %.9g\ngpts: %.9g\n", l2, center, elapsed,
           (double)(n - 2) * (n - 2) * iters / elapsed / 1e9);
    return 0;
}
