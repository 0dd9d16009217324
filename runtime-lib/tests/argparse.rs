//! Differential test of `argparse.rs` against CPython's argparse: random
//! parsers (every supported feature) and random command lines, run by
//! runtime-lib and by one `python3` process; the exit status, stdout, stderr
//! and the parsed values must be identical.
//!
//! `$RUNTIME_LIB_ARGPARSE_SEED` and `$RUNTIME_LIB_ARGPARSE_CASES` pick another
//! seed and count; `$PYTHON` the interpreter (default `python3`).

use std::fmt::Write as _;
use std::process::Command;

use runtime_abi::argparse_spec::{decode, encode};
use runtime_lib::argparse::{
    ActionKind, ActionSpec, ArgValue, FormatterKind, Nargs, Outcome, Parser, ParserSpec, PyText, TypeFunc,
};
use runtime_lib::format::py_float_repr;
use runtime_lib::strings::python_repr;

/// xorshift64*: a small deterministic generator.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const WORDS: &[&str] = &[
    "the", "number", "of", "grid", "points", "in", "each", "direction", "time-step", "size", "well-known",
    "a", "very-long-hyphenated-word-that-needs-breaking", "iterations", "(default", "value)", "--", "x--y",
    "tolerance,", "solver.", "Use", "it!", "re-run", "e-mail", "non-negative", "integer", "supercalifragilisticexpialidocious",
    "foo_bar", "3-d", "ab-cd-ef", "naïve", "über-fast", "A-B", "x", "and", "or", "output", "file",
];

const LONG_NAMES: &[&str] = &["size", "num-steps", "seed", "verbose", "s", "si", "output-file", "alpha", "n", "sizes", "mode", "dry-run"];
const POSITIONAL_NAMES: &[&str] = &["x", "infile", "count", "values", "mode", "y_value"];
const INT_TEXTS: &[&str] = &["5", "-3", "007", "1_000", "abc", "2.5", "0", "+4", " 12 ", "-0", "1__0", "", "99"];
const FLOAT_TEXTS: &[&str] = &["1.5", "-2.25", "1e3", "inf", "-Infinity", "nan", ".5", "5.", "1_0.5", "abc", "-1e-3", "1e", "0x10", "3"];
const STR_TEXTS: &[&str] = &["a", "b", "hello", "x y", "-", "it's", "-x", "'q'", "a\"b'c", "tab\there", "é"];

fn text(rng: &mut Rng, max_words: usize) -> String {
    let n = 1 + rng.below(max_words);
    let mut out = String::new();
    for i in 0..n {
        if i > 0 {
            out.push_str(rng.pick::<&str>(&[" ", " ", " ", "  ", "\n", "\t", " \n  "]));
        }
        out.push_str(rng.pick::<&str>(WORDS));
    }
    out
}

fn help_text(rng: &mut Rng, action: &ActionSpec) -> String {
    let mut help = text(rng, 14);
    if rng.chance(30) {
        help.push_str(rng.pick::<&str>(&[" (default: %(default)s)", " [%(type)s]", " %(prog)s", " 100%%", " from %(choices)s", " (%(dest)s)", " %(default)r", " %(metavar)s %(required)s %(nargs)s %(const)s"]));
    }
    // The compiler allows `%d`-style conversions of ints only, `%f`-style ones of ints and floats.
    if action.kind == ActionKind::Store && matches!(action.default, ArgValue::Int(_)) && rng.chance(20) {
        help.push_str(rng.pick::<&str>(&[" %(default)d", " %(default)+05d", " %(default)-4i|", " %(default).2f"]));
    }
    if action.kind == ActionKind::Store && matches!(action.default, ArgValue::Float(_)) && rng.chance(20) {
        help.push_str(rng.pick::<&str>(&[" %(default).2f", " %(default)8.3e", " %(default)-6g|", " %(default)#g"]));
    }
    if rng.chance(5) {
        help = String::new();
    }
    help
}

fn value_of(rng: &mut Rng, ty: TypeFunc) -> ArgValue {
    match ty {
        TypeFunc::Int => ArgValue::Int(*rng.pick(&[0, 1, 5, -3, 42, 1000000])),
        TypeFunc::Float => ArgValue::Float(*rng.pick(&[0.5, 1.0, -2.25, 1e-7, 3.0, 1e22, 0.1])),
        TypeFunc::Str | TypeFunc::Identity => ArgValue::Str(rng.pick(&["a", "b", "hello", "x y", "it's"]).to_string()),
    }
}

