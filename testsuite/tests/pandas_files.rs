//! `pd.read_csv` of a file that exists when compiling: the compiler infers the columns'
//! dtypes as pandas does (the program must print what pandas prints), and the program
//! checks them again when it reads: a file whose values pandas would now read as another
//! dtype stops the program with a ValueError instead of printing numbers of the wrong
//! type. The compiler and the program run in the same directory, as a user runs them.

use std::path::Path;
use std::process::Command;

use testsuite::process::{find_legatec, python};

const SCRIPT: &str = "import pandas as pd\n\
df = pd.read_csv(\"data.csv\")\n\
print(df)\n\
print(df.dtypes)\n\
print(df.groupby(\"city\").temp.mean())\n";

fn compile(dir: &Path) -> std::process::Output {
    let legatec = find_legatec().unwrap_or_else(|e| panic!("{e}"));
    Command::new(legatec).current_dir(dir).args(["prog.py", "-o", "prog"]).env("NO_COLOR", "1").output().expect("legatec runs")
}

fn run(dir: &Path, program: &str, args: &[&str]) -> std::process::Output {
    Command::new(program).current_dir(dir).args(args).env("COLUMNS", "80").output().expect("the program runs")
}

#[test]
fn dtypes_inferred_when_compiling_match_pandas() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("prog.py"), SCRIPT).unwrap();
    // ints, floats with a missing value, strings with a missing value, bools.
    std::fs::write(dir.path().join("data.csv"), "id,city,temp,ok\n1,Oslo,3.5,True\n2,Lima,,False\n3,,20.25,True\n4,Oslo,-1,False\n").unwrap();
    let compiled = compile(dir.path());
    assert!(compiled.status.success(), "{}", String::from_utf8_lossy(&compiled.stderr));
    let ours = run(dir.path(), "./prog", &[]);
    let theirs = run(dir.path(), &python(), &["prog.py"]);
    assert!(theirs.status.success(), "pandas failed: {}", String::from_utf8_lossy(&theirs.stderr));
    assert_eq!(String::from_utf8_lossy(&ours.stdout), String::from_utf8_lossy(&theirs.stdout), "stderr: {}", String::from_utf8_lossy(&ours.stderr));
}

#[test]
fn a_file_that_now_reads_as_another_dtype_stops_the_program() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("prog.py"), SCRIPT).unwrap();
    std::fs::write(dir.path().join("data.csv"), "id,city,temp\n1,Oslo,3\n2,Lima,4\n").unwrap();
    let compiled = compile(dir.path());
    assert!(compiled.status.success(), "{}", String::from_utf8_lossy(&compiled.stderr));
    // `temp` was int64 when compiling; pandas now reads it as float64.
    std::fs::write(dir.path().join("data.csv"), "id,city,temp\n1,Oslo,3.5\n2,Lima,4\n").unwrap();
    let ours = run(dir.path(), "./prog", &[]);
    let stderr = String::from_utf8_lossy(&ours.stderr);
    assert_eq!(ours.status.code(), Some(1), "stderr: {stderr}");
    assert!(ours.stdout.is_empty(), "nothing printed: {}", String::from_utf8_lossy(&ours.stdout));
    assert!(stderr.contains("ValueError") && stderr.contains("pandas reads column \"temp\" of this file as float64, not as the int64"), "stderr: {stderr}");
}

#[test]
fn a_missing_file_is_a_located_compile_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("prog.py"), SCRIPT).unwrap();
    let compiled = compile(dir.path());
    let stderr = String::from_utf8_lossy(&compiled.stderr);
    assert!(!compiled.status.success());
    assert!(stderr.contains("prog.py:2:") || stderr.contains("prog.py:2"), "located: {stderr}");
    assert!(stderr.contains("not known when compiling"), "stderr: {stderr}");
}
