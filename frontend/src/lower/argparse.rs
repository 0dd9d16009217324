//! Command-line arguments: `argparse` and `sys.argv`.
//!
//! An `argparse.ArgumentParser` and its `add_argument` calls are evaluated at
//! compile time (every argument must be a literal, and none of these calls may
//! sit under run-time control flow). `parser.parse_args()` becomes one runtime
//! call, `lt_args_parse(spec)`, with the parser described by a spec string
//! (`runtime_abi::argparse_spec`, the one encoder and decoder), followed by one typed getter call
//! per argument that stores its value into a fresh global. The namespace is
//! then a compile-time value whose attributes are reads of those globals, so it
//! can be returned from the function that parsed and passed to others (like a
//! module). Values are Python's: ints, floats, strs and bools are Python
//! scalars; an `nargs="+"` (or counted) argument is a list, kept as a 1-D
//! int64/float64 array that supports `len`, indexing, `for` loops, `print` and
//! `np.array`.
//!
//! `sys.argv` (and `sys.argv[k:]`) is a list of str read through the runtime:
//! `len`, indexing, `for` loops and `print`; `int()`/`float()` of a str call the
//! runtime's conversions, which raise Python's `ValueError`.

use std::rc::Rc;

use super::cli_defs::{describe, ActionDef, Field, Namespace, ParserDef};
pub(crate) use super::cli_defs::CliValue;
use super::{FnCx, Value};
use crate::ast::{self, ExprKind, IndexExpr};
use crate::diagnostics as diag;
use ir::{BinaryOp, CompareOp, Const, DType, Expr, ExprId, LogicalOp, Place, Span, StmtKind, Type};
use runtime_abi::argparse_spec::{self, percent_pieces, ActionKind, ActionSpec, ArgValue, FormatterKind, Nargs, ParserSpec, PercentError, PercentPiece, TypeFunc};
use runtime_abi::EntryPoint;


const PARSER_KEYWORDS: &[&str] = &["prog", "usage", "description", "epilog", "formatter_class", "add_help", "allow_abbrev"];

const STORE_KEYWORDS: &[&str] = &["action", "nargs", "default", "type", "choices", "required", "help", "metavar", "dest"];

const FLAG_KEYWORDS: &[&str] = &["action", "default", "required", "help", "dest"];

const SUPPORTED_HINT: &str = "legatec supports ArgumentParser(prog, usage, description, epilog, formatter_class, add_help, allow_abbrev), add_argument with action store/store_true/store_false/count, nargs None/\"+\"/N, type int/float/str, default, choices, required, help, metavar, dest, and parse_args()";

impl FnCx<'_, '_> {
    // -----------------------------------------------------------------------
    // Modules
    // -----------------------------------------------------------------------

    /// `argparse.NAME` and `sys.NAME`.
    pub(crate) fn cli_module_attr(&mut self, module: &str, name: &str, span: Span) -> Value {
        match (module, name) {
            ("argparse", "ArgumentParser") => Value::Builtin("argparse.ArgumentParser".into()),
            ("argparse", f) if FormatterKind::from_class_name(f).is_some() => Value::Builtin(format!("argparse.{f}")),
            ("sys", "argv") => Value::Cli(CliValue::Argv { start: 0 }),
            ("sys", "exit") => Value::Builtin("sys.exit".into()),
            ("argparse", _) => {
                self.error(diag::unsupported_argparse(span, format!("`argparse.{name}`"), SUPPORTED_HINT));
                Value::Error
            }
            _ => {
                self.error(diag::unsupported_call(span, &format!("{module}.{name}"), Some("sys.argv")).with_hint("of `sys`, legatec supports `sys.argv` and `sys.exit`"));
                Value::Error
            }
        }
    }

    // -----------------------------------------------------------------------
    // Literals
    // -----------------------------------------------------------------------

    /// The compile-time literal a value is, if any.
    fn literal(&self, v: &Value) -> Option<ArgValue> {
        match v {
            Value::None => Some(ArgValue::None),
            Value::Scalar(e) | Value::Str(e) => match &self.f.exprs[*e] {
                Expr::Const(Const::Int(i)) => Some(ArgValue::Int(*i)),
                Expr::Const(Const::Float(x)) => Some(ArgValue::Float(*x)),
                Expr::Const(Const::Bool(b)) => Some(ArgValue::Bool(*b)),
                Expr::Const(Const::Str(s)) => Some(ArgValue::Str(s.clone())),
                _ => None,
            },
            Value::Tuple(items) => items.iter().map(|i| self.literal(i)).collect::<Option<Vec<_>>>().map(ArgValue::List),
            _ => None,
        }
    }

    /// A keyword's literal; reports an error if it is not one.
    fn literal_arg(&mut self, v: &Value, span: Span, what: &str) -> Option<ArgValue> {
        let lit = self.literal(v);
        if lit.is_none() && !matches!(v, Value::Error) {
            self.error(diag::invalid_argparse(
                span,
                format!("{what} must be a literal"),
                "the parser is built at compile time: write the value literally (no variables or expressions)",
            ));
        }
        lit
    }

    fn str_arg(&mut self, v: &Value, span: Span, what: &str) -> Option<Option<String>> {
        match self.literal_arg(v, span, what)? {
            ArgValue::Str(s) => Some(Some(s)),
            ArgValue::None => Some(None),
            other => {
                self.error(diag::invalid_argparse(span, format!("{what} must be a str, not {}", describe(&other)), "pass a string literal"));
                None
            }
        }
    }