/// A random parser. Option strings never conflict; dests are unique.
fn random_spec(rng: &mut Rng) -> ParserSpec {
    let mut spec = ParserSpec {
        prog: if rng.chance(50) { None } else { Some(rng.pick(&["prog", "my-very-long-program-name-for-usage-wrapping", "p", "sim.py"]).to_string()) },
        usage: if rng.chance(5) { Some("%(prog)s [options] FILE".into()) } else { None },
        description: if rng.chance(60) { Some(text(rng, 40)) } else { None },
        epilog: if rng.chance(20) { Some(text(rng, 20)) } else { None },
        formatter: *rng.pick(&[FormatterKind::Plain, FormatterKind::Plain, FormatterKind::Plain, FormatterKind::ArgumentDefaults, FormatterKind::RawDescription, FormatterKind::RawText]),
        add_help: rng.chance(90),
        allow_abbrev: rng.chance(85),
        actions: Vec::new(),
    };
    if let (Some(d), true) = (&mut spec.description, rng.chance(10)) {
        d.push_str(" See %(prog)s.");
    }
    let mut used: Vec<String> = if spec.add_help { vec!["-h".into(), "--help".into()] } else { vec![] };
    let mut dests: Vec<String> = Vec::new();
    let count = rng.below(8);
    for _ in 0..count {
        let positional = rng.chance(25);
        let kind = if positional {
            ActionKind::Store
        } else {
            *rng.pick(&[ActionKind::Store, ActionKind::Store, ActionKind::Store, ActionKind::StoreTrue, ActionKind::StoreFalse, ActionKind::Count])
        };
        let mut action = ActionSpec::new(kind);
        if positional {
            let name = rng.pick(POSITIONAL_NAMES).to_string();
            if dests.contains(&name) {
                continue;
            }
            action.dest = name;
        } else {
            let mut options = Vec::new();
            if rng.chance(60) {
                let short = format!("-{}", (b'a' + rng.below(26) as u8) as char);
                if !used.contains(&short) {
                    options.push(short);
                }
            }
            if options.is_empty() || rng.chance(70) {
                let long = format!("--{}", rng.pick(LONG_NAMES));
                if !used.contains(&long) {
                    options.push(long);
                }
            }
            if options.is_empty() {
                continue;
            }
            if rng.chance(30) {
                options.reverse();
            }
            let long = options.iter().find(|o| o.starts_with("--")).unwrap_or(&options[0]);
            let dest = if rng.chance(15) { format!("d{}", rng.below(100)) } else { long.trim_start_matches('-').replace('-', "_") };
            if dests.contains(&dest) {
                continue;
            }
            used.extend(options.iter().cloned());
            action.option_strings = options;
            action.dest = dest;
        }
        dests.push(action.dest.clone());
        match kind {
            ActionKind::Store => {
                action.type_func = *rng.pick(&[TypeFunc::Identity, TypeFunc::Int, TypeFunc::Int, TypeFunc::Float, TypeFunc::Str]);
                action.nargs = *rng.pick(&[Nargs::Single, Nargs::Single, Nargs::Single, Nargs::OneOrMore, Nargs::Exact(1), Nargs::Exact(2)]);
                if rng.chance(25) {
                    let mut choices = Vec::new();
                    for _ in 0..1 + rng.below(4) {
                        let v = value_of(rng, action.type_func);
                        if !choices.contains(&v) {
                            choices.push(v);
                        }
                    }
                    action.choices = Some(choices);
                }
                let single = if rng.chance(15) && action.type_func != TypeFunc::Str {
                    // A str default converted by `type` after parsing.
                    ArgValue::Str(rng.pick(&["7", "abc", "2.5", "-1"]).to_string())
                } else {
                    value_of(rng, action.type_func)
                };
                action.default = match action.nargs {
                    _ if rng.chance(10) => ArgValue::None,
                    Nargs::Single => single,
                    _ => ArgValue::List((0..rng.below(3)).map(|_| value_of(rng, action.type_func)).collect()),
                };
                if !positional && rng.chance(15) {
                    action.required = true;
                }
                if rng.chance(20) {
                    action.metavar = Some(rng.pick(&["N", "FILE", "<path>", "X Y", "[opt]", "n"]).to_string());
                }
            }
            ActionKind::Count => {
                action.default = if rng.chance(50) { ArgValue::Int(0) } else { ArgValue::None };
            }
            _ => {}
        }
        if rng.chance(80) {
            action.help = Some(help_text(rng, &action));
        }
        spec.actions.push(action);
    }
    spec
}

