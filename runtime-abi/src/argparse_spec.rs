//! The parser description the compiler hands to the runtime's `argparse`: the
//! spec types, and the one encoder ([`encode`], used by the frontend) and the
//! one decoder ([`decode`], used by `lt_args_parse`) of its text form.
//!
//! # The spec string
//!
//! A sequence of fields, each `LEN:BYTES` (LEN the byte length of BYTES in
//! decimal). The first two fields are `argparse` and `1`. Then come records,
//! each a key field followed by its value fields:
//! - parser keys: `prog S`, `usage S`, `description S`, `epilog S`,
//!   `formatter F` (`HelpFormatter`, `ArgumentDefaultsHelpFormatter`,
//!   `RawDescriptionHelpFormatter`, `RawTextHelpFormatter`), `add_help B`,
//!   `allow_abbrev B` (B is `0` or `1`);
//! - `action K` starts an argument (K: `store`, `store_true`, `store_false`,
//!   `count`, `help`); the keys after it describe that argument: `option S`
//!   (repeated, in order), `dest S`, `nargs N` (`None`, `0`, `+` or a count),
//!   `type T` (`None`, `int`, `float`, `str`), `default V`, `choices C V...`
//!   (C, the count of values, in decimal), `required B`, `help S`,
//!   `metavar S`.
//!
//! A value V is one field whose first character is a tag: `N` (None), `T`,
//! `F` (True, False), `i` and a decimal int, `f` and the 16 hex digits of a
//! float64's bits, `s` and the text, or `l` and a count followed by that many
//! value fields (a list). A key that is absent keeps `argparse`'s default
//! ([`ActionSpec::new`], [`ParserSpec::default`]): a `default` of `None`
//! (`False` for `store_true`, `True` for `store_false`), `nargs` `None` for
//! `store` and `0` for the flags. [`encode`] writes every key but the absent
//! optional texts, so `decode(&encode(spec)) == Ok(spec)`.

// ---------------------------------------------------------------------------
// The parser description
// ---------------------------------------------------------------------------

/// A Python value of the namespace or of the parser description.
#[derive(Clone, Debug, PartialEq)]
pub enum ArgValue {
    None,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    List(Vec<ArgValue>),
}

impl ArgValue {
    /// Python's `==` (numbers compare by value across bool, int and float).
    pub fn py_eq(&self, other: &ArgValue) -> bool {
        fn number(v: &ArgValue) -> Option<Result<i64, f64>> {
            match v {
                ArgValue::Bool(b) => Some(Ok(*b as i64)),
                ArgValue::Int(i) => Some(Ok(*i)),
                ArgValue::Float(x) => Some(Err(*x)),
                _ => None,
            }
        }
        match (self, other) {
            (ArgValue::None, ArgValue::None) => true,
            (ArgValue::Str(a), ArgValue::Str(b)) => a == b,
            (ArgValue::List(a), ArgValue::List(b)) => a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.py_eq(y)),
            _ => match (number(self), number(other)) {
                (Some(Ok(a)), Some(Ok(b))) => a == b,
                (Some(Err(a)), Some(Err(b))) => a == b,
                (Some(Ok(i)), Some(Err(x))) | (Some(Err(x)), Some(Ok(i))) => int_equals_float(i, x),
                _ => false,
            },
        }
    }
}

/// The values of a parse as one line of text, like Python's `repr` of a list of them
/// (`[1024, 0.5, 'x', None]`); what the profile compares to tell whether a run had the
/// arguments its prediction assumed (`plan_table::RunConfig`).
pub fn values_text(values: &[ArgValue]) -> String {
    fn one(v: &ArgValue, out: &mut String) {
        match v {
            ArgValue::None => out.push_str("None"),
            ArgValue::Bool(b) => out.push_str(if *b { "True" } else { "False" }),
            ArgValue::Int(i) => out.push_str(&i.to_string()),
            ArgValue::Float(x) => out.push_str(&format!("{x:?}")),
            ArgValue::Str(s) => out.push_str(&format!("{s:?}")),
            ArgValue::List(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    one(item, out);
                }
                out.push(']');
            }
        }
    }
    let mut out = String::new();
    one(&ArgValue::List(values.to_vec()), &mut out);
    out
}

