//! The `legatec` command: parses flags, runs frontend → passes → codegen,
//! renders diagnostics with miette, and links the executable.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, ValueEnum};

mod model;
mod machine;
mod render;
mod run;

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
enum EmitKind {
    /// The legatec tensor IR (text).
    Ir,
    /// LLVM IR (text).
    Llvm,
    /// Assembly.
    Asm,
    /// An object file.
    Obj,
    /// The PTX of the GPU kernels.
    Ptx,
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
enum TargetKind {
    /// CPU kernels, plus GPU kernels whenever they can be made (a warning says when not).
    Auto,
    /// CPU kernels only.
    Cpu,
    /// CPU and GPU kernels; an error when the GPU kernels cannot be made.
    Gpu,
}

/// What makes the host code and CPU kernels.
#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
enum Backend {
    /// LLVM: optimised (vectorised) code.
    Llvm,
    /// Cranelift: compiles several times faster, runs slower; GPU code is still LLVM's.
    Cranelift,
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
enum ReportFormat {
    Text,
    Json,
    /// One self-contained page (no script, nothing fetched): the arrays' blocks over the
    /// ranks, per-loop time bars and a roofline; write it with `-o report.html`.
    Html,
}

/// legatec: compiles a NumPy script into a native executable.
#[derive(Parser, Debug)]
#[command(name = "legatec", version, about, after_help = "Machine descriptions (for --report --machine): `legatec machine --help`.\nCompile and run in one step, through a build cache: `legatec run script.py -- ARGS` (`legatec cache clean`).")]
struct Args {
    /// The Python script to compile.
    script: PathBuf,
    /// Output path (`-` for standard output with --emit).
    #[arg(short = 'o', long = "output")]
    output: Option<PathBuf>,
    /// Emit an intermediate form instead of an executable.
    #[arg(long, value_enum)]
    emit: Option<EmitKind>,
    /// Optimisation level 0-3.
    #[arg(short = 'O', default_value_t = 2, value_parser = clap::value_parser!(u8).range(0..=3))]
    opt_level: u8,
    /// CPU to generate code for (`native` = this machine).
    #[arg(long, default_value = "native")]
    target_cpu: String,
    /// The backend of the host code and CPU kernels (default: cranelift at -O0, llvm
    /// otherwise; `--emit llvm|asm|obj` is always LLVM's).
    #[arg(long, value_enum)]
    backend: Option<Backend>,
    /// Which kernels to embed. The executable runs its GPU kernels when it finds a
    /// CUDA driver and a GPU at run time (`LEGATEC_DEVICE=cpu` forces the CPU).
    #[arg(long, value_enum, default_value = "auto")]
    target: TargetKind,
    /// CUDA's `libdevice.10.bc` (GPU math functions); default: `$LEGATEC_LIBDEVICE` (empty: none),
    /// `$CUDA_HOME`, `/usr/local/cuda`, `/opt/legatec/cuda` (installed by scripts/setup.sh).
    #[arg(long, value_name = "PATH")]
    libdevice: Option<PathBuf>,
    /// Print the IR after the named pass (or `all`) to standard error.
    #[arg(long, value_name = "PASS")]
    print_after: Option<String>,
    /// Print how the program will be distributed over MPI ranks (arrays, halos, the
    /// communication of every loop) instead of compiling it.
    #[arg(long)]
    report: bool,
    /// Format of --report.
    #[arg(long, value_enum, default_value = "text")]
    report_format: ReportFormat,
    /// With --report: predict the run's time on this machine, a name (`legatec machine
    /// --list`) or a description file (`legatec machine --measure -o FILE`). When
    /// compiling: the executable's profile (`LEGATEC_PROFILE=1`) shows measured/predicted.
    #[arg(long, value_name = "NAME|FILE")]
    machine: Option<String>,
    /// With --machine: MPI ranks of the predicted run.
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..))]
    ranks: u32,
    /// With --machine: threads per rank (default: as the runtime, every core, shared by
    /// the ranks of a node).
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..))]
    threads: Option<u32>,
    /// With --machine: where the kernels run.
    #[arg(long, value_enum, default_value = "cpu")]
    device: DeviceKind,
    /// Make a lint of the plan an error (exit status 1): `gather-in-loop`,
    /// `host-copy-in-loop`, `replicated-array`, or `all`. Repeatable.
    #[arg(long, value_name = "LINT")]
    deny: Vec<String>,
    /// With --report --machine: a run's profile (`LEGATEC_PROFILE=run.json ./app`), set
    /// beside the prediction, largest misses first.
    #[arg(long, value_name = "FILE", requires = "machine")]
    profile: Option<PathBuf>,
    /// Print the wall time of each compiler stage (frontend, every pass, host code, GPU
    /// code on its own thread, link) to standard error.
    #[arg(long)]
    time_passes: bool,
    /// Link against the shared runtime library (`libruntime_lib.so` beside legatec, found by
    /// the executable through its run path) instead of the static one: a link of a few
    /// milliseconds instead of a tenth of a second, for executables that run on this machine
    /// (`legatec run` builds its cached executables so).
    #[arg(long, hide = true)]
    shared_runtime: bool,
    /// The script's own command-line arguments, for --report --machine (after `--`).
    #[arg(last = true, value_name = "ARGS")]
    program_args: Vec<String>,
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
enum DeviceKind {
    Cpu,
    Gpu,
}

