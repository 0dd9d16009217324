//! `argparse` for compiled programs: the parser the compiler described at
//! compile time (a spec string), parsed against the program's arguments with
//! CPython 3.11's rules, and usage, help and error text identical to
//! `argparse.py`'s (including `textwrap`'s line breaking).
//!
//! Supported: `ArgumentParser(prog, usage, description, epilog, add_help,
//! allow_abbrev, formatter_class)` with the four standard formatters but
//! `MetavarTypeHelpFormatter`; arguments with option strings or positional,
//! actions `store`, `store_true`, `store_false`, `count` (and the implicit
//! `help`), `nargs` of `None`, `"+"` or a count, `type` of `None`, `int`,
//! `float` or `str`, `default`, `choices`, `required`, `help` (with
//! `%(name)s`-style expansion), `metavar`, `dest`. Everything else is refused
//! by the compiler.
//!
//! The parser arrives as a spec string, decoded by
//! `runtime_abi::argparse_spec::decode` (the format is documented there).
//!
//! Parsed values are kept per argument (in spec order, the implicit `-h`
//! excluded) and read by the typed getters of `lib.rs`.

use std::collections::HashSet;
use std::sync::OnceLock;

pub use runtime_abi::argparse_spec::{ActionKind, ActionSpec, ArgValue, FormatterKind, Nargs, ParserSpec, TypeFunc};
use runtime_abi::argparse_spec::{percent_pieces, PercentError, PercentPiece};

use runtime_core::format::py_float_repr;
use crate::strings::python_repr;

// ---------------------------------------------------------------------------
// Python's text of values
// ---------------------------------------------------------------------------

/// Python's `repr()` and `str()` of the values of a namespace or of a parser description.
pub trait PyText {
    /// Python's `repr()`.
    fn py_repr(&self) -> String;
    /// Python's `str()`.
    fn py_str(&self) -> String;
}

impl PyText for ArgValue {
    fn py_repr(&self) -> String {
        match self {
            ArgValue::None => "None".to_string(),
            ArgValue::Bool(true) => "True".to_string(),
            ArgValue::Bool(false) => "False".to_string(),
            ArgValue::Int(i) => i.to_string(),
            ArgValue::Float(x) => py_float_repr(*x),
            ArgValue::Str(s) => python_repr(s),
            ArgValue::List(items) => {
                let items: Vec<String> = items.iter().map(ArgValue::py_repr).collect();
                format!("[{}]", items.join(", "))
            }
        }
    }

    fn py_str(&self) -> String {
        match self {
            ArgValue::Str(s) => s.clone(),
            other => other.py_repr(),
        }
    }
}

// ---------------------------------------------------------------------------
// Python's str(), int() and float()
// ---------------------------------------------------------------------------

/// Python's `str.isspace()` for one character.
fn is_py_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// Why a string is not a Python int of 64 bits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IntParseError {
    /// `int()` itself refuses it (`ValueError`).
    Invalid,
    /// A valid Python int outside the int64 range.
    Overflow,
}

/// Strips Python whitespace from both ends.
fn py_strip(text: &str) -> &str {
    text.trim_matches(is_py_space)
}

/// Checks Python's `digit (["_"] digit)*` and returns the digits without underscores.
fn digit_part(text: &str) -> Option<String> {
    if text.is_empty() || text.starts_with('_') || text.ends_with('_') || text.contains("__") {
        return None;
    }
    let mut digits = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '0'..='9' => digits.push(c),
            '_' => {}
            _ => return None,
        }
    }
    Some(digits)
}

/// Python's `int(text)` (base 10), limited to int64.
pub fn parse_py_int(text: &str) -> Result<i64, IntParseError> {
    let body = py_strip(text);
    let (negative, digits) = match body.as_bytes().first() {
        Some(b'-') => (true, &body[1..]),
        Some(b'+') => (false, &body[1..]),
        _ => (false, body),
    };
    let digits = digit_part(digits).ok_or(IntParseError::Invalid)?;
    let magnitude: u128 = match digits.trim_start_matches('0') {
        "" => 0,
        significant if significant.len() > 20 => return Err(IntParseError::Overflow),
        significant => significant.parse().map_err(|_| IntParseError::Invalid)?,
    };
    let limit = if negative { 1u128 << 63 } else { (1u128 << 63) - 1 };
    if magnitude > limit {
        return Err(IntParseError::Overflow);
    }
    Ok(if negative { (magnitude as i128).wrapping_neg() as i64 } else { magnitude as i64 })
}

/// Python's `float(text)`; `None` where Python raises `ValueError`.
pub fn parse_py_float(text: &str) -> Option<f64> {
    let body = py_strip(text);
    let (negative, rest) = match body.as_bytes().first() {
        Some(b'-') => (true, &body[1..]),
        Some(b'+') => (false, &body[1..]),
        _ => (false, body),
    };
    let lower = rest.to_ascii_lowercase();
    let magnitude = if lower == "inf" || lower == "infinity" {
        f64::INFINITY
    } else if lower == "nan" {
        f64::NAN
    } else {
        let (mantissa, exponent) = match rest.find(['e', 'E']) {
            Some(at) => (&rest[..at], Some(&rest[at + 1..])),
            None => (rest, None),
        };
        let (whole, fraction) = match mantissa.find('.') {
            Some(at) => (&mantissa[..at], Some(&mantissa[at + 1..])),
            None => (mantissa, None),
        };
        let whole = if whole.is_empty() { String::new() } else { digit_part(whole)? };
        let fraction = match fraction {
            Some("") | None => String::new(),
            Some(f) => digit_part(f)?,
        };
        if whole.is_empty() && fraction.is_empty() {
            return None;
        }
        let mut clean = format!("{}.{}", if whole.is_empty() { "0" } else { &whole }, if fraction.is_empty() { "0" } else { &fraction });
        if let Some(exponent) = exponent {
            let (sign, digits) = match exponent.as_bytes().first() {
                Some(b'-') => ("-", &exponent[1..]),
                Some(b'+') => ("", &exponent[1..]),
                _ => ("", exponent),
            };
            let digits = digit_part(digits)?;
            // Exponents beyond any float's range saturate; keep Rust's parser in range.
            let digits = digits.trim_start_matches('0');
            let digits = if digits.len() > 6 { "999999" } else if digits.is_empty() { "0" } else { digits };
            clean.push('e');
            clean.push_str(sign);
            clean.push_str(digits);
        }
        clean.parse::<f64>().ok()?
    };
    Some(if negative { -magnitude } else { magnitude })
}

// ---------------------------------------------------------------------------
// %-formatting of help strings
// ---------------------------------------------------------------------------

