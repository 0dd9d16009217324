//! `legatec machine`: machine descriptions for the performance model
//! (`passes::model::machine::Machine`).
//!
//! - `--measure -o FILE [--name NAME]` links the runtime's measuring program
//!   (`runtime_lib::measure`, whose module documentation defines the line protocol it
//!   prints) with a two-line C `main`, the way programs are linked, and runs it: `cpu`, then
//!   `gpu`, then `mpi` under `mpirun -np 2` and `mpi-start` under `mpirun -np CORES` when an
//!   `mpirun` is found. Started under an MPI
//!   launcher itself (`mpirun -np 2 --host a,b legatec machine --measure ...`), every rank
//!   runs the `mpi` mode directly (so two nodes measure the network between them), then rank
//!   0 alone measures its CPU and GPU and writes the file. Every fact of the description
//!   comes from the program's lines (the CPU's model and caches too, which its `cpu` mode
//!   reads from the OS). A measurement that fails leaves its part out (`mpi`, `gpu`) with a
//!   warning, or is an error (`cpu`): never a number it did not measure.
//! - `--measurer -o PATH` writes that program, stripped, for a machine without legatec
//!   (no Rust toolchain, no runtime library); `--from-lines FILE -o OUT --name NAME` makes
//!   the description from its modes' standard output collected there into FILE, through
//!   the same parser ([`describe`]).
//! - `--show NAME|FILE` prints a description (a shipped one, `--list`, or a file), as TOML.
//! - `--list` prints the names of the shipped descriptions.

use std::ffi::OsString;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

use clap::{ArgGroup, CommandFactory, Parser};
use passes::model::machine::{Bandwidth, Cache, Cpu, GemmRate, Gpu, Machine, Mpi, MpiStart, Ops};

/// legatec machine: measures, shows and lists machine descriptions for `--report --machine`.
#[derive(Parser, Debug)]
#[command(name = "legatec machine", version, about, after_help = REMOTE_HELP)]
#[command(group(ArgGroup::new("action").required(true).args(["measure", "measurer", "from_lines", "show", "list"])))]
struct MachineArgs {
    /// Measure this machine (about 10 to 60 s; run it on an otherwise idle machine) and
    /// write its description to --output.
    #[arg(long, requires = "output")]
    measure: bool,
    /// Write the measuring program (one executable, stripped) to --output, to run on a
    /// machine without legatec (see below).
    #[arg(long, requires = "output")]
    measurer: bool,
    /// Make the description from the measuring program's lines collected in FILE (all its
    /// modes' standard output, in any order) and write it to --output.
    #[arg(long, value_name = "FILE", requires_all = ["output", "name"])]
    from_lines: Option<PathBuf>,
    /// Where --measure and --from-lines write the description (`-` for standard output),
    /// --measurer the program.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    output: Option<PathBuf>,
    /// The description's name (default for --measure: the host's name).
    #[arg(long)]
    name: Option<String>,
    /// With --from-lines: how the lines were measured, for the description's
    /// `measured_with` (default: that it was made from FILE's lines).
    #[arg(long, value_name = "TEXT", requires = "from_lines")]
    measured_with: Option<String>,
    /// Print a description: a shipped one by name (`--list`) or a file.
    #[arg(long, value_name = "NAME|FILE")]
    show: Option<String>,
    /// List the shipped descriptions.
    #[arg(long)]
    list: bool,
    /// With --measurer: the CPU its calibration program (`PATH-calibrate`) is compiled for,
    /// as `legatec --target-cpu` (the programs to be predicted are compiled alike).
    #[arg(long, default_value = "x86-64-v3", requires = "measurer")]
    target_cpu: String,
}