/// Python's exact comparison of an int with a float.
fn int_equals_float(i: i64, x: f64) -> bool {
    const TWO_POW_63: f64 = 9_223_372_036_854_775_808.0;
    x.fract() == 0.0 && (-TWO_POW_63..TWO_POW_63).contains(&x) && x as i64 == i
}

/// The `action=` of an argument (`help` is only the implicit `-h`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ActionKind {
    Store,
    StoreTrue,
    StoreFalse,
    Count,
    Help,
}

/// The `nargs=` of an argument.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Nargs {
    /// `None`: one value, stored as is.
    Single,
    /// `0`: flags (`store_true`, `count`, `help`).
    Zero,
    /// `"+"`: a list of one or more values.
    OneOrMore,
    /// A count: a list of exactly that many values.
    Exact(usize),
}

/// The `type=` of an argument.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TypeFunc {
    /// `None`: the string itself.
    Identity,
    Int,
    Float,
    Str,
}

impl TypeFunc {
    /// The name the spec string uses (`None`, `int`, `float`, `str`).
    pub fn name(self) -> &'static str {
        match self {
            TypeFunc::Identity => "None",
            TypeFunc::Int => "int",
            TypeFunc::Float => "float",
            TypeFunc::Str => "str",
        }
    }

    /// The `type=` of a name the spec string uses.
    pub fn from_name(name: &str) -> Option<TypeFunc> {
        [TypeFunc::Identity, TypeFunc::Int, TypeFunc::Float, TypeFunc::Str].into_iter().find(|t| t.name() == name)
    }
}

/// The `formatter_class=` of a parser.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FormatterKind {
    Plain,
    ArgumentDefaults,
    RawDescription,
    RawText,
}

impl FormatterKind {
    /// Every formatter, in the order of `argparse`'s documentation.
    pub const ALL: [FormatterKind; 4] =
        [FormatterKind::Plain, FormatterKind::ArgumentDefaults, FormatterKind::RawDescription, FormatterKind::RawText];

    /// The class name in `argparse` (`HelpFormatter`...), which the spec string uses.
    pub fn class_name(self) -> &'static str {
        match self {
            FormatterKind::Plain => "HelpFormatter",
            FormatterKind::ArgumentDefaults => "ArgumentDefaultsHelpFormatter",
            FormatterKind::RawDescription => "RawDescriptionHelpFormatter",
            FormatterKind::RawText => "RawTextHelpFormatter",
        }
    }

    /// The formatter of an `argparse` class name.
    pub fn from_class_name(name: &str) -> Option<FormatterKind> {
        FormatterKind::ALL.into_iter().find(|f| f.class_name() == name)
    }
}

/// One `add_argument` call, with argparse's defaults filled in.
#[derive(Clone, Debug, PartialEq)]
pub struct ActionSpec {
    pub kind: ActionKind,
    pub option_strings: Vec<String>,
    pub dest: String,
    pub nargs: Nargs,
    pub type_func: TypeFunc,
    pub default: ArgValue,
    pub choices: Option<Vec<ArgValue>>,
    pub required: bool,
    pub help: Option<String>,
    pub metavar: Option<String>,
}

impl ActionSpec {
    /// An argument of kind `kind` with `add_argument`'s defaults.
    pub fn new(kind: ActionKind) -> ActionSpec {
        ActionSpec {
            kind,
            option_strings: Vec::new(),
            dest: String::new(),
            nargs: match kind {
                ActionKind::Store => Nargs::Single,
                _ => Nargs::Zero,
            },
            type_func: TypeFunc::Identity,
            default: match kind {
                ActionKind::StoreTrue => ArgValue::Bool(false),
                ActionKind::StoreFalse => ArgValue::Bool(true),
                _ => ArgValue::None,
            },
            choices: None,
            required: false,
            help: None,
            metavar: None,
        }
    }