/// Python's `template % mapping` for `%(name)...` conversions and `%%`.
/// Returns `Err` where Python would raise (the compiler checks templates, so
/// only a legatec bug reaches that).
pub fn percent_format(template: &str, lookup: &dyn Fn(&str) -> Option<ArgValue>) -> Result<String, String> {
    let key_error = |key: &str| format!("KeyError: {}", python_repr(key));
    let mut out = String::new();
    for piece in percent_pieces(template) {
        match piece {
            Ok(PercentPiece::Text(text)) => out.push_str(&text),
            Ok(PercentPiece::Field { key, flags, width, precision, conversion }) => {
                let value = lookup(&key).ok_or_else(|| key_error(&key))?;
                out.push_str(&convert_one(&value, conversion, &flags, &width, precision.as_deref())?);
            }
            Err(PercentError::NotAField) => return Err("format requires a mapping".into()),
            Err(PercentError::UnclosedKey) => return Err("incomplete format key".into()),
            Err(PercentError::Incomplete { key }) => {
                lookup(&key).ok_or_else(|| key_error(&key))?;
                return Err("incomplete format".into());
            }
        }
    }
    Ok(out)
}

/// One `%` conversion of a value, through the format-spec mini-language.
fn convert_one(value: &ArgValue, conversion: char, flags: &str, width: &str, precision: Option<&str>) -> Result<String, String> {
    let left = flags.contains('-');
    let precision = precision.map(|p| if p.is_empty() { "0" } else { p });
    match conversion {
        's' | 'r' | 'a' => {
            let text = if conversion == 's' { value.py_str() } else { value.py_repr() };
            let mut spec = String::from(if left { "<" } else { ">" });
            spec.push_str(width);
            if let Some(p) = precision {
                spec.push('.');
                spec.push_str(p);
            }
            runtime_core::format::format_str(&text, &spec).map_err(|e| e.message)
        }
        'd' | 'i' | 'u' | 'f' | 'F' | 'e' | 'E' | 'g' | 'G' => {
            let mut spec = String::new();
            if left {
                spec.push('<');
            }
            if flags.contains('+') {
                spec.push('+');
            } else if flags.contains(' ') {
                spec.push(' ');
            }
            if flags.contains('#') {
                spec.push('#');
            }
            if flags.contains('0') && !left {
                spec.push('0');
            }
            spec.push_str(width);
            let float_conversion = !matches!(conversion, 'd' | 'i' | 'u');
            if float_conversion {
                spec.push('.');
                spec.push_str(precision.unwrap_or("6"));
                spec.push(conversion);
            } else if precision.is_some() {
                return Err("precision with %d".into());
            }
            let result = match (value, float_conversion) {
                (ArgValue::Int(i), false) => runtime_core::format::format_int(*i, &spec, "int"),
                (ArgValue::Bool(b), false) => runtime_core::format::format_int(*b as i64, &spec, "int"),
                (ArgValue::Float(x), false) if x.is_finite() => runtime_core::format::format_int(x.trunc() as i64, &spec, "int"),
                (ArgValue::Int(i), true) => runtime_core::format::format_float(*i as f64, &spec),
                (ArgValue::Bool(b), true) => runtime_core::format::format_float(*b as i64 as f64, &spec),
                (ArgValue::Float(x), true) => runtime_core::format::format_float(*x, &spec),
                _ => return Err(format!("%{conversion} format: a real number is required")),
            };
            result.map_err(|e| e.message)
        }
        other => Err(format!("unsupported format character '{other}'")),
    }
}

// ---------------------------------------------------------------------------
// Text utilities: Python's str methods, textwrap, and argparse's regexes
// ---------------------------------------------------------------------------

fn char_len(text: &str) -> usize {
    text.chars().count()
}

/// `re.sub(r'\s+', ' ', text)` with ASCII whitespace, then `.strip()`.
fn collapse_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_space = false;
    for c in text.chars() {
        if matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0b' | '\x0c') {
            in_space = true;
        } else {
            if in_space {
                out.push(' ');
                in_space = false;
            }
            out.push(c);
        }
    }
    if in_space {
        out.push(' ');
    }
    py_strip(&out).to_string()
}

/// Python's `str.splitlines(keepends)`.
fn split_lines(text: &str, keep_ends: bool) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut lines = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if matches!(c, '\n' | '\r' | '\x0b' | '\x0c' | '\x1c' | '\x1d' | '\x1e' | '\u{85}' | '\u{2028}' | '\u{2029}') {
            let mut end = i + 1;
            if c == '\r' && chars.get(i + 1) == Some(&'\n') {
                end += 1;
            }
            let stop = if keep_ends { end } else { i };
            lines.push(chars[start..stop].iter().collect());
            start = end;
            i = end;
        } else {
            i += 1;
        }
    }
    if start < chars.len() {
        lines.push(chars[start..].iter().collect());
    }
    lines
}

/// `\w` of Python's `re` on str patterns (approximately: Unicode alphanumerics and `_`).
fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// textwrap's `letter`: `[^\d\W]`.
fn is_letter(c: char) -> bool {
    is_word(c) && !(c.is_ascii_digit() || (!c.is_ascii() && c.is_numeric()))
}

/// textwrap's `word_punct`: `[\w!"'&.,?]`.
fn is_word_punct(c: char) -> bool {
    is_word(c) || "!\"'&.,?".contains(c)
}

/// textwrap's whitespace set.
fn is_wrap_space(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\x0b' | '\x0c' | '\r' | ' ')
}

/// `TextWrapper._split` with `break_on_hyphens=True`: the chunks of `wordsep_re`.
fn wrap_chunks_of(text: &[char]) -> Vec<Vec<char>> {
    let n = text.len();
    let mut chunks = Vec::new();
    let mut i = 0;
    while i < n {
        let end = if is_wrap_space(text[i]) {
            let mut j = i;
            while j < n && is_wrap_space(text[j]) {
                j += 1;
            }
            j
        } else {
            em_dash_run(text, i).unwrap_or_else(|| word_end(text, i))
        };
        chunks.push(text[i..end].to_vec());
        i = end;
    }
    chunks
}

/// `(?<=word_punct) -{2,} (?=\w)` at `i`: the end of the dashes.
fn em_dash_run(text: &[char], i: usize) -> Option<usize> {
    if i == 0 || !is_word_punct(text[i - 1]) || text[i] != '-' {
        return None;
    }
    let mut j = i;
    while j < text.len() && text[j] == '-' {
        j += 1;
    }
    (j - i >= 2 && j < text.len() && is_word(text[j])).then_some(j)
}