    fn bool_arg(&mut self, v: &Value, span: Span, what: &str) -> Option<bool> {
        match self.literal_arg(v, span, what)? {
            ArgValue::Bool(b) => Some(b),
            other => {
                self.error(diag::invalid_argparse(span, format!("{what} must be True or False, not {}", describe(&other)), "pass True or False"));
                None
            }
        }
    }

    /// Refuses argparse calls under run-time control flow or outside the
    /// function that made the parser.
    fn check_static_flow(&mut self, parser: Option<usize>, span: Span, what: &str) -> bool {
        let function = parser.map(|p| self.cx.parsers[p].function.clone());
        if self.loop_depth > 0 || self.dynamic_ifs > 0 {
            self.error(diag::invalid_argparse(
                span,
                format!("{what} under a loop or an `if` with a run-time condition"),
                "build the parser and call parse_args() unconditionally, at the top level of the script or of one function",
            ));
            return false;
        }
        if function.is_some_and(|f| f != self.f.name) {
            self.error(diag::invalid_argparse(
                span,
                format!("{what} outside the function that made the parser"),
                "build the parser and call parse_args() in one function",
            ));
            return false;
        }
        true
    }

    // -----------------------------------------------------------------------
    // ArgumentParser
    // -----------------------------------------------------------------------

    /// Calls of `argparse.*` names.
    pub(crate) fn argparse_call(&mut self, path: &str, args: Vec<(Value, Span)>, kw: Vec<(String, Value, Span)>, span: Span) -> Value {
        if path != "argparse.ArgumentParser" {
            self.error(diag::invalid_argparse(span, format!("`{path}` is not called"), "pass the class itself: `formatter_class=argparse.ArgumentDefaultsHelpFormatter`"));
            return Value::Error;
        }
        if !self.check_static_flow(None, span, "`ArgumentParser()`") {
            return Value::Error;
        }
        let mut def = ParserDef { function: self.f.name.clone(), spec: ParserSpec::default(), actions: Vec::new() };
        let positional_names = ["prog", "usage", "description", "epilog"];
        if args.len() > positional_names.len() {
            self.error(diag::bad_arguments(span, "`ArgumentParser` takes at most 4 positional arguments here (prog, usage, description, epilog)"));
            return Value::Error;
        }
        let mut named: Vec<(String, Value, Span)> = args.into_iter().zip(positional_names).map(|((v, s), n)| (n.to_string(), v, s)).collect();
        named.extend(kw);
        let mut ok = true;
        for (name, value, vspan) in &named {
            match name.as_str() {
                "prog" | "usage" | "description" | "epilog" => {
                    let Some(text) = self.str_arg(value, *vspan, &format!("`{name}=`")) else {
                        ok = false;
                        continue;
                    };
                    if let Some(t) = &text {
                        let needs_expansion = name == "usage" || t.contains("%(prog)");
                        if needs_expansion && name != "prog" {
                            if let Err(message) = check_percent(t, &|key| (key == "prog").then(|| ArgValue::Str(String::new()))) {
                                self.error(diag::invalid_argparse(*vspan, format!("`{name}=` {message}"), "argparse expands only `%(prog)s` here; write `%%` for a percent sign"));
                                ok = false;
                            }
                        }
                    }
                    match name.as_str() {
                        "prog" => def.spec.prog = text,
                        "usage" => def.spec.usage = text,
                        "description" => def.spec.description = text,
                        _ => def.spec.epilog = text,
                    }
                }
                "formatter_class" => {
                    let class = match value {
                        Value::Builtin(b) => b.strip_prefix("argparse.").and_then(FormatterKind::from_class_name),
                        _ => None,
                    };
                    match (class, value) {
                        (Some(f), _) => def.spec.formatter = f,
                        (None, Value::Error) => ok = false,
                        (None, _) => {
                            self.error(diag::unsupported_argparse(*vspan, "this `formatter_class`", "use argparse.HelpFormatter, ArgumentDefaultsHelpFormatter, RawDescriptionHelpFormatter or RawTextHelpFormatter"));
                            ok = false;
                        }
                    }
                }
                "add_help" | "allow_abbrev" => match self.bool_arg(value, *vspan, &format!("`{name}=`")) {
                    Some(b) if name == "add_help" => def.spec.add_help = b,
                    Some(b) => def.spec.allow_abbrev = b,
                    None => ok = false,
                },
                other => {
                    self.error(diag::unsupported_keyword(*vspan, "ArgumentParser", other, PARSER_KEYWORDS));
                    ok = false;
                }
            }
        }
        if !ok {
            return Value::Error;
        }
        self.cx.parsers.push(def);
        Value::Cli(CliValue::Parser(self.cx.parsers.len() - 1))
    }

