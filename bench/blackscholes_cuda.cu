// The hand-written baseline of bench/blackscholes_f32.py (issue: fusion, "Black-Scholes
// float32 at >= 2.8 TB/s, the hand-written kernel's 2.92"): the same inputs, formulas and
// timing, as one CUDA kernel that reads S, K, T and writes call and put (20 bytes an
// option). Prints what bench/blackscholes_f32.py prints (sums, elapsed, gbs).
//
//   nvcc -O3 -arch=native -o /tmp/bs_cuda bench/blackscholes_cuda.cu && /tmp/bs_cuda --n 200000000 --reps 10
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <chrono>
#include <cuda_runtime.h>

#define CHECK(x) do { cudaError_t e = (x); if (e != cudaSuccess) { fprintf(stderr, "%s: %s\n", #x, cudaGetErrorString(e)); exit(1); } } while (0)

__global__ void inputs(float *S, float *K, float *T, long n) {
    for (long k = blockIdx.x * (long)blockDim.x + threadIdx.x; k < n; k += (long)gridDim.x * blockDim.x) {
        float i = (float)k;  // np.arange(n, dtype=np.float32)
        S[k] = 10.0f + 90.0f * fmodf(fmodf(i * 0.618034f, 1.0f) + 1.0f, 1.0f);
        K[k] = 10.0f + 90.0f * fmodf(fmodf(i * 0.414214f, 1.0f) + 1.0f, 1.0f);
        T[k] = 0.1f + 2.9f * fmodf(fmodf(i * 0.732051f, 1.0f) + 1.0f, 1.0f);
    }
}

__device__ __forceinline__ float cnd(float x) {
    float k = 1.0f / (1.0f + 0.2316419f * fabsf(x));
    float poly = k * (0.31938153f + k * (-0.356563782f + k * (1.781477937f + k * (-1.821255978f + k * 1.330274429f))));
    float w = 1.0f - expf(-0.5f * x * x) * 0.3989422804014327f * poly;
    return x < 0.0f ? 1.0f - w : w;
}

__global__ void black_scholes(const float *__restrict__ S, const float *__restrict__ K, const float *__restrict__ T,
                              float *__restrict__ call, float *__restrict__ put, float r, float v, long n) {
    for (long k = blockIdx.x * (long)blockDim.x + threadIdx.x; k < n; k += (long)gridDim.x * blockDim.x) {
        float s = S[k], x = K[k], t = T[k];
        float sqrt_t = sqrtf(t);
        float d1 = (logf(s / x) + (r + 0.5f * v * v) * t) / (v * sqrt_t);
        float d2 = d1 - v * sqrt_t;
        float discount = x * expf(-r * t);
        call[k] = s * cnd(d1) - discount * cnd(d2);
        put[k] = discount * cnd(-d2) - s * cnd(-d1);
    }
}

__global__ void sum(const float *a, long n, double *out) {
    double s = 0.0;
    for (long k = blockIdx.x * (long)blockDim.x + threadIdx.x; k < n; k += (long)gridDim.x * blockDim.x) s += a[k];
    atomicAdd(out, s);
}

int main(int argc, char **argv) {
    long n = 200000000, reps = 10;
    for (int a = 1; a + 1 < argc; a += 2) {
        if (!strcmp(argv[a], "--n")) n = atol(argv[a + 1]);
        else if (!strcmp(argv[a], "--reps")) reps = atol(argv[a + 1]);
    }
    float *S, *K, *T, *call, *put;
    double *sums;
    for (float **p : {&S, &K, &T, &call, &put}) CHECK(cudaMalloc(p, n * sizeof(float)));
    CHECK(cudaMalloc(&sums, 2 * sizeof(double)));
    int sms;
    CHECK(cudaDeviceGetAttribute(&sms, cudaDevAttrMultiProcessorCount, 0));
    int blocks = sms * 16, threads = 256;
    inputs<<<blocks, threads>>>(S, K, T, n);
    black_scholes<<<blocks, threads>>>(S, K, T, call, put, 0.02f, 0.3f, n);
    CHECK(cudaDeviceSynchronize());
    auto start = std::chrono::steady_clock::now();
    for (long rep = 0; rep < reps; rep++) black_scholes<<<blocks, threads>>>(S, K, T, call, put, 0.02f, 0.3f, n);
    float last;
    CHECK(cudaMemcpy(&last, put + n - 1, sizeof last, cudaMemcpyDeviceToHost));
    double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    CHECK(cudaMemset(sums, 0, 2 * sizeof(double)));
    sum<<<blocks, threads>>>(call, n, sums);
    sum<<<blocks, threads>>>(put, n, sums + 1);
    double h[2];
    CHECK(cudaMemcpy(h, sums, sizeof h, cudaMemcpyDeviceToHost));
    printf("call sum: %.17g\nput sum: %.17g\nelapsed: %.9g\ngbs: %.9g\n", h[0], h[1], elapsed, 5.0 * 4.0 * n * reps / elapsed / 1e9);
    return 0;
}
