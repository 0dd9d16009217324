//! `legatec machine`: machine descriptions for the performance model
//! (`passes::model::machine::Machine`).
//!
//! - `--measure -o FILE [--name NAME]` links the runtime's measuring program
//!   (`runtime_lib::measure`, whose module documentation defines the line protocol it
//!   prints) with a two-line C `main`, the way programs are linked, and runs it: `cpu`, then
//!   `gpu`, then `mpi` under `mpirun -np 2` when an `mpirun` is found. Started under an MPI
//!   launcher itself (`mpirun -np 2 --host a,b legatec machine --measure ...`), every rank
//!   runs the `mpi` mode directly (so two nodes measure the network between them), then rank
//!   0 alone measures its CPU and GPU and writes the file. Caches and the CPU's model come
//!   from the OS (`/sys`, `/proc/cpuinfo`). A measurement that fails leaves its part out
//!   (`mpi`, `gpu`) with a warning, or is an error (`cpu`): never a number it did not measure.
//! - `--show NAME|FILE` prints a description (a shipped one, `--list`, or a file), as TOML.
//! - `--list` prints the names of the shipped descriptions.

use std::ffi::OsString;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

use clap::{ArgGroup, Parser};
use passes::model::machine::{Bandwidth, Cache, Cpu, Gpu, Machine, Mpi, Ops};

/// legatec machine: measures, shows and lists machine descriptions for `--report --machine`.
#[derive(Parser, Debug)]
#[command(name = "legatec machine", version, about)]
#[command(group(ArgGroup::new("action").required(true).args(["measure", "show", "list"])))]
struct MachineArgs {
    /// Measure this machine (about 10 to 60 s; run it on an otherwise idle machine) and
    /// write its description to --output.
    #[arg(long, requires = "output")]
    measure: bool,
    /// Where --measure writes the description (`-` for standard output).
    #[arg(short = 'o', long = "output", value_name = "FILE", requires = "measure")]
    output: Option<PathBuf>,
    /// The description's name (default: the host's name).
    #[arg(long, requires = "measure")]
    name: Option<String>,
    /// Print a description: a shipped one by name (`--list`) or a file.
    #[arg(long, value_name = "NAME|FILE")]
    show: Option<String>,
    /// List the shipped descriptions.
    #[arg(long)]
    list: bool,
}

/// `legatec machine ARGS` (the arguments after `machine`).
pub fn main(args: Vec<OsString>) -> ExitCode {
    let args = MachineArgs::parse_from(std::iter::once(OsString::from("legatec machine")).chain(args));
    let result = if args.list {
        for (name, _) in crate::model::SHIPPED {
            println!("{name}");
        }
        Ok(())
    } else if let Some(name) = &args.show {
        crate::model::machine(name).map(|machine| print!("{}", machine.to_toml()))
    } else {
        measure(&args)
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(code) => code,
    }
}

fn fail(message: impl std::fmt::Display) -> ExitCode {
    eprintln!("error: {message}");
    ExitCode::from(1)
}

fn warn(message: impl std::fmt::Display) {
    eprintln!("warning: {message}");
}

/// The C `main` of the measuring program.
const MEASURE_MAIN: &str = "int legatec_measure_main(int, char**);\nint main(int c, char** v) { return legatec_measure_main(c, v); }\n";

/// Arrays of the memory streams: at least this many bytes each, and 8 times the last-level
/// cache; at most a sixth of the available memory (three arrays, half of it).
const MIN_STREAM_BYTES: u64 = 256 << 20;

/// How long each mode may run before it counts as failed (a hung `mpirun`, say).
const CPU_LIMIT: Duration = Duration::from_secs(600);
const GPU_LIMIT: Duration = Duration::from_secs(180);
const MPI_LIMIT: Duration = Duration::from_secs(180);

