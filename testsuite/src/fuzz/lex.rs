//! A small lexer for Python source, enough for textual mutations: tokens with their byte spans
//! (names, numbers, strings, operators, comments) and the logical lines they form.
//!
//! It is not a validating lexer: odd input gives odd tokens, never a panic. The mutants it
//! helps to make are checked by CPython's own parser afterwards.

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Name,
    Number,
    Str,
    Op,
    Comment,
}

/// One token: its kind, byte span, physical line (0-based) and bracket depth before it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    pub kind: Kind,
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub depth: usize,
}

impl Token {
    pub fn text<'a>(&self, source: &'a str) -> &'a str {
        &source[self.start..self.end]
    }
}

/// A logical line (a statement, or a block header such as `for i in range(3):`), made of the
/// physical lines `first..=last`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Logical {
    pub first: usize,
    pub last: usize,
    /// The indentation of its first line, in characters.
    pub indent: usize,
    /// Indices into the token list (comments excluded).
    pub tokens: std::ops::Range<usize>,
    /// It ends with `:`, so an indented block follows.
    pub opens_block: bool,
}

/// A lexed source: its tokens (comments included), logical lines and physical line starts.
#[derive(Clone, Debug)]
pub struct Lexed {
    pub tokens: Vec<Token>,
    pub logical: Vec<Logical>,
    pub line_starts: Vec<usize>,
}

const OPERATORS: [&str; 47] = [
    "**=", "//=", ">>=", "<<=", "...", "**", "//", "<=", ">=", "==", "!=", "->", "+=", "-=", "*=",
    "/=", "%=", "&=", "|=", "^=", "@=", "<<", ">>", ":=", "+", "-", "*", "/", "%", "@", "<", ">",
    "=", "(", ")", "[", "]", "{", "}", ",", ":", ".", ";", "~", "&", "|", "^",
];

fn is_name_start(c: u8) -> bool {
    c.is_ascii_alphabetic() || c == b'_' || c >= 0x80
}

fn is_name_char(c: u8) -> bool {
    is_name_start(c) || c.is_ascii_digit()
}

/// The length of a string literal starting at `at` (after any prefix), or `None`.
fn string_length(bytes: &[u8], at: usize) -> Option<usize> {
    let quote = *bytes.get(at)?;
    if quote != b'\'' && quote != b'"' {
        return None;
    }
    let triple = bytes.get(at + 1) == Some(&quote) && bytes.get(at + 2) == Some(&quote);
    let mut i = at + if triple { 3 } else { 1 };
    while i < bytes.len() {
        let c = bytes[i];
        if c == b'\\' {
            i += 2;
            continue;
        }
        if triple {
            if c == quote && bytes.get(i + 1) == Some(&quote) && bytes.get(i + 2) == Some(&quote) {
                return Some(i + 3 - at);
            }
        } else if c == quote {
            return Some(i + 1 - at);
        } else if c == b'\n' {
            return Some(i - at);
        }
        i += 1;
    }
    Some(bytes.len() - at)
}

