//! Running the reference interpreter, the compiler and compiled programs, with a time limit.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

/// What a finished (or stopped) process left behind.
#[derive(Debug)]
pub struct RunOutput {
    /// The exit status; `None` when the process was killed by a signal or by the time limit.
    pub exit_code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
    pub timed_out: bool,
    pub elapsed: Duration,
}

impl RunOutput {
    /// The exit status in words: `exit 0`, `killed by signal 11`, `timed out after 60 s`.
    pub fn status_text(&self) -> String {
        if self.timed_out {
            format!("timed out after {:.0} s", self.elapsed.as_secs_f64())
        } else {
            match self.exit_code {
                Some(code) => format!("exit {code}"),
                None => "killed by a signal".to_owned(),
            }
        }
    }
}

/// Runs a command to completion or until `limit`, capturing stdout and stderr.
///
/// Standard input is empty. A process that runs past the limit is killed (only that process,
/// by its own handle) and reported with `timed_out`.
pub fn run_with_limit(command: &mut Command, limit: Duration) -> std::io::Result<RunOutput> {
    let start = Instant::now();
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;
    let stdout_reader = spawn_reader(child.stdout.take().expect("stdout is piped"));
    let stderr_reader = spawn_reader(child.stderr.take().expect("stderr is piped"));
    let mut timed_out = false;
    let status: ExitStatus = loop {
        if let Some(status) = child.try_wait()? {
            break status;
        }
        if start.elapsed() > limit {
            timed_out = true;
            let _ = child.kill();
            break child.wait()?;
        }
        thread::sleep(Duration::from_millis(5));
    };
    // A grandchild that outlives the child may hold the pipes open; do not wait for it long.
    let stdout = stdout_reader
        .recv_timeout(Duration::from_secs(10))
        .unwrap_or_default();
    let stderr = stderr_reader
        .recv_timeout(Duration::from_secs(10))
        .unwrap_or_default();
    Ok(RunOutput {
        exit_code: if timed_out { None } else { status.code() },
        stdout: String::from_utf8_lossy(&stdout).into_owned(),
        stderr: String::from_utf8_lossy(&stderr).into_owned(),
        timed_out,
        elapsed: start.elapsed(),
    })
}

fn spawn_reader(mut pipe: impl Read + Send + 'static) -> mpsc::Receiver<Vec<u8>> {
    let (sender, receiver) = mpsc::channel();
    thread::spawn(move || {
        let mut buffer = Vec::new();
        let _ = pipe.read_to_end(&mut buffer);
        let _ = sender.send(buffer);
    });
    receiver
}

/// The workspace root: the parent of the `testsuite` crate.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("testsuite lives inside the workspace")
        .to_path_buf()
}

/// The directory of this crate (`testsuite/`).
pub fn testsuite_dir() -> PathBuf {
    match std::env::var_os("LEGATEC_TESTSUITE_DIR") {
        Some(dir) => PathBuf::from(dir),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")),
    }
}

/// Finds the `legatec` binary: `$LEGATEC`, else `target/release/legatec`, else
/// `target/debug/legatec` (under `$CARGO_TARGET_DIR` when that is set).
pub fn find_legatec() -> Result<PathBuf, String> {
    if let Some(path) = std::env::var_os("LEGATEC") {
        let path = PathBuf::from(path);
        return if path.is_file() {
            Ok(path)
        } else {
            Err(format!(
                "LEGATEC is set to {}, which is not a file",
                path.display()
            ))
        };
    }
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .map(|dir| {
            if dir.is_absolute() {
                dir
            } else {
                workspace_root().join(dir)
            }
        })
        .unwrap_or_else(|| workspace_root().join("target"));
    let candidates = [
        target.join("release").join("legatec"),
        target.join("debug").join("legatec"),
    ];
    for candidate in &candidates {
        if candidate.is_file() {
            return Ok(candidate.clone());
        }
    }
    Err(format!(
        "the legatec binary was not found (looked for $LEGATEC, {} and {}); run `cargo build --release -p cli` first",
        candidates[0].display(),
        candidates[1].display()
    ))
}

/// The Python interpreter of the reference runs: `$PYTHON`, else `python3`.
pub fn python() -> String {
    std::env::var("PYTHON").unwrap_or_else(|_| "python3".to_owned())
}

/// The time limit of one process: `$LEGATEC_TIMEOUT` seconds, else 300.
pub fn time_limit() -> Duration {
    let seconds = std::env::var("LEGATEC_TIMEOUT")
        .ok()
        .and_then(|s| s.parse::<u64>().ok())
        .unwrap_or(300);
    Duration::from_secs(seconds)
}

/// How many cases run at once: `$LEGATEC_JOBS`, else the number of cores, between 2 and 4.
pub fn worker_count() -> usize {
    if let Some(jobs) = std::env::var("LEGATEC_JOBS")
        .ok()
        .and_then(|s| s.parse::<usize>().ok())
    {
        return jobs.max(1);
    }
    thread::available_parallelism()
        .map_or(2, |n| n.get())
        .clamp(2, 4)
}

/// The programs of the differential suite: `cases/*.py`, the examples (`examples/*.py`,
/// `examples/polybench/*.py`) and the report goldens' programs (`reports/*.py`), filtered by
/// `$LEGATEC_CASES` like [`case_files`].
pub fn differential_case_files() -> std::io::Result<Vec<PathBuf>> {
    let examples = testsuite_dir().join("..").join("examples");
    let mut cases = Vec::new();
    for dir in [testsuite_dir().join("cases"), examples.clone(), examples.join("polybench"), examples.join("pandas"), testsuite_dir().join("reports")] {
        cases.extend(case_files(&dir, "py")?);
    }
    Ok(cases)
}

/// The files of `dir` whose name ends in `.{extension}`, sorted, filtered by `$LEGATEC_CASES`
/// (substrings of the file name, separated by commas: a file matching any) when that is set.
pub fn case_files(dir: &Path, extension: &str) -> std::io::Result<Vec<PathBuf>> {
    let filter = std::env::var("LEGATEC_CASES")
        .ok()
        .filter(|s| !s.is_empty());
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        if path.extension().and_then(|e| e.to_str()) != Some(extension) {
            continue;
        }
        if let Some(filter) = &filter {
            if !filter.split(',').any(|part| !part.is_empty() && name.contains(part)) {
                continue;
            }
        }
        files.push(path);
    }
    files.sort();
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn captures_output_and_status() {
        let out = run_with_limit(
            Command::new("sh").args(["-c", "echo out; echo err >&2; exit 3"]),
            Duration::from_secs(30),
        )
        .unwrap();
        assert_eq!(out.stdout, "out\n");
        assert_eq!(out.stderr, "err\n");
        assert_eq!(out.exit_code, Some(3));
        assert!(!out.timed_out);
    }

    #[test]
    fn stops_a_process_past_the_limit() {
        let out = run_with_limit(
            Command::new("sh").args(["-c", "echo started; exec sleep 30"]),
            Duration::from_millis(300),
        )
        .unwrap();
        assert!(out.timed_out);
        assert_eq!(out.exit_code, None);
        assert!(out.elapsed < Duration::from_secs(20));
    }
}