fn measure(args: &MachineArgs) -> Result<(), ExitCode> {
    let output = args.output.clone().expect("clap requires --output with --measure");
    let launcher = Launcher::of_environment();
    let dir = tempfile::tempdir().map_err(|e| fail(format!("cannot create a temporary directory: {e}")))?;
    let source = dir.path().join("measure.c");
    std::fs::write(&source, MEASURE_MAIN).map_err(|e| fail(format!("cannot write `{}`: {e}", source.display())))?;
    let exe = dir.path().join("measure");
    crate::link_with_runtime(&source, &exe)?;

    let caches = caches();
    let mut lines = Vec::new();
    // Under a launcher: the ping-pong first, on every rank at once; then rank 0 alone.
    if let Some(rank) = launcher.rank {
        eprintln!("legatec machine: rank {rank}: measuring MPI between the launcher's ranks...");
        let mpi = run_mode(Command::new(&exe).arg("mpi"), "mpi", MPI_LIMIT);
        if rank != 0 {
            return Ok(());
        }
        lines.extend(mpi.unwrap_or_else(|e| {
            warn(format!("the MPI measurement failed ({e}); the description has no `mpi`"));
            Vec::new()
        }));
    }
    let stream_bytes = stream_bytes(&caches);
    eprintln!("legatec machine: measuring the CPU (memory bandwidth with arrays of {} MiB, operation rates, launches)...", stream_bytes >> 20);
    lines.extend(run_mode(Command::new(&exe).arg("cpu").arg(stream_bytes.to_string()), "cpu", CPU_LIMIT).map_err(|e| fail(format!("the CPU measurement failed: {e}")))?);
    eprintln!("legatec machine: looking for a GPU...");
    match run_mode(Command::new(&exe).arg("gpu"), "gpu", GPU_LIMIT) {
        Ok(gpu) => lines.extend(gpu),
        Err(e) => warn(format!("the GPU measurement failed ({e}); the description has no `gpu`")),
    }
    if launcher.rank.is_none() {
        match find_in_path("mpirun") {
            Some(mpirun) => {
                eprintln!("legatec machine: measuring MPI between two ranks of this machine (`{}`)...", mpirun.display());
                match run_mode(&mut mpirun_command(&mpirun, &exe), "mpi", MPI_LIMIT) {
                    Ok(mpi) if mpi.iter().any(|l| l.starts_with("mpi ")) => lines.extend(mpi),
                    Ok(_) => warn("`mpirun -np 2` printed no MPI measurement; the description has no `mpi`"),
                    Err(e) => warn(format!("the MPI measurement failed ({e}); the description has no `mpi`")),
                }
            }
            None => warn("no `mpirun` on PATH: the description has no `mpi` (under an MPI launcher, `mpirun -np 2 legatec machine ...` measures it)"),
        }
    }

    let name = args.name.clone().unwrap_or_else(hostname);
    let machine = describe(&lines, name, measured_with(), caches)?;
    let text = machine.to_toml();
    if output == Path::new("-") {
        std::io::stdout().write_all(text.as_bytes()).map_err(|_| ExitCode::from(1))?;
    } else {
        std::fs::write(&output, &text).map_err(|e| fail(format!("cannot write `{}`: {e}", output.display())))?;
        eprintln!("legatec machine: wrote `{}`", output.display());
    }
    Ok(())
}

/// Whether `legatec machine` was started by an MPI launcher, and its rank there.
struct Launcher {
    rank: Option<u32>,
}

impl Launcher {
    fn of_environment() -> Launcher {
        let launched = ["OMPI_COMM_WORLD_SIZE", "PMI_SIZE"].iter().any(|v| std::env::var_os(v).is_some());
        let rank = ["OMPI_COMM_WORLD_RANK", "PMI_RANK"].iter().find_map(|v| std::env::var(v).ok()?.parse().ok());
        Launcher { rank: launched.then(|| rank.unwrap_or(0)) }
    }
}