/// Lexes a whole source.
pub fn lex(source: &str) -> Lexed {
    let bytes = source.as_bytes();
    let mut line_starts = vec![0];
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'\n' {
            line_starts.push(i + 1);
        }
    }
    let line_of = |offset: usize| line_starts.partition_point(|&s| s <= offset) - 1;
    let mut tokens = Vec::new();
    let mut depth = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        if c == b' ' || c == b'\t' || c == b'\r' || c == b'\n' || c == b'\\' {
            i += 1;
            continue;
        }
        let start = i;
        let kind;
        if c == b'#' {
            while i < bytes.len() && bytes[i] != b'\n' {
                i += 1;
            }
            kind = Kind::Comment;
        } else if c.is_ascii_digit() || (c == b'.' && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)) {
            while i < bytes.len() {
                let d = bytes[i];
                if (d == b'+' || d == b'-') && matches!(bytes[i - 1], b'e' | b'E') && !bytes[start..i].starts_with(b"0x") {
                    i += 1;
                } else if d.is_ascii_alphanumeric() || d == b'_' || d == b'.' {
                    i += 1;
                } else {
                    break;
                }
            }
            kind = Kind::Number;
        } else if is_name_start(c) {
            while i < bytes.len() && is_name_char(bytes[i]) {
                i += 1;
            }
            let word = &source[start..i];
            let prefix = word.len() <= 2 && word.bytes().all(|b| matches!(b.to_ascii_lowercase(), b'r' | b'b' | b'f' | b'u'));
            if let (true, Some(length)) = (prefix, string_length(bytes, i)) {
                i += length;
                kind = Kind::Str;
            } else {
                kind = Kind::Name;
            }
        } else if let Some(length) = string_length(bytes, i) {
            i += length;
            kind = Kind::Str;
        } else {
            let rest = &source[i..];
            let length = OPERATORS.iter().find(|op| rest.starts_with(*op)).map_or_else(
                || rest.chars().next().map_or(1, char::len_utf8),
                |op| op.len(),
            );
            i += length;
            kind = Kind::Op;
        }
        let text = &source[start..i];
        let token_depth = depth;
        if kind == Kind::Op {
            match text {
                "(" | "[" | "{" => depth += 1,
                ")" | "]" | "}" => depth = depth.saturating_sub(1),
                _ => {}
            }
        }
        tokens.push(Token { kind, start, end: i, line: line_of(start), depth: token_depth });
    }

    // Logical lines: a new one starts at a token at depth 0 on a later physical line than the
    // previous token, unless that line ended with a backslash.
    let mut logical: Vec<Logical> = Vec::new();
    let mut previous_line: Option<usize> = None;
    for (index, token) in tokens.iter().enumerate() {
        if token.kind == Kind::Comment {
            continue;
        }
        let continued = previous_line.is_some_and(|p| {
            let line_end = line_starts.get(p + 1).map_or(bytes.len(), |&s| s - 1);
            source[..line_end].trim_end().ends_with('\\')
        });
        let starts = match previous_line {
            None => true,
            Some(p) => token.line > p && token.depth == 0 && !continued,
        };
        if starts {
            let line_start = line_starts[token.line];
            logical.push(Logical {
                first: token.line,
                last: token.line,
                indent: token.start - line_start,
                tokens: index..index + 1,
                opens_block: false,
            });
        } else if let Some(current) = logical.last_mut() {
            current.tokens.end = index + 1;
        }
        if let Some(current) = logical.last_mut() {
            current.last = tokens[index].line.max(current.last);
            let end_line = line_of(token.end.saturating_sub(1).max(token.start));
            current.last = current.last.max(end_line);
        }
        previous_line = Some(line_of(token.end.saturating_sub(1).max(token.start)));
    }
    for line in &mut logical {
        let last = &tokens[line.tokens.end - 1];
        line.opens_block = last.kind == Kind::Op && last.text(source) == ":" && last.depth == 0;
    }
    Lexed { tokens, logical, line_starts }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(source: &str) -> Vec<(Kind, &str)> {
        lex(source).tokens.iter().map(|t| (t.kind, t.text(source))).collect()
    }

    #[test]
    fn tokens_of_a_line() {
        let source = "x = a[1:-2] ** 2.5e-3 # note\ns = f'{x}' + \"a\\\"b\"\n";
        assert_eq!(
            texts(source),
            vec![
                (Kind::Name, "x"), (Kind::Op, "="), (Kind::Name, "a"), (Kind::Op, "["),
                (Kind::Number, "1"), (Kind::Op, ":"), (Kind::Op, "-"), (Kind::Number, "2"),
                (Kind::Op, "]"), (Kind::Op, "**"), (Kind::Number, "2.5e-3"),
                (Kind::Comment, "# note"), (Kind::Name, "s"), (Kind::Op, "="),
                (Kind::Str, "f'{x}'"), (Kind::Op, "+"), (Kind::Str, "\"a\\\"b\""),
            ]
        );
    }

    #[test]
    fn logical_lines_span_brackets_and_strings() {
        let source = "# header\nx = f(1,\n      2)\nif x:\n    y = \"\"\"a\nb\"\"\"\nz = 1 + \\\n    2\n";
        let lexed = lex(source);
        let spans: Vec<(usize, usize, usize, bool)> =
            lexed.logical.iter().map(|l| (l.first, l.last, l.indent, l.opens_block)).collect();
        assert_eq!(spans, vec![(1, 2, 0, false), (3, 3, 0, true), (4, 5, 4, false), (6, 7, 0, false)]);
    }
}
