//! Text: `print`, f-strings, `str()`, `%`-formatting and tuple display.
//! Formatting itself happens in the runtime; here values become `Format`
//! and `Concat` expressions with Python format specs.

use super::{FnCx, Value};
use crate::ast::FPart;
use crate::diagnostics as diag;
use ir::{Const, DType, Expr, ExprId, Span, StmtKind, Type};
use runtime_abi::EntryPoint;

impl FnCx<'_, '_> {
    pub(crate) fn str_const(&mut self, s: &str) -> ExprId {
        self.add(Expr::Const(Const::Str(s.to_string())), Type::Str)
    }

    pub fn print(&mut self, args: Vec<(Value, Span)>, kw: Vec<(String, Value, Span)>, span: Span) -> Value {
        let mut sep = None;
        let mut end = None;
        for (k, v, kspan) in kw {
            match (k.as_str(), v) {
                ("sep", Value::Str(e)) => sep = Some(e),
                ("end", Value::Str(e)) => end = Some(e),
                ("sep" | "end", Value::None) => {}
                ("flush", _) => {}
                (k, _) => {
                    self.error(diag::unsupported_keyword(kspan, "print", k, &["sep", "end", "flush"]));
                    return Value::Error;
                }
            }
        }
        let sep = sep.unwrap_or_else(|| self.str_const(" "));
        let end = end.unwrap_or_else(|| self.str_const("\n"));
        let mut out = Vec::new();
        for (v, vspan) in args {
            match self.printable(v, vspan) {
                Some(e) => out.push(e),
                None => return Value::Error,
            }
        }
        self.emit(StmtKind::Print { args: out, sep, end }, span);
        Value::None
    }

    /// A value as something `Print` accepts (scalar, str, array or None).
    fn printable(&mut self, v: Value, span: Span) -> Option<ExprId> {
        match v {
            Value::BigInt(b) => Some(self.str_const(&b.to_string())),
            Value::Scalar(e) | Value::Str(e) | Value::Array(e) => Some(e),
            Value::Lazy(l) => Some(self.materialize(l, span)),
            Value::None => Some(self.add(Expr::Const(Const::None), Type::None)),
            Value::Tuple(items) => self.tuple_str(items, span),
            Value::Dict(items) => self.dict_str(items, span),
            Value::Frame(f) => Some(self.frame_str(&f, span)),
            Value::Series(s) => self.series_str(&s, span),
            Value::Method(recv, m) if m == "dtypes" && matches!(*recv, Value::Frame(_)) => {
                let Value::Frame(f) = *recv else { unreachable!() };
                Some(self.dtypes_str(&f, span))
            }
            Value::Method(recv, m) if m == "index" && matches!(*recv, Value::Frame(_) | Value::Series(_)) => self.index_str(&recv, span),
            Value::DType(d) => Some(self.str_const(d.numpy_name())),
            Value::Cli(c) => self.cli_str(c, span),
            Value::List(l) => self.list_str(l, span),
            Value::Range(a, b, c) => Some(self.range_str(a, b, c, span)),
            Value::Error => None,
            other => {
                let what = self.describe_value(&other);
                self.error(diag::type_error(span, format!("cannot print {what}"), "print numbers, strings, arrays and tuples"));
                None
            }
        }
    }

    /// `str(dict)`: `{'a': 1, 2: 2.5}`, keys and values shown with `repr`, a key given twice
    /// shown once with its last value, where it first appeared (Python's dict literal).
    fn dict_str(&mut self, items: Vec<(Value, Span, Value, Span)>, span: Span) -> Option<ExprId> {
        let items = self.dict_entries(items);
        let mut parts = vec![self.str_const("{")];
        for (i, (k, v)) in items.into_iter().enumerate() {
            if i > 0 {
                parts.push(self.str_const(", "));
            }
            parts.push(self.repr(k, span)?);
            parts.push(self.str_const(": "));
            parts.push(self.repr(v, span)?);
        }
        parts.push(self.str_const("}"));
        Some(self.add(Expr::Concat(parts), Type::Str))
    }