    /// `parser.NAME(...)` for a parser.
    fn parser_method(&mut self, parser: usize, name: &str, args: Vec<(Value, Span)>, kw: Vec<(String, Value, Span)>, span: Span) -> Value {
        match name {
            "add_argument" => {
                if self.check_static_flow(Some(parser), span, "`add_argument`") {
                    if let Some(action) = self.add_argument(parser, args, kw, span) {
                        self.cx.parsers[parser].actions.push(action);
                    }
                }
                Value::None
            }
            "parse_args" => {
                if !args.is_empty() || !kw.is_empty() {
                    self.error(diag::unsupported_argparse(span, "`parse_args` with arguments", "call `parser.parse_args()`: it parses the program's own command line"));
                    return Value::Error;
                }
                if !self.check_static_flow(Some(parser), span, "`parse_args()`") {
                    return Value::Error;
                }
                self.parse_args(parser, span)
            }
            other => {
                self.error(diag::unsupported_argparse(span, format!("`ArgumentParser.{other}`"), SUPPORTED_HINT));
                Value::Error
            }
        }
    }

    /// `add_argument(...)`: validates like argparse and records the argument.
    fn add_argument(&mut self, parser: usize, args: Vec<(Value, Span)>, kw: Vec<(String, Value, Span)>, span: Span) -> Option<ActionDef> {
        let mut names = Vec::new();
        for (v, vspan) in &args {
            match self.literal_arg(v, *vspan, "an argument name")? {
                ArgValue::Str(s) if !s.is_empty() => names.push((s, *vspan)),
                other => {
                    self.error(diag::invalid_argparse(*vspan, format!("argument names must be non-empty strs, not {}", describe(&other)), "write `add_argument(\"-n\", \"--size\", ...)` or `add_argument(\"name\", ...)`"));
                    return None;
                }
            }
        }
        if names.is_empty() {
            self.error(diag::invalid_argparse(span, "`add_argument` needs a name or option strings", "write `add_argument(\"-n\", \"--size\", ...)` or `add_argument(\"name\", ...)`"));
            return None;
        }
        let positional = names.len() == 1 && !names[0].0.starts_with('-');
        let kind = match kw.iter().find(|(k, ..)| k == "action") {
            None => ActionKind::Store,
            Some((_, v, vspan)) => match self.literal(v) {
                Some(ArgValue::Str(a)) => match a.as_str() {
                    "store" => ActionKind::Store,
                    "store_true" => ActionKind::StoreTrue,
                    "store_false" => ActionKind::StoreFalse,
                    "count" => ActionKind::Count,
                    other => {
                        self.error(diag::unsupported_argparse(*vspan, format!("`action=\"{other}\"`"), "use action store, store_true, store_false or count"));
                        return None;
                    }
                },
                _ => {
                    if !matches!(v, Value::Error) {
                        self.error(diag::unsupported_argparse(*vspan, "this `action=`", "use action=\"store\", \"store_true\", \"store_false\" or \"count\""));
                    }
                    return None;
                }
            },
        };
        let allowed = if kind == ActionKind::Store { STORE_KEYWORDS } else { FLAG_KEYWORDS };
        for (k, _, kspan) in &kw {
            if !allowed.contains(&k.as_str()) {
                if STORE_KEYWORDS.contains(&k.as_str()) || k == "const" {
                    let d = diag::invalid_argparse(*kspan, format!("`{k}=` does not apply to this action"), "argparse raises TypeError for it too");
                    self.error(if k == "const" { diag::unsupported_argparse(*kspan, "`const=`", SUPPORTED_HINT) } else { d });
                } else {
                    self.error(diag::unsupported_keyword(*kspan, "add_argument", k, allowed));
                }
                return None;
            }
        }
        let mut action = ActionDef {
            spec: ActionSpec::new(kind),
            span,
            default_span: None,
            choices_span: None,
            help_span: None,
        };
        let mut default_given = false;
        for (k, v, kspan) in &kw {
            let kspan = *kspan;
            match k.as_str() {
                "action" => {}
                "dest" => {
                    if positional {
                        self.error(diag::invalid_argparse(kspan, "dest supplied twice for positional argument", "the name of a positional argument is its dest; drop `dest=`"));
                        return None;
                    }
                    match self.str_arg(v, kspan, "`dest=`")? {
                        Some(d) if !d.is_empty() => action.spec.dest = d,
                        _ => {
                            self.error(diag::invalid_argparse(kspan, "`dest=` must be a non-empty str", "name the attribute"));
                            return None;
                        }
                    }
                }
                "nargs" => {
                    action.spec.nargs = match self.literal_arg(v, kspan, "`nargs=`")? {
                        ArgValue::None => Nargs::Single,
                        ArgValue::Str(s) if s == "+" => Nargs::OneOrMore,
                        ArgValue::Int(n) if n > 0 => Nargs::Exact(n as usize),
                        ArgValue::Int(0) => {
                            self.error(diag::invalid_argparse(kspan, "nargs for store actions must be != 0", "use action=\"store_true\" for a flag"));
                            return None;
                        }
                        ArgValue::Str(s) if matches!(s.as_str(), "?" | "*" | "...") || s == "A..." => {
                            self.error(diag::unsupported_argparse(kspan, format!("`nargs=\"{s}\"`"), "use nargs=\"+\" or a count, or give a single value with a default"));
                            return None;
                        }
                        other => {
                            self.error(diag::invalid_argparse(kspan, format!("invalid nargs value {}", lit_repr(&other)), "use nargs=\"+\" or a positive count"));
                            return None;
                        }
                    }
                }
                "type" => {
                    action.spec.type_func = match v {
                        Value::None => TypeFunc::Identity,
                        Value::Builtin(b) if b == "int" => TypeFunc::Int,
                        Value::Builtin(b) if b == "float" => TypeFunc::Float,
                        Value::Builtin(b) if b == "str" => TypeFunc::Str,
                        Value::Error => return None,
                        other => {
                            let what = self.describe_value(other);
                            self.error(diag::unsupported_argparse(kspan, format!("`type=` {what}"), "use type=int, type=float or type=str; convert further after parse_args()"));
                            return None;
                        }
                    }
                }
                "default" => {
                    action.spec.default = self.literal_arg(v, kspan, "`default=`")?;
                    action.default_span = Some(kspan);
                    default_given = true;
                }
                "choices" => match self.literal_arg(v, kspan, "`choices=`")? {
                    ArgValue::List(items) => {
                        action.spec.choices = Some(items);
                        action.choices_span = Some(kspan);
                    }
                    ArgValue::None => action.spec.choices = None,
                    other => {
                        self.error(diag::unsupported_argparse(kspan, format!("`choices=` of {}", describe(&other)), "list the choices: `choices=[\"a\", \"b\"]`"));
                        return None;
                    }
                },
                "required" => {
                    if positional {
                        self.error(diag::invalid_argparse(kspan, "'required' is an invalid argument for positionals", "positional arguments are always required; drop `required=`"));
                        return None;
                    }
                    action.spec.required = self.bool_arg(v, kspan, "`required=`")?;
                }
                "help" => {
                    action.spec.help = self.str_arg(v, kspan, "`help=`")?;
                    action.help_span = Some(kspan);
                }
                "metavar" => match self.literal_arg(v, kspan, "`metavar=`")? {
                    ArgValue::Str(s) => action.spec.metavar = Some(s),
                    ArgValue::None => {}
                    other => {
                        self.error(diag::unsupported_argparse(kspan, format!("`metavar=` of {}", describe(&other)), "use one str as metavar"));
                        return None;
                    }
                },
                _ => unreachable!("keywords were checked"),
            }
        }
        let def = &self.cx.parsers[parser];
        if positional {
            action.spec.dest = names[0].0.clone();
        } else {
            for (name, nspan) in &names {
                if !name.starts_with('-') {
                    self.error(diag::invalid_argparse(*nspan, format!("invalid option string {}: must start with a character '-'", py_repr(name)), "option strings start with `-`"));
                    return None;
                }
                if name.chars().count() < 2 {
                    self.error(diag::unsupported_argparse(*nspan, "the option string `-`", "use a letter or a word after the dash"));
                    return None;
                }
            }
            action.spec.option_strings = names.iter().map(|(n, _)| n.clone()).collect();
            if action.spec.dest.is_empty() {
                let long = action.spec.option_strings.iter().find(|o| o.starts_with("--"));
                let source = long.unwrap_or(&action.spec.option_strings[0]);
                action.spec.dest = source.trim_start_matches('-').replace('-', "_");
                if action.spec.dest.is_empty() {
                    self.error(diag::invalid_argparse(names[0].1, format!("dest= is required for options like {}", py_repr(source)), "add `dest=\"name\"`"));
                    return None;
                }
            }
        }
        // Conflicts with earlier arguments (argparse's conflict_handler="error").
        let mut taken: Vec<&str> = if def.spec.add_help { vec!["-h", "--help"] } else { vec![] };
        taken.extend(def.actions.iter().flat_map(|a| a.spec.option_strings.iter().map(String::as_str)));
        let conflicts: Vec<&str> = action.spec.option_strings.iter().map(String::as_str).filter(|o| taken.contains(o)).collect();
        if !conflicts.is_empty() {
            let noun = if conflicts.len() == 1 { "string" } else { "strings" };
            let message = format!("argument {}: conflicting option {noun}: {}", action.spec.option_strings.join("/"), conflicts.join(", "));
            self.error(diag::invalid_argparse(span, message, "each option string may belong to one argument"));
            return None;
        }
        if let Some(other) = def.actions.iter().find(|a| a.spec.dest == action.spec.dest) {
            let other_span = other.span;
            self.error(
                diag::unsupported_argparse(span, format!("two arguments storing to `{}`", action.spec.dest), "give each argument its own `dest`")
                    .with_label(other_span, "the other argument"),
            );
            return None;
        }
        if positional {
            action.spec.required = true;
        }
        self.check_default(&action, default_given)?;
        self.check_choices(&action)?;
        self.check_help(&action, parser)?;
        Some(action)
    }

