//! The differential mutation fuzzer (run it through `scripts/fuzz.sh`).
//!
//! It mutates the programs of `testsuite/cases`, `examples` and `testsuite/reports` (each
//! mutant keeps its parent's header: `# args:`, `# env:`, `# rtol:`), drops mutants CPython
//! cannot parse, compiles the others with legatec and runs what compiles under CPython + NumPy
//! and as a binary at each rank count. Compiler crashes and hangs, binary hangs and any
//! difference in exit status, exception type or stdout are findings: each new one (by
//! signature) is minimised and written to the output directory as `finding-NNN-*.py` with a
//! `.txt` holding the commands, both outputs and the classification.
//!
//! The sequence of mutants depends only on `--seed` and the corpus; `--seconds` or `--mutants`
//! says how far along it a run goes. Exit status: 0 without findings, 1 with, 2 on bad usage or
//! a setup that does not work (no legatec, no runtime library).

use std::collections::{BTreeMap, HashSet, VecDeque};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use testsuite::fuzz::classify::{Class, Problem};
use testsuite::fuzz::exec::{evaluate, parse_check, RunId, Settings, Skip, Verdict, Witness};
use testsuite::fuzz::minimise::{minimise, only_args_line, plausible, Budget};
use testsuite::fuzz::mutate::{mutate, Mutant};
use testsuite::fuzz::rng::Rng;
use testsuite::header::{parse_header, CaseHeader};
use testsuite::process::{find_legatec, workspace_root};
use testsuite::runs::parse_rank_counts;

const USAGE: &str = "usage: fuzz [--seconds N] [--mutants N] [--seed S] [--ranks 1,3] [--jobs J] [--out DIR]
            [--cases TEXT] [--minimise-seconds N] [--compile-timeout N] [--python-timeout N]
            [--show N] [--check FILE...] [--minimise FILE]

  --seconds N           stop taking new mutants after N seconds (default 120)
  --mutants N           stop after N mutants (default: no limit)
  --seed S              the seed of the mutant sequence (default 1)
  --ranks LIST          rank counts of the binary's runs (default 1; N>1 runs under mpirun)
  --jobs J              mutants at once (default: the number of cores)
  --out DIR             where findings go (default target/fuzz)
  --cases TEXT          only parents whose path contains TEXT
  --minimise-seconds N  time for minimising one finding (default 180)
  --compile-timeout N   legatec's limit in seconds (default 60)
  --python-timeout N    CPython's limit in seconds (default 10; slower mutants are skipped)
  --show N              print the first N mutants (and whether CPython parses them), run nothing
  --check FILE...       run the given programs (reproducers) both ways, print what they show;
                        exit 1 if any still shows a finding
  --minimise FILE       run FILE both ways and, if it shows a finding, print a minimised
                        reproducer and its report (up to --minimise-seconds)";

struct Options {
    seconds: u64,
    mutants: Option<u64>,
    seed: u64,
    ranks: Vec<usize>,
    jobs: usize,
    out: PathBuf,
    cases: Option<String>,
    minimise_seconds: u64,
    compile_timeout: u64,
    python_timeout: u64,
    show: Option<u64>,
    check: Vec<PathBuf>,
    minimise: Option<PathBuf>,
}

fn parse_options() -> Result<Options, String> {
    let mut options = Options {
        seconds: 120,
        mutants: None,
        seed: 1,
        ranks: vec![1],
        jobs: std::thread::available_parallelism().map_or(2, |n| n.get()),
        out: workspace_root().join("target").join("fuzz"),
        cases: None,
        minimise_seconds: 180,
        compile_timeout: 60,
        python_timeout: 10,
        show: None,
        check: Vec::new(),
        minimise: None,
    };
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        if flag == "-h" || flag == "--help" {
            println!("{USAGE}");
            std::process::exit(0);
        }
        if flag == "--check" {
            options.check.extend(args.by_ref().map(PathBuf::from));
            break;
        }
        let value = args.next().ok_or_else(|| format!("{flag} needs a value"))?;
        let number = || value.parse::<u64>().map_err(|_| format!("{flag} needs a number, found `{value}`"));
        match flag.as_str() {
            "--seconds" => options.seconds = number()?,
            "--mutants" => options.mutants = Some(number()?),
            "--seed" => options.seed = number()?,
            "--ranks" => options.ranks = parse_rank_counts(&value),
            "--jobs" => options.jobs = (number()? as usize).max(1),
            "--out" => options.out = PathBuf::from(&value),
            "--cases" => options.cases = Some(value.clone()),
            "--minimise-seconds" => options.minimise_seconds = number()?,
            "--compile-timeout" => options.compile_timeout = number()?,
            "--python-timeout" => options.python_timeout = number()?,
            "--show" => options.show = Some(number()?),
            "--minimise" => options.minimise = Some(PathBuf::from(&value)),
            _ => return Err(format!("unknown option `{flag}`")),
        }
    }
    Ok(options)
}