/// The stack of the thread the compiler runs on. Every stage recurses over nested
/// statements and expressions, which the parser adapter bounds at
/// `frontend::syntax::MAX_NESTING` (5,000) levels each (deeper is a
/// `statement-too-deep` or `expression-too-deep` error). Measured on x86-64, 5,000
/// levels need at most 8 MiB (about 1.6 KiB per level, the most in codegen), so a
/// program at both limits needs about 16 MiB; the rest is margin for trees that inlining
/// makes deeper than the source (lambdas calling lambdas). Only the pages a compilation
/// touches are used. If the system refuses that much address space, a smaller stack
/// that still holds both limits is tried.
const COMPILER_STACK_BYTES: [usize; 2] = [1 << 30, 64 << 20];

fn main() -> ExitCode {
    // `legatec machine ...`: machine descriptions, a parser of their own (see machine.rs).
    if std::env::args_os().nth(1).is_some_and(|first| first == "machine") {
        return machine::main(std::env::args_os().skip(2).collect());
    }
    // `legatec run script.py -- ARGS` and `legatec cache clean` (see run.rs).
    if std::env::args_os().nth(1).is_some_and(|first| first == "run") {
        if let Some(script) = std::env::args_os().skip(2).find(|a| !a.to_string_lossy().starts_with('-')) {
            install_panic_hook(Path::new(&script));
        }
        let args: Vec<std::ffi::OsString> = std::env::args_os().skip(2).collect();
        // The lowering that makes the cache key runs on the compiler's stack.
        return match std::thread::Builder::new().name("legatec".into()).stack_size(COMPILER_STACK_BYTES[1]).spawn(move || run::run_main(args)) {
            Ok(thread) => thread.join().unwrap_or(ExitCode::from(101)),
            Err(e) => {
                eprintln!("error: cannot start the compiler thread: {e}");
                ExitCode::from(1)
            }
        };
    }
    if std::env::args_os().nth(1).is_some_and(|first| first == "cache") {
        return run::cache_main(std::env::args_os().skip(2).collect());
    }
    let args = std::sync::Arc::new(Args::parse());
    install_panic_hook(&args.script);
    let mut refused = None;
    for stack in COMPILER_STACK_BYTES {
        let thread_args = args.clone();
        match std::thread::Builder::new().name("legatec".into()).stack_size(stack).spawn(move || run(&thread_args)) {
            Ok(thread) => {
                return match thread.join() {
                    Ok(Ok(())) => ExitCode::SUCCESS,
                    Ok(Err(code)) => code,
                    // The panic hook exits with 101 before this; the same status if it could not.
                    Err(_) => ExitCode::from(101),
                };
            }
            Err(e) => refused = Some(e),
        }
    }
    eprintln!("error: cannot start the compiler thread: {}", refused.map(|e| e.to_string()).unwrap_or_default());
    ExitCode::from(1)
}