    /// The default must have the type the argument's values have, since the
    /// attribute has one static type (Python keeps the default's own type).
    fn check_default(&mut self, action: &ActionDef, default_given: bool) -> Option<()> {
        let span = action.default_span.unwrap_or(action.span);
        let used = !action.spec.required;
        let default = &action.spec.default;
        let fail = |fx: &mut Self, message: String, hint: &str| {
            fx.error(diag::invalid_argparse(span, message, hint));
            None
        };
        if action.is_list() && action.field_dtype().is_none() {
            return fail(self, "lists of str (`nargs` without type int or float) are not supported".into(), "use type=int or type=float with nargs, or take a single str");
        }
        match action.spec.kind {
            ActionKind::StoreTrue | ActionKind::StoreFalse => match default {
                ArgValue::Bool(_) => Some(()),
                other => fail(self, format!("the default of a flag must be True or False, not {}", describe(&other)), "drop `default=`"),
            },
            ActionKind::Count => match default {
                ArgValue::Int(_) => Some(()),
                ArgValue::None if !used => Some(()),
                ArgValue::None => fail(self, "a count without `default=` is None when the flag is absent".into(), "add `default=0`"),
                other => fail(self, format!("the default of a count must be an int, not {}", describe(&other)), "use `default=0`"),
            },
            // A help action (never made by the compiler) has no default.
            ActionKind::Help => Some(()),
            ActionKind::Store if !used => Some(()),
            ActionKind::Store => {
                if matches!(default, ArgValue::None) {
                    let what = if default_given { "`default=None`" } else { "no `default=`" };
                    return fail(
                        self,
                        format!("argument `{}` has {what}: it would be None when the option is absent", action.spec.dest),
                        "give a default of the argument's type, or `required=True`",
                    );
                }
                let type_name = match action.spec.type_func {
                    TypeFunc::Int => "int",
                    TypeFunc::Float => "float",
                    _ => "str",
                };
                if action.is_list() {
                    let ArgValue::List(items) = default else {
                        return fail(self, format!("the default of an argument with `nargs` must be a list, not {}", describe(&default)), "write a list literal: `default=[1, 2]`");
                    };
                    if let Some(bad) = items.iter().find(|i| !lit_has_type(i, action.spec.type_func)) {
                        return fail(
                            self,
                            format!("the default list holds {} ({}) but type={type_name} gives {type_name}s", describe(&bad), lit_repr(bad)),
                            "Python keeps the default's own values, so every item must already be of the argument's type",
                        );
                    }
                    return Some(());
                }
                // A str default is converted by `type` after parsing, as argparse does.
                if matches!(default, ArgValue::Str(_)) || lit_has_type(default, action.spec.type_func) {
                    return Some(());
                }
                let hint = match (action.spec.type_func, default) {
                    (TypeFunc::Float, ArgValue::Int(i)) => format!("write `default={i}.0`: Python keeps the default's type, so the attribute would be an int when the option is absent"),
                    _ => format!("give a default of type {type_name}, or change `type=`"),
                };
                fail(self, format!("the default {} is {} but type={type_name} gives {type_name}s", lit_repr(default), describe(&default)), &hint)
            }
        }
    }