/// The word alternative of `wordsep_re` starting at the non-space `i`: a lazy
/// run of non-spaces ending at a breakable hyphen, the end of the word, or
/// before an em-dash.
fn word_end(text: &[char], i: usize) -> usize {
    let n = text.len();
    let letter_at = |p: usize| p < n && is_letter(text[p]);
    let mut p = i + 1;
    loop {
        if p < n && text[p] == '-' {
            let behind = (p >= 2 && letter_at(p - 2) && letter_at(p - 1))
                || (p >= 3 && letter_at(p - 3) && text[p - 2] == '-' && letter_at(p - 1));
            let ahead = letter_at(p + 1) && (letter_at(p + 2) || (p + 2 < n && text[p + 2] == '-' && letter_at(p + 3)));
            if behind && ahead {
                return p + 1;
            }
        }
        if p == n || is_wrap_space(text[p]) {
            return p;
        }
        if is_word_punct(text[p - 1]) && text[p] == '-' && p + 1 < n && text[p + 1] == '-' {
            let mut j = p;
            while j < n && text[j] == '-' {
                j += 1;
            }
            if j < n && is_word(text[j]) {
                return p;
            }
        }
        p += 1;
    }
}

fn is_blank(chunk: &[char]) -> bool {
    chunk.iter().all(|c| is_py_space(*c))
}

/// `textwrap.wrap(text, width, initial_indent=indent, subsequent_indent=indent)`
/// with the defaults argparse uses.
fn text_wrap(text: &str, width: i64, indent: &str) -> Vec<String> {
    let munged: Vec<char> = text.chars().map(|c| if is_wrap_space(c) { ' ' } else { c }).collect();
    let mut chunks = wrap_chunks_of(&munged);
    chunks.reverse();
    let indent_len = char_len(indent) as i64;
    let mut lines: Vec<String> = Vec::new();
    while !chunks.is_empty() {
        let mut line: Vec<Vec<char>> = Vec::new();
        let mut line_len: i64 = 0;
        let width = width - indent_len;
        if chunks.last().is_some_and(|c| is_blank(c)) && !lines.is_empty() {
            chunks.pop();
        }
        while let Some(chunk) = chunks.last() {
            let l = chunk.len() as i64;
            if line_len + l <= width {
                line_len += l;
                line.push(chunks.pop().expect("a chunk"));
            } else {
                break;
            }
        }
        if chunks.last().is_some_and(|c| c.len() as i64 > width) {
            let space_left = if width < 1 { 1 } else { width - line_len };
            let chunk = chunks.pop().expect("a chunk");
            let mut end = space_left.max(0) as usize;
            if chunk.len() > end {
                let hyphen = chunk[..end.min(chunk.len())].iter().rposition(|c| *c == '-');
                if let Some(h) = hyphen {
                    if h > 0 && chunk[..h].iter().any(|c| *c != '-') {
                        end = h + 1;
                    }
                }
            }
            let end = end.min(chunk.len());
            line.push(chunk[..end].to_vec());
            let rest = chunk[end..].to_vec();
            chunks.push(rest);
        }
        if line.last().is_some_and(|c| is_blank(c)) {
            line.pop();
        }
        if !line.is_empty() {
            let mut text = indent.to_string();
            for chunk in &line {
                text.extend(chunk.iter());
            }
            lines.push(text);
        }
    }
    lines
}

/// `re.findall(r'\(.*?\)+(?=\s|$)|\[.*?\]+(?=\s|$)|\S+', text)`.
fn usage_parts(text: &str) -> Vec<String> {
    let t: Vec<char> = text.chars().collect();
    let n = t.len();
    let bracketed = |i: usize, close: char| -> Option<usize> {
        let mut q = i + 1;
        loop {
            let mut r = q;
            while r < n && t[r] == close {
                r += 1;
            }
            if r > q && (r == n || t[r].is_whitespace()) {
                return Some(r);
            }
            if q < n && t[q] != '\n' {
                q += 1;
            } else {
                return None;
            }
        }
    };
    let mut parts = Vec::new();
    let mut i = 0;
    while i < n {
        let end = match t[i] {
            '(' => bracketed(i, ')'),
            '[' => bracketed(i, ']'),
            _ => None,
        };
        let end = end.or_else(|| {
            if t[i].is_whitespace() {
                None
            } else {
                let mut j = i;
                while j < n && !t[j].is_whitespace() {
                    j += 1;
                }
                Some(j)
            }
        });
        match end {
            Some(e) => {
                parts.push(t[i..e].iter().collect());
                i = e;
            }
            None => i += 1,
        }
    }
    parts
}

/// The separator clean-up of `_format_actions_usage`: `([\[(]) ` → `\1`,
/// ` ([\])])` → `\1`, `[\[(] *[\])]` → ``, then `.strip()`.
fn clean_usage(text: &str) -> String {
    let open = |c: char| c == '[' || c == '(';
    let close = |c: char| c == ']' || c == ')';
    /// One regex substitution: `step` reads at `i`, writes to `out`, returns the next `i`.
    type Step<'a> = &'a dyn Fn(&[char], usize, &mut Vec<char>) -> usize;
    let pass = |t: &[char], f: Step| -> Vec<char> {
        let mut out = Vec::with_capacity(t.len());
        let mut i = 0;
        while i < t.len() {
            i = f(t, i, &mut out);
        }
        out
    };
    let t: Vec<char> = text.chars().collect();
    let t = pass(&t, &|t, i, out| {
        out.push(t[i]);
        if open(t[i]) && t.get(i + 1) == Some(&' ') {
            i + 2
        } else {
            i + 1
        }
    });
    let t = pass(&t, &|t, i, out| {
        if t[i] == ' ' && t.get(i + 1).is_some_and(|c| close(*c)) {
            out.push(t[i + 1]);
            i + 2
        } else {
            out.push(t[i]);
            i + 1
        }
    });
    let t = pass(&t, &|t, i, out| {
        if open(t[i]) {
            let mut j = i + 1;
            while j < t.len() && t[j] == ' ' {
                j += 1;
            }
            if j < t.len() && close(t[j]) {
                return j + 1;
            }
        }
        out.push(t[i]);
        i + 1
    });
    let text: String = t.into_iter().collect();
    py_strip(&text).to_string()
}

// ---------------------------------------------------------------------------
// HelpFormatter
// ---------------------------------------------------------------------------

/// The parser with its implicit `-h` and argparse's derived attributes.
pub struct Parser {
    pub prog: String,
    spec: ParserSpec,
    /// Every action, `-h` first when present.
    actions: Vec<ActionSpec>,
    /// Index of the first user action in `actions`.
    first_user: usize,
    /// Option strings in registration order, with their action.
    option_map: Vec<(String, usize)>,
    has_negative_number_optionals: bool,
}

