//! The spec string: its exact form, the round trip and the rejection of garbage.

use super::*;

fn action(kind: ActionKind, options: &[&str], dest: &str) -> ActionSpec {
    let mut action = ActionSpec::new(kind);
    action.option_strings = options.iter().map(|s| s.to_string()).collect();
    action.dest = dest.to_string();
    action
}

/// A parser with every kind of argument, nargs, type, choices and defaults of every value type.
fn every_feature() -> ParserSpec {
    let mut size = action(ActionKind::Store, &["-n", "--size"], "size");
    size.nargs = Nargs::OneOrMore;
    size.type_func = TypeFunc::Float;
    size.default = ArgValue::List(vec![ArgValue::Float(0.1), ArgValue::Float(-2.0), ArgValue::Float(f64::NAN)]);
    size.choices = Some(vec![ArgValue::Float(0.1), ArgValue::Int(3)]);
    size.help = Some("size: 5:3 %(default)s".into());
    let mut steps = action(ActionKind::Store, &["--steps"], "steps");
    steps.type_func = TypeFunc::Int;
    steps.default = ArgValue::Int(-9_223_372_036_854_775_808);
    steps.required = true;
    steps.metavar = Some("N".into());
    let mut mode = action(ActionKind::Store, &[], "mode");
    mode.type_func = TypeFunc::Str;
    mode.default = ArgValue::Str("ä:1 b".into());
    mode.choices = Some(vec![ArgValue::Str("ä:1 b".into()), ArgValue::Str(String::new())]);
    let mut pair = action(ActionKind::Store, &[], "pair");
    pair.nargs = Nargs::Exact(2);
    pair.default = ArgValue::None;
    let mut verbose = action(ActionKind::StoreTrue, &["-v", "--verbose"], "verbose");
    verbose.help = Some(String::new());
    let quiet = action(ActionKind::StoreFalse, &["-q"], "quiet");
    let mut level = action(ActionKind::Count, &["-l"], "level");
    level.default = ArgValue::Int(0);
    let mut flag_default = action(ActionKind::StoreTrue, &["--on"], "on");
    flag_default.default = ArgValue::Bool(true);
    let info = action(ActionKind::Help, &["--info"], "help");
    ParserSpec {
        prog: Some("sim".into()),
        usage: None,
        description: Some("ünïcode\ntext".into()),
        epilog: Some("12:34".into()),
        formatter: FormatterKind::ArgumentDefaults,
        add_help: false,
        allow_abbrev: false,
        actions: vec![size, steps, mode, pair, verbose, quiet, level, flag_default, info],
    }
}

/// Floats compare by bits, so NaN defaults round-trip too.
fn same(a: &ParserSpec, b: &ParserSpec) -> bool {
    format!("{a:?}") == format!("{b:?}")
}

#[test]
fn spec_round_trips() {
    let spec = every_feature();
    let decoded = decode(&encode(&spec)).expect("decodes");
    assert!(same(&decoded, &spec), "{decoded:#?}\n!=\n{spec:#?}");
    for formatter in FormatterKind::ALL {
        let spec = ParserSpec { formatter, ..ParserSpec::default() };
        assert_eq!(decode(&encode(&spec)), Ok(spec));
    }
    let empty = ParserSpec::default();
    assert_eq!(decode(&encode(&empty)), Ok(empty));
}

#[test]
fn spec_text_is_length_prefixed_fields() {
    let mut count = action(ActionKind::Count, &["-v"], "v");
    count.default = ArgValue::Int(2);
    let spec = ParserSpec { prog: Some("p".into()), actions: vec![count], ..ParserSpec::default() };
    assert_eq!(
        encode(&spec),
        "8:argparse1:14:prog1:p9:formatter13:HelpFormatter8:add_help1:112:allow_abbrev1:1\
         6:action5:count6:option2:-v4:dest1:v5:nargs1:04:type4:None7:default2:i28:required1:0"
    );
}

#[test]
fn absent_keys_keep_argparse_defaults() {
    assert_eq!(decode("8:argparse1:1"), Ok(ParserSpec::default()));
    let spec = decode("8:argparse1:16:action10:store_true4:dest1:x").expect("decodes");
    assert_eq!(spec.actions, vec![action(ActionKind::StoreTrue, &[], "x")]);
    assert_eq!(spec.actions[0].nargs, Nargs::Zero);
    assert_eq!(spec.actions[0].default, ArgValue::Bool(false));
}

#[test]
fn garbage_is_rejected() {
    assert!(decode("").is_err());
    assert!(decode("8:argparse1:2").is_err());
    assert!(decode("8:argparse1:14:prog").is_err());
    assert!(decode("8:argparse1:16:action3:bad").is_err());
    assert!(decode("8:argparse1:19:formatter3:Bad").is_err());
    assert!(decode("8:argparse1:16:action5:store4:type3:big").is_err());
    assert!(decode("8:argparse1:16:action5:store7:default2:x1").is_err());
    assert!(decode("8:argparse1:199:prog").is_err());
    assert!(decode("8:argparse1:18:add_help1:2").is_err());
}

#[test]
fn values_compare_as_in_python() {
    assert!(ArgValue::Int(1).py_eq(&ArgValue::Float(1.0)));
    assert!(ArgValue::Bool(true).py_eq(&ArgValue::Int(1)));
    assert!(!ArgValue::Int(i64::MAX).py_eq(&ArgValue::Float(9_223_372_036_854_775_808.0)));
    assert!(!ArgValue::Str("1".into()).py_eq(&ArgValue::Int(1)));
    assert!(ArgValue::List(vec![ArgValue::Int(2)]).py_eq(&ArgValue::List(vec![ArgValue::Float(2.0)])));
}

#[test]
fn percent_templates_read_into_pieces_up_to_the_first_error() {
    let pieces: Vec<_> = percent_pieces("%(prog)s: 50%% of %(x)-8.3f").collect();
    assert_eq!(
        pieces,
        vec![
            Ok(PercentPiece::Field { key: "prog".into(), flags: "".into(), width: "".into(), precision: None, conversion: 's' }),
            Ok(PercentPiece::Text(": 50".into())),
            Ok(PercentPiece::Text("%".into())),
            Ok(PercentPiece::Text(" of ".into())),
            Ok(PercentPiece::Field { key: "x".into(), flags: "-".into(), width: "8".into(), precision: Some("3".into()), conversion: 'f' }),
        ]
    );
    let errors = |t: &str| percent_pieces(t).filter_map(Result::err).collect::<Vec<_>>();
    assert_eq!(errors("50% off %("), vec![PercentError::NotAField]);
    assert_eq!(errors("%(a(b)s"), vec![PercentError::UnclosedKey]);
    assert_eq!(errors("x %(k)-5"), vec![PercentError::Incomplete { key: "k".into() }]);
}