    fn check_choices(&mut self, action: &ActionDef) -> Option<()> {
        let Some(choices) = &action.spec.choices else { return Some(()) };
        if action.spec.kind != ActionKind::Store {
            return Some(());
        }
        let ok = |c: &ArgValue| match action.spec.type_func {
            TypeFunc::Float => matches!(c, ArgValue::Int(_) | ArgValue::Float(_)),
            t => lit_has_type(c, t),
        };
        if let Some(bad) = choices.iter().find(|c| !ok(c)) {
            let name = match action.spec.type_func {
                TypeFunc::Int => "int",
                TypeFunc::Float => "float",
                _ => "str",
            };
            self.error(diag::invalid_argparse(
                action.choices_span.unwrap_or(action.span),
                format!("the choice {} is {}, but type={name} gives {name}s (it could never be chosen)", lit_repr(bad), describe(&bad)),
                "make every choice a value of the argument's type",
            ));
            return None;
        }
        Some(())
    }

    /// Checks `%(name)s` fields of the help string against argparse's parameters.
    fn check_help(&mut self, action: &ActionDef, parser: usize) -> Option<()> {
        let Some(help) = &action.spec.help else { return Some(()) };
        let mut text = help.clone();
        if self.cx.parsers[parser].spec.formatter == FormatterKind::ArgumentDefaults && !text.contains("%(default)") && !action.positional() {
            text.push_str(" (default: %(default)s)");
        }
        let lookup = |key: &str| -> Option<ArgValue> {
            Some(match key {
                "prog" | "dest" | "help" => ArgValue::Str(String::new()),
                "option_strings" => ArgValue::List(action.spec.option_strings.iter().map(|o| ArgValue::Str(o.clone())).collect()),
                "nargs" => action.spec.nargs_value(),
                "const" => action.spec.constant(),
                "default" => action.spec.default.clone(),
                "type" if action.spec.kind == ActionKind::Store && action.spec.type_func != TypeFunc::Identity => ArgValue::Str(String::new()),
                "type" => ArgValue::None,
                "choices" => if action.spec.choices.is_some() { ArgValue::Str(String::new()) } else { ArgValue::None },
                "required" => ArgValue::Bool(action.spec.required),
                "metavar" => action.spec.metavar.clone().map(ArgValue::Str).unwrap_or(ArgValue::None),
                _ => return None,
            })
        };
        if !py_strip_is_empty(help) {
            if let Err(message) = check_percent(&text, &lookup) {
                self.error(diag::invalid_argparse(action.help_span.unwrap_or(action.span), format!("the help string {message}"), "argparse expands `%(default)s`, `%(type)s`, `%(prog)s`, `%(choices)s`... in help; write `%%` for a percent sign"));
                return None;
            }
        }
        Some(())
    }