impl Parser {
    /// Builds the parser: `prog` defaults to `basename(argv0)`.
    pub fn new(spec: &ParserSpec, argv0: &str) -> Parser {
        let prog = match &spec.prog {
            Some(p) => p.clone(),
            None => argv0.rsplit('/').next().unwrap_or("").to_string(),
        };
        let mut actions = Vec::new();
        if spec.add_help {
            let mut help = ActionSpec::new(ActionKind::Help);
            help.option_strings = vec!["-h".into(), "--help".into()];
            help.dest = "==SUPPRESS==".into();
            help.default = ArgValue::Str("==SUPPRESS==".into());
            help.help = Some("show this help message and exit".into());
            actions.push(help);
        }
        let first_user = actions.len();
        for action in &spec.actions {
            let mut action = action.clone();
            if action.is_positional() {
                action.required = true;
            }
            actions.push(action);
        }
        let mut option_map = Vec::new();
        for (index, action) in actions.iter().enumerate() {
            for option in &action.option_strings {
                option_map.push((option.clone(), index));
            }
        }
        let has_negative_number_optionals = option_map.iter().any(|(o, _)| looks_like_negative_number(o));
        Parser { prog, spec: spec.clone(), actions, first_user, option_map, has_negative_number_optionals }
    }

    fn lookup_option(&self, option: &str) -> Option<usize> {
        self.option_map.iter().find(|(o, _)| o == option).map(|(_, i)| *i)
    }

    /// `parser.format_usage()` for a formatter of width `width`.
    pub fn format_usage(&self, width: i64) -> String {
        finish_help(&collapse_long_breaks(&format!("\n{}\n", self.usage_text(width))))
    }

    /// `parser.format_help()` for a formatter of width `width`.
    pub fn format_help(&self, width: i64) -> String {
        let max_help_position = 24.min((width - 20).max(4));
        let indent = 2;
        // `add_argument` of each section, at the section's indent.
        let mut action_max_length = 0;
        for action in &self.actions {
            action_max_length = action_max_length.max(char_len(&self.invocation(action)) as i64 + indent);
        }
        let layout = Layout { width, indent, help_position: (action_max_length + 2).min(max_help_position) };
        let mut parts = vec![self.usage_text(width)];
        if let Some(description) = &self.spec.description {
            parts.push(self.format_text(description, width));
        }
        let positionals: Vec<&ActionSpec> = self.actions.iter().filter(|a| a.is_positional()).collect();
        let optionals: Vec<&ActionSpec> = self.actions.iter().filter(|a| !a.is_positional()).collect();
        for (title, group) in [("positional arguments", positionals), ("options", optionals)] {
            let items: String = group.iter().map(|a| self.format_action(a, &layout)).collect();
            if !items.is_empty() {
                parts.push(format!("\n{title}:\n{items}\n"));
            }
        }
        if let Some(epilog) = &self.spec.epilog {
            parts.push(self.format_text(epilog, width));
        }
        let help = format!("\n{}\n", parts.concat());
        finish_help(&collapse_long_breaks(&help))
    }

    /// `_format_usage` with the prefix `usage: `, ending in a blank line.
    fn usage_text(&self, width: i64) -> String {
        let prefix = "usage: ";
        let usage = if let Some(usage) = &self.spec.usage {
            percent_format(usage, &|key| (key == "prog").then(|| ArgValue::Str(self.prog.clone()))).unwrap_or_else(|_| usage.clone())
        } else if self.actions.is_empty() {
            self.prog.clone()
        } else {
            let optionals: Vec<&ActionSpec> = self.actions.iter().filter(|a| !a.is_positional()).collect();
            let positionals: Vec<&ActionSpec> = self.actions.iter().filter(|a| a.is_positional()).collect();
            let all: Vec<&ActionSpec> = optionals.iter().chain(positionals.iter()).copied().collect();
            let action_usage = self.actions_usage(&all);
            let usage = [self.prog.as_str(), action_usage.as_str()].iter().filter(|s| !s.is_empty()).copied().collect::<Vec<_>>().join(" ");
            let text_width = width;
            if (char_len(prefix) + char_len(&usage)) as i64 > text_width {
                let opt_parts = usage_parts(&self.actions_usage(&optionals));
                let pos_parts = usage_parts(&self.actions_usage(&positionals));
                let prog = self.prog.clone();
                let get_lines = |parts: &[String], indent: &str, prefix: Option<&str>| -> Vec<String> {
                    let mut lines = Vec::new();
                    let mut line: Vec<&str> = Vec::new();
                    let indent_len = char_len(indent) as i64;
                    let mut line_len = match prefix {
                        Some(p) => char_len(p) as i64 - 1,
                        None => indent_len - 1,
                    };
                    for part in parts {
                        let part_len = char_len(part) as i64;
                        if line_len + 1 + part_len > text_width && !line.is_empty() {
                            lines.push(format!("{indent}{}", line.join(" ")));
                            line.clear();
                            line_len = indent_len - 1;
                        }
                        line.push(part);
                        line_len += part_len + 1;
                    }
                    if !line.is_empty() {
                        lines.push(format!("{indent}{}", line.join(" ")));
                    }
                    if prefix.is_some() {
                        if let Some(first) = lines.first_mut() {
                            *first = first.chars().skip(char_len(indent)).collect();
                        }
                    }
                    lines
                };
                let lines = if (char_len(prefix) + char_len(&prog)) as f64 <= 0.75 * text_width as f64 {
                    let indent = " ".repeat(char_len(prefix) + char_len(&prog) + 1);
                    let with_prog = |parts: &[String]| -> Vec<String> {
                        let mut all = vec![prog.clone()];
                        all.extend(parts.iter().cloned());
                        all
                    };
                    if !opt_parts.is_empty() {
                        let mut lines = get_lines(&with_prog(&opt_parts), &indent, Some(prefix));
                        lines.extend(get_lines(&pos_parts, &indent, None));
                        lines
                    } else if !pos_parts.is_empty() {
                        get_lines(&with_prog(&pos_parts), &indent, Some(prefix))
                    } else {
                        vec![prog.clone()]
                    }
                } else {
                    let indent = " ".repeat(char_len(prefix));
                    let parts: Vec<String> = opt_parts.iter().chain(pos_parts.iter()).cloned().collect();
                    let mut lines = get_lines(&parts, &indent, None);
                    if lines.len() > 1 {
                        lines = get_lines(&opt_parts, &indent, None);
                        lines.extend(get_lines(&pos_parts, &indent, None));
                    }
                    let mut all = vec![prog.clone()];
                    all.extend(lines);
                    all
                };
                lines.join("\n")
            } else {
                usage
            }
        };
        format!("{prefix}{usage}\n\n")
    }

    /// `_format_actions_usage` (no groups).
    fn actions_usage(&self, actions: &[&ActionSpec]) -> String {
        let mut parts = Vec::new();
        for action in actions {
            if action.is_positional() {
                parts.push(self.format_args(action, &action.dest));
            } else {
                let option = &action.option_strings[0];
                let part = if action.nargs == Nargs::Zero {
                    option.clone()
                } else {
                    format!("{option} {}", self.format_args(action, &action.dest.to_uppercase()))
                };
                parts.push(if action.required { part } else { format!("[{part}]") });
            }
        }
        clean_usage(&parts.join(" "))
    }