    /// `str(tuple)`: `(1, 2.5)`, `(3,)`; elements shown with `repr`. `str(list)`: `[1, 2.5]`, `[]`.
    fn tuple_str(&mut self, items: super::Seq, span: Span) -> Option<ExprId> {
        let n = items.len();
        let named = items.named;
        let (open, close) = match (named, items.list) {
            (Some((name, _)), _) => (format!("{name}("), ")"),
            (None, true) => ("[".to_string(), "]"),
            (None, false) => ("(".to_string(), ")"),
        };
        let mut parts = vec![self.str_const(&open)];
        for (i, item) in items.into_iter().enumerate() {
            if i > 0 {
                parts.push(self.str_const(", "));
            }
            if let Some((_, fields)) = named {
                parts.push(self.str_const(&format!("{}=", fields.get(i).copied().unwrap_or("?"))));
            }
            parts.push(self.repr(item, span)?);
        }
        if n == 1 && close == ")" && named.is_none() {
            parts.push(self.str_const(","));
        }
        parts.push(self.str_const(close));
        Some(self.add(Expr::Concat(parts), Type::Str))
    }

    /// Python's `repr` (and `str`) of a range: `range(0, 5)`, with the step where it is not 1.
    fn range_str(&mut self, a: ExprId, b: ExprId, c: ExprId, span: Span) -> ExprId {
        let text = self.temp(Type::Str);
        let one = self.add(Expr::Const(ir::Const::Int(1)), Type::py_int());
        let unit = self.add(Expr::Compare(ir::CompareOp::Eq, c, one), Type::py_bool());
        let head = [self.str_const("range("), self.add(Expr::Format(a, String::new()), Type::Str), self.str_const(", "), self.add(Expr::Format(b, String::new()), Type::Str)];
        let then_body = self.block(|fx| {
            let close = fx.str_const(")");
            let s = fx.add(Expr::Concat(head.iter().copied().chain([close]).collect()), Type::Str);
            fx.emit(ir::StmtKind::Assign { dst: text, value: s }, span);
        });
        let else_body = self.block(|fx| {
            let sep = fx.str_const(", ");
            let step = fx.add(Expr::Format(c, String::new()), Type::Str);
            let close = fx.str_const(")");
            let s = fx.add(Expr::Concat(head.iter().copied().chain([sep, step, close]).collect()), Type::Str);
            fx.emit(ir::StmtKind::Assign { dst: text, value: s }, span);
        });
        self.emit(ir::StmtKind::If { cond: unit, then_body, else_body }, span);
        self.read(text)
    }

    /// Python's `repr` of a value (NumPy 2 shows scalars as `np.float64(1.5)`).
    pub(crate) fn repr(&mut self, v: Value, span: Span) -> Option<ExprId> {
        match v {
            Value::BigInt(b) => Some(self.str_const(&b.to_string())),
            Value::Scalar(e) => {
                let ty = self.expr_type(e);
                let s = self.add(Expr::Format(e, String::new()), Type::Str);
                match ty {
                    Type::Scalar { weak: true, .. } => Some(s),
                    Type::Scalar { dtype: DType::Bool, .. } => {
                        let open = self.str_const("np.");
                        let close = self.str_const("_");
                        Some(self.add(Expr::Concat(vec![open, s, close]), Type::Str))
                    }
                    Type::Scalar { dtype, .. } => {
                        // A complex value shows without its parentheses: np.complex128(1+2j).
                        let s = if dtype.is_complex() { self.add(Expr::Format(e, runtime_abi::FORMAT_COMPLEX_BARE.to_string()), Type::Str) } else { s };
                        let open = self.str_const(&format!("np.{}(", dtype.numpy_name()));
                        let close = self.str_const(")");
                        Some(self.add(Expr::Concat(vec![open, s, close]), Type::Str))
                    }
                    _ => Some(s),
                }
            }
            // The runtime holds the one implementation of Python's str repr.
            Value::Str(e) => self.runtime_call(EntryPoint::StrRepr, vec![e], Some(Type::Str), span),
            Value::Tuple(items) => self.tuple_str(items, span),
            Value::Dict(items) => self.dict_str(items, span),
            Value::None => Some(self.str_const("None")),
            Value::Array(a) => self.runtime_call(EntryPoint::ArrayRepr, vec![a], Some(Type::Str), span),
            Value::Lazy(l) => {
                let a = self.materialize(l, span);
                self.runtime_call(EntryPoint::ArrayRepr, vec![a], Some(Type::Str), span)
            }
            Value::DType(d) => Some(self.str_const(&format!("dtype('{}')", d.numpy_name()))),
            Value::Cli(c) => self.cli_str(c, span),
            Value::List(l) => self.list_str(l, span),
            Value::Range(a, b, c) => Some(self.range_str(a, b, c, span)),
            // A value of run-time type: the repr of the type it has.
            u @ Value::Union(_) => match self.split1(u, span, &mut |fx, v| fx.repr(v, span).map(Value::Str).unwrap_or(Value::Error)) {
                Value::Str(e) => Some(e),
                _ => None,
            },
            Value::Error => None,
            other => {
                let what = self.describe_value(&other);
                self.error(diag::type_error(span, format!("cannot show {what}"), "show numbers, strings and arrays"));
                None
            }
        }
    }