    /// `parser.parse_args()`: one runtime parse, then one getter per argument
    /// into a fresh global; returns the namespace.
    fn parse_args(&mut self, parser: usize, span: Span) -> Value {
        let def = self.cx.parsers[parser].clone();
        let spec = argparse_spec::encode(&parser_spec(&def));
        let spec = self.add(Expr::Const(Const::Str(spec)), Type::Str);
        self.emit(StmtKind::Runtime { func: EntryPoint::ArgsParse, args: vec![spec], dst: None }, span);
        let mut fields = Vec::new();
        for (index, action) in def.actions.iter().enumerate() {
            let index_expr = self.add(Expr::Const(Const::Int(index as i64)), Type::py_int());
            let (ty, func, mut args) = match (action.is_list(), action.field_dtype()) {
                (true, Some(dtype)) => (Type::array(dtype, 1), EntryPoint::ArgsList, vec![index_expr]),
                (false, Some(DType::Bool)) => (Type::py_bool(), EntryPoint::ArgsInt, vec![index_expr]),
                (false, Some(DType::F64)) => (Type::py_float(), EntryPoint::ArgsFloat, vec![index_expr]),
                (false, Some(_)) => (Type::py_int(), EntryPoint::ArgsInt, vec![index_expr]),
                (_, None) => (Type::Str, EntryPoint::ArgsStr, vec![index_expr]),
            };
            if let Type::Array { dtype, .. } = ty {
                args.push(self.add(Expr::Const(Const::Int(dtype.code())), Type::py_int()));
            }
            let global = self.cx.module.globals.push(ir::Var { name: format!("args.{}", action.spec.dest), ty: ty.clone() });
            let place = Place::Global(global);
            self.emit(StmtKind::Runtime { func: func.into(), args, dst: Some(place) }, span);
            let field = match ty {
                Type::Array { dtype, .. } => Field::List(place, dtype),
                Type::Str => Field::Str(place),
                _ => Field::Scalar(place),
            };
            fields.push((action.spec.dest.clone(), field));
        }
        Value::Cli(CliValue::Namespace(Rc::new(Namespace { fields })))
    }

    // -----------------------------------------------------------------------
    // Using the values
    // -----------------------------------------------------------------------

    pub(crate) fn describe_cli(&self, c: &CliValue) -> String {
        match c {
            CliValue::Parser(_) => "an `argparse.ArgumentParser`".into(),
            CliValue::Namespace(_) => "an `argparse.Namespace`".into(),
            CliValue::List { dtype, .. } => format!("a list of {}s", if dtype.is_float() { "float" } else { "int" }),
            CliValue::Argv { .. } => "`sys.argv` (a list of str)".into(),
        }
    }

    /// `value.attr` of a command-line value.
    pub(crate) fn cli_attribute(&mut self, c: CliValue, attr: &str, span: Span) -> Value {
        match c {
            CliValue::Parser(_) => Value::Method(Box::new(Value::Cli(c)), attr.to_string()),
            CliValue::Namespace(ns) => match ns.fields.iter().find(|(name, _)| name == attr) {
                Some((_, Field::Scalar(p))) => Value::Scalar(self.read(*p)),
                Some((_, Field::Str(p))) => Value::Str(self.read(*p)),
                Some((_, Field::List(p, d))) => Value::Cli(CliValue::List { place: *p, dtype: *d }),
                None => {
                    let near = diag::nearest(attr, ns.fields.iter().map(|(n, _)| n.as_str()));
                    let hint = match near {
                        Some(n) => format!("the parser defines `{n}`"),
                        None if ns.fields.is_empty() => "the parser defines no arguments".to_string(),
                        None => format!("the parser defines: {}", ns.fields.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>().join(", ")),
                    };
                    self.error(diag::type_error(span, format!("'Namespace' object has no attribute '{attr}'"), &hint));
                    Value::Error
                }
            },
            other => {
                let what = self.describe_cli(&other);
                self.error(diag::type_error(span, format!("{what} has no attribute `{attr}` here"), "use len(), indexing or a for loop"));
                Value::Error
            }
        }
    }

    /// Methods of command-line values (`parser.add_argument(...)`).
    pub(crate) fn cli_method(&mut self, c: CliValue, name: &str, args: Vec<(Value, Span)>, kw: Vec<(String, Value, Span)>, span: Span) -> Value {
        match c {
            CliValue::Parser(p) => self.parser_method(p, name, args, kw, span),
            other => {
                let what = self.describe_cli(&other);
                self.error(diag::type_error(span, format!("{what} has no method `{name}` here"), "use len(), indexing or a for loop"));
                Value::Error
            }
        }
    }

    /// The number of items of a list value.
    fn cli_length(&mut self, c: &CliValue, span: Span) -> Option<ExprId> {
        match c {
            CliValue::List { place, .. } => {
                let a = self.read(*place);
                Some(self.add(Expr::Dim(a, 0), Type::py_int()))
            }
            CliValue::Argv { start } => {
                let len = self.runtime_call(EntryPoint::ArgvLen, vec![], Some(Type::py_int()), span)?;
                let start = self.add(Expr::Const(Const::Int(*start)), Type::py_int());
                let rest = self.add(Expr::Binary(BinaryOp::Sub, len, start), Type::py_int());
                let zero = self.add(Expr::Const(Const::Int(0)), Type::py_int());
                Some(self.add(Expr::Binary(BinaryOp::Max, rest, zero), Type::py_int()))
            }
            other => {
                let what = self.describe_cli(other);
                self.error(diag::type_error(span, format!("object of type {what} has no len()"), "use len() of lists"));
                None
            }
        }
    }

