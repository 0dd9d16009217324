//! Unit tests of `argparse.rs`; expected values are CPython 3.11's. The
//! randomized comparison with CPython's argparse is `tests/argparse.rs`.

use super::*;

#[test]
fn int_conversion_matches_python() {
    let cases: &[(&str, Result<i64, IntParseError>)] = &[
        ("5", Ok(5)),
        (" -3 ", Ok(-3)),
        ("007", Ok(7)),
        ("1_000", Ok(1000)),
        ("+4", Ok(4)),
        ("-0", Ok(0)),
        ("1__0", Err(IntParseError::Invalid)),
        ("_1", Err(IntParseError::Invalid)),
        ("1_", Err(IntParseError::Invalid)),
        ("", Err(IntParseError::Invalid)),
        (" ", Err(IntParseError::Invalid)),
        ("abc", Err(IntParseError::Invalid)),
        ("2.5", Err(IntParseError::Invalid)),
        ("9223372036854775807", Ok(i64::MAX)),
        ("-9223372036854775808", Ok(i64::MIN)),
        ("9223372036854775808", Err(IntParseError::Overflow)),
        ("123456789012345678901234567890", Err(IntParseError::Overflow)),
        ("0x10", Err(IntParseError::Invalid)),
        ("\t12\n", Ok(12)),
        ("1 2", Err(IntParseError::Invalid)),
    ];
    for (text, expected) in cases {
        assert_eq!(parse_py_int(text), *expected, "int({text:?})");
    }
}

#[test]
fn float_conversion_matches_python() {
    let cases: &[(&str, Option<f64>)] = &[
        ("1.5", Some(1.5)),
        (" -2.25 ", Some(-2.25)),
        ("1e3", Some(1000.0)),
        ("inf", Some(f64::INFINITY)),
        ("-Infinity", Some(f64::NEG_INFINITY)),
        (".5", Some(0.5)),
        ("5.", Some(5.0)),
        ("1_0.5", Some(10.5)),
        ("abc", None),
        ("-1e-3", Some(-0.001)),
        ("1e", None),
        ("0x10", None),
        ("3", Some(3.0)),
        (".", None),
        ("e5", None),
        ("1e5_0", Some(1e50)),
        ("1_e5", None),
        ("1.5_", None),
        ("+.5e-2", Some(0.005)),
        ("iNf", Some(f64::INFINITY)),
        ("1e400", Some(f64::INFINITY)),
        ("1.2.3", None),
        ("--1", None),
    ];
    for (text, expected) in cases {
        assert_eq!(parse_py_float(text), *expected, "float({text:?})");
    }
    assert!(parse_py_float("nan").is_some_and(f64::is_nan));
    assert_eq!(parse_py_float("-1e-400").map(|x| x.to_bits()), Some((-0.0f64).to_bits()));
}

#[test]
fn percent_format_expands_like_python() {
    let lookup = |key: &str| match key {
        "default" => Some(ArgValue::Float(0.25)),
        "n" => Some(ArgValue::Int(7)),
        "s" => Some(ArgValue::Str("it's".into())),
        "l" => Some(ArgValue::List(vec![ArgValue::Int(1), ArgValue::Int(2)])),
        _ => None,
    };
    let cases = [
        ("%(default)s", "0.25"),
        ("%(default).3f|%(default)8.2e|%(default)-6g|", "0.250|2.50e-01|0.25  |"),
        ("%(n)d %(n)+04d %(n)-3i| 100%%", "7 +007 7  | 100%"),
        ("%(s)s %(s)r %(s)6s %(s)-6s|%(s).2s", "it's \"it's\"   it's it's  |it"),
        ("%(l)s", "[1, 2]"),
    ];
    for (template, expected) in cases {
        assert_eq!(percent_format(template, &lookup).as_deref(), Ok(expected), "{template}");
    }
    assert!(percent_format("%(missing)s", &lookup).is_err());
    assert!(percent_format("50% off", &lookup).is_err());
}