/// A panic anywhere in the compiler is a bug in legatec: print where it happened (the
/// stage from `ir::stage`, the script, the panic message and location) and exit with
/// status 101. The hook runs before the process would abort (`panic = "abort"` in
/// release builds) or unwind, so the status is 101 either way.
fn install_panic_hook(script: &Path) {
    let script = script.display().to_string();
    std::panic::set_hook(Box::new(move |info| {
        let stage = ir::stage::current();
        let message = info.payload_as_str().unwrap_or("(a panic without a message)");
        let location = info.location().map(|l| format!("{}:{}:{}", l.file(), l.line(), l.column())).unwrap_or_else(|| "an unknown location".into());
        let backtrace = std::backtrace::Backtrace::capture();
        let backtrace = match backtrace.status() {
            std::backtrace::BacktraceStatus::Captured => format!("{backtrace}"),
            _ => "note: run with `RUST_BACKTRACE=1` for a backtrace\n".to_string(),
        };
        let text = format!(
            "internal compiler error in `{stage}` while compiling `{script}`: {message}\n  \
             at {location} (legatec {})\n{backtrace}\
             This indicates a bug in legatec, not in your script; please report it with the script that triggered it.\n",
            env!("CARGO_PKG_VERSION")
        );
        let _ = std::io::stderr().write_all(text.as_bytes());
        std::process::exit(101);
    }));
}

/// `--time-passes`: the wall time of each stage, printed when the compile ends (also on an
/// error after the frontend).
struct Timings {
    on: bool,
    start: std::time::Instant,
    stages: std::sync::Mutex<Vec<(String, std::time::Duration)>>,
}

impl Timings {
    fn new(on: bool) -> Timings {
        Timings { on, start: std::time::Instant::now(), stages: Default::default() }
    }

    fn record(&self, stage: impl Into<String>, took: std::time::Duration) {
        if self.on {
            self.stages.lock().unwrap_or_else(|e| e.into_inner()).push((stage.into(), took));
        }
    }

    /// Runs `f` as the stage `name`.
    fn time<T>(&self, name: &str, f: impl FnOnce() -> T) -> T {
        let t = std::time::Instant::now();
        let out = f();
        self.record(name, t.elapsed());
        out
    }
}

impl Drop for Timings {
    fn drop(&mut self) {
        if !self.on {
            return;
        }
        let stages = self.stages.lock().unwrap_or_else(|e| e.into_inner());
        let mut text = String::from("legatec --time-passes (wall seconds; `host code` and `gpu code` run at once):\n");
        for (name, took) in stages.iter() {
            text.push_str(&format!("  {name:<38} {:>8.4}\n", took.as_secs_f64()));
        }
        text.push_str(&format!("  {:<38} {:>8.4}\n", "total", self.start.elapsed().as_secs_f64()));
        let _ = std::io::stderr().write_all(text.as_bytes());
    }
}