    /// `format(v, spec)` as a str expression.
    pub fn format_value(&mut self, v: Value, spec: &str, span: Span) -> Option<ExprId> {
        match v {
            Value::BigInt(b) if spec.is_empty() => Some(self.str_const(&b.to_string())),
            Value::Scalar(e) if !spec.is_empty() && self.expr_type(e).dtype().is_some_and(ir::DType::is_complex) => {
                self.error(diag::unsupported_dtype(span, "format specs of numbers", self.expr_type(e).dtype().map_or("complex128", |d| d.numpy_name()), "format the `.real` and `.imag` parts, or print the number plainly"));
                None
            }
            Value::Scalar(e) | Value::Str(e) => Some(self.add(Expr::Format(e, spec.to_string()), Type::Str)),
            Value::Array(e) => {
                if !spec.is_empty() {
                    self.error(diag::type_error(span, "format specs do not apply to arrays", "format the array's elements, or print it plainly"));
                    return None;
                }
                Some(self.add(Expr::Format(e, String::new()), Type::Str))
            }
            Value::Lazy(l) => {
                let e = self.materialize(l, span);
                self.format_value(Value::Array(e), spec, span)
            }
            Value::Range(a, b, c) if spec.is_empty() => Some(self.range_str(a, b, c, span)),
            Value::None | Value::DType(_) | Value::Tuple(_) | Value::Cli(_) | Value::List(_) if spec.is_empty() => {
                let e = self.printable(v, span)?;
                if matches!(self.expr_type(e), Type::None) {
                    return Some(self.str_const("None"));
                }
                Some(e)
            }
            Value::Error => None,
            other => {
                let what = self.describe_value(&other);
                self.error(diag::type_error(span, format!("cannot format {what}"), "format numbers and strings"));
                None
            }
        }
    }

    pub fn fstring(&mut self, parts: &[FPart], span: Span) -> Value {
        let mut out = Vec::new();
        for p in parts {
            match p {
                FPart::Literal(s) => out.push(self.str_const(s)),
                FPart::Value { value, conversion, spec } => {
                    let v = self.expr(value);
                    // A value of run-time type is formatted once per type.
                    let part = self.split1(v, value.span, &mut |fx, v| match fx.fstring_part(v, *conversion, spec, value.span) {
                        Some(e) => Value::Str(e),
                        None => Value::Error,
                    });
                    match part {
                        Value::Str(e) => out.push(e),
                        _ => return Value::Error,
                    }
                }
            }
        }
        let _ = span;
        Value::Str(self.add(Expr::Concat(out), Type::Str))
    }

    /// One replacement field of an f-string: `{value!conversion:spec}`.
    fn fstring_part(&mut self, v: Value, conversion: Option<char>, spec: &str, span: Span) -> Option<ExprId> {
        Some(match conversion {
            Some('r') | Some('a') => {
                let r = self.repr(v, span)?;
                if spec.is_empty() {
                    r
                } else {
                    self.add(Expr::Format(r, spec.to_string()), Type::Str)
                }
            }
            Some('s') => {
                let s = self.format_value(v, "", span)?;
                self.add(Expr::Format(s, spec.to_string()), Type::Str)
            }
            _ => {
                // NumPy formats float32 scalars in f-strings as the Python float of their value.
                let v = match v {
                    Value::Scalar(e) if self.f.expr_type(e).dtype() == Some(DType::F32) => {
                        Value::Scalar(self.add(Expr::Cast(DType::F64, e), Type::scalar(DType::F64)))
                    }
                    other => other,
                };
                self.format_value(v, spec, span)?
            }
        })
    }

