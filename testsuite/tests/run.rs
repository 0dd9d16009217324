//! `legatec run script.py -- ARGS` and its build cache (`cli/src/run.rs`): the program runs
//! as the compiled executable would, with its arguments, exit status and name; a second run
//! of an unchanged script reuses the executable; a change to the script, to the flags or to
//! a file read at compile time makes another; `legatec cache clean` empties the cache.

use std::path::Path;
use std::process::{Command, Output};

use testsuite::process::find_legatec;

fn run(cache: &Path, args: &[&str], cwd: &Path) -> Output {
    Command::new(find_legatec().unwrap_or_else(|e| panic!("{e}")))
        .arg("run")
        .args(args)
        .current_dir(cwd)
        .env("LEGATEC_CACHE_DIR", cache)
        .output()
        .expect("legatec runs")
}

/// The executables in the cache.
fn cached(cache: &Path) -> Vec<(String, std::time::SystemTime)> {
    let mut out: Vec<(String, std::time::SystemTime)> = std::fs::read_dir(cache)
        .map(|d| {
            d.flatten()
                .filter(|e| !e.file_name().to_string_lossy().ends_with(".lock"))
                .map(|e| (e.file_name().to_string_lossy().to_string(), e.metadata().unwrap().modified().unwrap()))
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

#[test]
fn run_compiles_once_and_runs_with_the_programs_arguments() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let script = dir.path().join("scale.py");
    std::fs::write(
        &script,
        "import argparse\nimport numpy as np\nparser = argparse.ArgumentParser()\nparser.add_argument(\"--n\", type=int, default=4)\nargs = parser.parse_args()\nprint(np.arange(args.n) * 2)\n",
    )
    .unwrap();
    let first = run(&cache, &["scale.py", "--", "--n", "5"], dir.path());
    assert!(first.status.success(), "{}", String::from_utf8_lossy(&first.stderr));
    assert_eq!(String::from_utf8_lossy(&first.stdout), "[0 2 4 6 8]\n");
    let built = cached(&cache);
    assert_eq!(built.len(), 1, "{built:?}");
    // Again, arguments without `--`: the same executable, not rebuilt.
    let second = run(&cache, &["scale.py", "--n", "3"], dir.path());
    assert_eq!(String::from_utf8_lossy(&second.stdout), "[0 2 4]\n");
    assert_eq!(cached(&cache), built);
    // The program's own errors, status and name (argparse's `prog` is the script's).
    let bad = run(&cache, &["scale.py", "--", "--m", "3"], dir.path());
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).starts_with("usage: scale.py [-h] [--n N]"), "{}", String::from_utf8_lossy(&bad.stderr));
    // Other flags: another executable.
    let o1 = run(&cache, &["-O1", "--target", "cpu", "scale.py"], dir.path());
    assert_eq!(String::from_utf8_lossy(&o1.stdout), "[0 2 4 6]\n");
    assert_eq!(cached(&cache).len(), 2);
    // A changed script: another.
    std::fs::write(&script, std::fs::read_to_string(&script).unwrap().replace("* 2", "* 3")).unwrap();
    let changed = run(&cache, &["scale.py"], dir.path());
    assert_eq!(String::from_utf8_lossy(&changed.stdout), "[0 3 6 9]\n");
    assert_eq!(cached(&cache).len(), 3);
    // A script that does not compile: the compiler's diagnostics and status, nothing cached.
    std::fs::write(dir.path().join("broken.py"), "import numpy as np\nprint(np.frobnicate(1))\n").unwrap();
    let broken = run(&cache, &["broken.py"], dir.path());
    assert_eq!(broken.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&broken.stderr).contains("np.frobnicate"), "{}", String::from_utf8_lossy(&broken.stderr));
    assert_eq!(cached(&cache).len(), 3);
    // Flags that name the output belong to a plain compilation; no script is a usage error.
    let flagged = run(&cache, &["-o", "x", "scale.py"], dir.path());
    assert_eq!(flagged.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&flagged.stderr).contains("`-o` belongs to `legatec script.py`"), "{}", String::from_utf8_lossy(&flagged.stderr));
    let bare = run(&cache, &["-O1"], dir.path());
    assert_eq!(bare.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bare.stderr).starts_with("usage: legatec run"), "{}", String::from_utf8_lossy(&bare.stderr));
    // `legatec cache clean` empties it.
    let clean = Command::new(find_legatec().unwrap()).args(["cache", "clean"]).env("LEGATEC_CACHE_DIR", &cache).output().unwrap();
    assert!(clean.status.success());
    assert!(cached(&cache).is_empty());
}

