//! Constructors for every user-facing diagnostic of the frontend, with their
//! stable codes. Rendering happens in `cli`.

use ir::{Diagnostic, Span};

/// A change in place of a DataFrame that another name (or the caller) holds too: pandas
/// changes the one object for every name, legatec's records do not.
pub fn frame_aliasing(span: Span, what: &str, hint: &str) -> Diagnostic {
    Diagnostic::error("frame-aliasing", span, what.to_string()).with_hint(hint.to_string())
}

pub fn unsupported_syntax(span: Span, what: &str, hint: &str) -> Diagnostic {
    Diagnostic::error("unsupported-syntax", span, format!("{what} are not supported by legatec"))
        .with_hint(hint.to_string())
}

/// An expression or a statement below `max` levels of nesting (see `syntax::MAX_NESTING`);
/// `code` is `expression-too-deep` or `statement-too-deep`.
pub fn too_deep(span: Span, code: &'static str, max: usize) -> Diagnostic {
    let (what, hint) = if code == "expression-too-deep" {
        ("this expression nests", "split it into several statements with intermediate variables")
    } else {
        ("these statements nest", "split the `if`/`elif` chain or the nested blocks into functions")
    };
    Diagnostic::error(code, span, format!("{what} more than {max} levels deep, the most legatec compiles"))
        .with_hint(format!("{hint} (CPython 3.11 itself stops near 3000 levels)"))
}

/// An integer literal outside int64 (legatec's Python ints are 64-bit).
pub fn integer_too_large(span: Span, literal: &str, as_float: Option<f64>) -> Diagnostic {
    let float = match as_float {
        Some(f) if f.is_finite() => format!("`{f:e}`"),
        _ => "a float".to_string(),
    };
    Diagnostic::error("integer-too-large", span, format!("the integer literal {literal} does not fit in 64 bits"))
        .with_hint(format!(
            "legatec's Python ints are 64-bit (-2**63 to 2**63 - 1); if a float is meant, write it as {float}"
        ))
}

pub fn unsupported_call(span: Span, name: &str, nearest: Option<&str>) -> Diagnostic {
    let d = Diagnostic::error("unsupported-numpy-call", span, format!("`{name}` is not supported by legatec"));
    match nearest {
        Some(n) => d.with_hint(format!("the nearest supported function is `{n}`")),
        None => d.with_hint("see the README for the supported subset of NumPy"),
    }
}

/// A pandas function, method or attribute outside legatec's subset: the nearest
/// supported one by name, else the list of what `owner` supports.
pub fn unsupported_pandas_call(span: Span, owner: &str, name: &str, supported: &[&str]) -> Diagnostic {
    let d = Diagnostic::error("unsupported-pandas-call", span, format!("`{owner}.{name}` is not supported by legatec"));
    match nearest(name, supported.iter().copied()) {
        Some(n) => d.with_hint(format!("the nearest supported one is `{owner}.{n}`")),
        None => d.with_hint(format!("`{owner}` supports: {}", supported.join(", "))),
    }
}

pub fn unsupported_keyword(span: Span, func: &str, keyword: &str, supported: &[&str]) -> Diagnostic {
    let hint = if supported.is_empty() {
        format!("`{func}` takes no keyword arguments here")
    } else {
        format!("`{func}` supports the keywords: {}", supported.join(", "))
    };
    Diagnostic::error("unsupported-keyword", span, format!("keyword argument `{keyword}` of `{func}` is not supported"))
        .with_hint(hint)
}

pub fn unsupported_import(span: Span, module: &str) -> Diagnostic {
    Diagnostic::error("unsupported-import", span, format!("module `{module}` is not supported"))
        .with_hint("legatec compiles scripts that import numpy (or legate.numpy / cupynumeric), pandas, math, time, argparse and sys")
}

/// An argparse feature outside legatec's subset.
pub fn unsupported_argparse(span: Span, what: impl Into<String>, hint: impl Into<String>) -> Diagnostic {
    Diagnostic::error("unsupported-argparse", span, format!("{} is not supported by legatec", what.into())).with_hint(hint.into())
}

/// A parser that argparse itself rejects, or whose values could not have one static type.
pub fn invalid_argparse(span: Span, message: impl Into<String>, hint: impl Into<String>) -> Diagnostic {
    Diagnostic::error("invalid-argparse", span, message).with_hint(hint.into())
}

pub fn undefined_name(span: Span, name: &str) -> Diagnostic {
    Diagnostic::error("undefined-name", span, format!("name `{name}` is not defined"))
        .with_hint("assign the variable before its first use")
}