    /// `"text".format(args, name=value)` with a literal format string: its replacement
    /// fields (`{}`, `{0}`, `{name}`, each with `!r`/`!s` and a format spec; `{{`/`}}`
    /// literal braces) formatted as f-strings format them.
    pub fn str_format(&mut self, fmt: ExprId, args: Vec<(Value, Span)>, kw: Vec<(String, Value, Span)>, span: Span) -> Value {
        let Expr::Const(Const::Str(text)) = self.f.exprs[fmt].clone() else {
            self.error(diag::unsupported_syntax(span, "`.format` of a computed string", "use a string literal or an f-string"));
            return Value::Error;
        };
        let bad = |fx: &mut Self, why: &str| {
            fx.error(diag::bad_arguments(span, why));
            Value::Error
        };
        let mut out = Vec::new();
        let mut literal = String::new();
        let mut chars = text.chars().peekable();
        let mut auto = 0usize;
        let (mut used_auto, mut used_manual) = (false, false);
        while let Some(c) = chars.next() {
            match c {
                '{' if chars.peek() == Some(&'{') => {
                    chars.next();
                    literal.push('{');
                }
                '}' if chars.peek() == Some(&'}') => {
                    chars.next();
                    literal.push('}');
                }
                '}' => return bad(self, "Single '}' encountered in format string"),
                '{' => {
                    let mut field = String::new();
                    loop {
                        match chars.next() {
                            Some('}') => break,
                            Some('{') => return bad(self, "nested replacement fields are not supported by legatec's str.format"),
                            Some(ch) => field.push(ch),
                            None => return bad(self, "Single '{' encountered in format string"),
                        }
                    }
                    let (head, spec) = match field.split_once(':') {
                        Some((h, s)) => (h.to_string(), s.to_string()),
                        None => (field.clone(), String::new()),
                    };
                    let (name, conversion) = match head.split_once('!') {
                        Some((n, c)) if c.len() == 1 => (n.to_string(), c.chars().next()),
                        Some(_) => return bad(self, "expected ':' after conversion specifier"),
                        None => (head, None),
                    };
                    let value = if name.is_empty() {
                        used_auto = true;
                        auto += 1;
                        args.get(auto - 1).map(|(v, _)| v.clone())
                    } else if let Ok(i) = name.parse::<usize>() {
                        used_manual = true;
                        args.get(i).map(|(v, _)| v.clone())
                    } else {
                        kw.iter().find(|(k, _, _)| *k == name).map(|(_, v, _)| v.clone())
                    };
                    if used_auto && used_manual {
                        return bad(self, "cannot switch between automatic field numbering and manual field specification");
                    }
                    let Some(value) = value else {
                        let why = if name.is_empty() || name.parse::<usize>().is_ok() {
                            format!("Replacement index {} out of range for positional args tuple", if name.is_empty() { auto - 1 } else { name.parse().unwrap_or(0) })
                        } else {
                            format!("'{name}' is not a keyword argument of this format call (Python's KeyError)")
                        };
                        return bad(self, &why);
                    };
                    if !literal.is_empty() {
                        out.push(self.str_const(&std::mem::take(&mut literal)));
                    }
                    let Some(part) = self.fstring_part(value, conversion, &spec, span) else { return Value::Error };
                    out.push(part);
                }
                other => literal.push(other),
            }
        }
        if !literal.is_empty() || out.is_empty() {
            out.push(self.str_const(&literal));
        }
        Value::Str(self.add(Expr::Concat(out), Type::Str))
    }