#[test]
fn textwrap_breaks_like_python() {
    // textwrap.wrap(text, width) from CPython 3.11.
    let text = "Look, goof-ball -- use the -b option! a-very-long-hyphenated-word supercalifragilistic";
    assert_eq!(
        text_wrap(text, 12, ""),
        ["Look, goof-", "ball -- use", "the -b", "option!", "a-very-long-", "hyphenated-", "word superca", "lifragilisti", "c"]
    );
}

fn strings(args: &[&str]) -> Vec<String> {
    args.iter().map(|s| s.to_string()).collect()
}

/// The parser of `examples`: `-n/--size` int, `--mode {a,b}`, `--verbose`, `sizes` (nargs `+`).
fn example_parser() -> Parser {
    let mut size = ActionSpec::new(ActionKind::Store);
    size.option_strings = strings(&["-n", "--size"]);
    size.dest = "size".into();
    size.type_func = TypeFunc::Int;
    size.default = ArgValue::Int(10);
    size.help = Some("grid size (default: %(default)s)".into());
    let mut mode = ActionSpec::new(ActionKind::Store);
    mode.option_strings = strings(&["--mode"]);
    mode.dest = "mode".into();
    mode.default = ArgValue::Str("a".into());
    mode.choices = Some(vec![ArgValue::Str("a".into()), ArgValue::Str("b".into())]);
    let mut verbose = ActionSpec::new(ActionKind::StoreTrue);
    verbose.option_strings = strings(&["--verbose"]);
    verbose.dest = "verbose".into();
    verbose.help = Some("print more".into());
    let mut sizes = ActionSpec::new(ActionKind::Store);
    sizes.dest = "sizes".into();
    sizes.nargs = Nargs::OneOrMore;
    sizes.type_func = TypeFunc::Float;
    let spec = ParserSpec {
        description: Some("Heat equation.".into()),
        actions: vec![size, mode, verbose, sizes],
        ..ParserSpec::default()
    };
    Parser::new(&spec, "/tmp/bin/heat.py")
}

#[test]
fn parses_and_reports_like_argparse() {
    let parser = example_parser();
    match parser.run(&strings(&["-n5", "1", "2.5", "--verbose"]), 78) {
        Outcome::Parsed(values) => assert_eq!(
            values,
            [
                ArgValue::Int(5),
                ArgValue::Str("a".into()),
                ArgValue::Bool(true),
                ArgValue::List(vec![ArgValue::Float(1.0), ArgValue::Float(2.5)])
            ]
        ),
        other => panic!("{other:?}"),
    }
    let usage = "usage: heat.py [-h] [-n SIZE] [--mode {a,b}] [--verbose] sizes [sizes ...]\n";
    let error = |args: &[&str]| match parser.run(&strings(args), 78) {
        Outcome::Exit { status: 2, stdout, stderr } if stdout.is_empty() => stderr,
        other => panic!("{other:?}"),
    };
    assert_eq!(error(&["--mode", "c", "1"]), format!("{usage}heat.py: error: argument --mode: invalid choice: 'c' (choose from 'a', 'b')\n"));
    assert_eq!(error(&["-n", "x", "1"]), format!("{usage}heat.py: error: argument -n/--size: invalid int value: 'x'\n"));
    assert_eq!(error(&[]), format!("{usage}heat.py: error: the following arguments are required: sizes\n"));
    assert_eq!(error(&["1", "--bogus"]), format!("{usage}heat.py: error: unrecognized arguments: --bogus\n"));
    assert_eq!(error(&["1", "--size"]), format!("{usage}heat.py: error: argument -n/--size: expected one argument\n"));
    match parser.run(&strings(&["-h"]), 78) {
        Outcome::Exit { status: 0, stdout, stderr } => {
            assert_eq!(stderr, "");
            assert_eq!(
                stdout,
                format!(
                    "{usage}\nHeat equation.\n\npositional arguments:\n  sizes\n\noptions:\n  -h, --help            show this help message and exit\n  -n SIZE, --size SIZE  grid size (default: 10)\n  --mode {{a,b}}\n  --verbose             print more\n"
                )
            );
        }
        other => panic!("{other:?}"),
    }
}