fn run(args: &Args) -> Result<(), ExitCode> {
    let timings = Timings::new(args.time_passes);
    let path_text = args.script.display().to_string();
    let source = std::fs::read_to_string(&args.script).map_err(|e| {
        eprintln!("error: cannot read `{path_text}`: {e}");
        ExitCode::from(1)
    })?;
    let mut module = match timings.time("frontend (parse, lower)", || frontend::compile(&source, &path_text)) {
        Ok(m) => m,
        Err(diags) => {
            render::render_all(&path_text, &source, &diags);
            // A compiler bug is not a user error.
            let status = if diags.iter().any(|d| d.is_internal()) { 101 } else { 1 };
            return Err(ExitCode::from(status));
        }
    };
    let print_after = args.print_after.clone();
    let mut last = std::time::Instant::now();
    passes::run(&mut module, true, |name, m| {
        timings.record(format!("pass {name} (and verify)"), last.elapsed());
        if print_after.as_deref() == Some(name) || print_after.as_deref() == Some("all") {
            eprintln!("; IR after {name}\n{}", ir::print::print_module(m));
        }
        last = std::time::Instant::now();
    })
    .map_err(internal)?;
    lint(args, &module, &source, &path_text)?;

    if args.report {
        ir::stage::enter("report");
        // The plan the pipeline wrote: the report renders it.
        let model = match &args.machine {
            Some(name) => Some(model::configure(args, &module, name)?),
            None => None,
        };
        // The arrays are drawn over the ranks asked for, or over 4 for one.
        let drawn = if args.ranks > 1 { args.ranks } else { 4 };
        let text = match (args.report_format, &model) {
            (ReportFormat::Text, None) => passes::report::text(&module, &source, &path_text),
            (ReportFormat::Json, None) => passes::report::json(&module, &source, &path_text, None),
            (ReportFormat::Html, None) => passes::report::html(&module, &source, &path_text, drawn, None),
            (format, Some((machine, values))) => {
                let config = model::config(args, machine, values.clone());
                let p = passes::model::predict(&module, &config);
                let profile = match &args.profile {
                    Some(path) => Some(model::profile(&module, path, &config)?),
                    None => None,
                };
                let compared = profile.as_ref().map(|profile| (profile, passes::model::profile::Comparison::new(&p, profile)));
                if let Some((_, c)) = &compared {
                    let deny = args.deny.iter().any(|d| d == "all" || d == "kernel-below-bound");
                    model::below_bound(c, deny)?;
                }
                let compared = compared.as_ref().map(|(profile, c)| (*profile, c));
                match format {
                    ReportFormat::Text => {
                        let mut text = passes::report::text(&module, &source, &path_text) + &passes::report::prediction_text(&module, &source, &config, &p);
                        if let Some((profile, c)) = compared {
                            text.push_str(&passes::report::comparison_text(profile, c));
                        }
                        text
                    }
                    ReportFormat::Json => {
                        let m = passes::report::prediction_json(&module, &source, &config, &p, compared);
                        passes::report::json(&module, &source, &path_text, Some(&m))
                    }
                    ReportFormat::Html => {
                        let m = passes::report::Model { config: &config, prediction: &p, compared };
                        passes::report::html(&module, &source, &path_text, drawn, Some(&m))
                    }
                }
            }
        };
        return write_output(args, text.as_bytes());
    }
    if args.emit == Some(EmitKind::Ir) {
        return write_output(args, ir::print::print_module(&module).as_bytes());
    }
    if args.emit == Some(EmitKind::Ptx) {
        let Some(ptx) = gpu_kernels(args, &module)? else {
            eprintln!("error: --emit ptx needs --target auto or gpu");
            return Err(ExitCode::from(1));
        };
        return write_output(args, ptx.as_bytes());
    }
    ir::stage::enter("codegen");
    // Built with --machine: the plan table carries the predicted seconds of each statement,
    // which the profile (`LEGATEC_PROFILE`) compares with the measured ones.
    let (predicted, predicted_for) = match &args.machine {
        Some(name) => {
            let (machine, values) = model::configure(args, &module, name)?;
            let config = model::config(args, &machine, values);
            (passes::model::predict(&module, &config).per_execution(), Some(model::run_config(&config)))
        }
        None => Default::default(),
    };
    let mut options = codegen_llvm::Options {
        opt_level: args.opt_level,
        target_cpu: args.target_cpu.clone(),
        ptx: codegen_llvm::Ptx::None,
        source: source.clone(),
        predicted,
        predicted_for,
    };
    let emit = match args.emit {
        Some(EmitKind::Llvm) => Some(codegen_llvm::Emit::LlvmIr),
        Some(EmitKind::Asm) => Some(codegen_llvm::Emit::Asm),
        Some(EmitKind::Obj) => Some(codegen_llvm::Emit::Object),
        _ => None,
    };
    if let Some(emit) = emit {
        if args.backend == Some(Backend::Cranelift) {
            eprintln!("error: `--emit llvm|asm|obj` shows LLVM's code; `--backend cranelift` makes executables only\nhint: leave out `--backend cranelift` (or `--emit`)");
            return Err(ExitCode::from(2));
        }
        options.ptx = gpu_kernels(args, &module)?.map_or(codegen_llvm::Ptx::None, codegen_llvm::Ptx::Embedded);
        let bytes = codegen_llvm::compile(&module, &options, emit).map_err(internal)?;
        return write_output(args, &bytes);
    }
    // The host module and the GPU code at once, each on its own thread: the PTX goes into
    // an object of its own that defines the symbol the host module declares. With Cranelift,
    // that object also defines the semantics helpers the host code calls (made by LLVM once
    // the host code says which).
    codegen_llvm::initialize_targets();
    let gpu = args.target != TargetKind::Cpu;
    if gpu {
        options.ptx = codegen_llvm::Ptx::External;
    }
    let backend = args.backend.unwrap_or(if args.opt_level == 0 { Backend::Cranelift } else { Backend::Llvm });
    let (object, ptx_object) = std::thread::scope(|scope| {
        let ptx_thread = gpu.then(|| {
            scope.spawn(|| -> Result<Option<String>, ExitCode> { timings.time("gpu code (PTX)", || gpu_kernels(args, &module)) })
        });
        let ptx = |thread: Option<std::thread::ScopedJoinHandle<'_, Result<Option<String>, ExitCode>>>| -> Result<Option<String>, ExitCode> {
            Ok(match thread {
                Some(t) => Some(t.join().unwrap_or(Err(ExitCode::from(101)))?.unwrap_or_default()),
                None => None,
            })
        };
        match backend {
            Backend::Llvm => {
                let object = timings
                    .time("host code (LLVM, object)", || codegen_llvm::compile(&module, &options, codegen_llvm::Emit::Object).map_err(internal));
                let side = ptx(ptx_thread).and_then(|text| {
                    text.map(|text| timings.time("gpu code (its object)", || codegen_llvm::ptx_object(&text, &options).map_err(internal))).transpose()
                });
                (object, side)
            }
            Backend::Cranelift => {
                let output = timings.time("host code (Cranelift, object)", || codegen_cranelift::compile(&module, &options).map_err(internal));
                let text = ptx(ptx_thread);
                match (output, text) {
                    (Ok(output), Ok(text)) => {
                        let side = timings.time("semantics helpers and PTX (LLVM, object)", || {
                            codegen_llvm::helpers_object(&output.helpers, text.as_deref(), &options).map_err(internal)
                        });
                        (Ok(output.object), side.map(Some))
                    }
                    (Err(e), _) | (_, Err(e)) => (Err(e), Ok(None)),
                }
            }
        }
    });
    let ptx_object = ptx_object?;
    let object = object?;
    let out = args.output.clone().unwrap_or_else(|| PathBuf::from(args.script.file_stem().unwrap_or_default()));
    ir::stage::enter("link");
    let runtime = if args.shared_runtime { Runtime::Shared } else { Runtime::Static };
    timings.time("link", || link(&object, ptx_object.as_deref(), &out, runtime))
}

