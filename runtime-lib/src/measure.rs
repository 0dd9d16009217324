//! The measuring program of `legatec machine` (the `cli` crate's `machine.rs`):
//! `legatec_measure_main`, which a two-line C `main` linked with this library calls. It
//! prints every fact a machine description (`passes::model::machine::Machine`) holds, what
//! the OS says (the CPU's model, its caches) and what it measures, on standard output, one
//! fact per line; warnings go to standard error, and a failed measurement prints nothing
//! for it and exits 1. `legatec machine --measure` runs it here; `legatec machine
//! --measurer -o FILE` writes it (stripped) for a machine without legatec, where its modes'
//! standard output, collected into one file, is what `legatec machine --from-lines FILE`
//! reads.
//!
//! Modes (the first argument):
//! - `cpu [BYTES]`: the CPU's model and caches, memory bandwidth with 1, 2, 4... threads
//!   and all cores (each array of the streams BYTES long; by default 8 times the whole
//!   last-level cache and at least 256 MiB, at most a sixth of the available memory), one
//!   core's operation rates, and the fork-join time of a parallel launch. About 5 s on the
//!   project's 2-core VM (arrays of 256 MiB), 25 s on a 16-core H200 host (arrays of 2 GiB).
//! - `mpi`: a ping-pong between two ranks, under `mpirun -np 2`; rank 0 prints.
//! - `gpu`: copies, transfers, launches and FMA rates of the first GPU, when a CUDA driver
//!   and a GPU are found (through `runtime_core::gpu`'s probe); else nothing, exit 0.
//!
//! The line protocol: a keyword, then fields separated by single spaces; numbers are
//! Rust's `f64` text (it reads back exactly); rates are per second, bandwidths bytes moved
//! (read plus written) per second; a reader ignores keywords it does not know.
//! ```text
//! model NAME...                     the CPU's model: `model name` of /proc/cpuinfo (x86),
//!                                   else its `Model` or `CPU part`, else `unknown`; the rest
//!                                   of the line (cpu mode, as all up to `launch`)
//! cores N                           threads of "all cores" (std::thread::available_parallelism)
//! cache LEVEL KIND BYTES SHARED_BY  one of cpu0's caches (/sys/devices/system/cpu/cpu0/cache/
//!                                   index*): level, type (Data, Instruction, Unified),
//!                                   bytes, CPUs sharing one instance; by level, then type;
//!                                   none where /sys does not say
//! bandwidth THREADS READ COPY TRIAD bytes/s: s += a[i] (8 B/element), b[i] = a[i] (16),
//!                                   a[i] = b[i] + s * c[i] (24); best of several
//! llc_bandwidth THREADS READ COPY TRIAD  the same over arrays that fill a quarter of the
//!                                   whole last-level cache (they stay in it)
//! l2_bandwidth THREADS READ COPY TRIAD  the same over arrays that fill half of each thread's L2
//! ops CLASS VALUE                   one core, data in L1: CLASS is arith (y = a*x + y, 2 ops
//!                                   per element), div, sqrt, transcendental (exp and ln:
//!                                   calls per second over both, i.e. the harmonic mean),
//!                                   pow (powf, float exponent), gemm (serial OpenBLAS dgemm,
//!                                   flops = 2 n^3 per call)
//! gemm THREADS F64 F32              flops per second of a 1024 x 1024 product (float64,
//!                                   float32) as programs run it on THREADS threads (serial
//!                                   OpenBLAS calls on row blocks), best of 3
//! first_touch SECONDS               per byte: a first write into freshly mapped memory beyond
//!                                   a later write (page faults, zeroing), best of 3 x 256 MiB
//! launch SECONDS                    median fork-join of an almost empty rayon loop over all
//!                                   cores, split as `launch.rs` splits kernels
//! mpi LATENCY BANDWIDTH BETWEEN     half round trip of 8 bytes (median of 1000), bytes / half
//!                                   round trip of 16 MiB (best of 20); BETWEEN is 1 when the
//!                                   two ranks' processor names differ (two nodes), else 0
//! mpi_init SECONDS                  rank 0's time in `MPI_Init` (a program of several ranks
//!                                   pays it at start-up)
//! mpi_start RANKS INIT END          a program of RANKS ranks: rank 0's `MPI_Init`, and its
//!                                   end (a barrier and `MPI_Finalize`); the `mpi` mode
//!                                   prints it for 2, the `mpi-start` mode for `-np N`
//! gpu BANDWIDTH LAUNCH H2D D2H OPS64 OPS32 NAME...
//!                                   device-to-device copy of up to 1 GiB (read plus written),
//!                                   seconds per empty kernel launched back to back (1000),
//!                                   pinned (else pageable) transfers of 256 MiB each way,
//!                                   float64 and float32 FMA chains (2 ops each) of the whole
//!                                   device; NAME, the device's name, is the rest of the line
//! gpu_reduce_sync SECONDS           what a reduce-all adds to its kernel's launch: the wait
//!                                   and the download of 1024 partials and the error flag
//!                                   (median of 200)
//! gpu_blas INIT LOAD F64 F32        a program's first product on the device (cuBLAS loaded,
//!                                   its handle made, a small GEMM), what the first GEMM of
//!                                   another shape (1024 cubed) takes beyond its later ones
//!                                   (cuBLAS loads the kernels it picks at their first use;
//!                                   the mean of float64 and float32), both the median of 5
//!                                   fresh processes (`gpu-blas-start`), and that GEMM's
//!                                   flops per second, float64 and float32
//! gpu_blas_gemv_load SECONDS        as LOAD, for matrix-vector products (32768 x 32, the
//!                                   matrix as it is and transposed, float64; the mean)
//! gpu_bandwidth FOOTPRINT B/S       device-to-device copies of FOOTPRINT / 2 bytes, 20 queued
//!                                   back to back as a program's kernels are (read plus
//!                                   written per second; the best of 3), from 16 MiB (where a
//!                                   copy outlasts a launch) to 512 MiB of footprint: below a
//!                                   few times the L2 the data stays there
//! gpu_kernel_load SECONDS           a kernel's first launch in a process (its lookup, which
//!                                   loads it, then launch and wait) beyond a later launch
//! gpu_init SECONDS                  a program's start and end on the GPU: a fresh process
//!                                   (`gpu-start`: the runtime's probe, the driver, the
//!                                   context, a small module) from its start to its exit,
//!                                   before the measuring process opens the device; median of 5
//! ```
//! Kernels are compiled twice (baseline and AVX2+FMA, chosen at run time), since compiled
//! programs' kernels target the CPU they are built on (the memory streams too: the width of
//! the stores changes one core's bandwidth). Measured on an H200 host (Intel Xeon, 16
//! cores): GPU copy 4.2e12 B/s, launch 4.4 us, transfers 5.5e10 B/s each way, FMA rates
//! 3.2e13 (f64) and 5.6e13 (f32), near the H200's 34 and 67 TFLOP/s.

use std::ffi::{c_char, c_void, CStr};
use std::hint::black_box;
use std::io::Write;
use std::path::Path;
use std::sync::{Barrier, Mutex};
use std::time::Instant;

/// The measuring program's `main` (see the module's documentation): 0 on success, 1 when a
/// measurement failed, 2 for a wrong argument.
///
/// # Safety
/// `argv` holds `argc` NUL-terminated strings (or is null), as C's `main` receives them.
#[no_mangle]
pub unsafe extern "C" fn legatec_measure_main(argc: i32, argv: *const *const c_char) -> i32 {
    let mut args = Vec::new();
    if !argv.is_null() {
        for i in 0..argc.max(0) as usize {
            // SAFETY: the caller's.
            let arg = unsafe { *argv.add(i) };
            if !arg.is_null() {
                args.push(unsafe { CStr::from_ptr(arg) }.to_string_lossy().into_owned());
            }
        }
    }
    let result = match args.get(1).map(String::as_str) {
        Some("cpu") => match args.get(2).map(|b| b.parse::<usize>()) {
            None => cpu(None),
            Some(Ok(bytes)) => cpu(Some(bytes)),
            Some(Err(_)) => Err(format!("`{}` is no byte count", args[2])),
        },
        Some("mpi") => mpi(),
        Some("mpi-start") => mpi_start(),
        Some("gpu") => gpu(),
        Some("gpu-start") => gpu_start(),
        Some("gpu-blas-start") => gpu_blas_start(),
        _ => {
            eprintln!("usage: {} cpu [BYTES] | mpi | mpi-start | gpu", args.first().map_or("measure", String::as_str));
            return 2;
        }
    };
    let _ = std::io::stdout().flush();
    match result {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("legatec measure {}: {e}", args[1]);
            1
        }
    }
}