/// `mpirun -np 2 [--oversubscribe] EXE mpi`, allowed to run as root when this is root.
fn mpirun_command(mpirun: &Path, exe: &Path) -> Command {
    let mut cmd = Command::new(mpirun);
    cmd.arg("-np").arg("2");
    let version = Command::new(mpirun).arg("--version").stderr(Stdio::null()).output();
    let open_mpi = version.is_ok_and(|v| String::from_utf8_lossy(&v.stdout).contains("Open MPI"));
    if open_mpi {
        // Two ranks even where the launcher counts fewer slots (one core, a batch job's share).
        cmd.arg("--oversubscribe");
        if is_root() {
            cmd.env("OMPI_ALLOW_RUN_AS_ROOT", "1").env("OMPI_ALLOW_RUN_AS_ROOT_CONFIRM", "1");
        }
    }
    cmd.arg(exe).arg("mpi");
    cmd
}

fn is_root() -> bool {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0)
}

fn find_in_path(program: &str) -> Option<PathBuf> {
    std::env::split_paths(&std::env::var_os("PATH")?).map(|dir| dir.join(program)).find(|p| p.is_file())
}

/// Runs one mode of the measuring program: its standard output's lines, its standard error
/// passed through; an error when it fails, is killed or outlasts `limit`.
fn run_mode(cmd: &mut Command, mode: &str, limit: Duration) -> Result<Vec<String>, String> {
    let mut child = cmd.stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::inherit()).spawn().map_err(|e| format!("cannot run the {mode} measurement: {e}"))?;
    let mut stdout = child.stdout.take().expect("piped");
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = stdout.read_to_string(&mut text);
        text
    });
    let start = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if start.elapsed() < limit => std::thread::sleep(Duration::from_millis(50)),
            Ok(None) => {
                // A polite end first (mpirun passes it to its ranks), then a forced one.
                let _ = Command::new("kill").arg("-TERM").arg(child.id().to_string()).status();
                std::thread::sleep(Duration::from_secs(2));
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!("it ran longer than {} s and was stopped", limit.as_secs()));
            }
            Err(e) => return Err(e.to_string()),
        }
    };
    let text = reader.join().unwrap_or_default();
    if !status.success() {
        return Err(format!("it exited with {status}"));
    }
    Ok(text.lines().map(str::to_string).collect())
}

/// The description from the measuring program's lines and the OS's facts.
fn describe(lines: &[String], name: String, measured_with: String, caches: Vec<Cache>) -> Result<Machine, ExitCode> {
    let mut cores = None;
    let mut bandwidth = Vec::new();
    let mut ops: [Option<f64>; 6] = [None; 6];
    const OPS: [&str; 6] = ["arith", "div", "sqrt", "transcendental", "pow", "gemm"];
    let mut launch = None;
    let mut mpi = None;
    let mut gpu = None;
    for line in lines {
        let fields: Vec<&str> = line.split(' ').collect();
        let numbers = |range: std::ops::Range<usize>| -> Option<Vec<f64>> {
            fields.get(range)?.iter().map(|f| f.parse::<f64>().ok().filter(|v| v.is_finite() && *v > 0.0)).collect()
        };
        let bad = || fail(format!("the measuring program printed a line that is not a positive measurement: `{line}`"));
        match fields[0] {
            "cores" => cores = Some(numbers(1..2).ok_or_else(bad)?[0] as u32),
            "bandwidth" => {
                let v = numbers(1..5).filter(|_| fields.len() == 5).ok_or_else(bad)?;
                bandwidth.push(Bandwidth { threads: v[0] as u32, read: v[1], copy: v[2], triad: v[3] });
            }
            "ops" => {
                let class = OPS.iter().position(|c| Some(c) == fields.get(1)).ok_or_else(bad)?;
                ops[class] = Some(numbers(2..3).filter(|_| fields.len() == 3).ok_or_else(bad)?[0]);
            }
            "launch" => launch = Some(numbers(1..2).filter(|_| fields.len() == 2).ok_or_else(bad)?[0]),
            "mpi" => match (numbers(1..3), fields.get(3)) {
                (Some(v), Some(&between @ ("0" | "1"))) if fields.len() == 4 => {
                    mpi = Some(Mpi { latency_seconds: v[0], bandwidth: v[1], between_nodes: between == "1" })
                }
                _ => warn(format!("an MPI measurement that is not one, left out: `{line}`")),
            },
            "gpu" => match numbers(1..7) {
                Some(v) if fields.len() > 7 => {
                    gpu = Some(Gpu {
                        name: fields[7..].join(" "),
                        bandwidth: v[0],
                        launch_seconds: v[1],
                        host_to_device: v[2],
                        device_to_host: v[3],
                        ops_f64: v[4],
                        ops_f32: v[5],
                    })
                }
                _ => warn(format!("a GPU measurement that is not one, left out: `{line}`")),
            },
            // Lines of later versions of the protocol.
            _ => {}
        }
    }
    let missing = |what: &str| fail(format!("the CPU measurement printed no {what}"));
    if bandwidth.is_empty() {
        return Err(missing("`bandwidth`"));
    }
    let mut rate = OPS.iter().zip(ops).map(|(class, v)| v.ok_or_else(|| missing(&format!("`ops {class}`"))));
    let mut next = || rate.next().expect("six classes");
    let ops = Ops { arith: next()?, div: next()?, sqrt: next()?, transcendental: next()?, pow: next()?, gemm: next()? };
    let cpu = Cpu {
        model: cpu_model(),
        cores: cores.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get() as u32)),
        caches,
        bandwidth,
        ops,
        launch_seconds: launch.ok_or_else(|| missing("`launch`"))?,
    };
    Ok(Machine { name, measured_with, cpu, mpi, gpu })
}