/// Python's builtin functions and types (CPython 3.11's `dir(builtins)`, lower case).
const PYTHON_BUILTINS: &[&str] = &[
    "abs", "aiter", "all", "anext", "any", "ascii", "bin", "bool", "breakpoint", "bytearray", "bytes", "callable", "chr",
    "classmethod", "compile", "complex", "copyright", "credits", "delattr", "dict", "dir", "divmod", "enumerate", "eval",
    "exec", "exit", "filter", "float", "format", "frozenset", "getattr", "globals", "hasattr", "hash", "help", "hex", "id",
    "input", "int", "isinstance", "issubclass", "iter", "len", "license", "list", "locals", "map", "max", "memoryview",
    "min", "next", "object", "oct", "open", "ord", "pow", "print", "property", "quit", "range", "repr", "reversed", "round",
    "set", "setattr", "slice", "sorted", "staticmethod", "str", "sum", "super", "tuple", "type", "vars", "zip",
];

/// A name that is not bound: a Python builtin outside legatec's subset is said to be one.
pub fn unbound_name(span: Span, name: &str) -> Diagnostic {
    if PYTHON_BUILTINS.contains(&name) {
        return Diagnostic::error("unsupported-builtin", span, format!("the Python builtin `{name}` is not supported by legatec"))
            .with_hint("write the program without it (the README's Python section lists what legatec compiles)");
    }
    undefined_name(span, name)
}

pub fn type_error(span: Span, message: impl Into<String>, hint: &str) -> Diagnostic {
    Diagnostic::error("type-error", span, message).with_hint(hint.to_string())
}

pub fn bad_arguments(span: Span, message: impl Into<String>) -> Diagnostic {
    Diagnostic::error("bad-arguments", span, message).with_hint("check the call against NumPy's signature")
}

pub fn conflicting_types(span: Span, name: &str, first: &str, second: &str, first_span: Span) -> Diagnostic {
    Diagnostic::error(
        "conflicting-types",
        span,
        format!("variable `{name}` is {second} here but {first} elsewhere"),
    )
    .with_label(first_span, format!("`{name}` is {first} here"))
    .with_hint("use a separate variable name for each kind of value")
}

pub fn ambiguous_truth(span: Span) -> Diagnostic {
    Diagnostic::error("ambiguous-truth-value", span, "the truth value of an array is ambiguous")
        .with_hint("use `.any()` or `.all()`, or compare a reduction such as `np.sum(a)`")
}

/// A recursive call legatec refuses: through another function's instance (`mutual`), or
/// with arguments whose types change from call to call.
pub fn recursion(span: Span, name: &str, mutual: bool) -> Diagnostic {
    let what = if mutual { "through another function" } else { "with arguments whose types change at every call" };
    Diagnostic::error("unsupported-recursion", span, format!("recursive call of `{name}` {what}"))
        .with_hint("a function may call itself directly with arguments of the same types; otherwise rewrite the recursion as a loop")
}

/// A function calling itself before any `return` has told its result's type.
pub fn recursion_result(span: Span, name: &str) -> Diagnostic {
    Diagnostic::error("unsupported-recursion", span, format!("the result of `{name}` is not known where it calls itself"))
        .with_hint("give it a base case: a path that returns without calling it (`if n < 2: return n`)")
}

pub fn shape_error(span: Span, message: impl Into<String>) -> Diagnostic {
    Diagnostic::error("shape-mismatch", span, message).with_hint("check the number of dimensions of the operands")
}

pub fn misplaced(span: Span, message: impl Into<String>, hint: &str) -> Diagnostic {
    Diagnostic::error("misplaced-statement", span, message).with_hint(hint.to_string())
}

pub fn npy_type_unknown(span: Span, why: &str, hint: &str) -> Diagnostic {
    Diagnostic::error("unknown-npy-type", span, format!("the dtype and rank of what `np.load` returns must be known when compiling: {why}"))
        .with_hint(hint.to_string())
}

/// A dtype that legatec's NumPy has but a part of the library does not (pandas columns
/// of int8, uint16, ...).
pub fn unsupported_dtype(span: Span, what: &str, dtype: &str, hint: &str) -> Diagnostic {
    Diagnostic::error("unsupported-dtype", span, format!("{what} of dtype {dtype} are not supported by legatec")).with_hint(hint.to_string())
}

/// Complex numbers in a frame: the frame layer has no complex columns.
pub fn complex_column(span: Span) -> Diagnostic {
    unsupported_dtype(span, "DataFrame and Series columns", "complex64/complex128", "compute with NumPy arrays (`s.to_numpy() * 1j`), or keep the `.real` and `.imag` parts as two columns")
}

pub fn unsupported_index_array(span: Span, what: &str, hint: &str) -> Diagnostic {
    Diagnostic::error("unsupported-index-array", span, format!("{what} is not supported by legatec")).with_hint(hint.to_string())
}

/// The closest name by edit distance, if reasonably close.
pub fn nearest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let mut best: Option<(usize, &str)> = None;
    for c in candidates {
        let d = edit_distance(name, c);
        if best.map(|(bd, _)| d < bd).unwrap_or(true) {
            best = Some((d, c));
        }
    }
    best.filter(|(d, c)| *d <= (c.len().max(name.len()) / 3).max(1)).map(|(_, c)| c)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut cur = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
        }
        prev = cur;
    }
    prev[b.len()]
}