/// The lints of the plan (`passes::lints`): warnings, or errors for those `--deny` names.
fn lint(args: &Args, module: &ir::Module, source: &str, path: &str) -> Result<(), ExitCode> {
    for name in &args.deny {
        if name != "all" && !passes::lints::LINTS.contains(&name.as_str()) {
            eprintln!("error: `--deny {name}`: no such lint\nhint: the lints are {}, and `all`", passes::lints::LINTS.join(", "));
            return Err(ExitCode::from(1));
        }
    }
    let denied = |code: &str| args.deny.iter().any(|d| d == "all" || d == code);
    let (mut errors, warnings): (Vec<ir::Diagnostic>, Vec<ir::Diagnostic>) =
        passes::lints::lints(module, args.target == TargetKind::Gpu || args.device == DeviceKind::Gpu).into_iter().partition(|d| denied(d.code));
    if !warnings.is_empty() {
        render::render_warnings(path, source, &warnings);
    }
    if errors.is_empty() {
        return Ok(());
    }
    for e in &mut errors {
        e.severity = ir::Severity::Error;
        e.message.push_str(" (denied by `--deny`)");
    }
    render::render_all(path, source, &errors);
    Err(ExitCode::from(1))
}

/// The PTX to embed for `--target`: `None` for cpu; for auto, `None` with a
/// warning when a kernel needs libdevice and none is found.
fn gpu_kernels(args: &Args, module: &ir::Module) -> Result<Option<String>, ExitCode> {
    if args.target == TargetKind::Cpu {
        return Ok(None);
    }
    ir::stage::enter("ptx");
    let options = codegen_llvm::GpuOptions { libdevice: find_libdevice(args), ..Default::default() };
    match codegen_llvm::ptx(module, &options) {
        Ok(ptx) => Ok(Some(ptx)),
        Err(codegen_llvm::PtxError::Internal(e)) => Err(internal(e)),
        Err(codegen_llvm::PtxError::NeedsLibdevice { function }) => {
            let severity = if args.target == TargetKind::Gpu { "error" } else { "warning" };
            eprintln!(
                "{severity}[E0901]: the GPU kernels call `{function}`, which needs CUDA's libdevice.10.bc, and none was found{}\n\
                 hint: run scripts/setup.sh (it installs one under /opt/legatec/cuda), pass --libdevice PATH or set LEGATEC_LIBDEVICE; \
                 --target cpu builds CPU kernels only",
                if args.target == TargetKind::Gpu { "" } else { "; the executable will run on the CPU only" }
            );
            if args.target == TargetKind::Gpu {
                Err(ExitCode::from(1))
            } else {
                Ok(None)
            }
        }
    }
}