    /// Whether the argument is positional (it has no option strings).
    pub fn is_positional(&self) -> bool {
        self.option_strings.is_empty()
    }

    /// `action.const`.
    pub fn constant(&self) -> ArgValue {
        match self.kind {
            ActionKind::StoreTrue => ArgValue::Bool(true),
            ActionKind::StoreFalse => ArgValue::Bool(false),
            _ => ArgValue::None,
        }
    }

    /// `action.nargs` as Python shows it.
    pub fn nargs_value(&self) -> ArgValue {
        match self.nargs {
            Nargs::Single => ArgValue::None,
            Nargs::Zero => ArgValue::Int(0),
            Nargs::OneOrMore => ArgValue::Str("+".into()),
            Nargs::Exact(n) => ArgValue::Int(n as i64),
        }
    }
}

/// One `ArgumentParser(...)` with its arguments (the implicit `-h` excluded).
#[derive(Clone, Debug, PartialEq)]
pub struct ParserSpec {
    pub prog: Option<String>,
    pub usage: Option<String>,
    pub description: Option<String>,
    pub epilog: Option<String>,
    pub formatter: FormatterKind,
    pub add_help: bool,
    pub allow_abbrev: bool,
    pub actions: Vec<ActionSpec>,
}

impl Default for ParserSpec {
    fn default() -> ParserSpec {
        ParserSpec {
            prog: None,
            usage: None,
            description: None,
            epilog: None,
            formatter: FormatterKind::Plain,
            add_help: true,
            allow_abbrev: true,
            actions: Vec::new(),
        }
    }
}

// ---------------------------------------------------------------------------
// The spec string
// ---------------------------------------------------------------------------

/// Reads the fields of a spec string.
struct Fields<'a> {
    inner: crate::fields::Fields<'a>,
}

impl<'a> Fields<'a> {
    fn next(&mut self) -> Result<Option<&'a str>, String> {
        self.inner.next_field()
    }

    fn expect(&mut self) -> Result<&'a str, String> {
        self.next()?.ok_or_else(|| "a record without its value".to_string())
    }

    fn value(&mut self) -> Result<ArgValue, String> {
        let field = self.expect()?;
        let mut chars = field.chars();
        let tag = chars.next().ok_or("an empty value")?;
        let rest = chars.as_str();
        Ok(match tag {
            'N' => ArgValue::None,
            'T' => ArgValue::Bool(true),
            'F' => ArgValue::Bool(false),
            'i' => ArgValue::Int(rest.parse().map_err(|_| format!("a bad int `{rest}`"))?),
            'f' => ArgValue::Float(f64::from_bits(u64::from_str_radix(rest, 16).map_err(|_| format!("a bad float `{rest}`"))?)),
            's' => ArgValue::Str(rest.to_string()),
            'l' => {
                let n: usize = rest.parse().map_err(|_| format!("a bad list length `{rest}`"))?;
                let mut items = Vec::with_capacity(n);
                for _ in 0..n {
                    items.push(self.value()?);
                }
                ArgValue::List(items)
            }
            other => return Err(format!("an unknown value tag `{other}`")),
        })
    }
}

fn flag(text: &str) -> Result<bool, String> {
    match text {
        "0" => Ok(false),
        "1" => Ok(true),
        other => Err(format!("a bad flag `{other}`")),
    }
}

/// One piece of a template that argparse `%`-formats with a mapping (`%(prog)s`, help texts).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PercentPiece {
    /// Literal text (`%%` is a literal `%`).
    Text(String),
    /// `%(key)` with its flags, width, precision and conversion character.
    Field { key: String, flags: String, width: String, precision: Option<String>, conversion: char },
}

/// Why a template cannot be `%`-formatted with a mapping.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PercentError {
    /// A `%` followed by neither `%` nor `(`.
    NotAField,
    /// A `%(` whose key is never closed.
    UnclosedKey,
    /// The template ends inside the field of `key`, before its conversion character.
    Incomplete { key: String },
}