/// A program of the corpus.
struct Parent {
    /// Its path relative to the workspace root.
    name: String,
    /// Its file stem: mutants are compiled and run under this name (argparse's `prog`).
    stem: String,
    text: String,
    header: CaseHeader,
}

/// The parents: every `testsuite/cases/*.py`, `examples/**/*.py` and `testsuite/reports/*.py`,
/// sorted; programs that use `time` are left out (their timings differ by nature).
fn corpus(filter: Option<&str>) -> Result<(Vec<Parent>, Vec<String>), String> {
    fn walk(dir: &Path, recursive: bool, out: &mut Vec<PathBuf>) -> Result<(), String> {
        let entries = std::fs::read_dir(dir).map_err(|e| format!("cannot list {}: {e}", dir.display()))?;
        for entry in entries {
            let path = entry.map_err(|e| e.to_string())?.path();
            if path.is_dir() && recursive {
                walk(&path, true, out)?;
            } else if path.extension().is_some_and(|e| e == "py") {
                out.push(path);
            }
        }
        Ok(())
    }
    let root = workspace_root();
    let mut paths = Vec::new();
    walk(&root.join("testsuite").join("cases"), false, &mut paths)?;
    walk(&root.join("examples"), true, &mut paths)?;
    walk(&root.join("testsuite").join("reports"), false, &mut paths)?;
    paths.sort();
    let mut parents = Vec::new();
    let mut left_out = Vec::new();
    for path in paths {
        let name = path.strip_prefix(&root).unwrap_or(&path).display().to_string();
        if filter.is_some_and(|f| !name.contains(f)) {
            continue;
        }
        let text = std::fs::read_to_string(&path).map_err(|e| format!("cannot read {name}: {e}"))?;
        if text.lines().any(|l| matches!(l.trim(), t if t.starts_with("import time") || t.starts_with("from time "))) {
            left_out.push(name);
            continue;
        }
        let header = parse_header(&text).map_err(|e| format!("{name}: bad header: {e}"))?;
        let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("program").to_owned();
        parents.push(Parent { name, stem, text, header });
    }
    if parents.is_empty() {
        return Err("the corpus is empty".into());
    }
    Ok((parents, left_out))
}

/// A mutant to run.
struct Job {
    index: u64,
    parent: usize,
    mutant: Mutant,
}

/// Makes mutants in the order of their index, checks them with CPython's parser in batches
/// and hands out those that parse. Its output depends only on the seed and the corpus.
struct Generator<'a> {
    seed: u64,
    parents: &'a [Parent],
    next_index: u64,
    limit: Option<u64>,
    ready: VecDeque<Job>,
    seen: HashSet<String>,
    dir: PathBuf,
    generated: u64,
    unparseable: u64,
    duplicates: u64,
}

const BATCH: usize = 16;

impl<'a> Generator<'a> {
    fn make(&self, index: u64) -> Option<(usize, Mutant)> {
        let mut rng = Rng::for_item(self.seed, index);
        let parent = rng.below(self.parents.len());
        mutate(&self.parents[parent].text, &mut rng).map(|m| (parent, m))
    }

    /// The next batch of mutants, with CPython's verdict on each: (job, parses).
    fn batch(&mut self) -> Vec<(Job, bool)> {
        let mut fresh = Vec::new();
        while fresh.len() < BATCH {
            if self.limit.is_some_and(|l| self.next_index >= l) {
                break;
            }
            let index = self.next_index;
            self.next_index += 1;
            if let Some((parent, mutant)) = self.make(index) {
                fresh.push(Job { index, parent, mutant });
            }
        }
        let texts: Vec<String> = fresh.iter().map(|j| j.mutant.text.clone()).collect();
        let verdicts = parse_check(&texts, &self.dir);
        fresh.into_iter().zip(verdicts).collect()
    }