/// `--libdevice`, `$LEGATEC_LIBDEVICE`, then the usual CUDA installations.
fn find_libdevice(args: &Args) -> Option<PathBuf> {
    if let Some(path) = &args.libdevice {
        return Some(path.clone());
    }
    if let Some(path) = std::env::var_os("LEGATEC_LIBDEVICE") {
        // Set but empty: no libdevice.
        return (!path.is_empty()).then(|| PathBuf::from(path));
    }
    let mut roots: Vec<PathBuf> = ["CUDA_HOME", "CUDA_PATH"].iter().filter_map(std::env::var_os).map(PathBuf::from).collect();
    roots.extend(["/usr/local/cuda", "/opt/legatec/cuda", "/usr/lib/nvidia-cuda-toolkit"].map(PathBuf::from));
    roots.into_iter().map(|root| root.join("nvvm/libdevice/libdevice.10.bc")).find(|path| path.exists())
}

fn internal(e: ir::InternalError) -> ExitCode {
    eprintln!("{e}");
    ExitCode::from(101)
}

fn write_output(args: &Args, bytes: &[u8]) -> Result<(), ExitCode> {
    match args.output.as_deref() {
        None => {
            std::io::stdout().write_all(bytes).map_err(|_| ExitCode::from(1))?;
        }
        Some(p) if p == Path::new("-") => {
            std::io::stdout().write_all(bytes).map_err(|_| ExitCode::from(1))?;
        }
        Some(p) => std::fs::write(p, bytes).map_err(|e| {
            eprintln!("error: cannot write `{}`: {e}", p.display());
            ExitCode::from(1)
        })?,
    }
    Ok(())
}

/// How an executable gets the runtime.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Runtime {
    /// `libruntime_lib.a`, copied in: the executable runs anywhere.
    Static,
    /// `libruntime_lib.so`, loaded from where it is now (the executable's run path).
    Shared,
}

/// The runtime library: `$LEGATEC_RUNTIME` (static) or `$LEGATEC_RUNTIME_SHARED`, else the
/// file beside the `legatec` executable.
pub(crate) fn runtime_library(kind: Runtime) -> Result<PathBuf, ExitCode> {
    let (variable, path) = runtime_library_path(kind).ok_or(ExitCode::from(1))?;
    if std::env::var_os(variable).is_some() || path.exists() {
        return Ok(path);
    }
    eprintln!(
        "error: the legatec runtime library was not found at `{}`\nhint: build it with `cargo build --release -p runtime-lib`, or set {variable}",
        path.display()
    );
    Err(ExitCode::from(1))
}

/// The linker flags of the system's MPI library, which the runtime calls:
/// `mpicc --showme:link` (Open MPI), else `-lmpi`.
pub(crate) fn mpi_link_flags() -> Vec<String> {
    let shown = std::process::Command::new("mpicc").arg("--showme:link").output();
    match shown {
        Ok(output) if output.status.success() => {
            String::from_utf8_lossy(&output.stdout).split_whitespace().map(str::to_string).collect()
        }
        _ => vec!["-lmpi".to_string()],
    }
}

/// Where the runtime library of `kind` is looked for, and the variable that names it.
pub(crate) fn runtime_library_path(kind: Runtime) -> Option<(&'static str, PathBuf)> {
    let (variable, name) = match kind {
        Runtime::Static => ("LEGATEC_RUNTIME", "libruntime_lib.a"),
        Runtime::Shared => ("LEGATEC_RUNTIME_SHARED", "libruntime_lib.so"),
    };
    match std::env::var(variable) {
        Ok(p) => Some((variable, PathBuf::from(p))),
        Err(_) => Some((variable, std::env::current_exe().ok()?.with_file_name(name))),
    }
}