// ---------------------------------------------------------------------------------------
// What the OS says.

/// The caches of cpu0 (`/sys/devices/system/cpu/cpu0/cache/index*`), by level.
fn caches() -> Vec<Cache> {
    let mut caches = Vec::new();
    let Ok(entries) = std::fs::read_dir("/sys/devices/system/cpu/cpu0/cache") else { return caches };
    for entry in entries.flatten() {
        if !entry.file_name().to_string_lossy().starts_with("index") {
            continue;
        }
        let read = |file: &str| std::fs::read_to_string(entry.path().join(file)).map(|s| s.trim().to_string()).ok();
        let (Some(level), Some(kind), Some(size)) = (read("level").and_then(|l| l.parse().ok()), read("type"), read("size").and_then(|s| cache_bytes(&s)))
        else {
            continue;
        };
        let shared_by = read("shared_cpu_list").map_or(1, |list| cpu_count(&list)).max(1);
        caches.push(Cache { level, kind, bytes: size, shared_by });
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

/// Bytes of each array of the memory streams: at least [`MIN_STREAM_BYTES`] and 8 times
/// the whole last-level cache (one instance per group of CPUs sharing it), at most a sixth
/// of the available memory.
fn stream_bytes(caches: &[Cache]) -> u64 {
    let online = std::fs::read_to_string("/sys/devices/system/cpu/online").map_or(1, |l| cpu_count(l.trim())).max(1);
    let last = caches.iter().filter(|c| c.kind != "Instruction").max_by_key(|c| c.level);
    let whole_llc = last.map_or(0, |c| c.bytes * u64::from(online.div_ceil(c.shared_by.max(1))));
    let wanted = MIN_STREAM_BYTES.max(8 * whole_llc);
    let available = std::fs::read_to_string("/proc/meminfo").ok().and_then(|info| {
        let line = info.lines().find(|l| l.starts_with("MemAvailable:"))?;
        line.split_whitespace().nth(1)?.parse::<u64>().ok().map(|kb| kb * 1024)
    });
    match available {
        Some(available) if wanted > available / 6 => {
            let bytes = (available / 6).max(16 << 20);
            warn(format!(
                "only {} MiB of memory available: the memory streams use arrays of {} MiB, not the {} MiB that 8 times the last-level cache asks",
                available >> 20,
                bytes >> 20,
                wanted >> 20
            ));
            bytes
        }
        _ => wanted,
    }
}

/// `model name` of `/proc/cpuinfo` (x86), else its `Model`/`CPU part`, else `unknown`.
fn cpu_model() -> String {
    let info = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    ["model name", "Model", "CPU part"]
        .iter()
        .find_map(|key| {
            info.lines().find_map(|line| {
                let (k, v) = line.split_once(':')?;
                (k.trim() == *key && !v.trim().is_empty()).then(|| v.trim().to_string())
            })
        })
        .unwrap_or_else(|| "unknown".to_string())
}

fn hostname() -> String {
    ["/proc/sys/kernel/hostname", "/etc/hostname"]
        .iter()
        .find_map(|p| std::fs::read_to_string(p).ok().map(|s| s.trim().to_string()).filter(|s| !s.is_empty()))
        .unwrap_or_else(|| "unnamed".to_string())
}

/// The command line (`legatec machine ...`), legatec's version and the date, UTC.
fn measured_with() -> String {
    let mut words: Vec<String> = std::env::args().skip(1).map(|a| if a.contains(' ') || a.is_empty() { format!("'{a}'") } else { a }).collect();
    words.insert(0, "legatec".into());
    let seconds = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    format!("{} (legatec {}, {} UTC)", words.join(" "), env!("CARGO_PKG_VERSION"), utc_date(seconds))
}

/// `YYYY-MM-DD HH:MM` of seconds since 1970 (the civil calendar from days, Hinnant's).
fn utc_date(seconds: u64) -> String {
    let days = (seconds / 86400) as i64;
    let (hour, minute) = (seconds % 86400 / 3600, seconds % 3600 / 60);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02} {hour:02}:{minute:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(utc_date(0), "1970-01-01 00:00");
        assert_eq!(utc_date(951_782_400 + 3600 + 120), "2000-02-29 01:02");
        assert_eq!(utc_date(1_767_225_599), "2025-12-31 23:59");
    }

    #[test]
    fn lines_make_a_description() {
        let lines: Vec<String> = [
            "cores 2",
            "bandwidth 1 3e10 1.6e10 1.7e10",
            "bandwidth 2 3.6e10 3.8e10 3.2e10",
            "ops arith 1.8e10",
            "ops div 3e9",
            "ops sqrt 1.7e9",
            "ops pow 1e8",
            "ops transcendental 2.4e8",
            "ops gemm 5e10",
            "launch 0.000014",
            "mpi 0.00000035 1.1e10 0",
            "gpu 3.9e12 0.0000025 5e10 5.2e10 6e13 6.2e13 NVIDIA H200",
            "later-keyword 1 2 3",
        ]
        .map(String::from)
        .to_vec();
        let m = describe(&lines, "t".into(), "test".into(), Vec::new()).unwrap();
        assert_eq!(m.cpu.cores, 2);
        assert_eq!(m.cpu.bandwidth.len(), 2);
        assert_eq!(m.cpu.ops.transcendental, 2.4e8);
        assert_eq!(m.cpu.launch_seconds, 0.000014);
        assert_eq!(m.mpi, Some(Mpi { latency_seconds: 0.00000035, bandwidth: 1.1e10, between_nodes: false }));
        assert_eq!(m.gpu.as_ref().map(|g| g.name.as_str()), Some("NVIDIA H200"));
        assert_eq!(Machine::from_toml(&m.to_toml()), Ok(m));
        // A missing class, a negative rate: errors; a broken mpi line: left out.
        assert!(describe(&lines[..8], "t".into(), "test".into(), Vec::new()).is_err());
        let mut bad = lines.clone();
        bad[3] = "ops arith -1".into();
        assert!(describe(&bad, "t".into(), "test".into(), Vec::new()).is_err());
        let mut no_mpi = lines.clone();
        no_mpi[10] = "mpi NaN 1e10 0".into();
        assert_eq!(describe(&no_mpi, "t".into(), "test".into(), Vec::new()).unwrap().mpi, None);
    }
}