    /// `_metavar_formatter`'s single result.
    fn metavar(&self, action: &ActionSpec, default: &str) -> String {
        if let Some(m) = &action.metavar {
            m.clone()
        } else if let Some(choices) = &action.choices {
            let items: Vec<String> = choices.iter().map(ArgValue::py_str).collect();
            format!("{{{}}}", items.join(","))
        } else {
            default.to_string()
        }
    }

    /// `_format_args`.
    fn format_args(&self, action: &ActionSpec, default: &str) -> String {
        let m = self.metavar(action, default);
        match action.nargs {
            Nargs::Single => m,
            Nargs::OneOrMore => format!("{m} [{m} ...]"),
            Nargs::Zero => String::new(),
            Nargs::Exact(n) => vec![m; n].join(" "),
        }
    }

    /// `_format_action_invocation`.
    fn invocation(&self, action: &ActionSpec) -> String {
        if action.is_positional() {
            self.metavar(action, &action.dest)
        } else if action.nargs == Nargs::Zero {
            action.option_strings.join(", ")
        } else {
            let args = self.format_args(action, &action.dest.to_uppercase());
            action.option_strings.iter().map(|o| format!("{o} {args}")).collect::<Vec<_>>().join(", ")
        }
    }

    /// `_format_text`: a description or epilog.
    fn format_text(&self, text: &str, width: i64) -> String {
        let text = if text.contains("%(prog)") {
            percent_format(text, &|key| (key == "prog").then(|| ArgValue::Str(self.prog.clone()))).unwrap_or_else(|_| text.to_string())
        } else {
            text.to_string()
        };
        let text_width = width.max(11);
        let filled = match self.spec.formatter {
            FormatterKind::RawDescription | FormatterKind::RawText => split_lines(&text, true).concat(),
            _ => text_wrap(&collapse_whitespace(&text), text_width, "").join("\n"),
        };
        format!("{filled}\n\n")
    }

    /// `_get_help_string`, then `_expand_help`.
    fn expand_help(&self, action: &ActionSpec) -> String {
        let mut help = action.help.clone().unwrap_or_default();
        if self.spec.formatter == FormatterKind::ArgumentDefaults
            && !help.contains("%(default)")
            && action.kind != ActionKind::Help
            && !action.is_positional()
        {
            help.push_str(" (default: %(default)s)");
        }
        let lookup = |key: &str| -> Option<ArgValue> {
            let suppressed = action.kind == ActionKind::Help;
            Some(match key {
                "prog" => ArgValue::Str(self.prog.clone()),
                "option_strings" => ArgValue::List(action.option_strings.iter().map(|o| ArgValue::Str(o.clone())).collect()),
                "dest" if !suppressed => ArgValue::Str(action.dest.clone()),
                "nargs" => action.nargs_value(),
                "const" => action.constant(),
                "default" if !suppressed => action.default.clone(),
                "type" => match action.kind {
                    ActionKind::Store => match action.type_func {
                        TypeFunc::Identity => ArgValue::None,
                        t => ArgValue::Str(t.name().into()),
                    },
                    _ => ArgValue::None,
                },
                "choices" => match &action.choices {
                    Some(c) => ArgValue::Str(c.iter().map(ArgValue::py_str).collect::<Vec<_>>().join(", ")),
                    None => ArgValue::None,
                },
                "required" => ArgValue::Bool(action.required),
                "help" => action.help.clone().map(ArgValue::Str).unwrap_or(ArgValue::None),
                "metavar" => action.metavar.clone().map(ArgValue::Str).unwrap_or(ArgValue::None),
                _ => return None,
            })
        };
        percent_format(&help, &lookup).unwrap_or(help)
    }

    /// `_format_action`.
    fn format_action(&self, action: &ActionSpec, layout: &Layout) -> String {
        let help_position = layout.help_position;
        let help_width = (layout.width - help_position).max(11);
        let action_width = (help_position - layout.indent - 2).max(0) as usize;
        let header = self.invocation(action);
        let pad = " ".repeat(layout.indent as usize);
        let has_help = action.help.as_deref().is_some_and(|h| !h.is_empty());
        let mut indent_first = 0usize;
        let header = if !has_help {
            format!("{pad}{header}\n")
        } else if char_len(&header) <= action_width {
            let fill = " ".repeat(action_width - char_len(&header));
            format!("{pad}{header}{fill}  ")
        } else {
            indent_first = help_position as usize;
            format!("{pad}{header}\n")
        };
        let mut parts = header.clone();
        if has_help && !py_strip(action.help.as_deref().unwrap_or("")).is_empty() {
            let help_text = self.expand_help(action);
            if !help_text.is_empty() {
                let lines = match self.spec.formatter {
                    FormatterKind::RawText => split_lines(&help_text, false),
                    _ => text_wrap(&collapse_whitespace(&help_text), help_width, ""),
                };
                if let Some((first, rest)) = lines.split_first() {
                    parts.push_str(&format!("{}{first}\n", " ".repeat(indent_first)));
                    for line in rest {
                        parts.push_str(&format!("{}{line}\n", " ".repeat(help_position as usize)));
                    }
                }
            }
        } else if !header.ends_with('\n') {
            parts.push('\n');
        }
        parts
    }

    // -----------------------------------------------------------------------
    // Parsing
    // -----------------------------------------------------------------------

    /// `_get_action_name`.
    fn action_name(&self, action: &ActionSpec) -> Option<String> {
        if !action.option_strings.is_empty() {
            Some(action.option_strings.join("/"))
        } else if let Some(m) = &action.metavar {
            Some(m.clone())
        } else if !action.dest.is_empty() {
            Some(action.dest.clone())
        } else {
            action.choices.as_ref().map(|c| format!("{{{}}}", c.iter().map(ArgValue::py_str).collect::<Vec<_>>().join(",")))
        }
    }

    /// An `ArgumentError` of `action` as `parser.error` shows it.
    fn argument_error(&self, action: usize, message: String) -> Stop {
        match self.action_name(&self.actions[action]) {
            Some(name) => Stop::Error(format!("argument {name}: {message}")),
            None => Stop::Error(message),
        }
    }

    /// `_parse_optional`.
    fn parse_optional(&self, arg: &str) -> Result<Option<OptionTuple>, Stop> {
        let mut chars = arg.chars();
        if chars.next() != Some('-') {
            return Ok(None);
        }
        if let Some(action) = self.lookup_option(arg) {
            return Ok(Some((Some(action), arg.to_string(), None)));
        }
        if char_len(arg) == 1 {
            return Ok(None);
        }
        if let Some((option, explicit)) = arg.split_once('=') {
            if let Some(action) = self.lookup_option(option) {
                return Ok(Some((Some(action), option.to_string(), Some(explicit.to_string()))));
            }
        }
        let tuples = self.option_tuples(arg);
        if tuples.len() > 1 {
            let matches: Vec<&str> = tuples.iter().map(|t| t.1.as_str()).collect();
            return Err(Stop::Error(format!("ambiguous option: {arg} could match {}", matches.join(", "))));
        } else if let Some(tuple) = tuples.into_iter().next() {
            return Ok(Some(tuple));
        }
        if looks_like_negative_number(arg) && !self.has_negative_number_optionals {
            return Ok(None);
        }
        if arg.contains(' ') {
            return Ok(None);
        }
        Ok(Some((None, arg.to_string(), None)))
    }