    /// `len(value)`.
    pub(crate) fn cli_len(&mut self, c: CliValue, span: Span) -> Value {
        self.cli_length(&c, span).map(Value::Scalar).unwrap_or(Value::Error)
    }

    /// Item `i` (an int64 expression) of a list value, with Python's IndexError.
    fn cli_item(&mut self, c: &CliValue, i: ExprId, span: Span) -> Option<Value> {
        match c {
            CliValue::List { place, dtype } => {
                let n = self.cli_length(c, span)?;
                // Python lists raise `IndexError: list index out of range`.
                let neg = self.add(Expr::Unary(ir::UnaryOp::Neg, n), Type::py_int());
                let low = self.add(Expr::Compare(CompareOp::Lt, i, neg), Type::py_bool());
                let high = self.add(Expr::Compare(CompareOp::Ge, i, n), Type::py_bool());
                let outside = self.add(Expr::Logical(LogicalOp::Or, low, high), Type::py_bool());
                let raise = ir::Stmt::new(StmtKind::Raise { kind: "IndexError".into(), message: "list index out of range".into() }, span);
                self.emit(StmtKind::If { cond: outside, then_body: vec![raise], else_body: vec![] }, span);
                let a = self.read(*place);
                let item = self.add(Expr::GetItem(a, vec![i]), Type::scalar(*dtype));
                Some(Value::Scalar(self.add(Expr::Cast(*dtype, item), Type::Scalar { dtype: *dtype, weak: true })))
            }
            CliValue::Argv { start } => {
                let start = self.add(Expr::Const(Const::Int(*start)), Type::py_int());
                self.runtime_call(EntryPoint::ArgvGet, vec![start, i], Some(Type::Str), span).map(Value::Str)
            }
            other => {
                let what = self.describe_cli(other);
                self.error(diag::type_error(span, format!("{what} cannot be indexed"), "index lists"));
                None
            }
        }
    }

    /// `value[index]` of a command-line value.
    pub(crate) fn cli_subscript(&mut self, c: CliValue, index: &[IndexExpr], span: Span) -> Value {
        match (index, &c) {
            ([IndexExpr::Slice { lower, upper: None, step: None, .. }], CliValue::Argv { start }) => {
                let from = match lower.as_ref().map(|l| &l.kind) {
                    None => Some(0),
                    Some(ExprKind::Int(k)) if *k >= 0 => Some(*k),
                    _ => None,
                };
                match from {
                    Some(k) => Value::Cli(CliValue::Argv { start: start + k }),
                    None => {
                        self.error(diag::unsupported_syntax(span, "slices of `sys.argv` other than `sys.argv[k:]`", "slice with a non-negative literal start, e.g. `sys.argv[1:]`"));
                        Value::Error
                    }
                }
            }
            ([IndexExpr::Expr(e)], CliValue::List { .. } | CliValue::Argv { .. }) => {
                let v = self.expr(e);
                let Some(i) = self.int_value(v, e.span) else { return Value::Error };
                self.cli_item(&c, i, span).unwrap_or(Value::Error)
            }
            _ => {
                let what = self.describe_cli(&c);
                self.error(diag::unsupported_syntax(span, &format!("this subscript of {what}"), "index with one integer, e.g. `args.sizes[0]`; slice only `sys.argv[k:]`"));
                Value::Error
            }
        }
    }

    /// `for target in value:` over a list value.
    pub(crate) fn cli_for(&mut self, c: CliValue, target: &ast::Expr, body: &[ast::Stmt], span: Span) {
        let ExprKind::Name(name) = &target.kind else {
            self.error(diag::unsupported_syntax(target.span, "this loop target", "use a single name: `for s in args.sizes`"));
            return;
        };
        let Some(n) = self.cli_length(&c, span) else { return };
        // The length is taken once: these lists never change.
        let count = self.temp(Type::py_int());
        self.emit(StmtKind::Assign { dst: count, value: n }, span);
        let stop = self.read(count);
        let index = self.temp(Type::py_int());
        let start = self.add(Expr::Const(Const::Int(0)), Type::py_int());
        let step = self.add(Expr::Const(Const::Int(1)), Type::py_int());
        self.loop_depth += 1;
        let loop_body = self.block(|fx| {
            let i = fx.read(index);
            if let Some(item) = fx.cli_item(&c, i, span) {
                fx.assign_name(name, item, target.span);
            }
            fx.stmts(body);
        });
        self.loop_depth -= 1;
        self.emit(StmtKind::For { var: index, start, stop, step, body: loop_body }, span);
    }

    /// The array holding a list's items (`np.array(args.sizes)` copies it).
    pub(crate) fn cli_as_array(&mut self, c: CliValue, span: Span) -> Value {
        match c {
            CliValue::List { place, .. } => Value::Array(self.read(place)),
            other => {
                let what = self.describe_cli(&other);
                self.error(diag::unsupported_syntax(span, &format!("arrays of {what}"), "make arrays of numbers"));
                Value::Error
            }
        }
    }