    /// The next mutant that parses and was not made before; `None` at `--mutants`.
    fn next(&mut self) -> Option<Job> {
        loop {
            if let Some(job) = self.ready.pop_front() {
                self.generated += 1;
                if !self.seen.insert(job.mutant.text.clone()) {
                    self.duplicates += 1;
                    continue;
                }
                return Some(job);
            }
            let batch = self.batch();
            if batch.is_empty() {
                return None;
            }
            for (job, parses) in batch {
                if parses {
                    self.ready.push_back(job);
                } else {
                    self.generated += 1;
                    self.unparseable += 1;
                }
            }
        }
    }
}

#[derive(Default)]
struct Counts {
    unsupported: u64,
    skipped: BTreeMap<Skip, u64>,
    ran: u64,
    matched: u64,
    findings: BTreeMap<Class, u64>,
    codes: BTreeMap<String, u64>,
}

/// One unique finding (a signature), with every mutant that showed it.
struct Finding {
    number: usize,
    problem: Problem,
    parent: String,
    first_mutant: u64,
    mutations: Vec<String>,
    original: String,
    /// The minimised program and its report; `None` while it is being minimised.
    reproducer: Option<(String, String, usize)>,
    /// (mutant index, parent) of every hit.
    hits: Vec<(u64, String)>,
    /// Set when its minimised program is the same as an earlier finding's.
    same_as: Option<usize>,
    path: PathBuf,
}

struct Shared<'a> {
    options: &'a Options,
    settings: Settings,
    parents: &'a [Parent],
    generator: Mutex<Generator<'a>>,
    counts: Mutex<Counts>,
    findings: Mutex<Vec<Finding>>,
    start: Instant,
    deadline: Instant,
}

/// Whether a candidate of the minimiser still shows `original`: a crash or a program without
/// a location keeps its signature (the same panic); the other classes keep their key.
fn same_finding(original: &Problem, candidate: &Problem) -> bool {
    original.class == candidate.class
        && match original.class {
            Class::CompilerCrash | Class::DiagnosticWithoutLocation => original.signature == candidate.signature,
            _ => original.key == candidate.key,
        }
}

fn write_finding(out: &Path, finding: &Finding, seed: u64) {
    let Some((text, report, tests)) = &finding.reproducer else { return };
    let py = finding.path.clone();
    let _ = std::fs::write(&py, text);
    let shown = py.file_name().and_then(|n| n.to_str()).unwrap_or("finding.py");
    let mut txt = String::new();
    let _ = writeln!(txt, "class: {}", finding.problem.class.name());
    let _ = writeln!(txt, "kind: {}", finding.problem.key);
    let _ = writeln!(txt, "signature: {}", finding.problem.signature);
    let _ = writeln!(txt, "found by: mutant #{} of seed {seed}, parent {}", finding.first_mutant, finding.parent);
    let _ = writeln!(txt, "mutations:");
    for m in &finding.mutations {
        let _ = writeln!(txt, "  - {m}");
    }
    let mut parents: BTreeMap<&str, usize> = BTreeMap::new();
    for (_, parent) in &finding.hits {
        *parents.entry(parent).or_default() += 1;
    }
    let _ = writeln!(txt, "mutants with this signature: {} (by parent: {})", finding.hits.len(),
        parents.iter().map(|(p, n)| format!("{p} {n}")).collect::<Vec<_>>().join(", "));
    let _ = writeln!(txt, "minimised in {tests} tests; commands, run from {}:", out.display());
    let _ = writeln!(txt, "{}", report.replace("legatec mutant.py", &format!("legatec {shown}")).replace("python3 mutant.py", &format!("python3 {shown}")));
    let _ = writeln!(txt, "--- the mutant as found ---\n{}", finding.original);
    let _ = std::fs::write(py.with_extension("txt"), txt);
}