    /// `_get_option_tuples`.
    fn option_tuples(&self, arg: &str) -> Vec<OptionTuple> {
        let mut result = Vec::new();
        let second = arg.chars().nth(1);
        if second == Some('-') {
            if self.spec.allow_abbrev {
                let (prefix, explicit) = match arg.split_once('=') {
                    Some((p, e)) => (p, Some(e.to_string())),
                    None => (arg, None),
                };
                for (option, action) in &self.option_map {
                    if option.starts_with(prefix) {
                        result.push((Some(*action), option.clone(), explicit.clone()));
                    }
                }
            }
        } else {
            let short_prefix: String = arg.chars().take(2).collect();
            let short_explicit: String = arg.chars().skip(2).collect();
            for (option, action) in &self.option_map {
                if *option == short_prefix {
                    result.push((Some(*action), option.clone(), Some(short_explicit.clone())));
                } else if option.starts_with(arg) {
                    result.push((Some(*action), option.clone(), None));
                }
            }
        }
        result
    }

    /// `_get_nargs_pattern` as atoms.
    fn nargs_atoms(&self, action: &ActionSpec) -> Vec<Atom> {
        let dashes = Atom { set: "-", min: 0, max: usize::MAX };
        let one = Atom { set: "A", min: 1, max: 1 };
        let mut atoms = match action.nargs {
            Nargs::Single => vec![dashes, one, dashes],
            Nargs::Zero => vec![dashes, dashes],
            Nargs::OneOrMore => vec![dashes, one, Atom { set: "A-", min: 0, max: usize::MAX }],
            Nargs::Exact(n) => {
                let mut atoms = vec![dashes];
                for i in 0..n {
                    if i > 0 {
                        atoms.push(dashes);
                    }
                    atoms.push(one);
                }
                atoms.push(dashes);
                atoms
            }
        };
        if !action.is_positional() {
            atoms.retain(|a| a.set != "-");
            for atom in &mut atoms {
                if atom.set == "A-" {
                    atom.set = "A";
                }
            }
        }
        atoms
    }

    /// `_match_argument`.
    fn match_argument(&self, action: usize, pattern: &[char]) -> Result<usize, Stop> {
        let atoms = self.nargs_atoms(&self.actions[action]);
        match match_groups(&[atoms], pattern) {
            Some(counts) => Ok(counts[0]),
            None => {
                let message = match self.actions[action].nargs {
                    Nargs::Single => "expected one argument".to_string(),
                    Nargs::OneOrMore => "expected at least one argument".to_string(),
                    Nargs::Zero => "expected 0 arguments".to_string(),
                    Nargs::Exact(1) => "expected 1 argument".to_string(),
                    Nargs::Exact(n) => format!("expected {n} arguments"),
                };
                Err(self.argument_error(action, message))
            }
        }
    }

    /// `_match_arguments_partial`.
    fn match_partial(&self, actions: &[usize], pattern: &[char]) -> Vec<usize> {
        for i in (1..=actions.len()).rev() {
            let groups: Vec<Vec<Atom>> = actions[..i].iter().map(|a| self.nargs_atoms(&self.actions[*a])).collect();
            if let Some(counts) = match_groups(&groups, pattern) {
                return counts;
            }
        }
        Vec::new()
    }

    /// `_get_value`.
    fn get_value(&self, action: usize, text: &str) -> Result<ArgValue, Stop> {
        let spec = &self.actions[action];
        match spec.type_func {
            TypeFunc::Identity | TypeFunc::Str => Ok(ArgValue::Str(text.to_string())),
            TypeFunc::Int => match parse_py_int(text) {
                Ok(i) => Ok(ArgValue::Int(i)),
                Err(IntParseError::Overflow) => Err(Stop::Overflow(text.to_string())),
                Err(IntParseError::Invalid) => Err(self.argument_error(action, format!("invalid int value: {}", python_repr(text)))),
            },
            TypeFunc::Float => match parse_py_float(text) {
                Some(x) => Ok(ArgValue::Float(x)),
                None => Err(self.argument_error(action, format!("invalid float value: {}", python_repr(text)))),
            },
        }
    }

    /// `_check_value`.
    fn check_value(&self, action: usize, value: &ArgValue) -> Result<(), Stop> {
        if let Some(choices) = &self.actions[action].choices {
            if !choices.iter().any(|c| value.py_eq(c)) {
                let listed: Vec<String> = choices.iter().map(ArgValue::py_repr).collect();
                let message = format!("invalid choice: {} (choose from {})", value.py_repr(), listed.join(", "));
                return Err(self.argument_error(action, message));
            }
        }
        Ok(())
    }

    /// `_get_values`.
    fn get_values(&self, action: usize, mut strings: Vec<String>) -> Result<ArgValue, Stop> {
        if let Some(at) = strings.iter().position(|s| s == "--") {
            strings.remove(at);
        }
        let spec = &self.actions[action];
        if strings.len() == 1 && spec.nargs == Nargs::Single {
            let value = self.get_value(action, &strings[0])?;
            self.check_value(action, &value)?;
            return Ok(value);
        }
        let mut values = Vec::with_capacity(strings.len());
        for s in &strings {
            values.push(self.get_value(action, s)?);
        }
        for v in &values {
            self.check_value(action, v)?;
        }
        Ok(ArgValue::List(values))
    }

    /// `take_action`: converts and stores.
    fn take_action(&self, state: &mut ParseState, action: usize, strings: Vec<String>) -> Result<(), Stop> {
        state.seen.insert(action);
        let values = self.get_values(action, strings)?;
        match self.actions[action].kind {
            ActionKind::Store => state.namespace[action] = values,
            ActionKind::StoreTrue => state.namespace[action] = ArgValue::Bool(true),
            ActionKind::StoreFalse => state.namespace[action] = ArgValue::Bool(false),
            ActionKind::Count => {
                let count = match &state.namespace[action] {
                    ArgValue::None => 0,
                    ArgValue::Int(i) => *i,
                    ArgValue::Bool(b) => *b as i64,
                    _ => return Err(Stop::Internal("count of a non-int".into())),
                };
                state.namespace[action] = ArgValue::Int(count + 1);
            }
            ActionKind::Help => return Err(Stop::Help),
        }
        Ok(())
    }