/// Links the object with the runtime into `out` using the system C compiler.
fn link(object: &[u8], ptx_object: Option<&[u8]>, out: &Path, runtime: Runtime) -> Result<(), ExitCode> {
    let dir = tempfile::tempdir().map_err(|e| {
        eprintln!("error: cannot create a temporary directory: {e}");
        ExitCode::from(1)
    })?;
    let obj_path = dir.path().join("program.o");
    std::fs::write(&obj_path, object).map_err(|e| {
        eprintln!("error: cannot write the object file: {e}");
        ExitCode::from(1)
    })?;
    // Linked beside the object, then moved to `out`: a failure to write `out` (a folder, no
    // permission) is the user's, not the linker's.
    let linked = dir.path().join("program");
    let mut inputs = vec![obj_path];
    if let Some(ptx) = ptx_object {
        let path = dir.path().join("ptx.o");
        std::fs::write(&path, ptx).map_err(|e| {
            eprintln!("error: cannot write the object file: {e}");
            ExitCode::from(1)
        })?;
        inputs.push(path);
    }
    link_with_runtime(&inputs, &linked, runtime)?;
    // A rename fails across file systems; a copy keeps the executable's permissions.
    if std::fs::rename(&linked, out).is_err() {
        std::fs::copy(&linked, out).map_err(|e| {
            eprintln!("error: cannot write the executable `{}`: {e}", out.display());
            ExitCode::from(1)
        })?;
    }
    Ok(())
}

/// `lld` or `gold` where the PATH has it (`ld.lld`, `ld.gold`).
fn fast_linker() -> Option<&'static str> {
    static LINKER: std::sync::OnceLock<Option<&'static str>> = std::sync::OnceLock::new();
    *LINKER.get_or_init(|| {
        let path = std::env::var_os("PATH")?;
        ["lld", "gold"].into_iter().find(|ld| std::env::split_paths(&path).any(|dir| dir.join(format!("ld.{ld}")).is_file()))
    })
}

/// `cc INPUT libruntime_lib.a ... -o LINKED`: an object (or a C file, which `cc` compiles
/// first) linked with the runtime as every program is (or with the shared runtime, which
/// the executable then finds through its run path).
pub(crate) fn link_with_runtime(inputs: &[PathBuf], linked: &Path, kind: Runtime) -> Result<(), ExitCode> {
    let runtime = runtime_library(kind)?;
    let cc = std::env::var("CC").unwrap_or_else(|_| "cc".to_string());
    let mut cmd = std::process::Command::new(&cc);
    cmd.args(inputs).arg(&runtime).arg("-o").arg(linked);
    match kind {
        // Only the runtime code the program reaches is kept (`--gc-sections`): a NumPy
        // program carries none of the pandas layer's.
        Runtime::Static => {
            cmd.arg("-Wl,--gc-sections");
        }
        Runtime::Shared => {
            let dir = runtime.parent().map(Path::to_path_buf).unwrap_or_default();
            let dir = std::fs::canonicalize(&dir).unwrap_or(dir);
            cmd.arg(format!("-Wl,-rpath,{}", dir.display()));
        }
    }
    // The fastest linker installed: LLVM's lld (0.12 s for channel_flow, against 0.28 s
    // for gold and 0.45 s for BFD ld on the 2-core VM), else gold, else `cc`'s default.
    if let Some(ld) = fast_linker() {
        cmd.arg(format!("-fuse-ld={ld}"));
    }
    cmd.args(mpi_link_flags());
    for lib in ["-lm", "-lpthread", "-ldl", "-lgcc_s", "-lutil", "-lrt", "-lc"] {
        cmd.arg(lib);
    }
    let output = cmd.output().map_err(|e| {
        eprintln!("error: cannot run the C compiler `{cc}` to link: {e}\nhint: install a C toolchain (`apt install build-essential`) or set CC");
        ExitCode::from(1)
    })?;
    if !output.status.success() {
        eprintln!(
            "internal compiler error in `link`: the linker failed:\n{}\nrepro: {:?}\nThis indicates a bug in legatec; please report it.",
            String::from_utf8_lossy(&output.stderr),
            cmd
        );
        return Err(ExitCode::from(101));
    }
    Ok(())
}