/// One line of the protocol, written at once.
fn emit(line: String) {
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{line}");
    let _ = out.flush();
}

// ---------------------------------------------------------------------------------------
// CPU: memory bandwidth.

/// Bytes of each array of the streams at least, unless the caller says.
const MIN_STREAM_BYTES: u64 = 256 << 20;
/// Timed repetitions of each stream kernel (the best counts).
const STREAM_REPETITIONS: usize = 8;

/// Float64s in fresh pages of the kernel's, none touched yet: the thread that writes them
/// first gets them from its own memory (first touch), which the runtime's allocator, which
/// reuses pages, would not promise. Huge pages where allowed, as the runtime's arrays.
struct Pages {
    base: *mut u8,
    bytes: usize,
    data: *mut f64,
    len: usize,
}

// SAFETY: owned memory, handed whole to one thread.
unsafe impl Send for Pages {}

/// The `skew` of [`Pages::new`]: arrays that lie a power of two apart (mappings of 256 MiB
/// side by side) contend for the same cache sets and memory banks, which halved the triad's
/// bandwidth on the project's VM; arrays of a program's are not aligned so.
const SKEW: usize = (64 + 4) << 10;

impl Pages {
    /// `len` float64s, starting `skew` bytes into a fresh mapping (`pages::map_fresh`).
    fn new(len: usize, skew: usize) -> Result<Pages, String> {
        let (data, base, bytes) = runtime_core::pages::map_fresh(len.max(1) * 8 + skew)
            .ok_or_else(|| format!("cannot map {} bytes for the memory streams", len * 8 + skew))?;
        Ok(Pages { base, bytes, data: data.wrapping_add(skew) as *mut f64, len })
    }

    fn slice(&mut self) -> &mut [f64] {
        // SAFETY: `len` float64s of the mapping, zero-filled by the kernel when touched.
        unsafe { std::slice::from_raw_parts_mut(self.data, self.len) }
    }
}

impl Drop for Pages {
    fn drop(&mut self) {
        // SAFETY: the mapping made in `new`, unmapped once.
        unsafe { runtime_core::pages::unmap(self.base, self.bytes) };
    }
}

/// `s += a[i]`, in 8 independent sums so that it vectorises.
#[inline(always)]
fn stream_read(a: &[f64]) -> f64 {
    let mut sums = [0.0f64; 8];
    let chunks = a.chunks_exact(8);
    let rest: f64 = chunks.remainder().iter().sum();
    for chunk in chunks {
        for j in 0..8 {
            sums[j] += chunk[j];
        }
    }
    sums.iter().sum::<f64>() + rest
}

/// `b[i] = a[i]` (times an opaque one: a loop the compiler cannot turn into `memcpy`,
/// whose non-temporal stores kernels do not use).
#[inline(always)]
fn stream_copy(b: &mut [f64], a: &[f64], one: f64) {
    for (y, x) in b.iter_mut().zip(a) {
        *y = *x * one;
    }
}

/// `a[i] = b[i] + s * c[i]`.
#[inline(always)]
fn stream_triad(a: &mut [f64], b: &[f64], c: &[f64], s: f64) {
    for ((z, x), y) in a.iter_mut().zip(b).zip(c) {
        *z = *x + s * *y;
    }
}