    /// `parse_args(args)`: the values of the user's actions, or why to stop.
    pub fn parse_args(&self, args: &[String]) -> Result<Vec<ArgValue>, Stop> {
        let mut state = ParseState {
            namespace: self.actions.iter().map(|a| a.default.clone()).collect(),
            seen: HashSet::new(),
        };
        // The option at each index, and the pattern of the arguments.
        let mut option_indices: Vec<Option<OptionTuple>> = vec![None; args.len()];
        let mut pattern = Vec::with_capacity(args.len());
        let mut i = 0;
        while i < args.len() {
            if args[i] == "--" {
                pattern.push('-');
                pattern.extend(std::iter::repeat_n('A', args.len() - i - 1));
                break;
            }
            match self.parse_optional(&args[i])? {
                None => pattern.push('A'),
                Some(tuple) => {
                    option_indices[i] = Some(tuple);
                    pattern.push('O');
                }
            }
            i += 1;
        }
        let option_positions: Vec<usize> = (0..args.len()).filter(|i| option_indices[*i].is_some()).collect();
        let mut positionals: Vec<usize> = (0..self.actions.len()).filter(|a| self.actions[*a].is_positional()).collect();
        let mut extras: Vec<String> = Vec::new();

        let consume_positionals = |state: &mut ParseState, positionals: &mut Vec<usize>, mut start: usize| -> Result<usize, Stop> {
            let counts = self.match_partial(positionals, &pattern[start..]);
            for (action, count) in positionals.iter().zip(&counts) {
                let strings = args[start..start + count].to_vec();
                start += count;
                self.take_action(state, *action, strings)?;
            }
            positionals.drain(..counts.len());
            Ok(start)
        };

        let mut start = 0;
        let max_option = option_positions.last().copied();
        while max_option.is_some_and(|m| start <= m) {
            let next_option = *option_positions.iter().find(|p| **p >= start).expect("an option at or after start");
            if start != next_option {
                let end = consume_positionals(&mut state, &mut positionals, start)?;
                if end > start {
                    start = end;
                    continue;
                }
                start = end;
            }
            if option_indices[start].is_none() {
                extras.extend(args[start..next_option].iter().cloned());
                start = next_option;
            }
            start = self.consume_optional(&mut state, args, &pattern, &option_indices, start, &mut extras)?;
        }
        let stop = consume_positionals(&mut state, &mut positionals, start)?;
        extras.extend(args[stop..].iter().cloned());

        let mut required = Vec::new();
        for (index, action) in self.actions.iter().enumerate() {
            if state.seen.contains(&index) {
                continue;
            }
            if action.required {
                required.push(self.action_name(action).unwrap_or_else(|| "None".into()));
            } else if action.kind != ActionKind::Help {
                if let ArgValue::Str(text) = &action.default {
                    state.namespace[index] = self.get_value(index, text)?;
                }
            }
        }
        if !required.is_empty() {
            return Err(Stop::Error(format!("the following arguments are required: {}", required.join(", "))));
        }
        if !extras.is_empty() {
            return Err(Stop::Error(format!("unrecognized arguments: {}", extras.join(" "))));
        }
        Ok(state.namespace.split_off(self.first_user))
    }

    /// `consume_optional`: the index after the option's arguments.
    fn consume_optional(
        &self,
        state: &mut ParseState,
        args: &[String],
        pattern: &[char],
        option_indices: &[Option<OptionTuple>],
        start: usize,
        extras: &mut Vec<String>,
    ) -> Result<usize, Stop> {
        let (mut action, mut option, mut explicit) = option_indices[start].clone().expect("an option at start");
        let mut tuples: Vec<(usize, Vec<String>)> = Vec::new();
        let stop;
        loop {
            let Some(act) = action else {
                extras.push(args[start].clone());
                return Ok(start + 1);
            };
            if let Some(arg) = explicit.clone() {
                let count = self.match_argument(act, &['A'])?;
                let second = option.chars().nth(1);
                if count == 0 && second != Some('-') && !arg.is_empty() {
                    tuples.push((act, Vec::new()));
                    let first_char = arg.chars().next().expect("non-empty");
                    option = format!("{}{first_char}", option.chars().next().unwrap_or('-'));
                    let rest: String = arg.chars().skip(1).collect();
                    let new_explicit = if rest.is_empty() { None } else { Some(rest) };
                    match self.lookup_option(&option) {
                        Some(next) => {
                            action = Some(next);
                            explicit = new_explicit;
                        }
                        None => return Err(self.argument_error(act, format!("ignored explicit argument {}", python_repr(&arg)))),
                    }
                } else if count == 1 {
                    stop = start + 1;
                    tuples.push((act, vec![arg]));
                    break;
                } else {
                    return Err(self.argument_error(act, format!("ignored explicit argument {}", python_repr(&arg))));
                }
            } else {
                let begin = start + 1;
                let count = self.match_argument(act, &pattern[begin..])?;
                stop = begin + count;
                tuples.push((act, args[begin..stop].to_vec()));
                break;
            }
        }
        for (act, strings) in tuples {
            self.take_action(state, act, strings)?;
        }
        Ok(stop)
    }

    /// Parses `args` and returns what the program does: go on with the
    /// values, or print and exit.
    pub fn run(&self, args: &[String], width: i64) -> Outcome {
        match self.parse_args(args) {
            Ok(values) => Outcome::Parsed(values),
            Err(Stop::Help) => Outcome::Exit { status: 0, stdout: self.format_help(width), stderr: String::new() },
            Err(Stop::Error(message)) => Outcome::Exit {
                status: 2,
                stdout: String::new(),
                stderr: format!("{}{}: error: {message}\n", self.format_usage(width), self.prog),
            },
            Err(Stop::Overflow(text)) => Outcome::Raise(runtime_core::errors::RtError::new(
                runtime_core::errors::ErrorKind::Overflow,
                format!("int {} does not fit in 64 bits (legatec's ints are int64)", python_repr(&text)),
            )),
            Err(Stop::Internal(message)) => Outcome::Raise(runtime_core::errors::RtError::internal(message)),
        }
    }
}

/// Indentation and help column of the sections of one help text.
struct Layout {
    width: i64,
    indent: i64,
    help_position: i64,
}

/// `(action, option string, explicit argument)` of `_parse_optional`.
type OptionTuple = (Option<usize>, String, Option<String>);

/// The namespace under construction.
struct ParseState {
    namespace: Vec<ArgValue>,
    seen: HashSet<usize>,
}

/// Why parsing stopped early.
#[derive(Debug)]
pub enum Stop {
    /// `-h`: print help, exit 0.
    Help,
    /// `parser.error(message)`: usage and message on stderr, exit 2.
    Error(String),
    /// A valid int beyond int64 (Python would accept it).
    Overflow(String),
    /// A legatec bug.
    Internal(String),
}