/// The pieces of a `%`-template, in order, up to the first error (the compiler checks
/// templates with them, the runtime formats them: one reading of the syntax for both).
pub fn percent_pieces(template: &str) -> impl Iterator<Item = Result<PercentPiece, PercentError>> + '_ {
    let chars: Vec<char> = template.chars().collect();
    let mut i = 0;
    let mut failed = false;
    std::iter::from_fn(move || {
        if failed || i >= chars.len() {
            return None;
        }
        if chars[i] != '%' {
            let start = i;
            while i < chars.len() && chars[i] != '%' {
                i += 1;
            }
            return Some(Ok(PercentPiece::Text(chars[start..i].iter().collect())));
        }
        i += 1;
        let mut piece = || {
            match chars.get(i) {
                Some('%') => {
                    i += 1;
                    return Ok(PercentPiece::Text("%".to_string()));
                }
                Some('(') => {}
                _ => return Err(PercentError::NotAField),
            }
            let start = i + 1;
            let mut depth = 1;
            i += 1;
            while i < chars.len() && depth > 0 {
                match chars[i] {
                    '(' => depth += 1,
                    ')' => depth -= 1,
                    _ => {}
                }
                i += 1;
            }
            if depth > 0 {
                return Err(PercentError::UnclosedKey);
            }
            let key: String = chars[start..i - 1].iter().collect();
            // The characters from `i` that `accept` takes.
            fn take(chars: &[char], i: &mut usize, accept: impl Fn(char) -> bool) -> String {
                let from = *i;
                while chars.get(*i).is_some_and(|&c| accept(c)) {
                    *i += 1;
                }
                chars[from..*i].iter().collect()
            }
            let flags = take(&chars, &mut i, |c| "#0- +".contains(c));
            let width = take(&chars, &mut i, |c| c.is_ascii_digit());
            let precision = if chars.get(i) == Some(&'.') {
                i += 1;
                Some(take(&chars, &mut i, |c| c.is_ascii_digit()))
            } else {
                None
            };
            take(&chars, &mut i, |c| "hlL".contains(c));
            let Some(&conversion) = chars.get(i) else { return Err(PercentError::Incomplete { key }) };
            i += 1;
            Ok(PercentPiece::Field { key, flags, width, precision, conversion })
        };
        let result = piece();
        failed = result.is_err();
        Some(result)
    })
}

/// Decodes a spec string (see the module documentation).
pub fn decode(text: &str) -> Result<ParserSpec, String> {
    let mut fields = Fields { inner: crate::fields::Fields::new(text) };
    if fields.next()? != Some("argparse") || fields.next()? != Some("1") {
        return Err("not an argparse spec of version 1".into());
    }
    let mut spec = ParserSpec::default();
    while let Some(key) = fields.next()? {
        if key == "action" {
            let kind = match fields.expect()? {
                "store" => ActionKind::Store,
                "store_true" => ActionKind::StoreTrue,
                "store_false" => ActionKind::StoreFalse,
                "count" => ActionKind::Count,
                "help" => ActionKind::Help,
                other => return Err(format!("an unknown action `{other}`")),
            };
            spec.actions.push(ActionSpec::new(kind));
            continue;
        }
        if let Some(action) = spec.actions.last_mut() {
            match key {
                "option" => action.option_strings.push(fields.expect()?.to_string()),
                "dest" => action.dest = fields.expect()?.to_string(),
                "nargs" => {
                    action.nargs = match fields.expect()? {
                        "None" => Nargs::Single,
                        "+" => Nargs::OneOrMore,
                        "0" => Nargs::Zero,
                        n => Nargs::Exact(n.parse().map_err(|_| format!("a bad nargs `{n}`"))?),
                    }
                }
                "type" => {
                    let name = fields.expect()?;
                    action.type_func = TypeFunc::from_name(name).ok_or_else(|| format!("an unknown type `{name}`"))?;
                }
                "default" => action.default = fields.value()?,
                "choices" => {
                    let count: usize = fields.expect()?.parse().map_err(|_| "a bad choices count")?;
                    let mut choices = Vec::with_capacity(count);
                    for _ in 0..count {
                        choices.push(fields.value()?);
                    }
                    action.choices = Some(choices);
                }
                "required" => action.required = flag(fields.expect()?)?,
                "help" => action.help = Some(fields.expect()?.to_string()),
                "metavar" => action.metavar = Some(fields.expect()?.to_string()),
                other => return Err(format!("an unknown argument key `{other}`")),
            }
            continue;
        }
        match key {
            "prog" => spec.prog = Some(fields.expect()?.to_string()),
            "usage" => spec.usage = Some(fields.expect()?.to_string()),
            "description" => spec.description = Some(fields.expect()?.to_string()),
            "epilog" => spec.epilog = Some(fields.expect()?.to_string()),
            "formatter" => {
                let name = fields.expect()?;
                spec.formatter = FormatterKind::from_class_name(name).ok_or_else(|| format!("an unknown formatter `{name}`"))?;
            }
            "add_help" => spec.add_help = flag(fields.expect()?)?,
            "allow_abbrev" => spec.allow_abbrev = flag(fields.expect()?)?,
            other => return Err(format!("an unknown parser key `{other}`")),
        }
    }
    Ok(spec)
}

