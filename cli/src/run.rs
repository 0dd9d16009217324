//! `legatec run [FLAGS] script.py [-- ARGS]`: compile and run in one step, through a build
//! cache; `legatec cache clean|dir`.
//!
//! The executable is kept in the cache directory (`$LEGATEC_CACHE_DIR`, else
//! `$XDG_CACHE_HOME/legatec`, else `~/.cache/legatec`) under a key made of this legatec
//! and the shared runtime library the executable loads (their paths, sizes and
//! modification times), the flags, the script's text, and the module
//! after the pipeline (its printed IR): whatever compile time read (the schema of a file
//! `np.load` or `read_csv` opens, ...) shows in that IR, so a change to it is a new key. A
//! second run of an unchanged script lowers it again (milliseconds) and starts the cached
//! executable. The build is the ordinary compiler (this executable, `--shared-runtime
//! script -o FILE`: linked in milliseconds against `libruntime_lib.so`, where a static
//! link takes a tenth of a second),
//! written to a temporary file and renamed into place; a lock file per key makes the
//! ranks of `mpirun -np N legatec run script.py` build once: the first builds, the others
//! wait and then find it. The program replaces this process (`exec`): its arguments,
//! standard streams, exit status and signals are its own.

use std::ffi::OsString;
use std::hash::{Hash, Hasher};
use std::io::Write;
use std::os::unix::process::CommandExt;
use std::path::PathBuf;
use std::process::{Command, ExitCode};

/// The cache directory.
fn cache_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("LEGATEC_CACHE_DIR").filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    if let Some(dir) = std::env::var_os("XDG_CACHE_HOME").filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir).join("legatec"));
    }
    std::env::var_os("HOME").filter(|d| !d.is_empty()).map(|h| PathBuf::from(h).join(".cache").join("legatec"))
}

/// `legatec cache clean|dir`.
pub fn cache_main(args: Vec<OsString>) -> ExitCode {
    let Some(dir) = cache_dir() else {
        eprintln!("error: no cache directory: set LEGATEC_CACHE_DIR, XDG_CACHE_HOME or HOME");
        return ExitCode::from(1);
    };
    match args.first().and_then(|a| a.to_str()) {
        Some("dir") if args.len() == 1 => {
            println!("{}", dir.display());
            ExitCode::SUCCESS
        }
        Some("clean") if args.len() == 1 => match std::fs::remove_dir_all(&dir) {
            Ok(()) => {
                println!("removed {}", dir.display());
                ExitCode::SUCCESS
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                println!("{} is empty already", dir.display());
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: cannot remove {}: {e}", dir.display());
                ExitCode::from(1)
            }
        },
        _ => {
            eprintln!("usage: legatec cache clean   (removes every cached executable)\n       legatec cache dir     (prints where they are)");
            ExitCode::from(2)
        }
    }
}

/// Flags of the compiler that take a value (`-O` takes its value joined or apart).
const FLAGS_WITH_VALUES: &[&str] = &["--target", "--target-cpu", "--libdevice", "--machine", "--ranks", "--threads", "--device", "--deny", "-O", "--backend"];