/// Minimises a finding of `text` (a mutant of `parent`): the reproducer, its report, and how
/// many candidates were tested.
fn minimise_finding(
    settings: &Settings,
    workdir: &Path,
    parent: &Parent,
    text: &str,
    problem: &Problem,
    witness: Witness,
    time: Duration,
) -> (String, String, usize) {
    let dir = workdir.join("minimise");
    let still_shows = |text: &str, header: &CaseHeader, focus: &Witness| match evaluate(settings, &dir, &parent.stem, text, header, &parent.name, Some(focus), "mutant.py").verdict {
        Verdict::Finding(candidate, _) => same_finding(problem, &candidate),
        _ => false,
    };
    // A program with several `# args:` lines keeps only the one that shows the finding.
    let (start, header, focus) = match only_args_line(text, witness.run.args) {
        Some(single) if parent.header.runs.len() > 1 => {
            let header = parse_header(&single).unwrap_or_else(|_| parent.header.clone());
            let focus = Witness { run: RunId { args: 0, ranks: witness.run.ranks }, python: witness.python.clone() };
            if still_shows(&single, &header, &focus) {
                (single, header, focus)
            } else {
                (text.to_owned(), parent.header.clone(), witness)
            }
        }
        _ => (text.to_owned(), parent.header.clone(), witness),
    };
    let budget = Budget { tests: 400, deadline: Instant::now() + time };
    let parse_dir = workdir.join("parse");
    // Where CPython runs first, a candidate it cannot parse fails there (a SyntaxError is not
    // the finding's outcome); only a compiler finding needs CPython's parser on its own.
    let needs_parser = focus.python.is_none();
    let (small, tests) = minimise(
        &start,
        budget,
        |text| plausible(text) && (!needs_parser || parse_check(&[text.to_owned()], &parse_dir).first() == Some(&true)),
        |text| still_shows(text, &header, &focus),
    );
    let evaluation = evaluate(settings, &dir, &parent.stem, &small, &header, &parent.name, Some(&focus), "mutant.py");
    let report = match &evaluation.verdict {
        Verdict::Finding(p, _) => format!("classification of the reproducer: {} ({})\n{}", p.class.name(), p.key, evaluation.report),
        other => format!("the reproducer did not show the finding again when rerun ({other:?}): the finding may be flaky\n{}", evaluation.report),
    };
    (small, report, tests)
}

fn handle_finding(shared: &Shared<'_>, workdir: &Path, job: &Job, problem: Problem, witness: Witness) {
    let parent = &shared.parents[job.parent];
    let number = {
        let mut findings = shared.findings.lock().unwrap();
        if let Some(known) = findings.iter_mut().find(|f| f.problem.signature == problem.signature) {
            known.hits.push((job.index, parent.name.clone()));
            return;
        }
        let number = findings.len() + 1;
        let path = shared.options.out.join(format!("finding-{number:03}-{}.py", problem.class.slug()));
        findings.push(Finding {
            number,
            problem: problem.clone(),
            parent: parent.name.clone(),
            first_mutant: job.index,
            mutations: job.mutant.mutations.clone(),
            original: job.mutant.text.clone(),
            reproducer: None,
            hits: vec![(job.index, parent.name.clone())],
            same_as: None,
            path,
        });
        number
    };
    eprintln!("[{:>5.0} s] finding {number}: {} ({}), from mutant #{} of {}", shared.start.elapsed().as_secs_f64(), problem.class.name(), problem.signature, job.index, parent.name);

    let (small, report, tests) = minimise_finding(
        &shared.settings,
        workdir,
        parent,
        &job.mutant.text,
        &problem,
        witness,
        Duration::from_secs(shared.options.minimise_seconds),
    );
    let mut findings = shared.findings.lock().unwrap();
    let same_as = findings.iter().find(|f| f.number != number && f.reproducer.as_ref().is_some_and(|r| r.0 == small)).map(|f| f.number);
    let finding = findings.iter_mut().find(|f| f.number == number).expect("registered above");
    finding.reproducer = Some((small, report, tests));
    finding.same_as = same_as;
    if same_as.is_none() {
        write_finding(&shared.options.out, finding, shared.options.seed);
    }
}