/// The end of `legatec machine --help`: measuring a machine without legatec.
const REMOTE_HELP: &str = "\
Measuring a machine without legatec (no Rust toolchain, no runtime library):
  here:   legatec machine --measurer -o measure
          (one executable, linked as compiled programs are: it needs their shared
          libraries there, MPI's, and the CUDA driver for `gpu`)
  there:  (./measure gpu; ./measure cpu; RAYON_NUM_THREADS=1 ./measure-calibrate;
           mpirun -np 2 ./measure mpi; mpirun -np CORES ./measure mpi-start) > lines.txt
          (standard output only, every mode's lines in one file, in any order; under
          mpirun, rank 0 prints the `mpi` line; `gpu` prints nothing without a GPU)
  here:   legatec machine --from-lines lines.txt -o there.toml --name NAME
The lines file must hold the `cpu` mode's lines; without `gpu` or `mpi` lines the
description has no `gpu` or `mpi`.";

/// `legatec machine ARGS` (the arguments after `machine`).
pub fn main(args: Vec<OsString>) -> ExitCode {
    let args = MachineArgs::parse_from(std::iter::once(OsString::from("legatec machine")).chain(args));
    // What clap's `requires` would say of a group, with a plainer usage line.
    let misplaced = |flag: &str, actions: &str| {
        MachineArgs::command().error(clap::error::ErrorKind::ArgumentConflict, format!("{flag} goes with {actions} only")).exit()
    };
    if args.output.is_some() && !(args.measure || args.measurer || args.from_lines.is_some()) {
        misplaced("--output", "--measure, --measurer and --from-lines");
    }
    if args.name.is_some() && !(args.measure || args.from_lines.is_some()) {
        misplaced("--name", "--measure and --from-lines");
    }
    let result = if args.list {
        for (name, _) in crate::model::SHIPPED {
            println!("{name}");
        }
        Ok(())
    } else if let Some(name) = &args.show {
        crate::model::machine(name).map(|machine| print!("{}", machine.to_toml()))
    } else if args.measurer {
        write_measurer(&args)
    } else if let Some(file) = &args.from_lines {
        from_lines(&args, file)
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

/// How long each mode may run before it counts as failed (a hung `mpirun`, say).
const CPU_LIMIT: Duration = Duration::from_secs(600);
const GPU_LIMIT: Duration = Duration::from_secs(180);
const MPI_LIMIT: Duration = Duration::from_secs(180);

/// Links the measuring program into `dir` and strips it (what `--measure` runs is what
/// `--measurer` writes); its path.
fn build_measurer(dir: &Path) -> Result<PathBuf, ExitCode> {
    let source = dir.join("measure.c");
    std::fs::write(&source, MEASURE_MAIN).map_err(|e| fail(format!("cannot write `{}`: {e}", source.display())))?;
    let exe = dir.join("measure");
    crate::link_with_runtime(&[source.clone()], &exe, crate::Runtime::Static)?;
    // Symbols only: the program is as fast without them, and a fraction of the size.
    let strip = std::env::var("STRIP").unwrap_or_else(|_| "strip".to_string());
    match Command::new(&strip).arg(&exe).stdin(Stdio::null()).output() {
        Ok(out) if out.status.success() => {}
        Ok(out) => warn(format!("`{strip}` failed ({}), the measuring program keeps its symbols: {}", out.status, String::from_utf8_lossy(&out.stderr).trim())),
        Err(e) => warn(format!("cannot run `{strip}` ({e}), the measuring program keeps its symbols")),
    }
    Ok(exe)
}

/// The calibration of math functions (`calibrate.py`), compiled by this legatec for
/// `target_cpu` into `dir`: its kernels are what compiled programs run.
fn build_calibrator(dir: &Path, target_cpu: &str) -> Result<PathBuf, ExitCode> {
    let script = dir.join("calibrate.py");
    std::fs::write(&script, CALIBRATE).map_err(|e| fail(format!("cannot write `{}`: {e}", script.display())))?;
    let exe = dir.join("calibrate");
    let legatec = std::env::current_exe().map_err(|e| fail(format!("cannot find legatec itself: {e}")))?;
    let out = Command::new(legatec)
        .arg(&script)
        .args(["--target", "cpu", "--target-cpu", target_cpu, "-o"])
        .arg(&exe)
        .output()
        .map_err(|e| fail(format!("cannot compile the calibration: {e}")))?;
    if !out.status.success() {
        return Err(fail(format!("the calibration does not compile: {}", String::from_utf8_lossy(&out.stderr))));
    }
    Ok(exe)
}

/// The calibration program's source (a script legatec compiles).
const CALIBRATE: &str = include_str!("calibrate.py");

/// `--measurer -o PATH`.
fn write_measurer(args: &MachineArgs) -> Result<(), ExitCode> {
    let output = args.output.clone().expect("clap requires --output with --measurer");
    if output == Path::new("-") {
        return Err(fail("--measurer writes an executable file: give its path with -o"));
    }
    let dir = tempfile::tempdir().map_err(|e| fail(format!("cannot create a temporary directory: {e}")))?;
    let exe = build_measurer(dir.path())?;
    // The calibration for the CPUs compiled programs are usually built for elsewhere.
    let calibrator = build_calibrator(dir.path(), &args.target_cpu)?;
    let calibrator_output = PathBuf::from(format!("{}-calibrate", output.display()));
    for (from, to) in [(&exe, &output), (&calibrator, &calibrator_output)] {
        // Copied with its permissions (executable); a file already there is replaced.
        let _ = std::fs::remove_file(to);
        std::fs::copy(from, to).map_err(|e| fail(format!("cannot write `{}`: {e}", to.display())))?;
    }
    let bytes = std::fs::metadata(&output).map_or(0, |m| m.len());
    eprintln!(
        "legatec machine: wrote the measuring program `{}` ({:.1} MiB) and its calibration `{}`; there, run: ({} gpu; {} cpu; RAYON_NUM_THREADS=1 {}; mpirun -np 2 {} mpi; mpirun -np CORES {} mpi-start) > lines.txt",
        output.display(),
        bytes as f64 / f64::from(1 << 20),
        calibrator_output.display(),
        shown(&output),
        shown(&output),
        shown(&calibrator_output),
        shown(&output),
        shown(&output)
    );
    Ok(())
}

/// A path as a command runs it (`./measure`, not `measure`).
fn shown(path: &Path) -> String {
    if path.components().count() == 1 && path.is_relative() {
        format!("./{}", path.display())
    } else {
        path.display().to_string()
    }
}

/// `--from-lines FILE`.
fn from_lines(args: &MachineArgs, file: &Path) -> Result<(), ExitCode> {
    let text = std::fs::read(file).map_err(|e| fail(format!("cannot read `{}`: {e}", file.display())))?;
    let lines: Vec<String> = String::from_utf8_lossy(&text).lines().map(str::to_string).collect();
    let name = args.name.clone().expect("clap requires --name with --from-lines");
    let measured_with = args.measured_with.clone().unwrap_or_else(|| {
        format!(
            "the measuring program's lines in `{}`, made a description by `legatec machine --from-lines` (legatec {}, {} UTC)",
            file.display(),
            env!("CARGO_PKG_VERSION"),
            utc_date(now())
        )
    });
    let machine = describe(&lines, name, measured_with).map_err(|e| fail(format!("`{}`: {e}", file.display())))?;
    if machine.gpu.is_none() {
        warn(format!("`{}` has no `gpu` line (no GPU there, or the `gpu` mode's output is not in it): the description has no `gpu`", file.display()));
    }
    if machine.mpi.is_none() {
        warn(format!("`{}` has no `mpi` line: the description has no `mpi`", file.display()));
    }
    write_description(&machine, args.output.as_deref().expect("clap requires --output with --from-lines"))
}

/// Writes `machine` as TOML to `output` (`-`: standard output).
fn write_description(machine: &Machine, output: &Path) -> Result<(), ExitCode> {
    let text = machine.to_toml();
    if output == Path::new("-") {
        std::io::stdout().write_all(text.as_bytes()).map_err(|_| ExitCode::from(1))?;
    } else {
        std::fs::write(output, &text).map_err(|e| fail(format!("cannot write `{}`: {e}", output.display())))?;
        eprintln!("legatec machine: wrote `{}`", output.display());
    }
    Ok(())
}

fn measure(args: &MachineArgs) -> Result<(), ExitCode> {
    let output = args.output.clone().expect("clap requires --output with --measure");
    let launcher = Launcher::of_environment();
    let dir = tempfile::tempdir().map_err(|e| fail(format!("cannot create a temporary directory: {e}")))?;
    let exe = build_measurer(dir.path())?;

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
    eprintln!("legatec machine: measuring the CPU (memory bandwidth, operation rates, launches)...");
    lines.extend(run_mode(Command::new(&exe).arg("cpu"), "cpu", CPU_LIMIT).map_err(|e| fail(format!("the CPU measurement failed: {e}")))?);
    eprintln!("legatec machine: calibrating math functions in compiled kernels...");
    let calibrator = build_calibrator(dir.path(), "native")?;
    lines.extend(
        run_mode(Command::new(&calibrator).env("RAYON_NUM_THREADS", "1"), "calibration", CPU_LIMIT)
            .map_err(|e| fail(format!("the calibration of math functions failed: {e}")))?,
    );
    eprintln!("legatec machine: looking for a GPU...");
    match run_mode(Command::new(&exe).arg("gpu"), "gpu", GPU_LIMIT) {
        Ok(gpu) => lines.extend(gpu),
        Err(e) => warn(format!("the GPU measurement failed ({e}); the description has no `gpu`")),
    }
    if launcher.rank.is_none() {
        match find_in_path("mpirun") {
            Some(mpirun) => {
                eprintln!("legatec machine: measuring MPI between two ranks of this machine (`{}`)...", mpirun.display());
                match run_mode(&mut mpirun_command(&mpirun, &exe, 2, "mpi"), "mpi", MPI_LIMIT) {
                    Ok(mpi) if mpi.iter().any(|l| l.starts_with("mpi ")) => lines.extend(mpi),
                    Ok(_) => warn("`mpirun -np 2` printed no MPI measurement; the description has no `mpi`"),
                    Err(e) => warn(format!("the MPI measurement failed ({e}); the description has no `mpi`")),
                }
                // A run's start and end on every core (where more than two).
                let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
                if cores > 2 {
                    match run_mode(&mut mpirun_command(&mpirun, &exe, cores, "mpi-start"), "mpi-start", MPI_LIMIT) {
                        Ok(start) => lines.extend(start),
                        Err(e) => warn(format!("MPI's start on {cores} ranks was not measured ({e})")),
                    }
                }
            }
            None => warn("no `mpirun` on PATH: the description has no `mpi` (under an MPI launcher, `mpirun -np 2 legatec machine ...` measures it)"),
        }
    }

    let name = args.name.clone().unwrap_or_else(hostname);
    let machine = describe(&lines, name, measured_with()).map_err(|e| fail(format!("the CPU measurement: {e}")))?;
    write_description(&machine, &output)
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

/// `mpirun -np RANKS [--oversubscribe] EXE MODE`, allowed to run as root when this is root.
fn mpirun_command(mpirun: &Path, exe: &Path, ranks: usize, mode: &str) -> Command {
    let mut cmd = Command::new(mpirun);
    cmd.arg("-np").arg(ranks.to_string());
    let version = Command::new(mpirun).arg("--version").stderr(Stdio::null()).output();
    let open_mpi = version.is_ok_and(|v| String::from_utf8_lossy(&v.stdout).contains("Open MPI"));
    if open_mpi {
        // Two ranks even where the launcher counts fewer slots (one core, a batch job's share).
        cmd.arg("--oversubscribe");
        if is_root() {
            cmd.env("OMPI_ALLOW_RUN_AS_ROOT", "1").env("OMPI_ALLOW_RUN_AS_ROOT_CONFIRM", "1");
        }
    }
    cmd.arg(exe).arg(mode);
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

/// The description from the measuring program's lines (its protocol: `runtime_lib::
/// measure`), those of all its modes in any order; an error (its text) when a `cpu` line
/// is missing or not a measurement. `mpi` and `gpu` lines that are not measurements are
/// left out with a warning; keywords it does not know, blank lines and ends of line (`\r`)
/// are ignored.
fn describe(lines: &[String], name: String, measured_with: String) -> Result<Machine, String> {
    let mut model = None;
    let mut cores = None;
    let mut caches: Vec<Cache> = Vec::new();
    let mut bandwidth: Vec<Bandwidth> = Vec::new();
    let mut llc_bandwidth: Vec<Bandwidth> = Vec::new();
    let mut l2_bandwidth: Vec<Bandwidth> = Vec::new();
    let mut gemm: Vec<GemmRate> = Vec::new();
    let mut mpi_init = None;
    let mut mpi_starts: Vec<MpiStart> = Vec::new();
    let mut ops: [Option<f64>; 6] = [None; 6];
    let mut math = std::collections::BTreeMap::new();
    const OPS: [&str; 6] = ["arith", "div", "sqrt", "transcendental", "pow", "gemm"];
    let mut launch = None;
    let mut first_touch = None;
    let mut mpi = None;
    let mut gpu = None;
    let mut gpu_init = None;
    let mut gpu_sync = None;
    let mut gpu_blas = None;
    let mut kernel_load = None;
    let mut gemv_load = None;
    let mut gpu_sizes: Vec<[f64; 2]> = Vec::new();
    for line in lines {
        let line = line.trim_end();
        let fields: Vec<&str> = line.split(' ').collect();
        let numbers = |range: std::ops::Range<usize>| -> Option<Vec<f64>> {
            fields.get(range)?.iter().map(|f| f.parse::<f64>().ok().filter(|v| v.is_finite() && *v > 0.0)).collect()
        };
        // A positive integer field.
        let count = |i: usize| fields.get(i)?.parse::<u64>().ok().filter(|&n| n > 0);
        let bad = || format!("a line that is not a measurement: `{line}`");
        match fields[0] {
            "model" => {
                let text = fields[1..].join(" ");
                model = Some(Some(text.trim().to_string()).filter(|m| !m.is_empty()).ok_or_else(bad)?);
            }
            "cores" => cores = Some(count(1).filter(|_| fields.len() == 2).and_then(|n| u32::try_from(n).ok()).ok_or_else(bad)?),
            "cache" => {
                let (Some(level), Some(kind), Some(bytes), Some(shared_by)) = (count(1), fields.get(2).filter(|k| !k.is_empty()), count(3), count(4)) else {
                    return Err(bad());
                };
                let (Ok(level), Ok(shared_by)) = (u32::try_from(level), u32::try_from(shared_by)) else { return Err(bad()) };
                if fields.len() != 5 {
                    return Err(bad());
                }
                if caches.iter().any(|c| c.level == level && c.kind == *kind) {
                    return Err(format!("two `cache {level} {kind}` lines (the lines of two runs?)"));
                }
                caches.push(Cache { level, kind: kind.to_string(), bytes, shared_by });
            }
            kind @ ("bandwidth" | "llc_bandwidth" | "l2_bandwidth") => {
                let v = numbers(1..5).filter(|_| fields.len() == 5).ok_or_else(bad)?;
                let threads = count(1).and_then(|n| u32::try_from(n).ok()).ok_or_else(bad)?;
                let rows = match kind {
                    "bandwidth" => &mut bandwidth,
                    "llc_bandwidth" => &mut llc_bandwidth,
                    _ => &mut l2_bandwidth,
                };
                if rows.iter().any(|b: &Bandwidth| b.threads == threads) {
                    return Err(format!("two `{kind} {threads}` lines (the lines of two runs?)"));
                }
                rows.push(Bandwidth { threads, read: v[1], copy: v[2], triad: v[3] });
            }
            "ops" => {
                let rate = numbers(2..3).filter(|_| fields.len() == 3).ok_or_else(bad)?[0];
                // A class of the measuring program, else a math function of the calibration.
                match OPS.iter().position(|c| Some(c) == fields.get(1)) {
                    Some(class) => ops[class] = Some(rate),
                    None => {
                        math.insert(fields[1].to_string(), rate);
                    }
                }
            }
            "gemm" => {
                let v = numbers(1..4).filter(|_| fields.len() == 4).ok_or_else(bad)?;
                let threads = count(1).and_then(|n| u32::try_from(n).ok()).ok_or_else(bad)?;
                if gemm.iter().any(|g: &GemmRate| g.threads == threads) {
                    return Err(format!("two `gemm {threads}` lines (the lines of two runs?)"));
                }
                gemm.push(GemmRate { threads, f64: v[1], f32: v[2] });
            }
            "first_touch" => first_touch = Some(fields.get(1).and_then(|f| f.parse::<f64>().ok()).filter(|v| v.is_finite() && *v >= 0.0 && fields.len() == 2).ok_or_else(bad)?),
            "launch" => launch = Some(numbers(1..2).filter(|_| fields.len() == 2).ok_or_else(bad)?[0]),
            "mpi" => match (numbers(1..3), fields.get(3)) {
                (Some(v), Some(&between @ ("0" | "1"))) if fields.len() == 4 => {
                    mpi = Some(Mpi { latency_seconds: v[0], bandwidth: v[1], between_nodes: between == "1", init_seconds: 0.0, start: Vec::new() })
                }
                _ => warn(format!("an MPI measurement that is not one, left out: `{line}`")),
            },
            "mpi_start" => {
                let v = numbers(2..4).filter(|_| fields.len() == 4).ok_or_else(bad)?;
                let ranks = count(1).and_then(|n| u32::try_from(n).ok()).ok_or_else(bad)?;
                mpi_starts.retain(|s: &MpiStart| s.ranks != ranks);
                mpi_starts.push(MpiStart { ranks, init_seconds: v[0], end_seconds: v[1] });
            }
            "mpi_init" => mpi_init = Some(numbers(1..2).filter(|_| fields.len() == 2).ok_or_else(bad)?[0]),
            "gpu_init" => gpu_init = Some(numbers(1..2).filter(|_| fields.len() == 2).ok_or_else(bad)?[0]),
            "gpu_blas" => {
                let load = fields.get(2).and_then(|f| f.parse::<f64>().ok()).filter(|v| v.is_finite() && *v >= 0.0);
                match (numbers(1..2), load, numbers(3..5)) {
                    (Some(init), Some(load), Some(rates)) if fields.len() == 5 => gpu_blas = Some((init[0], load, rates[0], rates[1])),
                    _ => return Err(bad()),
                }
            }
            "gpu_kernel_load" => kernel_load = Some(fields.get(1).and_then(|f| f.parse::<f64>().ok()).filter(|v| v.is_finite() && *v >= 0.0 && fields.len() == 2).ok_or_else(bad)?),
            "gpu_blas_gemv_load" => gemv_load = Some(fields.get(1).and_then(|f| f.parse::<f64>().ok()).filter(|v| v.is_finite() && *v >= 0.0 && fields.len() == 2).ok_or_else(bad)?),
            "gpu_bandwidth" => gpu_sizes.push(numbers(1..3).filter(|_| fields.len() == 3).map(|v| [v[0], v[1]]).ok_or_else(bad)?),
            "gpu_reduce_sync" => gpu_sync = Some(numbers(1..2).filter(|_| fields.len() == 2).ok_or_else(bad)?[0]),
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
                        init_seconds: 0.0,
                        reduce_sync_seconds: 0.0,
                        blas_init_seconds: 0.0,
                        blas_load_seconds: 0.0,
                        blas_gemm_f64: 0.0,
                        blas_gemm_f32: 0.0,
                        kernel_load_seconds: 0.0,
                        blas_gemv_load_seconds: None,
                        bandwidth_by_footprint: Vec::new(),
                    })
                }
                _ => warn(format!("a GPU measurement that is not one, left out: `{line}`")),
            },
            // Lines of later versions of the protocol.
            _ => {}
        }
    }
    let missing = |what: &str| format!("no `{what}` line (the measuring program's `cpu` mode prints it)");
    if bandwidth.is_empty() {
        return Err(missing("bandwidth"));
    }
    if caches.is_empty() {
        warn("no `cache` lines (the OS of the measured machine did not say): the description has no caches");
    }
    caches.sort_by(|a, b| (a.level, &a.kind).cmp(&(b.level, &b.kind)));
    bandwidth.sort_by_key(|b| b.threads);
    llc_bandwidth.sort_by_key(|b| b.threads);
    l2_bandwidth.sort_by_key(|b| b.threads);
    gemm.sort_by_key(|g| g.threads);
    let mut rate = OPS.iter().zip(ops).map(|(class, v)| v.ok_or_else(|| missing(&format!("ops {class}"))));
    let mut next = || rate.next().expect("six classes");
    let ops = Ops { arith: next()?, div: next()?, sqrt: next()?, transcendental: next()?, pow: next()?, gemm: next()?, math };
    let cpu = Cpu {
        model: model.ok_or_else(|| missing("model"))?,
        cores: cores.ok_or_else(|| missing("cores"))?,
        caches,
        bandwidth,
        llc_bandwidth,
        l2_bandwidth,
        ops,
        gemm,
        launch_seconds: launch.ok_or_else(|| missing("launch"))?,
        first_touch_seconds: first_touch.unwrap_or(0.0),
    };
    if let (Some(m), Some(init)) = (mpi.as_mut(), mpi_init) {
        m.init_seconds = init;
    }
    if let Some(m) = mpi.as_mut() {
        mpi_starts.sort_by_key(|s| s.ranks);
        m.start = mpi_starts;
    }
    if let Some(g) = gpu.as_mut() {
        g.init_seconds = gpu_init.unwrap_or(0.0);
        g.reduce_sync_seconds = gpu_sync.unwrap_or(0.0);
        g.kernel_load_seconds = kernel_load.unwrap_or(0.0);
        g.blas_gemv_load_seconds = gemv_load;
        gpu_sizes.sort_by(|a, b| a[0].total_cmp(&b[0]));
        g.bandwidth_by_footprint = gpu_sizes;
        if let Some((init, load, f64_rate, f32_rate)) = gpu_blas {
            (g.blas_init_seconds, g.blas_load_seconds, g.blas_gemm_f64, g.blas_gemm_f32) = (init, load, f64_rate, f32_rate);
        }
    }
    Ok(Machine { name, measured_with, cpu, mpi, gpu })
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
    format!("{} (legatec {}, {} UTC)", words.join(" "), env!("CARGO_PKG_VERSION"), utc_date(now()))
}

/// Seconds since 1970.
fn now() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs())
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
    fn utc_dates() {
        assert_eq!(utc_date(0), "1970-01-01 00:00");
        assert_eq!(utc_date(951_782_400 + 3600 + 120), "2000-02-29 01:02");
        assert_eq!(utc_date(1_767_225_599), "2025-12-31 23:59");
    }

    #[test]
    fn lines_make_a_description() {
        let lines: Vec<String> = [
            "gpu 3.9e12 0.0000025 5e10 5.2e10 6e13 6.2e13 NVIDIA H200",
            "model Intel(R) Xeon(R) CPU @ 2.20GHz",
            "cores 2",
            "cache 2 Unified 1048576 2",
            "cache 1 Data 32768 1\r",
            "bandwidth 2 3.6e10 3.8e10 3.2e10",
            "bandwidth 1 3e10 1.6e10 1.7e10",
            "ops arith 1.8e10",
            "ops div 3e9",
            "ops sqrt 1.7e9",
            "ops pow 1e8",
            "ops transcendental 2.4e8",
            "ops gemm 5e10",
            "launch 0.000014",
            "",
            "mpi 0.00000035 1.1e10 0",
            "later-keyword 1 2 3",
        ]
        .map(String::from)
        .to_vec();
        let d = |lines: &[String]| describe(lines, "t".into(), "test".into());
        let m = d(&lines).unwrap();
        assert_eq!(m.cpu.model, "Intel(R) Xeon(R) CPU @ 2.20GHz");
        assert_eq!(m.cpu.cores, 2);
        assert_eq!(
            m.cpu.caches,
            vec![Cache { level: 1, kind: "Data".into(), bytes: 32 << 10, shared_by: 1 }, Cache { level: 2, kind: "Unified".into(), bytes: 1 << 20, shared_by: 2 }]
        );
        assert_eq!(m.cpu.bandwidth.iter().map(|b| b.threads).collect::<Vec<_>>(), [1, 2]);
        assert_eq!(m.cpu.ops.transcendental, 2.4e8);
        assert_eq!(m.cpu.launch_seconds, 0.000014);
        assert_eq!(m.mpi, Some(Mpi { latency_seconds: 0.00000035, bandwidth: 1.1e10, between_nodes: false, init_seconds: 0.0, start: vec![] }));
        assert_eq!(m.gpu.as_ref().map(|g| g.name.as_str()), Some("NVIDIA H200"));
        assert_eq!(Machine::from_toml(&m.to_toml()), Ok(m));
        // A missing class, model or count of cores, a negative rate, a broken cache line, a
        // repeated bandwidth: errors; a broken mpi line: left out; no cache lines: none.
        let without = |keyword: &str| lines.iter().filter(|l| !l.starts_with(keyword)).cloned().collect::<Vec<_>>();
        for keyword in ["ops div", "model", "cores", "launch", "bandwidth"] {
            assert!(d(&without(keyword)).unwrap_err().contains("no `"), "{keyword}");
        }
        assert_eq!(d(&without("cache")).unwrap().cpu.caches, Vec::new());
        let with = |i: usize, line: &str| {
            let mut changed = lines.clone();
            changed[i] = line.into();
            changed
        };
        assert!(d(&with(7, "ops arith -1")).is_err());
        assert!(d(&with(3, "cache 2 Unified 1M 2")).is_err());
        assert!(d(&with(3, "cache 2 Unified 1048576")).is_err());
        assert!(d(&with(3, "cache 1 Data 65536 1")).unwrap_err().contains("two `cache 1 Data`"));
        assert!(d(&with(6, "bandwidth 2 3e10 1.6e10 1.7e10")).unwrap_err().contains("two `bandwidth 2`"));
        assert!(d(&with(2, "cores 0")).is_err());
        assert_eq!(d(&with(15, "mpi NaN 1e10 0")).unwrap().mpi, None);
    }
}