fn option_words(spec: &ParserSpec) -> Vec<String> {
    let mut words: Vec<String> = spec.actions.iter().flat_map(|a| a.option_strings.iter().cloned()).collect();
    if spec.add_help {
        words.push("-h".into());
    }
    words
}

/// A valid text for one value of `action`.
fn valid_value(rng: &mut Rng, action: &ActionSpec) -> String {
    if let Some(choices) = &action.choices {
        return rng.pick(choices).py_str();
    }
    match action.type_func {
        TypeFunc::Int => rng.pick(&["5", "-3", "0", "12", "1_000"]).to_string(),
        TypeFunc::Float => rng.pick(&["1.5", "-2", "1e-3", "0.1", "7"]).to_string(),
        _ => rng.pick(&["a", "hello", "x y", "b"]).to_string(),
    }
}

/// A command line that uses the arguments as intended, in a random order.
fn valid_args(rng: &mut Rng, spec: &ParserSpec) -> Vec<String> {
    let mut args = Vec::new();
    let mut positionals = Vec::new();
    for action in &spec.actions {
        let count = match action.nargs {
            Nargs::Single => 1,
            Nargs::Zero => 0,
            Nargs::OneOrMore => 1 + rng.below(3),
            Nargs::Exact(n) => n,
        };
        let values: Vec<String> = (0..count).map(|_| valid_value(rng, action)).collect();
        if action.option_strings.is_empty() {
            positionals.extend(values);
            continue;
        }
        if !action.required && rng.chance(40) {
            continue;
        }
        let option = rng.pick(&action.option_strings).clone();
        if count == 1 && rng.chance(30) {
            if option.starts_with("--") {
                args.push(format!("{option}={}", values[0]));
            } else {
                args.push(format!("{option}{}", values[0]));
            }
        } else {
            args.push(option);
            args.extend(values);
        }
    }
    if rng.chance(50) {
        args.extend(positionals);
    } else {
        let mut all = positionals;
        all.extend(args);
        args = all;
    }
    if spec.add_help && rng.chance(25) {
        let at = rng.below(args.len() + 1);
        args.insert(at, "-h".into());
    }
    if rng.chance(20) && !args.is_empty() {
        let at = rng.below(args.len());
        args.insert(at, rng.pick(&["--", "-5", "--bogus", "extra"]).to_string());
    }
    args
}

/// A random command line for `spec`, mostly plausible, sometimes wrong.
fn random_args(rng: &mut Rng, spec: &ParserSpec) -> Vec<String> {
    if rng.chance(50) {
        return valid_args(rng, spec);
    }
    let options = option_words(spec);
    let mut args = Vec::new();
    for _ in 0..rng.below(7) {
        let r = rng.below(100);
        let word = if r < 30 && !options.is_empty() {
            let option = rng.pick(&options).clone();
            if option == "-h" && rng.chance(80) {
                continue;
            }
            match rng.below(10) {
                // An abbreviation of a long option.
                0 if option.starts_with("--") && option.len() > 3 => option[..3 + rng.below(option.len() - 3)].to_string(),
                // `--opt=value` or `-xVALUE`.
                1 => format!("{option}={}", rng.pick(INT_TEXTS)),
                2 if !option.starts_with("--") => format!("{option}{}", rng.pick(&["5", "v", "x", "-3", "1.5"])),
                _ => option,
            }
        } else if r < 55 {
            rng.pick(INT_TEXTS).to_string()
        } else if r < 70 {
            rng.pick(FLOAT_TEXTS).to_string()
        } else if r < 85 {
            rng.pick(STR_TEXTS).to_string()
        } else if r < 90 {
            "--".into()
        } else {
            rng.pick(&["--bogus", "-q", "--s", "-5", "-1.5", "--size=", "-", "--mode=a", "hello"]).to_string()
        };
        args.push(word);
    }
    args
}