/// `legatec run [FLAGS] script.py [-- ARGS]`.
pub fn run_main(args: Vec<OsString>) -> ExitCode {
    // Compiler flags, then the script, then (after an optional `--`) the program's arguments.
    let mut flags: Vec<OsString> = Vec::new();
    let mut it = args.into_iter();
    let mut script = None;
    while let Some(a) = it.next() {
        let text = a.to_string_lossy().to_string();
        if text == "-h" || text == "--help" {
            println!("usage: legatec run [FLAGS] script.py [-- ARGS]\n\ncompiles script.py (once: the executable is cached, see `legatec cache dir`) and runs it with ARGS;\nFLAGS are the compiler's (`-O1`, `--target cpu`, ...; with neither `-O` nor `--backend`, `--backend cranelift`);\n`legatec cache clean` empties the cache");
            return ExitCode::SUCCESS;
        }
        if text.starts_with('-') {
            let takes_value = FLAGS_WITH_VALUES.contains(&text.as_str());
            if matches!(text.as_str(), "-o" | "--output" | "--emit" | "--report" | "--print-after") || text.starts_with("--output=") || text.starts_with("--emit=") {
                eprintln!("error: `legatec run` makes and runs the executable itself: `{text}` belongs to `legatec script.py`");
                return ExitCode::from(2);
            }
            flags.push(a);
            if takes_value {
                match it.next() {
                    Some(v) => flags.push(v),
                    None => {
                        eprintln!("error: `{text}` needs a value");
                        return ExitCode::from(2);
                    }
                }
            }
            continue;
        }
        script = Some(PathBuf::from(a));
        break;
    }
    let Some(script) = script else {
        eprintln!("usage: legatec run [FLAGS] script.py [-- ARGS]");
        return ExitCode::from(2);
    };
    // The development backend unless the flags ask for a backend or an optimisation level.
    let chosen = |f: &OsString| f.to_str().is_some_and(|t| t == "--backend" || t.starts_with("--backend=") || t.starts_with("-O"));
    if !flags.iter().any(chosen) {
        flags.extend(["--backend".into(), "cranelift".into()]);
    }
    let mut program_args: Vec<OsString> = it.collect();
    if program_args.first().is_some_and(|a| a == "--") {
        program_args.remove(0);
    }
    let source = match std::fs::read_to_string(&script) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: cannot read `{}`: {e}", script.display());
            return ExitCode::from(1);
        }
    };
    let Ok(me) = std::env::current_exe() else {
        eprintln!("error: cannot find the legatec executable");
        return ExitCode::from(1);
    };
    // The key: this legatec, the flags, the script and what the pipeline made of it (where
    // the program does not compile, the compiler says why below).
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    env!("CARGO_PKG_VERSION").hash(&mut hasher);
    // The executable loads the shared runtime as it is when it runs: a rebuilt runtime is a
    // new key.
    let shared = crate::runtime_library_path(crate::Runtime::Shared).map(|(_, path)| path);
    for file in [Some(me.clone()), shared].into_iter().flatten() {
        file.hash(&mut hasher);
        if let Ok(meta) = std::fs::metadata(&file) {
            meta.len().hash(&mut hasher);
            meta.modified().ok().hash(&mut hasher);
        }
    }
    flags.hash(&mut hasher);
    source.hash(&mut hasher);
    let path_text = script.display().to_string();
    if let Ok(mut module) = frontend::compile(&source, &path_text) {
        if passes::run(&mut module, false, |_, _| {}).is_ok() {
            ir::print::print_module(&module).hash(&mut hasher);
        }
    }
    let key = format!("{:016x}", hasher.finish());
    let Some(dir) = cache_dir() else {
        eprintln!("error: no cache directory: set LEGATEC_CACHE_DIR, XDG_CACHE_HOME or HOME");
        return ExitCode::from(1);
    };
    if let Err(e) = std::fs::create_dir_all(&dir) {
        eprintln!("error: cannot make the cache directory {}: {e}", dir.display());
        return ExitCode::from(1);
    }
    let stem = script.file_stem().map(|s| s.to_string_lossy().to_string()).unwrap_or_else(|| "app".into());
    let binary = dir.join(format!("{stem}-{key}"));
    if !binary.exists() {
        if let Err(code) = build_once(&me, &flags, &script, &binary) {
            return code;
        }
    }
    // The program sees the script's path as its name (`sys.argv[0]`, argparse's `prog`),
    // as under `python script.py`.
    let e = Command::new(&binary).arg0(&script).args(&program_args).exec();
    eprintln!("error: cannot run {}: {e}", binary.display());
    ExitCode::from(1)
}

/// Builds `binary` unless another process (a rank beside this one) does: under the key's
/// lock, the first to hold it compiles; the others find the executable when they get it.
fn build_once(me: &std::path::Path, flags: &[OsString], script: &std::path::Path, binary: &std::path::Path) -> Result<(), ExitCode> {
    let lock_path = binary.with_extension("lock");
    let lock = std::fs::OpenOptions::new().create(true).truncate(false).write(true).open(&lock_path).map_err(|e| {
        eprintln!("error: cannot open the cache's lock {}: {e}", lock_path.display());
        ExitCode::from(1)
    })?;
    lock.lock().map_err(|e| {
        eprintln!("error: cannot lock {}: {e}", lock_path.display());
        ExitCode::from(1)
    })?;
    if binary.exists() {
        return Ok(());
    }
    let partial = binary.with_extension(format!("partial{}", std::process::id()));
    let status = Command::new(me).args(flags).arg("--shared-runtime").arg(script).arg("-o").arg(&partial).status().map_err(|e| {
        eprintln!("error: cannot run the compiler: {e}");
        ExitCode::from(1)
    })?;
    if !status.success() {
        let _ = std::fs::remove_file(&partial);
        let _ = std::io::stderr().flush();
        return Err(ExitCode::from(status.code().map_or(1, |c| c.clamp(0, 255) as u8)));
    }
    std::fs::rename(&partial, binary).map_err(|e| {
        eprintln!("error: cannot place the executable in the cache ({}): {e}", binary.display());
        ExitCode::from(1)
    })?;
    Ok(())
}
