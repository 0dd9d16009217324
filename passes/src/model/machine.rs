//! A machine description: what the performance model (`super`) knows of the hardware a
//! program runs on, as measured by `legatec machine --measure -o FILE` (the `cli` crate's
//! `machine.rs` runs the measurements and writes this struct as TOML). The descriptions of
//! the machines the project measures on ship in `machines/` and are chosen by name.
//!
//! Every rate is per second; bandwidths are bytes moved (read plus written) per second.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Machine {
    /// A short name (`vm-2core`, `h200-cpu`).
    pub name: String,
    /// The command that made the description and when.
    pub measured_with: String,
    pub cpu: Cpu,
    /// Between two ranks of this machine (or of two nodes, when measured under a launcher on
    /// two); absent when no MPI launcher was found.
    pub mpi: Option<Mpi>,
    /// The first GPU, when one was found.
    pub gpu: Option<Gpu>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Cpu {
    /// The CPU model as the OS names it.
    pub model: String,
    /// Logical cores the OS lets this process use.
    pub cores: u32,
    /// From the OS (`/sys/devices/system/cpu/cpu0/cache`).
    pub caches: Vec<Cache>,
    /// Memory bandwidth with 1, 2, 4 ... threads and with all cores, each thread streaming
    /// its own part of arrays much larger than the last-level cache.
    pub bandwidth: Vec<Bandwidth>,
    /// The same over arrays that fill a quarter of the whole last-level cache: the
    /// bandwidth of kernels whose data stays there.
    #[serde(default)]
    pub llc_bandwidth: Vec<Bandwidth>,
    /// The same over arrays that fill half of each thread's L2 cache: the bandwidth of
    /// kernels whose share of the data stays in the cores' L2; absent in descriptions made
    /// before (then the last-level cache's).
    #[serde(default)]
    pub l2_bandwidth: Vec<Bandwidth>,
    /// Per core: element operations per second of each class, on data in the L1 cache.
    pub ops: Ops,
    /// Products as programs run them (a 1024 x 1024 GEMM split over 1, 2, 4... threads and
    /// all cores); absent in descriptions measured before (then `ops.gemm` per thread).
    #[serde(default)]
    pub gemm: Vec<GemmRate>,
    /// Seconds to start a parallel kernel over the threads and wait for it (fork-join).
    pub launch_seconds: f64,
    /// Seconds per byte a first write into freshly mapped memory adds (page faults and
    /// zeroing; on a virtual machine the host's too); 0 where not measured.
    #[serde(default)]
    pub first_touch_seconds: f64,
}