#[test]
fn a_file_read_at_compile_time_is_part_of_the_key() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    std::fs::write(dir.path().join("data.csv"), "a,b\n1,2\n3,4\n").unwrap();
    std::fs::write(dir.path().join("read.py"), "import pandas as pd\ndf = pd.read_csv(\"data.csv\")\nprint(df.sum().sum())\n").unwrap();
    let first = run(&cache, &["read.py"], dir.path());
    assert!(first.status.success(), "{}", String::from_utf8_lossy(&first.stderr));
    assert_eq!(String::from_utf8_lossy(&first.stdout), "10\n");
    // The same columns, other values: read at run time, the same executable.
    std::fs::write(dir.path().join("data.csv"), "a,b\n5,6\n").unwrap();
    let same = run(&cache, &["read.py"], dir.path());
    assert_eq!(String::from_utf8_lossy(&same.stdout), "11\n");
    assert_eq!(cached(&cache).len(), 1);
    // Another schema (a float column): another executable, as a fresh compile would make.
    std::fs::write(dir.path().join("data.csv"), "a,b\n5,6.5\n").unwrap();
    let other = run(&cache, &["read.py"], dir.path());
    assert!(other.status.success(), "{}", String::from_utf8_lossy(&other.stderr));
    assert_eq!(String::from_utf8_lossy(&other.stdout), "11.5\n");
    assert_eq!(cached(&cache).len(), 2);
}

/// The cached executables load the shared runtime (a link of milliseconds instead of the
/// static runtime's tenth of a second): the runtime they find is the one named when they
/// were built, and a different runtime library (rebuilt, or another file) is a new key.
#[test]
fn cached_executables_use_the_shared_runtime_and_a_new_runtime_is_a_new_key() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    std::fs::write(dir.path().join("small.py"), "import numpy as np\nprint(np.arange(3.0).sum())\n").unwrap();
    let legatec = find_legatec().unwrap_or_else(|e| panic!("{e}"));
    let shared = legatec.with_file_name("libruntime_lib.so");
    assert!(shared.exists(), "{} was not built", shared.display());
    let copy = dir.path().join("libruntime_lib.so");
    std::fs::copy(&shared, &copy).unwrap();
    let with = |runtime: &Path| {
        Command::new(&legatec)
            .args(["run", "small.py"])
            .current_dir(dir.path())
            .env("LEGATEC_CACHE_DIR", &cache)
            .env("LEGATEC_RUNTIME_SHARED", runtime)
            .output()
            .expect("legatec runs")
    };
    let first = with(&shared);
    assert_eq!(String::from_utf8_lossy(&first.stdout), "3.0\n", "{}", String::from_utf8_lossy(&first.stderr));
    let built = cached(&cache);
    assert_eq!(built.len(), 1, "{built:?}");
    let exe = cache.join(&built[0].0);
    let needed = Command::new("readelf").arg("-d").arg(&exe).output().expect("readelf runs");
    let dynamic = String::from_utf8_lossy(&needed.stdout);
    assert!(dynamic.contains("libruntime_lib.so"), "{dynamic}");
    assert!(std::fs::metadata(&exe).unwrap().len() < 1 << 20, "the executable carries a runtime of its own");
    // The copy is another file: another executable, which runs against the copy.
    let second = with(&copy);
    assert_eq!(String::from_utf8_lossy(&second.stdout), "3.0\n", "{}", String::from_utf8_lossy(&second.stderr));
    assert_eq!(cached(&cache).len(), 2);
}