use crate::fields::push_field;

fn push_value(out: &mut String, value: &ArgValue) {
    match value {
        ArgValue::None => push_field(out, "N"),
        ArgValue::Bool(true) => push_field(out, "T"),
        ArgValue::Bool(false) => push_field(out, "F"),
        ArgValue::Int(i) => push_field(out, &format!("i{i}")),
        ArgValue::Float(x) => push_field(out, &format!("f{:016x}", x.to_bits())),
        ArgValue::Str(s) => push_field(out, &format!("s{s}")),
        ArgValue::List(items) => {
            push_field(out, &format!("l{}", items.len()));
            for item in items {
                push_value(out, item);
            }
        }
    }
}

/// Encodes a parser as a spec string (the inverse of [`decode`]).
pub fn encode(spec: &ParserSpec) -> String {
    let mut out = String::new();
    let record = |out: &mut String, key: &str, value: &str| {
        push_field(out, key);
        push_field(out, value);
    };
    let flag = |b: bool| if b { "1" } else { "0" };
    record(&mut out, "argparse", "1");
    for (key, value) in [("prog", &spec.prog), ("usage", &spec.usage), ("description", &spec.description), ("epilog", &spec.epilog)] {
        if let Some(value) = value {
            record(&mut out, key, value);
        }
    }
    record(&mut out, "formatter", spec.formatter.class_name());
    record(&mut out, "add_help", flag(spec.add_help));
    record(&mut out, "allow_abbrev", flag(spec.allow_abbrev));
    for action in &spec.actions {
        let kind = match action.kind {
            ActionKind::Store => "store",
            ActionKind::StoreTrue => "store_true",
            ActionKind::StoreFalse => "store_false",
            ActionKind::Count => "count",
            ActionKind::Help => "help",
        };
        record(&mut out, "action", kind);
        for option in &action.option_strings {
            record(&mut out, "option", option);
        }
        record(&mut out, "dest", &action.dest);
        let nargs = match action.nargs {
            Nargs::Single => "None".to_string(),
            Nargs::Zero => "0".to_string(),
            Nargs::OneOrMore => "+".to_string(),
            Nargs::Exact(n) => n.to_string(),
        };
        record(&mut out, "nargs", &nargs);
        record(&mut out, "type", action.type_func.name());
        push_field(&mut out, "default");
        push_value(&mut out, &action.default);
        if let Some(choices) = &action.choices {
            record(&mut out, "choices", &choices.len().to_string());
            for choice in choices {
                push_value(&mut out, choice);
            }
        }
        record(&mut out, "required", flag(action.required));
        if let Some(help) = &action.help {
            record(&mut out, "help", help);
        }
        if let Some(metavar) = &action.metavar {
            record(&mut out, "metavar", metavar);
        }
    }
    out
}

#[cfg(test)]
mod tests;