fn worker(shared: &Shared<'_>) {
    let workdir = match tempfile::Builder::new().prefix("legatec-fuzz-").tempdir() {
        Ok(dir) => dir,
        Err(e) => {
            eprintln!("fuzz: cannot create a temporary directory: {e}");
            return;
        }
    };
    loop {
        if Instant::now() >= shared.deadline {
            break;
        }
        let Some(job) = shared.generator.lock().unwrap().next() else { break };
        let parent = &shared.parents[job.parent];
        let evaluation = evaluate(
            &shared.settings,
            &workdir.path().join("run"),
            &parent.stem,
            &job.mutant.text,
            &parent.header,
            &parent.name,
            None,
            "mutant.py",
        );
        let mut counts = shared.counts.lock().unwrap();
        match evaluation.verdict {
            Verdict::Unsupported(code) => {
                counts.unsupported += 1;
                *counts.codes.entry(code).or_default() += 1;
            }
            Verdict::Skipped(skip) => {
                if skip != Skip::TooSlow {
                    counts.ran += 1;
                }
                *counts.skipped.entry(skip).or_default() += 1;
            }
            Verdict::Matched => {
                counts.ran += 1;
                counts.matched += 1;
            }
            Verdict::Finding(problem, run) => {
                if !matches!(problem.class, Class::CompilerCrash | Class::CompilerHang | Class::DiagnosticWithoutLocation) {
                    counts.ran += 1;
                }
                *counts.findings.entry(problem.class).or_default() += 1;
                drop(counts);
                handle_finding(shared, workdir.path(), &job, problem, run);
            }
        }
    }
}

/// Compiles `print(1)`: a setup without the runtime library or a C compiler fails here, not
/// as thousands of findings.
fn check_setup(settings: &Settings) -> Result<(), String> {
    let dir = tempfile::Builder::new().prefix("legatec-fuzz-check-").tempdir().map_err(|e| e.to_string())?;
    let evaluation = evaluate(settings, &dir.path().join("check"), "check", "print(1)\n", &CaseHeader::default(), "check", None, "check.py");
    match evaluation.verdict {
        Verdict::Matched => Ok(()),
        other => Err(format!("`print(1)` does not compile and run the same ({other:?}):\n{}", evaluation.report)),
    }
}

/// `--check`: each file once, both ways, with its header.
fn check_files(settings: &Settings, files: &[PathBuf]) -> ExitCode {
    let Ok(dir) = tempfile::Builder::new().prefix("legatec-fuzz-check-").tempdir() else {
        eprintln!("fuzz: cannot create a temporary directory");
        return ExitCode::from(2);
    };
    let mut found = false;
    for file in files {
        let text = match std::fs::read_to_string(file) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("fuzz: cannot read {}: {e}", file.display());
                return ExitCode::from(2);
            }
        };
        let header = match parse_header(&text) {
            Ok(h) => h,
            Err(e) => {
                eprintln!("fuzz: {}: bad header: {e}", file.display());
                return ExitCode::from(2);
            }
        };
        let stem = file.file_stem().and_then(|s| s.to_str()).unwrap_or("program");
        let shown = file.display().to_string();
        let evaluation = evaluate(settings, &dir.path().join("check"), stem, &text, &header, &shown, None, &shown);
        let verdict = match &evaluation.verdict {
            Verdict::Finding(problem, _) => {
                found = true;
                format!("{}: {}", problem.class.name(), problem.signature)
            }
            Verdict::Unsupported(code) => format!("unsupported ({code})"),
            Verdict::Skipped(skip) => format!("skipped: {}", skip.describe()),
            Verdict::Matched => "matched".to_owned(),
        };
        println!("{shown}: {verdict}");
        if matches!(evaluation.verdict, Verdict::Finding(..)) {
            println!("{}", evaluation.report);
        }
    }
    if found {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// `--minimise`: one file, run both ways, minimised if it shows a finding.
fn minimise_file(settings: &Settings, file: &Path, time: Duration) -> ExitCode {
    let text = match std::fs::read_to_string(file) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("fuzz: cannot read {}: {e}", file.display());
            return ExitCode::from(2);
        }
    };
    let header = match parse_header(&text) {
        Ok(h) => h,
        Err(e) => {
            eprintln!("fuzz: {}: bad header: {e}", file.display());
            return ExitCode::from(2);
        }
    };
    let Ok(dir) = tempfile::Builder::new().prefix("legatec-fuzz-minimise-").tempdir() else {
        eprintln!("fuzz: cannot create a temporary directory");
        return ExitCode::from(2);
    };
    let name = file.display().to_string();
    let stem = file.file_stem().and_then(|s| s.to_str()).unwrap_or("program").to_owned();
    let parent = Parent { name: name.clone(), stem, text: text.clone(), header };
    let evaluation = evaluate(settings, &dir.path().join("first"), &parent.stem, &text, &parent.header, &name, None, &name);
    let Verdict::Finding(problem, witness) = evaluation.verdict else {
        println!("{name}: no finding ({:?})", evaluation.verdict);
        return ExitCode::SUCCESS;
    };
    eprintln!("{name}: {} ({}); minimising", problem.class.name(), problem.key);
    let start = Instant::now();
    let (small, report, tests) = minimise_finding(settings, dir.path(), &parent, &text, &problem, witness, time);
    println!("{small}");
    println!("--- {} lines, {tests} tests, {:.0} s ---\n{report}", small.lines().count(), start.elapsed().as_secs_f64());
    ExitCode::from(1)
}