fn py_literal(value: &ArgValue) -> String {
    match value {
        ArgValue::Float(x) if !x.is_finite() => format!("float('{}')", py_float_repr(*x)),
        ArgValue::Float(x) => py_float_repr(*x),
        ArgValue::List(items) => format!("[{}]", items.iter().map(py_literal).collect::<Vec<_>>().join(", ")),
        other => other.py_repr(),
    }
}

/// The Python function building `spec`.
fn python_parser(spec: &ParserSpec, name: &str) -> String {
    let mut out = format!("def {name}():\n    p = argparse.ArgumentParser(");
    if let Some(prog) = &spec.prog {
        write!(out, "prog={}, ", python_repr(prog)).unwrap();
    }
    for (key, value) in [("usage", &spec.usage), ("description", &spec.description), ("epilog", &spec.epilog)] {
        if let Some(v) = value {
            write!(out, "{key}={}, ", python_repr(v)).unwrap();
        }
    }
    let formatter = match spec.formatter {
        FormatterKind::Plain => "HelpFormatter",
        FormatterKind::ArgumentDefaults => "ArgumentDefaultsHelpFormatter",
        FormatterKind::RawDescription => "RawDescriptionHelpFormatter",
        FormatterKind::RawText => "RawTextHelpFormatter",
    };
    writeln!(out, "formatter_class=argparse.{formatter}, add_help={}, allow_abbrev={})", py_bool(spec.add_help), py_bool(spec.allow_abbrev)).unwrap();
    for action in &spec.actions {
        let mut call = String::from("    p.add_argument(");
        if action.option_strings.is_empty() {
            write!(call, "{}", python_repr(&action.dest)).unwrap();
        } else {
            let options: Vec<String> = action.option_strings.iter().map(|o| python_repr(o)).collect();
            write!(call, "{}, dest={}", options.join(", "), python_repr(&action.dest)).unwrap();
        }
        match action.kind {
            ActionKind::StoreTrue => call.push_str(", action='store_true'"),
            ActionKind::StoreFalse => call.push_str(", action='store_false'"),
            ActionKind::Count => write!(call, ", action='count', default={}", py_literal(&action.default)).unwrap(),
            ActionKind::Help => unreachable!(),
            ActionKind::Store => {
                match action.type_func {
                    TypeFunc::Identity => {}
                    t => write!(call, ", type={}", match t { TypeFunc::Int => "int", TypeFunc::Float => "float", _ => "str" }).unwrap(),
                }
                match action.nargs {
                    Nargs::Single => {}
                    Nargs::OneOrMore => call.push_str(", nargs='+'"),
                    Nargs::Exact(n) => write!(call, ", nargs={n}").unwrap(),
                    Nargs::Zero => unreachable!(),
                }
                write!(call, ", default={}", py_literal(&action.default)).unwrap();
                if let Some(choices) = &action.choices {
                    write!(call, ", choices={}", py_literal(&ArgValue::List(choices.clone()))).unwrap();
                }
                if action.required {
                    call.push_str(", required=True");
                }
                if let Some(m) = &action.metavar {
                    write!(call, ", metavar={}", python_repr(m)).unwrap();
                }
            }
        }
        if let Some(h) = &action.help {
            write!(call, ", help={}", python_repr(h)).unwrap();
        }
        call.push_str(")\n");
        out.push_str(&call);
    }
    out.push_str("    return p\n");
    out
}

fn py_bool(b: bool) -> &'static str {
    if b {
        "True"
    } else {
        "False"
    }
}

const PYTHON_DRIVER: &str = r#"
import argparse, contextlib, io, os, sys

def run(make, argv0, argv, columns, dests):
    os.environ['COLUMNS'] = str(columns)
    sys.argv = [argv0] + argv
    out, err = io.StringIO(), io.StringIO()
    status, values = 'ok', ''
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            ns = make().parse_args(argv)
            values = '\x1f'.join(repr(getattr(ns, d)) for d in dests)
        except SystemExit as e:
            status = str(e.code)
        except Exception as e:
            status = 'exception'
    h = lambda s: s.encode('utf-8', 'surrogatepass').hex() or '-'
    print(status, h(out.getvalue()), h(err.getvalue()), h(values))
"#;

fn unhex(text: &str) -> String {
    if text == "-" {
        return String::new();
    }
    let bytes: Vec<u8> = (0..text.len()).step_by(2).map(|i| u8::from_str_radix(&text[i..i + 2], 16).expect("hex")).collect();
    String::from_utf8(bytes).expect("utf-8")
}