    /// `"fmt" % args` with a literal format string, translated to format specs.
    pub fn percent_format(&mut self, fmt: ExprId, args: Value, span: Span) -> Value {
        let Expr::Const(Const::Str(text)) = self.f.exprs[fmt].clone() else {
            self.error(diag::unsupported_syntax(span, "`%` formatting with a computed format string", "use a string literal or an f-string"));
            return Value::Error;
        };
        let mut values = match args {
            Value::Tuple(items) => items.items,
            other => vec![other],
        }
        .into_iter();
        let mut parts = Vec::new();
        let mut lit = String::new();
        let chars: Vec<char> = text.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            i += 1;
            if c != '%' {
                lit.push(c);
                continue;
            }
            if i < chars.len() && chars[i] == '%' {
                lit.push('%');
                i += 1;
                continue;
            }
            let mut flags = String::new();
            while i < chars.len() && "-+ 0#".contains(chars[i]) {
                flags.push(chars[i]);
                i += 1;
            }
            let mut width = String::new();
            while i < chars.len() && chars[i].is_ascii_digit() {
                width.push(chars[i]);
                i += 1;
            }
            let mut precision = String::new();
            if i < chars.len() && chars[i] == '.' {
                i += 1;
                while i < chars.len() && chars[i].is_ascii_digit() {
                    precision.push(chars[i]);
                    i += 1;
                }
                if precision.is_empty() {
                    precision.push('0');
                }
            }
            let Some(&ty) = chars.get(i) else {
                self.error(diag::type_error(span, "incomplete format", "end each `%` field with a type such as `d`, `f` or `s`"));
                return Value::Error;
            };
            i += 1;
            let Some(v) = values.next() else {
                self.error(diag::type_error(span, "not enough arguments for format string", "pass one value per `%` field"));
                return Value::Error;
            };
            if !lit.is_empty() {
                parts.push(self.str_const(&lit));
                lit.clear();
            }
            // A str where a number is wanted is Python's TypeError, whatever the string.
            if matches!(v, Value::Str(_)) && "diufFeEgG".contains(ty) {
                let message = if "diu".contains(ty) {
                    format!("%{ty} format: a real number is required, not str")
                } else {
                    "must be real number, not str".to_string()
                };
                return self.raise_now("TypeError", &message, span);
            }
            let align = if flags.contains('-') { "<" } else { "" };
            let sign = if flags.contains('+') { "+" } else if flags.contains(' ') { " " } else { "" };
            let zero = if flags.contains('0') && !flags.contains('-') { "0" } else { "" };
            let e = match ty {
                'd' | 'i' | 'u' => {
                    let v = match v {
                        Value::Scalar(e) if self.f.expr_type(e).dtype().map(|d| d.is_float()).unwrap_or(false) => {
                            let c = self.add(Expr::Cast(DType::I64, e), Type::py_int());
                            Value::Scalar(c)
                        }
                        other => other,
                    };
                    let spec = format!("{align}{sign}{zero}{width}d");
                    self.format_value(v, &spec, span)
                }
                'f' | 'F' | 'e' | 'E' | 'g' | 'G' => {
                    let prec = if precision.is_empty() { String::new() } else { format!(".{precision}") };
                    let v = match v {
                        Value::Scalar(e) if !self.f.expr_type(e).dtype().map(|d| d.is_float()).unwrap_or(true) => {
                            Value::Scalar(self.add(Expr::Cast(DType::F64, e), Type::py_float()))
                        }
                        other => other,
                    };
                    let prec = if prec.is_empty() && matches!(ty, 'f' | 'F' | 'e' | 'E' | 'g' | 'G') { ".6".to_string() } else { prec };
                    let spec = format!("{align}{sign}{zero}{width}{prec}{ty}");
                    self.format_value(v, &spec, span)
                }
                's' | 'r' => {
                    let s = if ty == 'r' { self.repr(v, span) } else { self.format_value(v, "", span) };
                    match s {
                        Some(s) if !width.is_empty() => {
                            let a = if align.is_empty() { ">" } else { "<" };
                            Some(self.add(Expr::Format(s, format!("{a}{width}")), Type::Str))
                        }
                        other => other,
                    }
                }
                other => {
                    self.error(diag::unsupported_syntax(span, "this `%` conversion", "use %d, %i, %f, %e, %g or %s").with_hint(format!("`%{other}` is not supported; use %d, %i, %f, %e, %g or %s")));
                    return Value::Error;
                }
            };
            match e {
                Some(e) => parts.push(e),
                None => return Value::Error,
            }
        }
        if values.next().is_some() {
            self.error(diag::type_error(span, "not all arguments converted during string formatting", "use one `%` field per value"));
            return Value::Error;
        }
        if !lit.is_empty() {
            parts.push(self.str_const(&lit));
        }
        Value::Str(self.add(Expr::Concat(parts), Type::Str))
    }
}