/// Where a kernel's bytes come from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    Memory,
    LastLevel,
    L2,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GemmRate {
    pub threads: u32,
    /// Flops (2 per multiply-add) per second of the whole product, float64 and float32.
    pub f64: f64,
    pub f32: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Cache {
    pub level: u32,
    /// `Data`, `Instruction` or `Unified`, as the OS says.
    pub kind: String,
    pub bytes: u64,
    /// Logical cores that share one instance.
    pub shared_by: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Bandwidth {
    pub threads: u32,
    /// `s += a[i]`: bytes read per second.
    pub read: f64,
    /// `b[i] = a[i]`: bytes read plus bytes written per second.
    pub copy: f64,
    /// `a[i] = b[i] + s * c[i]`: bytes read plus bytes written per second.
    pub triad: f64,
}

/// Element operations per second on one core, float64, vectorised where the compiler
/// vectorises them (the kernels' loops are).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Ops {
    /// Additions, subtractions, multiplications, comparisons, selections (`a * x + y`: 2).
    pub arith: f64,
    pub div: f64,
    pub sqrt: f64,
    /// `exp`, `log`, `sin`... calls into the math library, per call.
    pub transcendental: f64,
    /// `pow` with a float exponent, per call.
    pub pow: f64,
    /// Float64 GEMM (`cblas_dgemm`, serial), flops (2 per multiply-add) per second.
    pub gemm: f64,
    /// Calls per second of each math function (NumPy's names; `power` for `**`) as compiled
    /// kernels compute them, in the L2 cache (`legatec machine`'s calibration program);
    /// functions absent count at `transcendental` (`pow` for `power`).
    #[serde(default)]
    pub math: std::collections::BTreeMap<String, f64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Mpi {
    /// Half a round trip of an 8-byte message (ping-pong).
    pub latency_seconds: f64,
    /// Bytes per second of one large message (16 MiB, ping-pong).
    pub bandwidth: f64,
    /// Whether the two ranks were on two nodes.
    pub between_nodes: bool,
    /// Seconds a rank spends starting MPI (`MPI_Init`), which a run of several ranks pays.
    #[serde(default)]
    pub init_seconds: f64,
    /// A run's start and end by its number of ranks (`MPI_Init`; the end's barrier and
    /// `MPI_Finalize`), as measured; absent in descriptions made before (then
    /// `init_seconds`).
    #[serde(default)]
    pub start: Vec<MpiStart>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MpiStart {
    pub ranks: u32,
    pub init_seconds: f64,
    pub end_seconds: f64,
}

impl Mpi {
    /// Seconds a run of `ranks` ranks spends starting and ending MPI: the measured rank
    /// counts joined by straight lines, the last segment's slope beyond them (and the first
    /// measurement below it); `init_seconds` where none was measured.
    pub fn start_and_end(&self, ranks: u32) -> f64 {
        let points: Vec<(f64, f64)> = self.start.iter().map(|s| (f64::from(s.ranks), s.init_seconds + s.end_seconds)).collect();
        let r = f64::from(ranks);
        match points.as_slice() {
            [] => self.init_seconds,
            [(_, only)] => *only,
            _ => {
                let at = points.windows(2).position(|w| r <= w[1].0).unwrap_or(points.len() - 2);
                let ((r0, s0), (r1, s1)) = (points[at], points[at + 1]);
                if r <= r0 {
                    return s0;
                }
                (s0 + (s1 - s0) * (r - r0) / (r1 - r0).max(1.0)).max(0.0)
            }
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Gpu {
    pub name: String,
    /// Device-to-device copy, bytes read plus written per second.
    pub bandwidth: f64,
    /// Seconds from launching an empty kernel to its completion, launches back to back.
    pub launch_seconds: f64,
    pub host_to_device: f64,
    pub device_to_host: f64,
    /// Float64 and float32 element operations per second of the whole device (arith class).
    pub ops_f64: f64,
    pub ops_f32: f64,
    /// Seconds a process spends before its first kernel: loading the driver, creating the
    /// context and loading a (small) module. A program's own module may take longer to load
    /// where the driver compiles its PTX.
    #[serde(default)]
    pub init_seconds: f64,
    /// Seconds a reduce-all adds to its kernel: the host waits for it and downloads its
    /// partial results.
    #[serde(default)]
    pub reduce_sync_seconds: f64,
    /// Seconds a program's first product on the device adds: cuBLAS loaded, its handle made.
    #[serde(default)]
    pub blas_init_seconds: f64,
    /// Seconds the first product of each new kind (GEMM or GEMV, dtype, operand layouts,
    /// small or large) adds: cuBLAS loads the kernels it picks at their first use.
    #[serde(default)]
    pub blas_load_seconds: f64,
    /// cuBLAS's GEMM flops per second (1024 x 1024 by 1024 x 1024), float64 and float32;
    /// 0 where not measured (then `ops_f64` and `ops_f32`).
    #[serde(default)]
    pub blas_gemm_f64: f64,
    #[serde(default)]
    pub blas_gemm_f32: f64,
    /// Seconds a kernel's first launch in a run adds (the driver loads it then).
    #[serde(default)]
    pub kernel_load_seconds: f64,
    /// As `blas_load_seconds`, for matrix-vector products (GEMV); `None` where not measured
    /// (then `blas_load_seconds`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub blas_gemv_load_seconds: Option<f64>,
    /// Device-to-device copies by footprint (bytes read plus written of one copy, bytes per
    /// second), smallest first: data that fits the L2 stays there. Empty where not measured
    /// (then `bandwidth` at every size).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub bandwidth_by_footprint: Vec<[f64; 2]>,
}

impl Gpu {
    /// Bytes per second of a kernel that moves `bytes` (read plus written): the copies by
    /// footprint joined by straight lines in the logarithm of the footprint, the smallest's
    /// below them, `bandwidth` (of the largest copy) beyond.
    pub fn bandwidth_at(&self, bytes: f64) -> f64 {
        let points = &self.bandwidth_by_footprint;
        let Some(&[first, first_rate]) = points.first() else { return self.bandwidth };
        if bytes <= first {
            return first_rate;
        }
        for w in points.windows(2) {
            let ([x0, r0], [x1, r1]) = (w[0], w[1]);
            if bytes <= x1 {
                let t = (bytes.ln() - x0.ln()) / (x1.ln() - x0.ln()).max(f64::MIN_POSITIVE);
                return r0 + (r1 - r0) * t;
            }
        }
        // Beyond the last sized copy, toward the large copy's rate at eight times its size.
        let [last, last_rate] = points[points.len() - 1];
        let t = ((bytes.ln() - last.ln()) / 8f64.ln()).min(1.0);
        last_rate + (self.bandwidth - last_rate) * t
    }

    /// Seconds the first product of a kind adds (GEMV or GEMM).
    pub fn blas_load(&self, gemv: bool) -> f64 {
        match self.blas_gemv_load_seconds {
            Some(s) if gemv => s,
            _ => self.blas_load_seconds,
        }
    }
}

impl Ops {
    /// Calls per second of the math function NumPy names `name` (`power` for `**`), on one
    /// core.
    pub fn math_rate(&self, name: &str) -> f64 {
        match (self.math.get(name), name) {
            (Some(rate), _) => *rate,
            (None, "power") => self.pow,
            // A description measured before the integer remainder was: a division.
            (None, "remainder") => self.div,
            (None, _) => self.transcendental,
        }
    }
}

impl Machine {
    pub fn from_toml(text: &str) -> Result<Machine, String> {
        toml::from_str(text).map_err(|e| e.to_string())
    }

    pub fn to_toml(&self) -> String {
        toml::to_string_pretty(self).expect("a machine description serialises")
    }

    /// The bandwidth row for `threads` threads: the measured one with the most threads not
    /// above it (the first row below 1), of the level's rows where measured, else of the
    /// next level out's.
    pub fn bandwidth(&self, threads: u32, level: Level) -> Option<&Bandwidth> {
        let c = &self.cpu;
        let rows = match level {
            Level::L2 if !c.l2_bandwidth.is_empty() => &c.l2_bandwidth,
            Level::L2 | Level::LastLevel if !c.llc_bandwidth.is_empty() => &c.llc_bandwidth,
            _ => &c.bandwidth,
        };
        rows.iter().filter(|b| b.threads <= threads.max(1)).max_by_key(|b| b.threads).or(rows.first())
    }

    /// Flops per second of a matrix product on `threads` threads of the node (float32 where
    /// `f32`): the measured row with the most threads not above it, else one core's
    /// float64 GEMM rate times the threads.
    pub fn gemm_rate(&self, threads: u32, f32: bool) -> f64 {
        let threads = threads.max(1);
        match self.cpu.gemm.iter().filter(|g| g.threads <= threads).max_by_key(|g| g.threads) {
            // Between measured rows, or above the last: in proportion to the threads.
            Some(g) => (if f32 { g.f32 } else { g.f64 }) * f64::from(threads) / f64::from(g.threads),
            None => self.cpu.ops.gemm * f64::from(threads),
        }
    }

    /// Bytes of every instance of the last-level cache together.
    pub fn whole_last_level_cache(&self) -> u64 {
        let last = self.cpu.caches.iter().filter(|c| c.kind != "Instruction").max_by_key(|c| c.level);
        last.map_or(0, |c| c.bytes * u64::from(self.cpu.cores.div_ceil(c.shared_by.max(1))))
    }

    /// The size of the largest cache level's instance one core sees, in bytes.
    pub fn last_level_cache(&self) -> u64 {
        self.cpu.caches.iter().filter(|c| c.kind != "Instruction").max_by_key(|c| c.level).map_or(0, |c| c.bytes)
    }

    /// The per-core share of the L2 cache (the layer condition of stencils is checked
    /// against half of it).
    pub fn l2_per_core(&self) -> u64 {
        self.cpu
            .caches
            .iter()
            .find(|c| c.level == 2 && c.kind != "Instruction")
            .map_or(256 << 10, |c| c.bytes / u64::from(c.shared_by.max(1)))
    }
}

#[cfg(test)]
mod tests {
    use super::Gpu;

    fn gpu(sizes: Vec<[f64; 2]>) -> Gpu {
        Gpu {
            name: "test".into(),
            bandwidth: 3e12,
            launch_seconds: 3e-6,
            host_to_device: 5e10,
            device_to_host: 5e10,
            ops_f64: 3e13,
            ops_f32: 6e13,
            init_seconds: 0.0,
            reduce_sync_seconds: 0.0,
            blas_init_seconds: 0.0,
            blas_load_seconds: 0.01,
            blas_gemm_f64: 0.0,
            blas_gemm_f32: 0.0,
            kernel_load_seconds: 0.0,
            blas_gemv_load_seconds: None,
            bandwidth_by_footprint: sizes,
        }
    }

    #[test]
    fn bandwidth_by_footprint_joins_the_sizes_in_the_logarithm() {
        assert_eq!(gpu(vec![]).bandwidth_at(1e6), 3e12);
        let g = gpu(vec![[4e6, 2e12], [16e6, 4e12], [64e6, 2.5e12]]);
        assert_eq!(g.bandwidth_at(1e6), 2e12);
        assert_eq!(g.bandwidth_at(4e6), 2e12);
        assert!((g.bandwidth_at(8e6) - 3e12).abs() < 1e3);
        assert!((g.bandwidth_at(32e6) - 3.25e12).abs() < 1e3);
        assert_eq!(g.bandwidth_at(64e6), 2.5e12);
        // Beyond the last size, toward the large copy's rate at eight times it.
        assert!((g.bandwidth_at(128e6) - (2.5e12 + 0.5e12 / 3.0)).abs() < 1e3);
        assert_eq!(g.bandwidth_at(1e12), 3e12);
        assert_eq!(g.blas_load(true), 0.01);
        let g = Gpu { blas_gemv_load_seconds: Some(0.002), ..g };
        assert_eq!((g.blas_load(true), g.blas_load(false)), (0.002, 0.01));
    }
}
