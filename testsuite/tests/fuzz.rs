//! The fuzzer's pieces against real inputs: the mutant sequence over the real corpus is a
//! function of the seed and mostly parses, and a run through a fake `legatec` (a shell script
//! that panics, rejects with a diagnostic, or "compiles" into a script printing a chosen
//! output) is classified as a crash, an unsupported construct, a difference or a match.
//! Needs `python3` (CPython's parser and the reference runs), not legatec.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use testsuite::fuzz::classify::Class;
use testsuite::fuzz::exec::{evaluate, parse_check, Settings, Verdict, Witness};
use testsuite::fuzz::mutate::mutate;
use testsuite::fuzz::rng::Rng;
use testsuite::header::CaseHeader;
use testsuite::process::testsuite_dir;

fn corpus() -> Vec<String> {
    let dir = testsuite_dir().join("cases");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).filter(|p| p.extension().is_some_and(|e| e == "py")).collect();
    paths.sort();
    paths.iter().map(|p| std::fs::read_to_string(p).unwrap()).collect()
}

#[test]
fn mutants_of_the_corpus_are_deterministic_and_mostly_parse() {
    let parents = corpus();
    assert!(parents.len() > 20);
    let make = |index: u64| {
        let mut rng = Rng::for_item(42, index);
        let parent = rng.below(parents.len());
        mutate(&parents[parent], &mut rng).map(|m| m.text)
    };
    let first: Vec<String> = (0..60).filter_map(make).collect();
    let again: Vec<String> = (0..60).filter_map(make).collect();
    assert_eq!(first, again);
    assert!(first.len() >= 55, "only {} of 60 mutants were made", first.len());
    let dir = tempfile::tempdir().unwrap();
    let parses = parse_check(&first, dir.path());
    let good = parses.iter().filter(|&&p| p).count();
    assert!(good * 10 >= first.len() * 8, "only {good} of {} mutants parse", first.len());
    // CPython's verdicts line up with the programs.
    let verdicts = parse_check(&["x = 1\n".to_owned(), "x = (\n".to_owned(), "if x:\npass\n".to_owned()], dir.path());
    assert_eq!(verdicts, vec![true, false, false]);
}

/// A fake compiler: panics on programs containing `CRASH`, reports a located diagnostic for
/// `UNSUPPORTED`, else writes an executable printing what follows `# prints:` in the program.
fn fake_legatec(dir: &Path) -> PathBuf {
    let path = dir.join("fake-legatec");
    let script = r#"#!/bin/sh
source="$1"; out="$3"
if grep -q CRASH "$source"; then
    printf "thread 'main' panicked at frontend/src/lower.rs:40:9:\nno slot for x\n" >&2
    exit 134
fi
if grep -q UNSUPPORTED "$source"; then
    printf "unsupported-construct\n\n  x nope\n   ,-[%s:2:1]\nerror: could not compile\n" "$(basename "$source")" >&2
    exit 1
fi
printed=$(sed -n 's/^# prints: //p' "$source")
printf '#!/bin/sh\necho "%s"\n' "$printed" > "$out"
chmod +x "$out"
"#;
    std::fs::write(&path, script).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    path
}

#[test]
fn a_fake_compiler_is_classified() {
    let dir = tempfile::tempdir().unwrap();
    let settings = Settings {
        legatec: fake_legatec(dir.path()),
        ranks: vec![1],
        compile_limit: Duration::from_secs(30),
        python_limit: Duration::from_secs(30),
        memory_limit: 4 << 30,
    };
    let header = CaseHeader::default();
    let run = |text: &str| evaluate(&settings, &dir.path().join("work"), "prog", text, &header, "parent.py", None, "prog.py").verdict;

    match run("# CRASH\nprint(1)\n") {
        Verdict::Finding(problem, _) => {
            assert_eq!(problem.class, Class::CompilerCrash);
            assert_eq!(problem.signature, "crash: panic at frontend/src/lower.rs:40: no slot for x");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(run("# UNSUPPORTED\nprint(1)\n"), Verdict::Unsupported("unsupported-construct".into()));
    assert_eq!(run("# prints: 7\nprint(7)\n"), Verdict::Matched);
    match run("# prints: 7.0\nprint(7)\n") {
        Verdict::Finding(problem, witness) => {
            assert_eq!(problem.class, Class::OutputDifference);
            assert_eq!(problem.key, "stdout kind: python int vs binary float");
            assert_eq!((witness.run.args, witness.run.ranks), (0, 1));
            assert_eq!(witness.python, Some((Some(0), String::new())));
            // The minimiser's candidates: CPython ending otherwise stops before legatec.
            let focus = Witness { run: witness.run, python: Some((Some(1), "NameError".into())) };
            let verdict = evaluate(&settings, &dir.path().join("work"), "prog", "# CRASH\nprint(7)\n", &header, "parent.py", Some(&focus), "prog.py").verdict;
            assert_eq!(verdict, Verdict::Matched);
        }
        other => panic!("{other:?}"),
    }
    match run("# prints: 0\nprint(k)\n") {
        Verdict::Finding(problem, _) => assert_eq!(problem.key, "exit: python 1 (NameError) vs binary 0"),
        other => panic!("{other:?}"),
    }
}