impl FnCx<'_, '_> {
    /// `sep.join(items)` of a list or tuple of strings known when compiling (a runtime
    /// list holds no strings): the items with `sep` between them; Python's TypeError for
    /// another item is a compile error.
    pub(crate) fn str_join_items(&mut self, sep: ExprId, items: Value, span: Span) -> Value {
        let seq = match items {
            Value::Tuple(seq) => seq,
            Value::List(l) => return self.list_join(sep, l, span),
            Value::Error => return Value::Error,
            other => {
                let what = self.describe_value(&other);
                self.error(diag::type_error(span, format!("`str.join` of {what} is not supported"), "join a list or tuple of strings, or a comprehension or generator of them"));
                return Value::Error;
            }
        };
        let mut parts = Vec::new();
        for (i, item) in seq.items.into_iter().enumerate() {
            match item {
                Value::Str(e) => {
                    if i > 0 {
                        parts.push(sep);
                    }
                    parts.push(e);
                }
                Value::Error => return Value::Error,
                other => {
                    let what = self.describe_value(&other);
                    self.error(diag::type_error(span, format!("sequence item {i}: expected str instance, found {what}"), "make each item a str (`str(x)`, an f-string)"));
                    return Value::Error;
                }
            }
        }
        if parts.is_empty() {
            return Value::Str(self.str_const(""));
        }
        Value::Str(self.add(Expr::Concat(parts), Type::Str))
    }

    /// `s * n` (or `n * s`) of a str and an int: `s` repeated, an empty string for `n <= 0`.
    pub(crate) fn str_repeat(&mut self, s: ExprId, n: ExprId, span: Span) -> Value {
        if let (Expr::Const(Const::Str(text)), Some(k)) = (&self.f.exprs[s], self.fold_int(n)) {
            let k = k.max(0) as usize;
            if text.len().saturating_mul(k) <= 1 << 20 {
                let repeated = text.repeat(k);
                return Value::Str(self.str_const(&repeated));
            }
        }
        // Known only when running: a loop of concatenations.
        let piece = self.temp(Type::Str);
        self.emit(StmtKind::Assign { dst: piece, value: s }, span);
        let acc = self.temp(Type::Str);
        let empty = self.str_const("");
        self.emit(StmtKind::Assign { dst: acc, value: empty }, span);
        let var = self.temp(Type::py_int());
        let body = self.block(|fx| {
            let cur = fx.read(acc);
            let p = fx.read(piece);
            let joined = fx.add(Expr::Concat(vec![cur, p]), Type::Str);
            fx.emit(StmtKind::Assign { dst: acc, value: joined }, span);
        });
        let zero = self.int_const(0);
        let one = self.int_const(1);
        let stop = self.cast_scalar(n, DType::I64);
        self.emit(StmtKind::For { var, start: zero, stop, step: one, body }, span);
        Value::Str(self.read(acc))
    }
}

/// The methods of a str besides `format` and `join` (`FnCx::py_str_method`).
pub(crate) const STR_METHODS: &[&str] = &["lower", "upper", "strip", "lstrip", "rstrip", "find", "count", "startswith", "endswith", "replace", "split"];