/// What `parse_args` does.
#[derive(Debug)]
pub enum Outcome {
    /// The values of the user's arguments, in spec order.
    Parsed(Vec<ArgValue>),
    /// Print `stdout` and `stderr`, exit with `status`.
    Exit { status: i32, stdout: String, stderr: String },
    /// A Python exception (exit 1).
    Raise(runtime_core::errors::RtError),
}

/// `re.sub(r'\n\n\n+', '\n\n', text)`.
fn collapse_long_breaks(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut newlines = 0;
    for c in text.chars() {
        if c == '\n' {
            newlines += 1;
            continue;
        }
        out.push_str(&"\n".repeat(if newlines > 2 { 2 } else { newlines }));
        newlines = 0;
        out.push(c);
    }
    out.push_str(&"\n".repeat(if newlines > 2 { 2 } else { newlines }));
    out
}

/// `help.strip('\n') + '\n'` (empty stays empty).
fn finish_help(text: &str) -> String {
    if text.is_empty() {
        String::new()
    } else {
        format!("{}\n", text.trim_matches('\n'))
    }
}

/// `_negative_number_matcher`: `^-\d+$|^-\d*\.\d+$`.
fn looks_like_negative_number(text: &str) -> bool {
    let body = text.strip_suffix('\n').unwrap_or(text);
    let Some(rest) = body.strip_prefix('-') else { return false };
    let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    if digits(rest) {
        return true;
    }
    match rest.split_once('.') {
        Some((whole, fraction)) => (whole.is_empty() || digits(whole)) && digits(fraction),
        None => false,
    }
}

/// A greedy regex atom: a character from `set`, repeated `min..=max` times.
#[derive(Clone, Copy, Debug)]
struct Atom {
    set: &'static str,
    min: usize,
    max: usize,
}

/// Matches groups of atoms at the start of `pattern` with Python's
/// backtracking order (greedy atoms); returns each group's length.
fn match_groups(groups: &[Vec<Atom>], pattern: &[char]) -> Option<Vec<usize>> {
    let atoms: Vec<(usize, Atom)> = groups.iter().enumerate().flat_map(|(g, atoms)| atoms.iter().map(move |a| (g, *a))).collect();
    fn go(atoms: &[(usize, Atom)], pattern: &[char], pos: usize, lengths: &mut Vec<usize>) -> bool {
        let Some(((group, atom), rest)) = atoms.split_first() else { return true };
        let mut available = 0;
        while available < atom.max && pos + available < pattern.len() && atom.set.contains(pattern[pos + available]) {
            available += 1;
        }
        if available < atom.min {
            return false;
        }
        for take in (atom.min..=available).rev() {
            lengths[*group] += take;
            if go(rest, pattern, pos + take, lengths) {
                return true;
            }
            lengths[*group] -= take;
        }
        false
    }
    let mut lengths = vec![0; groups.len()];
    go(&atoms, pattern, 0, &mut lengths).then_some(lengths)
}

// ---------------------------------------------------------------------------
// The program's parse
// ---------------------------------------------------------------------------

/// The values of the last `parse_args()`, per user argument.
static PARSED: std::sync::Mutex<Vec<ArgValue>> = std::sync::Mutex::new(Vec::new());

/// The width argparse formats help for: `$COLUMNS` (or the terminal's width,
/// or 80) minus 2, as `shutil.get_terminal_size` finds it.
pub fn help_width() -> i64 {
    let from_env = std::env::var("COLUMNS").ok().and_then(|c| parse_py_int(&c).ok()).filter(|c| *c > 0);
    let columns = from_env.or_else(terminal_columns).unwrap_or(80);
    columns - 2
}

#[cfg(target_os = "linux")]
fn terminal_columns() -> Option<i64> {
    #[repr(C)]
    struct WinSize {
        rows: u16,
        cols: u16,
        x: u16,
        y: u16,
    }
    extern "C" {
        fn ioctl(fd: i32, request: std::ffi::c_ulong, ...) -> i32;
    }
    const TIOCGWINSZ: std::ffi::c_ulong = 0x5413;
    let mut size = WinSize { rows: 0, cols: 0, x: 0, y: 0 };
    // SAFETY: TIOCGWINSZ writes one `struct winsize` through the pointer.
    let status = unsafe { ioctl(1, TIOCGWINSZ, &mut size as *mut WinSize) };
    (status == 0 && size.cols > 0).then_some(size.cols as i64)
}

#[cfg(not(target_os = "linux"))]
fn terminal_columns() -> Option<i64> {
    None
}

/// The program's command-line arguments, as `lt_init` received them.
static ARGUMENTS: OnceLock<Vec<String>> = OnceLock::new();

/// Records the program's arguments (`lt_init`, once).
pub fn set_program_arguments(arguments: Vec<String>) {
    let _ = ARGUMENTS.set(arguments);
}

/// The program's `sys.argv` (empty before `lt_init`).
pub fn program_arguments() -> &'static [String] {
    ARGUMENTS.get().map(Vec::as_slice).unwrap_or(&[])
}

/// `parser.parse_args()` of the program: parses `sys.argv[1:]` against the
/// spec; prints help or an error and exits where argparse would.
pub fn parse_program_arguments(spec_text: &str) -> runtime_core::errors::RtResult<()> {
    let spec = runtime_abi::argparse_spec::decode(spec_text).map_err(|e| runtime_core::errors::RtError::internal(format!("argparse spec: {e}")))?;
    let argv = program_arguments();
    let argv0 = argv.first().map(String::as_str).unwrap_or("");
    let args = argv.get(1..).unwrap_or(&[]);
    let parser = Parser::new(&spec, argv0);
    match parser.run(args, help_width()) {
        Outcome::Parsed(values) => {
            *PARSED.lock().unwrap_or_else(|p| p.into_inner()) = values;
            Ok(())
        }
        Outcome::Raise(error) => Err(error),
        Outcome::Exit { status, stdout, stderr } => {
            use std::io::Write;
            runtime_core::stdout::write_stdout(stdout.as_bytes());
            runtime_core::stdout::flush_stdout();
            if !stderr.is_empty() {
                runtime_core::comm::before_fatal_message();
            }
            let mut err = std::io::stderr().lock();
            let _ = err.write_all(stderr.as_bytes());
            let _ = err.flush();
            runtime_core::comm::exit(status);
        }
    }
}

/// The values of the last `parse_args()` (empty before one, or in a program without).
pub fn parsed_values() -> Vec<ArgValue> {
    PARSED.lock().unwrap_or_else(|p| p.into_inner()).clone()
}

/// The parsed value of user argument `index`.
pub fn parsed_value(index: i64) -> runtime_core::errors::RtResult<ArgValue> {
    let parsed = PARSED.lock().unwrap_or_else(|p| p.into_inner());
    usize::try_from(index)
        .ok()
        .and_then(|i| parsed.get(i))
        .cloned()
        .ok_or_else(|| runtime_core::errors::RtError::internal(format!("no parsed argument {index}")))
}

#[cfg(test)]
mod tests;