fn main() -> ExitCode {
    let options = match parse_options() {
        Ok(o) => o,
        Err(message) => {
            eprintln!("fuzz: {message}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let (parents, left_out) = match corpus(options.cases.as_deref()) {
        Ok(c) => c,
        Err(message) => {
            eprintln!("fuzz: {message}");
            return ExitCode::from(2);
        }
    };
    let scratch = match tempfile::Builder::new().prefix("legatec-fuzz-gen-").tempdir() {
        Ok(d) => d,
        Err(e) => {
            eprintln!("fuzz: cannot create a temporary directory: {e}");
            return ExitCode::from(2);
        }
    };
    let mut generator = Generator {
        seed: options.seed,
        parents: &parents,
        next_index: 0,
        limit: options.mutants,
        ready: VecDeque::new(),
        seen: HashSet::new(),
        dir: scratch.path().to_path_buf(),
        generated: 0,
        unparseable: 0,
        duplicates: 0,
    };
    if let Some(count) = options.show {
        generator.limit = Some(count);
        loop {
            let batch = generator.batch();
            if batch.is_empty() {
                break;
            }
            for (job, parses) in batch {
                println!("=== mutant #{} of {} ({}) ===", job.index, parents[job.parent].name, if parses { "parses" } else { "does not parse" });
                for m in &job.mutant.mutations {
                    println!("# {m}");
                }
                println!("{}", job.mutant.text);
            }
        }
        return ExitCode::SUCCESS;
    }
    let legatec = match find_legatec() {
        Ok(path) => path,
        Err(message) => {
            eprintln!("fuzz: {message}");
            return ExitCode::from(2);
        }
    };
    let settings = Settings {
        legatec,
        ranks: options.ranks.clone(),
        compile_limit: Duration::from_secs(options.compile_timeout),
        python_limit: Duration::from_secs(options.python_timeout),
        memory_limit: 4 << 30,
    };
    if let Err(message) = check_setup(&settings) {
        eprintln!("fuzz: the setup does not work: {message}");
        return ExitCode::from(2);
    }
    if !options.check.is_empty() {
        return check_files(&settings, &options.check);
    }
    if let Some(file) = &options.minimise {
        return minimise_file(&settings, file, Duration::from_secs(options.minimise_seconds));
    }
    if let Err(e) = std::fs::create_dir_all(&options.out) {
        eprintln!("fuzz: cannot create {}: {e}", options.out.display());
        return ExitCode::from(2);
    }
    // Findings of an earlier run would mix with this run's.
    if let Ok(entries) = std::fs::read_dir(&options.out) {
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with("finding-") && (name.ends_with(".py") || name.ends_with(".txt")) || name == "summary.txt" {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
    eprintln!(
        "fuzz: seed {}, {} parents{}, ranks {:?}, {} jobs, {} s, findings to {}",
        options.seed,
        parents.len(),
        if left_out.is_empty() { String::new() } else { format!(" ({} left out: they use `time`)", left_out.len()) },
        options.ranks,
        options.jobs,
        options.seconds,
        options.out.display()
    );
    let start = Instant::now();
    let shared = Shared {
        options: &options,
        settings,
        parents: &parents,
        generator: Mutex::new(generator),
        counts: Mutex::new(Counts::default()),
        findings: Mutex::new(Vec::new()),
        start,
        deadline: start + Duration::from_secs(options.seconds),
    };
    let finished = std::sync::atomic::AtomicBool::new(false);
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..options.jobs).map(|_| scope.spawn(|| worker(&shared))).collect();
        scope.spawn(|| {
            let mut next_report = Duration::from_secs(60);
            while !finished.load(std::sync::atomic::Ordering::SeqCst) {
                std::thread::sleep(Duration::from_millis(200));
                if start.elapsed() >= next_report {
                    next_report += Duration::from_secs(60);
                    let generated = shared.generator.lock().unwrap().generated;
                    let findings = shared.findings.lock().unwrap().len();
                    eprintln!("[{:>5.0} s] {generated} mutants, {findings} unique findings", start.elapsed().as_secs_f64());
                }
            }
        });
        for w in workers {
            let _ = w.join();
        }
        finished.store(true, std::sync::atomic::Ordering::SeqCst);
    });
    let elapsed = start.elapsed();

    let generator = shared.generator.into_inner().unwrap();
    let counts = shared.counts.into_inner().unwrap();
    let findings = shared.findings.into_inner().unwrap();
    for finding in &findings {
        if finding.same_as.is_none() {
            write_finding(&options.out, finding, options.seed);
        }
    }
    let finding_count: u64 = counts.findings.values().sum();
    let per_minute = generator.generated as f64 / elapsed.as_secs_f64().max(1.0) * 60.0;
    let mut summary = String::new();
    let _ = writeln!(summary, "fuzz summary: seed {}, {:.0} s, {} jobs, ranks {:?}, {} parents", options.seed, elapsed.as_secs_f64(), options.jobs, options.ranks, parents.len());
    let _ = writeln!(summary, "  mutants generated              {:>6}  ({per_minute:.1} per minute)", generator.generated);
    let _ = writeln!(summary, "  unparseable (rejected)         {:>6}", generator.unparseable);
    let _ = writeln!(summary, "  duplicates (skipped)           {:>6}", generator.duplicates);
    let _ = writeln!(summary, "  unsupported (compile errors)   {:>6}", counts.unsupported);
    let skipped = |skip: Skip| counts.skipped.get(&skip).copied().unwrap_or(0);
    let _ = writeln!(summary, "  too slow for CPython           {:>6}", skipped(Skip::TooSlow));
    let _ = writeln!(summary, "  compiled and ran               {:>6}", counts.ran);
    let _ = writeln!(summary, "  matched                        {:>6}", counts.matched);
    let all = [Skip::IllConditioned, Skip::Float32Rounding, Skip::UndefinedValues, Skip::DocumentedLimit, Skip::CpuDependentOrder];
    let _ = writeln!(summary, "  skipped after running          {:>6}  (ill-conditioned floats {}, float32 last digits {}, np.empty or no seed {}, documented limit {}, CPU-dependent sort order {})",
        all.iter().map(|&s| skipped(s)).sum::<u64>(),
        skipped(Skip::IllConditioned), skipped(Skip::Float32Rounding), skipped(Skip::UndefinedValues), skipped(Skip::DocumentedLimit), skipped(Skip::CpuDependentOrder));
    for class in [Class::CompilerCrash, Class::CompilerHang, Class::DiagnosticWithoutLocation, Class::BinaryHang, Class::OutputDifference] {
        let unique = findings.iter().filter(|f| f.problem.class == class).count();
        let _ = writeln!(summary, "  {:<31}{:>6}  ({unique} unique)", class.plural(), counts.findings.get(&class).copied().unwrap_or(0));
    }
    if !counts.codes.is_empty() {
        let mut codes: Vec<(&String, &u64)> = counts.codes.iter().collect();
        codes.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        let shown: Vec<String> = codes.iter().take(8).map(|(c, n)| format!("{c} {n}")).collect();
        let _ = writeln!(summary, "  most frequent compile errors: {}", shown.join(", "));
    }
    if !findings.is_empty() {
        let _ = writeln!(summary, "findings (minimised reproducers):");
        for finding in &findings {
            let where_ = match finding.same_as {
                Some(n) => format!("same reproducer as finding {n}"),
                None => finding.path.display().to_string(),
            };
            let lines = finding.reproducer.as_ref().map_or(0, |r| r.0.lines().count());
            let _ = writeln!(
                summary,
                "  {:>3}. [{}] {} — {} mutants, {lines} lines: {where_}",
                finding.number,
                finding.problem.class.name(),
                finding.problem.signature,
                finding.hits.len()
            );
        }
    }
    print!("{summary}");
    let _ = std::fs::write(options.out.join("summary.txt"), &summary);
    if finding_count > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