    /// `str(value)` of a command-line value.
    pub(crate) fn cli_str(&mut self, c: CliValue, span: Span) -> Option<ExprId> {
        match c {
            CliValue::List { place, .. } => {
                let a = self.read(place);
                self.runtime_call(EntryPoint::ListRepr, vec![a], Some(Type::Str), span)
            }
            CliValue::Argv { start } => {
                let start = self.add(Expr::Const(Const::Int(start)), Type::py_int());
                self.runtime_call(EntryPoint::ArgvRepr, vec![start], Some(Type::Str), span)
            }
            other => {
                let what = self.describe_cli(&other);
                self.error(diag::type_error(span, format!("cannot print or format {what}"), "print its attributes one by one"));
                None
            }
        }
    }

    /// `int(s)` / `float(s)` of a str: the runtime's conversion (ValueError as Python's).
    pub(crate) fn str_to_number(&mut self, s: ExprId, dtype: DType, span: Span) -> Value {
        let (func, ty) = if dtype.is_float() { (EntryPoint::StrToFloat, Type::py_float()) } else { (EntryPoint::StrToInt, Type::py_int()) };
        self.runtime_call(func, vec![s], Some(ty), span).map(Value::Scalar).unwrap_or(Value::Error)
    }

    /// `a OP b` of two run-time strs (`args.mode == "fast"`), by code points as in Python.
    pub(crate) fn str_compare(&mut self, op: CompareOp, a: ExprId, b: ExprId, span: Span) -> Value {
        let Some(order) = self.runtime_call(EntryPoint::StrCompare, vec![a, b], Some(Type::py_int()), span) else { return Value::Error };
        let zero = self.add(Expr::Const(Const::Int(0)), Type::py_int());
        Value::Scalar(self.add(Expr::Compare(op, order, zero), Type::py_bool()))
    }

    /// A namespace returned by a function is a compile-time result of the
    /// instance (`def parse(): ...; return parser.parse_args()`).
    pub(crate) fn cli_return(&mut self, v: Value, span: Span) -> Value {
        match v {
            Value::Cli(CliValue::Namespace(_)) => {
                self.cli_result = Some(v);
                Value::None
            }
            Value::Cli(other) => {
                let what = self.describe_cli(&other);
                self.error(diag::type_error(span, format!("cannot return {what}"), "return the namespace of parse_args(), or numbers and arrays"));
                Value::Error
            }
            other => other,
        }
    }
}

/// Whether a literal has the type `type_func` produces.
fn lit_has_type(lit: &ArgValue, type_func: TypeFunc) -> bool {
    match type_func {
        TypeFunc::Int => matches!(lit, ArgValue::Int(_)),
        TypeFunc::Float => matches!(lit, ArgValue::Float(_)),
        TypeFunc::Identity | TypeFunc::Str => matches!(lit, ArgValue::Str(_)),
    }
}

fn py_strip_is_empty(text: &str) -> bool {
    text.trim().is_empty()
}

/// Python's repr of a str (for messages).
fn py_repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') { '"' } else { '\'' };
    format!("{quote}{}{quote}", s.replace('\\', "\\\\").replace(quote, &format!("\\{quote}")))
}

fn lit_repr(lit: &ArgValue) -> String {
    match lit {
        ArgValue::None => "None".into(),
        ArgValue::Bool(b) => if *b { "True" } else { "False" }.into(),
        ArgValue::Int(i) => i.to_string(),
        ArgValue::Float(x) => format!("{x:?}"),
        ArgValue::Str(s) => py_repr(s),
        ArgValue::List(items) => format!("[{}]", items.iter().map(lit_repr).collect::<Vec<_>>().join(", ")),
    }
}

/// Checks that `%`-formatting `text` with argparse's mapping works: every
/// field is `%%` or `%(key)` with a known key and a conversion that suits its
/// value. Returns what is wrong.
fn check_percent(text: &str, lookup: &dyn Fn(&str) -> Option<ArgValue>) -> Result<(), String> {
    let unknown = |key: &str| format!("uses `%({key})`, which argparse does not provide");
    for piece in percent_pieces(text) {
        let (key, precision, conversion) = match piece {
            Ok(PercentPiece::Text(_)) => continue,
            Ok(PercentPiece::Field { key, precision, conversion, .. }) => (key, precision.is_some(), conversion),
            Err(PercentError::NotAField) => return Err("has a `%` that is neither `%%` nor `%(name)s`".into()),
            Err(PercentError::UnclosedKey) => return Err("has an unclosed `%(`".into()),
            Err(PercentError::Incomplete { key }) => {
                lookup(&key).ok_or_else(|| unknown(&key))?;
                return Err(format!("ends inside the field `%({key})`"));
            }
        };
        let value = lookup(&key).ok_or_else(|| unknown(&key))?;
        let ok = match conversion {
            's' | 'r' | 'a' => true,
            'd' | 'i' | 'u' => matches!(value, ArgValue::Int(_) | ArgValue::Bool(_)) && !precision,
            'f' | 'F' | 'e' | 'E' | 'g' | 'G' => matches!(value, ArgValue::Int(_) | ArgValue::Bool(_) | ArgValue::Float(_)),
            _ => false,
        };
        if !ok {
            return Err(format!("formats `%({key})` with `%{conversion}`, which does not suit {}", describe(&value)));
        }
    }
    Ok(())
}

/// The parser as the runtime receives it (`runtime_abi::argparse_spec`).
fn parser_spec(def: &ParserDef) -> ParserSpec {
    ParserSpec { actions: def.actions.iter().map(|action| action.spec.clone()).collect(), ..def.spec.clone() }
}