struct Case {
    spec: ParserSpec,
    argv0: String,
    args: Vec<String>,
    columns: i64,
}

#[test]
fn argparse_matches_cpython() {
    let seed: u64 = std::env::var("RUNTIME_LIB_ARGPARSE_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or(20_241_121);
    let count: usize = std::env::var("RUNTIME_LIB_ARGPARSE_CASES").ok().and_then(|s| s.parse().ok()).unwrap_or(6000);
    let mut rng = Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
    let mut cases = Vec::new();
    let mut script = String::from(PYTHON_DRIVER);
    for index in 0..count {
        let spec = random_spec(&mut rng);
        // Every spec survives its own encoding.
        assert_eq!(decode(&encode(&spec)).as_ref(), Ok(&spec));
        let argv0 = rng.pick(&["./app.py", "/tmp/some dir/sim", "prog", "a/b/c.py"]).to_string();
        let columns = if rng.chance(60) { 80 } else { *rng.pick(&[1, 10, 25, 40, 50, 60, 100, 150, 200]) };
        let args = random_args(&mut rng, &spec);
        script.push_str(&python_parser(&spec, &format!("make_{index}")));
        let dests: Vec<String> = spec.actions.iter().map(|a| python_repr(&a.dest)).collect();
        let args_literal: Vec<String> = args.iter().map(|a| python_repr(a)).collect();
        writeln!(script, "run(make_{index}, {}, [{}], {columns}, [{}])", python_repr(&argv0), args_literal.join(", "), dests.join(", ")).unwrap();
        cases.push(Case { spec, argv0, args, columns });
    }
    let python = std::env::var("PYTHON").unwrap_or_else(|_| "python3".into());
    let dir = std::env::temp_dir().join(format!("runtime-lib-argparse-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("cases.py");
    std::fs::write(&path, &script).unwrap();
    let output = Command::new(&python).arg(&path).env_remove("LINES").output().expect("python3 runs");
    assert!(output.status.success(), "python3 failed: {}", String::from_utf8_lossy(&output.stderr));
    let _ = std::fs::remove_dir_all(&dir);
    let answers = String::from_utf8(output.stdout).unwrap();
    let answers: Vec<&str> = answers.lines().collect();
    assert_eq!(answers.len(), cases.len());
    let mut failures = Vec::new();
    let mut statuses = [0usize; 4];
    for (index, (case, answer)) in cases.iter().zip(&answers).enumerate() {
        let words: Vec<&str> = answer.split(' ').collect();
        let (status, stdout, stderr, values) = (words[0], unhex(words[1]), unhex(words[2]), unhex(words[3]));
        if status == "exception" {
            // CPython itself fails (an assertion of its usage wrapper, say).
            statuses[3] += 1;
            continue;
        }
        let parser = Parser::new(&case.spec, &case.argv0);
        let ours = match parser.run(&case.args, case.columns - 2) {
            Outcome::Parsed(vals) => {
                statuses[0] += 1;
                ("ok".to_string(), String::new(), String::new(), vals.iter().map(ArgValue::py_repr).collect::<Vec<_>>().join("\x1f"))
            }
            Outcome::Exit { status, stdout, stderr } => {
                statuses[if status == 0 { 1 } else { 2 }] += 1;
                (status.to_string(), stdout, stderr, String::new())
            }
            Outcome::Raise(e) => ("raise".into(), String::new(), e.message, String::new()),
        };
        let theirs = (status.to_string(), stdout, stderr, values);
        if ours != theirs {
            failures.push(format!(
                "case {index}: args {:?}, columns {}\n{}\n--- python ---\n{:?}\n--- runtime-lib ---\n{:?}",
                case.args,
                case.columns,
                python_parser(&case.spec, "make"),
                theirs,
                ours
            ));
        }
    }
    eprintln!(
        "{} cases: {} parsed, {} help, {} errors, {} where CPython raised",
        cases.len(),
        statuses[0],
        statuses[1],
        statuses[2],
        statuses[3]
    );
    assert!(failures.is_empty(), "{} of {} cases differ; the first:\n{}", failures.len(), cases.len(), failures[..failures.len().min(3)].join("\n\n"));
}