impl FnCx<'_, '_> {
    /// `s.lower()`, `s.find(sub)`, `s.replace(old, new)` and the rest of `STR_METHODS`, each
    /// with Python's arguments only (no `start`/`end`, no characters to strip).
    pub(crate) fn py_str_method(&mut self, s: ExprId, name: &str, args: Vec<(Value, Span)>, kw: Vec<(String, Value, Span)>, span: Span) -> Value {
        let fname = format!("str.{name}");
        if let Some((k, _, kspan)) = kw.first() {
            self.error(diag::bad_arguments(*kspan, format!("`{fname}` takes no keyword argument `{k}` in legatec")));
            return Value::Error;
        }
        let wanted = match name {
            "lower" | "upper" | "strip" | "lstrip" | "rstrip" => 0,
            "replace" => 2,
            "split" => args.len().min(1),
            _ => 1,
        };
        if args.len() != wanted {
            self.error(diag::bad_arguments(span, format!("`{fname}` takes {wanted} argument{} in legatec, {} given", if wanted == 1 { "" } else { "s" }, args.len())));
            return Value::Error;
        }
        let mut strs = Vec::new();
        for (v, vspan) in args {
            match v {
                Value::Str(e) => strs.push(e),
                Value::Error => return Value::Error,
                other => {
                    let what = self.describe_value(&other);
                    self.error(diag::type_error(vspan, format!("`{fname}` takes strs, not {what}"), "pass a str"));
                    return Value::Error;
                }
            }
        }
        let op = |fx: &mut Self, code: i64| fx.add(Expr::Const(ir::Const::Int(code)), Type::py_int());
        let r = match name {
            "lower" | "upper" | "strip" | "lstrip" | "rstrip" => {
                let code = match name {
                    "lower" => runtime_abi::STR_LOWER,
                    "upper" => runtime_abi::STR_UPPER,
                    "strip" => runtime_abi::STR_STRIP,
                    "lstrip" => runtime_abi::STR_LSTRIP,
                    _ => runtime_abi::STR_RSTRIP,
                };
                let code = op(self, code);
                self.runtime_call(EntryPoint::StrCase, vec![s, code], Some(Type::Str), span).map(Value::Str)
            }
            "replace" => self.runtime_call(EntryPoint::StrReplace, vec![s, strs[0], strs[1]], Some(Type::Str), span).map(Value::Str),
            // A new list of strings.
            "split" => {
                let sep = match strs.first() {
                    Some(sep) => *sep,
                    None => self.str_const(""),
                };
                let whitespace = op(self, i64::from(strs.is_empty()));
                self.runtime_call(EntryPoint::StrSplit, vec![s, sep, whitespace], Some(Type::list(Type::Str)), span).map(Value::List)
            }
            _ => {
                let code = match name {
                    "find" => runtime_abi::STR_FIND,
                    "count" => runtime_abi::STR_COUNT,
                    "startswith" => runtime_abi::STR_STARTS,
                    _ => runtime_abi::STR_ENDS,
                };
                let code = op(self, code);
                let found = self.runtime_call(EntryPoint::StrFind, vec![s, strs[0], code], Some(Type::py_int()), span);
                match (found, name) {
                    (Some(e), "startswith" | "endswith") => Some(Value::Scalar(self.add(Expr::Cast(ir::DType::Bool, e), Type::py_bool()))),
                    (found, _) => found.map(Value::Scalar),
                }
            }
        };
        r.unwrap_or(Value::Error)
    }

    /// `s[i]` (a str of the one code point) and `s[a:b:c]` of a str.
    pub(crate) fn str_subscript(&mut self, s: ExprId, index: &[crate::ast::IndexExpr], span: Span) -> Value {
        use crate::ast::IndexExpr;
        let [item] = index else {
            self.error(diag::type_error(span, "string indices must be integers or slices, not tuple", "index a str with one int or one slice"));
            return Value::Error;
        };
        match item {
            IndexExpr::Slice { lower, upper, step, .. } => {
                let mut given = 0;
                let mut bound = |fx: &mut Self, e: &Option<crate::ast::Expr>, bit: i64, default: i64| -> Option<ExprId> {
                    match e {
                        Some(e) if !matches!(e.kind, crate::ast::ExprKind::NoneLit) => {
                            given |= bit;
                            let v = fx.expr(e);
                            fx.int_value(v, e.span)
                        }
                        _ => Some(fx.add(Expr::Const(ir::Const::Int(default)), Type::py_int())),
                    }
                };
                let Some(a) = bound(self, lower, 1, 0) else { return Value::Error };
                let Some(b) = bound(self, upper, 2, 0) else { return Value::Error };
                let Some(c) = bound(self, step, 0, 1) else { return Value::Error };
                let given = self.add(Expr::Const(ir::Const::Int(given)), Type::py_int());
                self.runtime_call(EntryPoint::StrSlice, vec![s, a, b, c, given], Some(Type::Str), span).map(Value::Str).unwrap_or(Value::Error)
            }
            IndexExpr::Expr(e) => {
                let v = self.expr(e);
                let Some(i) = self.int_value(v, e.span) else { return Value::Error };
                self.runtime_call(EntryPoint::StrItem, vec![s, i], Some(Type::Str), span).map(Value::Str).unwrap_or(Value::Error)
            }
        }
    }
}