/// One pass of stream kernel `kernel` (0 read, 1 copy, 2 triad).
#[inline(always)]
fn stream_pass(kernel: usize, a: &mut [f64], b: &mut [f64], c: &[f64]) {
    match kernel {
        0 => {
            black_box(stream_read(black_box(&*a)));
        }
        1 => stream_copy(black_box(&mut *b), black_box(&*a), black_box(1.0)),
        _ => stream_triad(black_box(&mut *a), black_box(&*b), black_box(c), black_box(0.25)),
    }
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,fma")]
fn stream_pass_avx2(kernel: usize, a: &mut [f64], b: &mut [f64], c: &[f64]) {
    stream_pass(kernel, a, b, c)
}

#[inline(never)]
fn stream_pass_baseline(kernel: usize, a: &mut [f64], b: &mut [f64], c: &[f64]) {
    stream_pass(kernel, a, b, c)
}

/// [`stream_pass`] compiled for the widest vectors tried that this CPU has: as wide as a
/// compiled program's kernels, whose loads and stores per cache line matter here too (on
/// the project's VM, one core copied 16.5e9 B/s with 16-byte vectors, 23.5e9 with 32-byte).
fn run_stream_pass(kernel: usize, a: &mut [f64], b: &mut [f64], c: &[f64]) {
    #[cfg(target_arch = "x86_64")]
    if avx2_fma() {
        // SAFETY: the CPU has the features the function was compiled for.
        return unsafe { stream_pass_avx2(kernel, a, b, c) };
    }
    stream_pass_baseline(kernel, a, b, c)
}

/// Whether this CPU has AVX2 and FMA (x86-64).
#[cfg(target_arch = "x86_64")]
fn avx2_fma() -> bool {
    std::arch::is_x86_feature_detected!("avx2") && std::arch::is_x86_feature_detected!("fma")
}

/// The best seconds of each stream kernel (read, copy, triad) with `threads` threads, each
/// streaming its own contiguous part of three arrays of `len` float64s. A repetition lasts
/// from the first thread's start to the last thread's end (each thread reads the clock
/// itself: a thread descheduled after the barrier must not shorten the span).
/// The best seconds of one pass of each stream kernel (read, copy, triad) over arrays of
/// `len` elements split over `threads` threads; each timing runs `passes` passes (arrays
/// that fit a cache take microseconds per pass).
fn streams(threads: usize, len: usize, passes: usize) -> Result<[f64; 3], String> {
    // Mapped here (nothing touched), written first by the thread that streams them.
    let mut parts = Vec::with_capacity(threads);
    for t in 0..threads {
        let n = len * (t + 1) / threads - len * t / threads;
        let skew = |j: usize| (3 * t + j) * SKEW;
        parts.push([Pages::new(n, skew(0))?, Pages::new(n, skew(1))?, Pages::new(n, skew(2))?]);
    }
    let barrier = Barrier::new(threads);
    // Per kernel and repetition: the earliest start and the latest end of any thread.
    let origin = Instant::now();
    let spans = Mutex::new(vec![[(f64::INFINITY, 0.0f64); STREAM_REPETITIONS]; 3]);
    std::thread::scope(|scope| {
        for mut part in parts {
            let (barrier, spans) = (&barrier, &spans);
            scope.spawn(move || {
                let [a, b, c] = &mut part;
                let (a, b, c) = (a.slice(), b.slice(), c.slice());
                a.fill(1.0);
                b.fill(2.0);
                c.fill(0.5);
                let mut mine = [[(0.0f64, 0.0f64); STREAM_REPETITIONS]; 3];
                for (kernel, times) in mine.iter_mut().enumerate() {
                    for time in times.iter_mut() {
                        barrier.wait();
                        let start = origin.elapsed().as_secs_f64();
                        for _ in 0..passes {
                            run_stream_pass(kernel, a, b, c);
                        }
                        *time = (start, origin.elapsed().as_secs_f64());
                        barrier.wait();
                    }
                }
                let mut spans = spans.lock().unwrap_or_else(|e| e.into_inner());
                for (span, time) in spans.iter_mut().flatten().zip(mine.iter().flatten()) {
                    *span = (span.0.min(time.0), span.1.max(time.1));
                }
            });
        }
    });
    let spans = spans.into_inner().unwrap_or_else(|e| e.into_inner());
    let best = |kernel: usize| spans[kernel].iter().map(|(start, end)| end - start).fold(f64::INFINITY, f64::min) / passes as f64;
    Ok([best(0), best(1), best(2)])
}

/// 1, 2, 4... threads below `cores`, then `cores`.
fn thread_counts(cores: usize) -> Vec<usize> {
    let mut counts: Vec<usize> = std::iter::successors(Some(1usize), |t| Some(t * 2)).take_while(|&t| t < cores).collect();
    counts.push(cores.max(1));
    counts
}

// ---------------------------------------------------------------------------------------
// CPU: operation rates of one core.

/// Elements of each operand of the op kernels: two arrays of 8 KiB, in any L1 cache.
const L1_ELEMENTS: usize = 1024;
/// Seconds one timed run of an op kernel lasts (about), and the runs (the best counts):
/// short runs, so that some miss whatever else the machine runs.
const OP_SECONDS: f64 = 0.02;
const OP_RUNS: usize = 8;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Class {
    Arith,
    Div,
    Sqrt,
    Exp,
    Ln,
    Pow,
}

/// `passes` passes of the class's kernel over `x` into `y`; `k` is an opaque constant.
#[inline(always)]
fn op_passes(class: Class, passes: usize, x: &[f64], y: &mut [f64], k: f64) {
    macro_rules! passes {
        (|$xi:ident, $yi:ident| $body:expr) => {
            for _ in 0..passes {
                let x = black_box(x);
                for ($yi, $xi) in y.iter_mut().zip(x) {
                    *$yi = $body;
                }
                black_box(&mut *y);
            }
        };
    }
    match class {
        Class::Arith => passes!(|xi, yi| k * *xi + *yi),
        Class::Div => passes!(|xi, _yi| k / *xi),
        Class::Sqrt => passes!(|xi, _yi| xi.sqrt()),
        Class::Exp => passes!(|xi, _yi| xi.exp()),
        Class::Ln => passes!(|xi, _yi| xi.ln()),
        Class::Pow => passes!(|xi, _yi| xi.powf(k)),
    }
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,fma")]
fn op_passes_avx2(class: Class, passes: usize, x: &[f64], y: &mut [f64], k: f64) {
    op_passes(class, passes, x, y, k)
}

#[inline(never)]
fn op_passes_baseline(class: Class, passes: usize, x: &[f64], y: &mut [f64], k: f64) {
    op_passes(class, passes, x, y, k)
}

/// The class's kernel compiled for the widest vectors this CPU has of those tried.
fn run_op(class: Class, passes: usize, x: &[f64], y: &mut [f64], k: f64) {
    #[cfg(target_arch = "x86_64")]
    if avx2_fma() {
        // SAFETY: the CPU has the features the function was compiled for.
        return unsafe { op_passes_avx2(class, passes, x, y, k) };
    }
    op_passes_baseline(class, passes, x, y, k)
}

/// Element operations per second of one class on this thread (arith counts 2 per element).
fn op_rate(class: Class) -> f64 {
    // Operands in [0.5, 1.5): every class is defined on them and stays finite.
    let x: Vec<f64> = (0..L1_ELEMENTS).map(|i| 0.5 + i as f64 / L1_ELEMENTS as f64).collect();
    let mut y = vec![0.0f64; L1_ELEMENTS];
    let k = black_box(match class {
        Class::Arith => 0.5,
        Class::Div => 3.0,
        _ => 1.37,
    });
    // How many passes last about OP_SECONDS, from runs of growing length (which warm up).
    let mut passes = 16;
    let per_pass = loop {
        let start = Instant::now();
        run_op(class, passes, &x, &mut y, k);
        let seconds = start.elapsed().as_secs_f64();
        if seconds > 0.002 {
            break seconds / passes as f64;
        }
        passes *= 4;
    };
    let passes = ((OP_SECONDS / per_pass) as usize).max(1);
    let mut best = f64::INFINITY;
    for _ in 0..OP_RUNS {
        if class == Class::Arith {
            // y grows by x each pass: start again from zero.
            y.fill(0.0);
        }
        let start = Instant::now();
        run_op(class, passes, &x, &mut y, k);
        best = best.min(start.elapsed().as_secs_f64());
    }
    black_box(&y);
    let per_element = if class == Class::Arith { 2.0 } else { 1.0 };
    per_element * (passes * L1_ELEMENTS) as f64 / best
}

/// Float64 GEMM flops per second of one core through the runtime's OpenBLAS (serial).
fn gemm_rate() -> f64 {
    let mut n = 1024;
    loop {
        let a: Vec<f64> = (0..n * n).map(|i| (i % 7) as f64 * 0.25).collect();
        let b: Vec<f64> = (0..n * n).map(|i| (i % 5) as f64 * 0.5).collect();
        let mut c = vec![0.0f64; n * n];
        let start = Instant::now();
        runtime_blas::dgemm_square(n, &a, &b, &mut c);
        let first = start.elapsed().as_secs_f64();
        // A slow core: a smaller product (its rate is near enough).
        if first > 2.0 && n > 256 {
            n /= 2;
            continue;
        }
        let mut best = first;
        let repetitions = if first < 0.5 { 4 } else { 1 };
        for _ in 0..repetitions {
            let start = Instant::now();
            runtime_blas::dgemm_square(n, black_box(&a), black_box(&b), &mut c);
            best = best.min(start.elapsed().as_secs_f64());
        }
        black_box(&c);
        return 2.0 * (n as f64).powi(3) / best;
    }
}

/// Float64 and float32 flops per second of an `n × n` product (`n` = 1024, halved on a
/// slow core) as programs run it (`runtime_blas::gemm_square_parallel`: serial OpenBLAS
/// calls on row blocks, one per thread) on a pool of `threads` threads; best of 3 after a
/// first call.
fn gemm_rates(threads: usize) -> Result<[f64; 2], String> {
    let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().map_err(|e| e.to_string())?;
    let mut n = 1024;
    let mut rates = [0.0; 2];
    for (rate, f32_items) in rates.iter_mut().zip([false, true]) {
        loop {
            let a: Vec<f64> = (0..n * n).map(|i| (i % 7) as f64 * 0.25).collect();
            let b: Vec<f64> = (0..n * n).map(|i| (i % 5) as f64 * 0.5).collect();
            let mut c = vec![0.0f64; n * n];
            let bytes = |v: &[f64]| unsafe { std::slice::from_raw_parts(v.as_ptr() as *const u8, v.len() * 8) };
            let (a, b) = (bytes(&a), bytes(&b));
            // SAFETY: `c`'s bytes, borrowed mutably here only.
            let c = unsafe { std::slice::from_raw_parts_mut(c.as_mut_ptr() as *mut u8, c.len() * 8) };
            let time = |c: &mut [u8]| {
                let start = Instant::now();
                pool.install(|| runtime_blas::gemm_square_parallel(n, f32_items, black_box(a), black_box(b), c));
                start.elapsed().as_secs_f64()
            };
            let first = time(c);
            if first > 2.0 && n > 256 {
                n /= 2;
                continue;
            }
            let best = (0..3).map(|_| time(c)).fold(first, f64::min);
            black_box(&c);
            *rate = 2.0 * (n as f64).powi(3) / best;
            break;
        }
    }
    Ok(rates)
}

/// The median seconds of a fork-join of an almost empty parallel loop over rayon's
/// threads, split as `runtime_core::launch` splits a kernel (4 chunks per thread).
fn launch_seconds() -> f64 {
    use rayon::prelude::*;
    let chunks: Vec<(i64, i64)> = (0..4 * rayon::current_num_threads() as i64).map(|c| (c, c + 1)).collect();
    let once = || {
        chunks.par_iter().for_each(|&(begin, end)| {
            black_box((begin, end));
        })
    };
    for _ in 0..200 {
        once();
    }
    let mut times: Vec<f64> = (0..2000)
        .map(|_| {
            let start = Instant::now();
            once();
            start.elapsed().as_secs_f64()
        })
        .collect();
    median(&mut times)
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

fn cpu(stream_bytes: Option<usize>) -> Result<(), String> {
    emit(format!("model {}", cpu_model(&std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default())));
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    emit(format!("cores {cores}"));
    let caches = caches(Path::new(CACHE_DIR));
    for c in &caches {
        emit(format!("cache {} {} {} {}", c.level, c.kind, c.bytes, c.shared_by));
    }
    let stream_bytes = stream_bytes.unwrap_or_else(|| default_stream_bytes(&caches) as usize);
    eprintln!("legatec measure cpu: memory streams over arrays of {} MiB", stream_bytes >> 20);
    let len = (stream_bytes / 8).max(1 << 16);
    for threads in thread_counts(cores) {
        let [read, copy, triad] = streams(threads, len, 1)?;
        let elements = len as f64;
        emit(format!("bandwidth {threads} {} {} {}", 8.0 * elements / read, 16.0 * elements / copy, 24.0 * elements / triad));
    }
    // The same streams over three arrays that together fill a quarter of the whole
    // last-level cache, which they stay in: the bandwidth of kernels whose data a loop
    // keeps there.
    let whole_llc = whole_last_level_cache(&caches);
    if whole_llc > 0 {
        let len = (whole_llc as usize / 4 / 24).max(1 << 12);
        for threads in thread_counts(cores) {
            let [read, copy, triad] = streams(threads, len, 1)?;
            let elements = len as f64;
            emit(format!("llc_bandwidth {threads} {} {} {}", 8.0 * elements / read, 16.0 * elements / copy, 24.0 * elements / triad));
        }
    }
    // And over arrays that fill half of each thread's L2 (the three arrays of a thread
    // together): the bandwidth of kernels whose share of the data stays in a core's L2.
    if let Some(l2) = caches.iter().find(|c| c.level == 2 && c.kind != "Instruction") {
        let per_thread = (l2.bytes / u64::from(l2.shared_by.max(1))) as usize / 2 / 24;
        if per_thread >= 1 << 10 {
            for threads in thread_counts(cores) {
                let len = per_thread * threads;
                // About 64 MiB moved per timing.
                let passes = ((64usize << 20) / (24 * per_thread)).max(1);
                let [read, copy, triad] = streams(threads, len, passes)?;
                let elements = len as f64;
                emit(format!("l2_bandwidth {threads} {} {} {}", 8.0 * elements / read, 16.0 * elements / copy, 24.0 * elements / triad));
            }
        }
    }
    for (name, class) in [("arith", Class::Arith), ("div", Class::Div), ("sqrt", Class::Sqrt), ("pow", Class::Pow)] {
        emit(format!("ops {name} {}", op_rate(class)));
    }
    // exp and ln: calls per second over both (the mean of their times per call).
    let (exp, ln) = (op_rate(Class::Exp), op_rate(Class::Ln));
    emit(format!("ops transcendental {}", 2.0 / (1.0 / exp + 1.0 / ln)));
    emit(format!("ops gemm {}", gemm_rate()));
    for threads in thread_counts(cores) {
        let [f64_rate, f32_rate] = gemm_rates(threads)?;
        emit(format!("gemm {threads} {f64_rate} {f32_rate}"));
    }
    emit(format!("launch {}", launch_seconds()));
    if let Some(seconds) = first_touch_seconds() {
        emit(format!("first_touch {seconds}"));
    }
    Ok(())
}

/// Seconds per byte that a program's first write into freshly mapped memory (as the runtime
/// maps large arrays) costs beyond a later write: the kernel's page faults and zeroing, and
/// on a virtual machine the host's. The best of 3 mappings of 256 MiB, one thread.
fn first_touch_seconds() -> Option<f64> {
    let bytes = 256usize << 20;
    let mut best = f64::INFINITY;
    for _ in 0..3 {
        let (data, base, len) = runtime_core::pages::map_fresh(bytes)?;
        // SAFETY: `bytes` bytes from `data` lie inside the fresh mapping, unmapped below.
        let memory = unsafe { std::slice::from_raw_parts_mut(data as *mut f64, bytes / 8) };
        let start = Instant::now();
        memory.fill(1.0);
        let first = start.elapsed().as_secs_f64();
        let start = Instant::now();
        memory.fill(2.0);
        let again = start.elapsed().as_secs_f64();
        black_box(&memory[bytes / 16]);
        unsafe { runtime_core::pages::unmap(base, len) };
        best = best.min((first - again).max(0.0) / bytes as f64);
    }
    best.is_finite().then_some(best)
}

// ---------------------------------------------------------------------------------------
// CPU: what the OS says.

/// Where Linux describes cpu0's caches, one `index*` folder each.
const CACHE_DIR: &str = "/sys/devices/system/cpu/cpu0/cache";

/// One cache of a `cache` line.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Cache {
    level: u32,
    /// `Data`, `Instruction` or `Unified` (one word).
    kind: String,
    bytes: u64,
    /// CPUs sharing one instance.
    shared_by: u32,
}

/// The caches described under `dir` (`index*/{level,type,size,shared_cpu_list}`), by
/// level then type; those it does not fully describe are left out.
fn caches(dir: &Path) -> Vec<Cache> {
    let mut caches = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else { return caches };
    for entry in entries.flatten() {
        if !entry.file_name().to_string_lossy().starts_with("index") {
            continue;
        }
        let read = |file: &str| std::fs::read_to_string(entry.path().join(file)).map(|s| s.trim().to_string()).ok();
        let level = read("level").and_then(|l| l.parse::<u32>().ok()).filter(|&l| l >= 1);
        let kind = read("type").filter(|k| !k.is_empty() && !k.contains(char::is_whitespace));
        let bytes = read("size").and_then(|s| cache_bytes(&s)).filter(|&b| b > 0);
        let (Some(level), Some(kind), Some(bytes)) = (level, kind, bytes) else {
            continue;
        };
        let shared_by = read("shared_cpu_list").map_or(1, |list| cpu_count(&list)).max(1);
        caches.push(Cache { level, kind, bytes, shared_by });
    }
    caches.sort_by(|a, b| (a.level, &a.kind).cmp(&(b.level, &b.kind)));
    caches
}

/// `32K`, `1024K`, `32M`, `1G` or plain bytes.
fn cache_bytes(text: &str) -> Option<u64> {
    let (digits, unit) = match text.char_indices().find(|(_, c)| !c.is_ascii_digit()) {
        Some((i, _)) => text.split_at(i),
        None => (text, ""),
    };
    let scale = match unit.trim() {
        "" => 1,
        "K" | "KB" | "KiB" => 1 << 10,
        "M" | "MB" | "MiB" => 1 << 20,
        "G" | "GB" | "GiB" => 1 << 30,
        _ => return None,
    };
    digits.parse::<u64>().ok().map(|n| n * scale)
}

/// The CPUs of a list such as `0-3,8,10-11`.
fn cpu_count(list: &str) -> u32 {
    list.split(',')
        .filter(|part| !part.trim().is_empty())
        .map(|part| match part.trim().split_once('-') {
            Some((lo, hi)) => match (lo.parse::<u32>(), hi.parse::<u32>()) {
                (Ok(lo), Ok(hi)) if hi >= lo => hi - lo + 1,
                _ => 1,
            },
            None => 1,
        })
        .sum()
}

/// The CPU's model in `/proc/cpuinfo`'s text: `model name` (x86), else `Model`, else `CPU
/// part`, else `unknown`; blanks collapsed, so that it is the rest of one line.
fn cpu_model(cpuinfo: &str) -> String {
    ["model name", "Model", "CPU part"]
        .iter()
        .find_map(|key| {
            cpuinfo.lines().find_map(|line| {
                let (k, v) = line.split_once(':')?;
                let v = v.split_whitespace().collect::<Vec<_>>().join(" ");
                (k.trim() == *key && !v.is_empty()).then_some(v)
            })
        })
        .unwrap_or_else(|| "unknown".to_string())
}

/// Bytes of each array of the memory streams by default: at least [`MIN_STREAM_BYTES`] and
/// 8 times the whole last-level cache (one instance per group of CPUs sharing it), at most
/// a sixth of the available memory (three arrays, half of it).
/// Bytes of every instance of the last-level cache together.
fn whole_last_level_cache(caches: &[Cache]) -> u64 {
    let online = std::fs::read_to_string("/sys/devices/system/cpu/online").map_or(1, |l| cpu_count(l.trim())).max(1);
    let last = caches.iter().filter(|c| c.kind != "Instruction").max_by_key(|c| c.level);
    last.map_or(0, |c| c.bytes * u64::from(online.div_ceil(c.shared_by.max(1))))
}

fn default_stream_bytes(caches: &[Cache]) -> u64 {
    let whole_llc = whole_last_level_cache(caches);
    let wanted = MIN_STREAM_BYTES.max(8 * whole_llc);
    let available = std::fs::read_to_string("/proc/meminfo").ok().and_then(|info| {
        let line = info.lines().find(|l| l.starts_with("MemAvailable:"))?;
        line.split_whitespace().nth(1)?.parse::<u64>().ok().map(|kb| kb * 1024)
    });
    match available {
        Some(available) if wanted > available / 6 => {
            let bytes = (available / 6).max(16 << 20);
            eprintln!(
                "legatec measure cpu: warning: only {} MiB of memory available: the memory streams use arrays of {} MiB, not the {} MiB that 8 times the last-level cache asks",
                available >> 20,
                bytes >> 20,
                wanted >> 20
            );
            bytes
        }
        _ => wanted,
    }
}

// ---------------------------------------------------------------------------------------
// MPI: ping-pong between two ranks.

/// Bytes of the large message.
const MPI_LARGE: usize = 16 << 20;

fn mpi() -> Result<(), String> {
    use mpi::traits::*;
    use runtime_core::comm;
    let init_start = Instant::now();
    comm::init();
    let init = init_start.elapsed().as_secs_f64();
    if comm::size() != 2 {
        let size = comm::size();
        comm::finalize();
        return Err(format!("needs exactly 2 MPI ranks (mpirun -np 2), found {size}"));
    }
    let world = mpi::topology::SimpleCommunicator::world();
    let rank = world.rank();
    let peer = world.process_at_rank(1 - rank);
    // One round trip of `buffer`: rank 0 sends first, rank 1 answers.
    let round_trip = |buffer: &mut [u8]| {
        if rank == 0 {
            peer.send(&*buffer);
            peer.receive_into(buffer);
        } else {
            peer.receive_into(&mut *buffer);
            peer.send(&*buffer);
        }
    };
    // Processor names: rank 1's to rank 0, in a fixed-size message.
    let mine = mpi::environment::processor_name().unwrap_or_default();
    let mut name = [0u8; 256];
    if rank == 1 {
        let len = mine.len().min(name.len());
        name[..len].copy_from_slice(&mine.as_bytes()[..len]);
        peer.send(&name[..]);
    } else {
        peer.receive_into(&mut name[..]);
    }
    let peer_name = String::from_utf8_lossy(&name).trim_end_matches('\0').to_string();

    let mut small = [0u8; 8];
    for _ in 0..100 {
        round_trip(&mut small);
    }
    let mut halves: Vec<f64> = (0..1000)
        .map(|_| {
            let start = Instant::now();
            round_trip(&mut small);
            start.elapsed().as_secs_f64() / 2.0
        })
        .collect();
    let latency = median(&mut halves);
    let mut large = vec![1u8; MPI_LARGE];
    round_trip(&mut large);
    let mut best = f64::INFINITY;
    for _ in 0..20 {
        let start = Instant::now();
        round_trip(&mut large);
        best = best.min(start.elapsed().as_secs_f64() / 2.0);
    }
    if rank == 0 {
        let mine = &mine.as_bytes()[..mine.len().min(name.len())];
        let between_nodes = u8::from(!mine.is_empty() && mine != peer_name.as_bytes());
        emit(format!("mpi {latency} {} {between_nodes}", MPI_LARGE as f64 / best));
        emit(format!("mpi_init {init}"));
    }
    let end = Instant::now();
    comm::finalize();
    if rank == 0 {
        emit(format!("mpi_start 2 {init} {}", end.elapsed().as_secs_f64()));
    }
    Ok(())
}

/// `mpi-start`, under `mpirun -np N`: what a program of N ranks pays to start MPI and to end
/// it (`MPI_Init`, and the end's barrier and `MPI_Finalize`), as rank 0 sees them.
fn mpi_start() -> Result<(), String> {
    use runtime_core::comm;
    let start = Instant::now();
    comm::init();
    let init = start.elapsed().as_secs_f64();
    let ranks = comm::size();
    let rank = comm::rank();
    let end = Instant::now();
    comm::finalize();
    if rank == 0 {
        emit(format!("mpi_start {ranks} {init} {}", end.elapsed().as_secs_f64()));
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------
// GPU.

/// Bytes of the device-to-device copy (at most a quarter of the free memory).
const GPU_COPY: usize = 1 << 30;
/// Bytes of each host-device transfer.
const GPU_TRANSFER: usize = 256 << 20;
/// Empty kernels launched back to back.
const GPU_LAUNCHES: usize = 1000;
/// Reduce-all round trips timed (the median taken).
const GPU_SYNCS: usize = 200;
/// Accumulators of the FMA kernels (each thread's independent chains) and FMAs of each
/// per loop iteration.
const FMA_CHAINS: usize = 8;
const FMA_UNROLL: usize = 4;

/// The PTX of the GPU measurements: an empty kernel, and FMA chains in float64 and float32
/// (`out[thread] = sum of the chains`, so that none is removed), written by hand.
fn measure_ptx() -> String {
    let mut ptx = String::from(
        ".version 7.0\n.target sm_60\n.address_size 64\n\n.visible .entry legatec_measure_empty()\n{\n\tret;\n}\n",
    );
    for (ty, reg, bytes) in [("f64", "%fd", 8), ("f32", "%fs", 4)] {
        let literal = |v: f64| if bytes == 8 { format!("0d{:016X}", v.to_bits()) } else { format!("0f{:08X}", (v as f32).to_bits()) };
        let m = FMA_CHAINS;
        ptx += &format!(
            "\n.visible .entry legatec_measure_fma_{ty}(.param .u64 p_out, .param .u32 p_iters)\n{{\n\
             \t.reg .pred %p<2>;\n\t.reg .b32 %r<8>;\n\t.reg .b64 %rd<4>;\n\t.reg .{ty} {reg}<{}>;\n\
             \tld.param.u64 %rd1, [p_out];\n\tld.param.u32 %r1, [p_iters];\n\
             \tmov.u32 %r2, %ctaid.x;\n\tmov.u32 %r3, %ntid.x;\n\tmov.u32 %r4, %tid.x;\n\
             \tmad.lo.s32 %r5, %r2, %r3, %r4;\n\tcvt.rn.{ty}.u32 {reg}{m}, %r5;\n\
             \tmul.{ty} {reg}{m}, {reg}{m}, {};\n",
            m + 2,
            literal(1.0 / 1048576.0)
        );
        for j in 0..m {
            ptx += &format!("\tadd.{ty} {reg}{j}, {reg}{m}, {};\n", literal(j as f64 + 1.0));
        }
        ptx += &format!(
            "\tmov.{ty} {reg}{m}, {};\n\tmov.{ty} {reg}{}, {};\n\tmov.u32 %r6, 0;\n\
             \tsetp.eq.u32 %p1, %r1, 0;\n\t@%p1 bra DONE_{ty};\nLOOP_{ty}:\n",
            literal(0.999_999),
            m + 1,
            literal(1e-6)
        );
        for _ in 0..FMA_UNROLL {
            for j in 0..m {
                ptx += &format!("\tfma.rn.{ty} {reg}{j}, {reg}{j}, {reg}{m}, {reg}{};\n", m + 1);
            }
        }
        ptx += &format!("\tadd.u32 %r6, %r6, 1;\n\tsetp.lt.u32 %p1, %r6, %r1;\n\t@%p1 bra LOOP_{ty};\nDONE_{ty}:\n");
        for j in 1..m {
            ptx += &format!("\tadd.{ty} {reg}0, {reg}0, {reg}{j};\n");
        }
        ptx += &format!(
            "\tmul.wide.u32 %rd2, %r5, {bytes};\n\tadd.u64 %rd3, %rd1, %rd2;\n\tst.global.{ty} [%rd3], {reg}0;\n\tret;\n}}\n"
        );
    }
    ptx
}

fn gpu() -> Result<(), String> {
    // The runtime's probe (driver library, a GPU, its primary context made current on this
    // thread), with this program's PTX as the module it loads.
    let mut ptx = measure_ptx().into_bytes();
    ptx.push(0);
    let ptx: &'static [u8] = Box::leak(ptx.into_boxed_slice());
    // A program's start and end on the GPU: fresh processes that probe it (`gpu-start`),
    // each timed from its start to its exit (the driver loaded, the device opened, a context
    // made and destroyed), before this one opens the device: a program alone on an idle
    // device pays for opening it, which one started while another holds it does not
    // (0.13 s against 0.20-0.22 s measured on an H100 machine). The median of 5.
    let mut starts: Vec<f64> = (0..GPU_STARTS)
        .filter_map(|_| {
            let exe = std::env::current_exe().ok()?;
            let start = Instant::now();
            let out = std::process::Command::new(exe).arg("gpu-start").output().ok()?;
            let seconds = start.elapsed().as_secs_f64();
            // A process that found no GPU prints nothing.
            (out.status.success() && !out.stdout.is_empty()).then_some(seconds)
        })
        .collect();
    // A program's first product (cuBLAS's start) in fresh processes too: the median of 5, the
    // first of which may read cuBLAS from disk (0.8-1.0 s on a fresh H100 machine, 0.17-0.23
    // s once the files are in memory).
    // Each prints its first product, then its first large GEMM's and first GEMV's loads.
    let blas: Vec<[f64; 3]> = (0..GPU_STARTS)
        .filter_map(|_| {
            let out = std::process::Command::new(std::env::current_exe().ok()?).arg("gpu-blas-start").output().ok()?;
            eprint!("{}", String::from_utf8_lossy(&out.stderr));
            let fields: Vec<f64> = String::from_utf8_lossy(&out.stdout).split_whitespace().filter_map(|f| f.parse().ok()).collect();
            <[f64; 3]>::try_from(fields).ok()
        })
        .collect();
    let column = |i: usize| {
        let mut v: Vec<f64> = blas.iter().map(|b| b[i]).collect();
        (!v.is_empty()).then(|| median(&mut v))
    };
    let blas_start = column(0).map(|init| (init, column(1).unwrap_or(0.0), column(2).unwrap_or(0.0)));
    runtime_core::gpu::set_module(ptx.as_ptr() as *const c_char);
    match runtime_core::gpu::active() {
        Ok(true) => {}
        Ok(false) => return Ok(()),
        Err(e) => return Err(e.message),
    }
    if !starts.is_empty() {
        emit(format!("gpu_init {}", median(&mut starts)));
    }
    // SAFETY: the probe made a context current on this thread; every pointer below is
    // allocated here, used within its size and freed once.
    unsafe { gpu_measure(ptx, blas_start) }
}

/// Starts processes that probe the GPU (`gpu-start`).
const GPU_STARTS: usize = 5;
/// Device copies queued back to back per timing of a size (`gpu_bandwidth`).
const GPU_SIZED_COPIES: usize = 20;

/// `gpu-start`: the seconds of the runtime's probe in this fresh process, as a program
/// pays it before its first kernel (the driver, the context, a small module).
/// `gpu-blas-start`: the seconds of this fresh process's first product on the device (cuBLAS
/// loaded, its handle made, an 8 x 1024 by 1024 x 8 GEMM), as a program pays it, then (after
/// the same product in float32, as a program that warms up both dtypes makes) what the
/// first large GEMM (1024 cubed; the mean of float64 and float32) and the first GEMV
/// (1024 x 1024, as it is and transposed, float64; the mean) take beyond their later calls,
/// as a program that made a product before pays at another kind's first use; nothing where
/// there is no GPU or no cuBLAS.
fn gpu_blas_start() -> Result<(), String> {
    use cudarc::driver::result;
    let mut ptx = measure_ptx().into_bytes();
    ptx.push(0);
    let ptx: &'static [u8] = Box::leak(ptx.into_boxed_slice());
    runtime_core::gpu::set_module(ptx.as_ptr() as *const c_char);
    if !runtime_core::gpu::active().map_err(|e| e.message)? {
        return Ok(());
    }
    let err = |e: result::DriverError| format!("CUDA failed: {e:?}");
    let n = 1024usize;
    let mut buffers = [0u64; 3];
    for b in &mut buffers {
        // SAFETY: the probe made a context current; each buffer is freed below.
        *b = unsafe { result::malloc_sync(n * n * 8) }.map_err(err)?;
        unsafe { result::memset_d8_sync(*b, 0, n * n * 8) }.map_err(err)?;
    }
    let [a, b, c] = buffers;
    // Seconds of one product, waited for; None where cuBLAS failed.
    let time = |product: &dyn Fn() -> bool| -> Result<Option<f64>, String> {
        let start = Instant::now();
        let ran = product();
        result::ctx::synchronize().map_err(err)?;
        Ok(ran.then(|| start.elapsed().as_secs_f64()))
    };
    // What a product's first call takes beyond the best of its next three.
    let load = |product: &dyn Fn() -> bool| -> Result<Option<f64>, String> {
        let Some(first) = time(product)? else { return Ok(None) };
        let mut later = f64::INFINITY;
        for _ in 0..3 {
            later = later.min(time(product)?.unwrap_or(f64::INFINITY));
        }
        Ok(Some((first - later).max(0.0)))
    };
    // SAFETY (every product below): the buffers hold 1024 x 1024 float64s each.
    let init = time(&|| unsafe { runtime_blas::gemm_on_device(false, 8, n, 8, a, b, c) })?;
    // A small float32 product too, as programs that warm up both dtypes make.
    let small_f32 = load(&|| unsafe { runtime_blas::gemm_on_device(true, 8, n, 8, a, b, c) })?;
    let gemm = [false, true].map(|f32| load(&|| unsafe { runtime_blas::gemm_on_device(f32, n, n, n, a, b, c) }));
    // A tall matrix (32768 x 32), as data-science programs multiply.
    let gemv = [false, true].map(|t| load(&|| unsafe { runtime_blas::gemv_on_device(t, n * n / 32, 32, a, b, c) }));
    eprintln!("gpu-blas-start: first product {init:?}, small float32 GEMM load {small_f32:?}, large GEMM loads (float64, float32) {gemm:?}, GEMV loads (as it is, transposed) {gemv:?}");
    let mean = |pair: [Result<Option<f64>, String>; 2]| -> Result<Option<f64>, String> {
        let [x, y] = pair;
        Ok(x?.zip(y?).map(|(x, y)| (x + y) / 2.0))
    };
    if let (Some(init), Some(gemm), Some(gemv)) = (init, mean(gemm)?, mean(gemv)?) {
        println!("{init} {gemm} {gemv}");
    }
    for b in buffers {
        unsafe { result::free_sync(b) }.map_err(err)?;
    }
    Ok(())
}

fn gpu_start() -> Result<(), String> {
    let mut ptx = measure_ptx().into_bytes();
    ptx.push(0);
    let ptx: &'static [u8] = Box::leak(ptx.into_boxed_slice());
    runtime_core::gpu::set_module(ptx.as_ptr() as *const c_char);
    let start = Instant::now();
    match runtime_core::gpu::active() {
        Ok(true) => {
            println!("{}", start.elapsed().as_secs_f64());
            Ok(())
        }
        Ok(false) => Ok(()),
        Err(e) => Err(e.message),
    }
}

/// `blas_start`: fresh processes' first product and first large GEMM's and GEMV's loads
/// (`gpu-blas-start`, medians), where measured.
unsafe fn gpu_measure(ptx: &'static [u8], blas_start: Option<(f64, f64, f64)>) -> Result<(), String> {
    use cudarc::driver::{result, sys};
    let err = |what: &'static str| move |e: result::DriverError| format!("CUDA {what} failed: {e:?}");
    let sync = || result::ctx::synchronize().map_err(err("synchronisation"));
    let mut device: sys::CUdevice = 0;
    unsafe { sys::cuCtxGetDevice(&mut device) }.result().map_err(err("device query"))?;
    let name = result::device::get_name(device).unwrap_or_else(|_| "GPU".into());
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    let sms = unsafe { result::device::get_attribute(device, sys::CUdevice_attribute::CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT) }
        .map_err(err("attribute query"))?
        .max(1) as u32;
    let module = unsafe { result::module::load_data(ptx.as_ptr() as *const c_void) }.map_err(err("loading the PTX"))?;
    let function = |name: &str| unsafe { result::module::get_function(module, std::ffi::CString::new(name).unwrap_or_default()) };
    let empty = function("legatec_measure_empty").map_err(err("kernel lookup"))?;

    // Device-to-device copy.
    let (free, _) = result::mem_get_info().map_err(err("memory query"))?;
    let copy = GPU_COPY.min(free / 4) & !((1 << 20) - 1);
    if copy == 0 {
        return Err("too little free GPU memory".into());
    }
    let src = unsafe { result::malloc_sync(copy) }.map_err(err("allocation"))?;
    let dst = unsafe { result::malloc_sync(copy) }.map_err(err("allocation"))?;
    unsafe { result::memset_d8_sync(src, 1, copy) }.map_err(err("memset"))?;
    sync()?;
    let mut best = f64::INFINITY;
    for i in 0..11 {
        let start = Instant::now();
        unsafe { result::memcpy_dtod_sync(dst, src, copy) }.map_err(err("device copy"))?;
        sync()?;
        if i > 0 {
            best = best.min(start.elapsed().as_secs_f64());
        }
    }
    let bandwidth = 2.0 * copy as f64 / best;

    // Host to device and back, from pinned memory where the driver gives it.
    let transfer = GPU_TRANSFER.min(copy);
    let pinned = unsafe { result::malloc_host(transfer, 0) }.ok().filter(|p| !p.is_null());
    let mut pageable = Vec::new();
    let host: &mut [u8] = match pinned {
        Some(p) => unsafe { std::slice::from_raw_parts_mut(p as *mut u8, transfer) },
        None => {
            eprintln!("legatec measure gpu: no pinned host memory; transfers measured from pageable memory");
            pageable.resize(transfer, 0u8);
            &mut pageable
        }
    };
    host.fill(1);
    let (mut to_device, mut to_host) = (f64::INFINITY, f64::INFINITY);
    for i in 0..6 {
        let start = Instant::now();
        unsafe { result::memcpy_htod_sync(src, &*host) }.map_err(err("copy to the device"))?;
        sync()?;
        let up = start.elapsed().as_secs_f64();
        let start = Instant::now();
        unsafe { result::memcpy_dtoh_sync(&mut *host, src) }.map_err(err("copy to the host"))?;
        sync()?;
        let down = start.elapsed().as_secs_f64();
        if i > 0 {
            to_device = to_device.min(up);
            to_host = to_host.min(down);
        }
    }
    if let Some(p) = pinned {
        unsafe { result::free_host(p) }.map_err(err("free"))?;
    }

    // Empty kernels back to back.
    let launch = |f: sys::CUfunction, grid: u32, params: &mut [*mut c_void]| unsafe {
        result::launch_kernel(f, (grid, 1, 1), (256, 1, 1), 0, std::ptr::null_mut(), params)
    };
    for _ in 0..20 {
        launch(empty, 1, &mut []).map_err(err("kernel launch"))?;
    }
    sync()?;
    let start = Instant::now();
    for _ in 0..GPU_LAUNCHES {
        launch(empty, 1, &mut []).map_err(err("kernel launch"))?;
    }
    sync()?;
    let launch_seconds = start.elapsed().as_secs_f64() / GPU_LAUNCHES as f64;

    // Copies by size, queued as a program's kernels are: small ones stay in the L2. From
    // 16 MiB of footprint, where a copy takes longer than a launch, so the queue is the
    // device's and not the host's (smaller kernels are bound by their launch, which the
    // model charges apart).
    let mut bytes = 8usize << 20;
    while bytes <= copy.min(256 << 20) {
        let mut best = f64::INFINITY;
        for _ in 0..3 {
            let start = Instant::now();
            for _ in 0..GPU_SIZED_COPIES {
                unsafe { result::memcpy_dtod_async(dst, src, bytes, std::ptr::null_mut()) }.map_err(err("device copy"))?;
            }
            sync()?;
            best = best.min(start.elapsed().as_secs_f64());
        }
        emit(format!("gpu_bandwidth {} {}", 2 * bytes, (2 * bytes * GPU_SIZED_COPIES) as f64 / best));
        bytes *= 2;
    }
    unsafe { result::free_sync(dst) }.map_err(err("free"))?;
    unsafe { result::free_sync(src) }.map_err(err("free"))?;

    // What a reduce-all adds to its kernel: waiting for it, then downloading its partials
    // (as many as the runtime's most, 1024 words) and the error flag, as `gpu.rs` does.
    let partials = unsafe { result::malloc_sync(1024 * 8) }.map_err(err("allocation"))?;
    let mut words = vec![0u64; 1024];
    let mut flag = [0u64; 1];
    let mut syncs = Vec::with_capacity(GPU_SYNCS);
    for _ in 0..GPU_SYNCS {
        let start = Instant::now();
        launch(empty, 1, &mut []).map_err(err("kernel launch"))?;
        unsafe { result::memcpy_dtoh_sync(&mut words, partials) }.map_err(err("copy to the host"))?;
        unsafe { result::memcpy_dtoh_sync(&mut flag, partials) }.map_err(err("copy to the host"))?;
        syncs.push((start.elapsed().as_secs_f64() - launch_seconds).max(0.0));
    }
    unsafe { result::free_sync(partials) }.map_err(err("free"))?;
    emit(format!("gpu_reduce_sync {}", median(&mut syncs)));

    // A kernel's first launch in a process: the lookup (which loads it, lazily) and the
    // launch, beyond a later launch of it; an FMA kernel of no iterations, one thread.
    {
        let out = unsafe { result::malloc_sync(256 * 8) }.map_err(err("allocation"))?;
        let once = || -> Result<f64, String> {
            let start = Instant::now();
            let f = function("legatec_measure_fma_f32").map_err(err("kernel lookup"))?;
            let (mut out_arg, mut iters_arg) = (out, 0u32);
            let mut params = [&mut out_arg as *mut u64 as *mut c_void, &mut iters_arg as *mut u32 as *mut c_void];
            launch(f, 1, &mut params).map_err(err("kernel launch"))?;
            sync()?;
            Ok(start.elapsed().as_secs_f64())
        };
        let first = once()?;
        let mut later = f64::INFINITY;
        for _ in 0..20 {
            later = later.min(once()?);
        }
        unsafe { result::free_sync(out) }.map_err(err("free"))?;
        emit(format!("gpu_kernel_load {}", (first - later).max(0.0)));
    }

    // FMA chains: 16 blocks of 256 threads per SM (full occupancy, several waves' worth).
    let grid = sms * 16;
    let threads = grid as usize * 256;
    let out = unsafe { result::malloc_sync(threads * 8) }.map_err(err("allocation"))?;
    let mut rates = [0.0f64; 2];
    for (rate, ty) in rates.iter_mut().zip(["f64", "f32"]) {
        let f = function(&format!("legatec_measure_fma_{ty}")).map_err(err("kernel lookup"))?;
        let mut iterations: u32 = 64;
        let mut best = f64::INFINITY;
        let mut timed = 0;
        while timed < 3 {
            let (mut out_arg, mut iters_arg) = (out, iterations);
            let mut params = [&mut out_arg as *mut u64 as *mut c_void, &mut iters_arg as *mut u32 as *mut c_void];
            let start = Instant::now();
            launch(f, grid, &mut params).map_err(err("kernel launch"))?;
            sync()?;
            let seconds = start.elapsed().as_secs_f64();
            if seconds < 0.02 && iterations < 1 << 24 {
                iterations *= 4;
                continue;
            }
            best = best.min(seconds);
            timed += 1;
        }
        *rate = (2 * FMA_CHAINS * FMA_UNROLL) as f64 * iterations as f64 * threads as f64 / best;
    }
    unsafe { result::free_sync(out) }.map_err(err("free"))?;

    // cuBLAS: a program's first product (the library loaded, its handle made, an 8 x 1024 by
    // 1024 x 8 GEMM), then what the first GEMM of another shape (1024 x 1024 by 1024 x 1024)
    // takes beyond its later ones: cuBLAS loads the kernels it picks at their first use.
    let n = 1024usize;
    let mut buffers = [0u64; 3];
    for b in &mut buffers {
        *b = unsafe { result::malloc_sync(n * n * 8) }.map_err(err("allocation"))?;
        unsafe { result::memset_d8_sync(*b, 0, n * n * 8) }.map_err(err("memset"))?;
    }
    let [a, b, c] = buffers;
    let start = Instant::now();
    if unsafe { runtime_blas::gemm_on_device(false, 8, n, 8, a, b, c) } {
        sync()?;
        let init = start.elapsed().as_secs_f64();
        let time = |f32: bool| -> Result<f64, String> {
            let start = Instant::now();
            if !unsafe { runtime_blas::gemm_on_device(f32, n, n, n, a, b, c) } {
                return Err("a cuBLAS product failed".into());
            }
            sync()?;
            Ok(start.elapsed().as_secs_f64())
        };
        let first = time(false)?;
        let mut later = [f64::INFINITY; 2];
        for (f32, best) in [false, true].into_iter().zip(&mut later) {
            for _ in 0..4 {
                *best = best.min(time(f32)?);
            }
        }
        let flops = 2.0 * (n as f64).powi(3);
        // Fresh processes' medians where measured; else this process's first GEMM.
        let (init, load) = blas_start.map_or((init, (first - later[0]).max(0.0)), |(i, l, _)| (i, l));
        emit(format!("gpu_blas {init} {load} {} {}", flops / later[0], flops / later[1]));
        if let Some((_, _, gemv)) = blas_start {
            emit(format!("gpu_blas_gemv_load {gemv}"));
        }
    }
    for b in buffers {
        unsafe { result::free_sync(b) }.map_err(err("free"))?;
    }
    let _ = unsafe { result::module::unload(module) };
    emit(format!(
        "gpu {bandwidth} {launch_seconds} {} {} {} {} {name}",
        transfer as f64 / to_device,
        transfer as f64 / to_host,
        rates[0],
        rates[1]
    ));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thread_counts_double_then_end_at_the_cores() {
        assert_eq!(thread_counts(1), vec![1]);
        assert_eq!(thread_counts(2), vec![1, 2]);
        assert_eq!(thread_counts(6), vec![1, 2, 4, 6]);
        assert_eq!(thread_counts(8), vec![1, 2, 4, 8]);
    }

    #[test]
    fn kernels_compute_what_they_say() {
        let a: Vec<f64> = (0..21).map(f64::from).collect();
        assert_eq!(stream_read(&a), 210.0);
        let mut b = vec![0.0; 21];
        stream_copy(&mut b, &a, 1.0);
        assert_eq!(a, b);
        let mut c = vec![0.0; 21];
        stream_triad(&mut c, &a, &b, 0.5);
        assert!(c.iter().zip(&a).all(|(c, a)| *c == 1.5 * a));
        let x = [1.0, 4.0];
        let mut y = [1.0, 1.0];
        run_op(Class::Arith, 2, &x, &mut y, 0.5);
        assert_eq!(y, [2.0, 5.0]);
        run_op(Class::Sqrt, 1, &x, &mut y, 0.0);
        assert_eq!(y, [1.0, 2.0]);
    }

    #[test]
    fn os_texts() {
        assert_eq!(cache_bytes("32K"), Some(32 << 10));
        assert_eq!(cache_bytes("1024K"), Some(1 << 20));
        assert_eq!(cache_bytes("32M"), Some(32 << 20));
        assert_eq!(cache_bytes("512"), Some(512));
        assert_eq!(cache_bytes("3X"), None);
        assert_eq!(cpu_count("0"), 1);
        assert_eq!(cpu_count("0-1"), 2);
        assert_eq!(cpu_count("0-3,8,10-11"), 7);
        assert_eq!(cpu_model("processor\t: 0\nmodel\t\t: 85\nmodel name\t: Intel(R)  Xeon(R) CPU @ 2.20GHz\n"), "Intel(R) Xeon(R) CPU @ 2.20GHz");
        assert_eq!(cpu_model("processor\t: 0\nCPU part\t: 0xd0c\n"), "0xd0c");
        assert_eq!(cpu_model(""), "unknown");
    }

    #[test]
    fn caches_are_read_from_index_folders() {
        let dir = std::env::temp_dir().join(format!("legatec-measure-caches-{}", std::process::id()));
        let index = |i: usize, files: &[(&str, &str)]| {
            let d = dir.join(format!("index{i}"));
            std::fs::create_dir_all(&d).unwrap();
            for (name, text) in files {
                std::fs::write(d.join(name), format!("{text}\n")).unwrap();
            }
        };
        index(0, &[("level", "1"), ("type", "Data"), ("size", "48K"), ("shared_cpu_list", "0-1")]);
        index(1, &[("level", "1"), ("type", "Instruction"), ("size", "32K"), ("shared_cpu_list", "0-1")]);
        index(2, &[("level", "3"), ("type", "Unified"), ("size", "105M"), ("shared_cpu_list", "0-3,8")]);
        index(3, &[("level", "2"), ("type", "Unified"), ("size", "2048K")]);
        index(4, &[("level", "4"), ("type", "Unified")]);
        std::fs::create_dir_all(dir.join("power")).unwrap();
        let found = caches(&dir);
        let _ = std::fs::remove_dir_all(&dir);
        let cache = |level, kind: &str, bytes, shared_by| Cache { level, kind: kind.into(), bytes, shared_by };
        assert_eq!(
            found,
            vec![cache(1, "Data", 48 << 10, 2), cache(1, "Instruction", 32 << 10, 2), cache(2, "Unified", 2 << 20, 1), cache(3, "Unified", 105 << 20, 5)]
        );
        assert_eq!(caches(&dir), Vec::new());
    }

    #[test]
    fn the_ptx_declares_its_kernels() {
        let ptx = measure_ptx();
        for entry in ["legatec_measure_empty", "legatec_measure_fma_f64", "legatec_measure_fma_f32"] {
            assert!(ptx.contains(&format!(".entry {entry}(")), "{ptx}");
        }
        assert_eq!(ptx.matches("fma.rn.f64").count(), FMA_CHAINS * FMA_UNROLL);
        // Assembled where ptxas is (scripts/setup.sh puts one under /opt/legatec/cuda).
        let ptxas = std::path::Path::new("/opt/legatec/cuda/bin/ptxas");
        if ptxas.exists() {
            let dir = std::env::temp_dir().join(format!("legatec-measure-ptx-{}", std::process::id()));
            std::fs::create_dir_all(&dir).unwrap();
            let file = dir.join("measure.ptx");
            std::fs::write(&file, &ptx).unwrap();
            let out = std::process::Command::new(ptxas).args(["-arch=sm_80", "-o"]).arg(dir.join("measure.cubin")).arg(&file).output().unwrap();
            let _ = std::fs::remove_dir_all(&dir);
            assert!(out.status.success(), "ptxas: {}", String::from_utf8_lossy(&out.stderr));
        }
    }
}
