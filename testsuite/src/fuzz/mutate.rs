//! Textual mutations of a Python program: numbers, slices, dtypes, operator, function and
//! variable swaps taken from the same file, and line edits (delete, duplicate, swap, wrap an
//! assignment in an `if`, insert an assignment before a use or a `print` after one).
//!
//! Every choice comes from the [`Rng`] given, so a mutant is a pure function of its parent and
//! its seed. The header (the comment block before the first line of code) and the imports are
//! never touched; mutants are not guaranteed to parse (the driver checks them with CPython).

use super::lex::{lex, Kind, Lexed, Logical};
use super::rng::Rng;

/// The mutation operators, in the order of [`OPERATORS`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Operator {
    Number,
    Slice,
    Dtype,
    BinaryOperator,
    Function,
    Variable,
    DeleteLine,
    DuplicateLine,
    SwapLines,
    WrapInIf,
    InsertBeforeUse,
    PrintAfterAssignment,
}

/// Each operator with its weight.
pub const OPERATORS: [(Operator, usize); 12] = [
    (Operator::Number, 6),
    (Operator::Slice, 3),
    (Operator::Dtype, 4),
    (Operator::BinaryOperator, 4),
    (Operator::Function, 3),
    (Operator::Variable, 3),
    (Operator::DeleteLine, 3),
    (Operator::DuplicateLine, 2),
    (Operator::SwapLines, 2),
    (Operator::WrapInIf, 3),
    (Operator::InsertBeforeUse, 4),
    (Operator::PrintAfterAssignment, 3),
];

/// A mutant: its text and what was done to the parent, one entry per mutation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mutant {
    pub text: String,
    pub mutations: Vec<String>,
}

/// Makes a mutant of `parent` with 1 to 3 mutations chosen by `rng`; `None` when no operator
/// applies (a program without code).
pub fn mutate(parent: &str, rng: &mut Rng) -> Option<Mutant> {
    let mut text = parent.to_owned();
    if !text.ends_with('\n') {
        text.push('\n');
    }
    let count = 1 + rng.below(3);
    let mut mutations = Vec::new();
    let total: usize = OPERATORS.iter().map(|(_, w)| w).sum();
    for _ in 0..count {
        for _attempt in 0..20 {
            let mut roll = rng.below(total);
            let mut chosen = OPERATORS[0].0;
            for &(operator, weight) in &OPERATORS {
                if roll < weight {
                    chosen = operator;
                    break;
                }
                roll -= weight;
            }
            if let Some((next, description)) = apply(chosen, &text, rng) {
                text = next;
                mutations.push(description);
                break;
            }
        }
    }
    (!mutations.is_empty()).then_some(Mutant { text, mutations })
}

/// Applies one operator at a place chosen by `rng`; `None` when it has nowhere to apply.
pub fn apply(operator: Operator, text: &str, rng: &mut Rng) -> Option<(String, String)> {
    let program = Program::new(text);
    let result = match operator {
        Operator::Number => program.number(rng),
        Operator::Slice => program.slice(rng),
        Operator::Dtype => program.dtype(rng),
        Operator::BinaryOperator => program.binary_operator(rng),
        Operator::Function => program.function(rng),
        Operator::Variable => program.variable(rng),
        Operator::DeleteLine => program.delete_line(rng),
        Operator::DuplicateLine => program.duplicate_line(rng),
        Operator::SwapLines => program.swap_lines(rng),
        Operator::WrapInIf => program.wrap_in_if(rng),
        Operator::InsertBeforeUse => program.insert_before_use(rng),
        Operator::PrintAfterAssignment => program.print_after_assignment(rng),
    };
    result.filter(|(new, _)| new != text)
}

const KEYWORDS: [&str; 35] = [
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
    "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in",
    "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with",
    "yield",
];

const ARITHMETIC: [&str; 7] = ["+", "-", "*", "/", "//", "%", "**"];
const COMPARISON: [&str; 6] = ["<", "<=", ">", ">=", "==", "!="];
const AUGMENTED: [&str; 7] = ["+=", "-=", "*=", "/=", "//=", "%=", "**="];
const BITWISE: [&str; 3] = ["&", "|", "^"];
const BOOLEAN: [&str; 2] = ["and", "or"];

const DTYPE_NAMES: [&str; 10] =
    ["float64", "float32", "int64", "int32", "int16", "int8", "uint8", "bool_", "bool", "complex128"];

const CONSTRUCTORS: [&str; 12] = [
    "zeros", "ones", "empty", "full", "array", "asarray", "arange", "zeros_like", "ones_like",
    "full_like", "eye", "linspace",
];

/// Reductions and element-wise functions a swap may bring in besides those of the file.
const EXTRA_FUNCTIONS: [&str; 12] =
    ["sum", "max", "min", "mean", "prod", "abs", "sqrt", "exp", "argmax", "cumsum", "std", "any"];

const METHODS: [&str; 14] = [
    "sum", "max", "min", "mean", "prod", "std", "var", "argmax", "argmin", "cumsum", "any", "all",
    "copy", "ravel",
];

/// A program being mutated: its text, tokens and the logical lines that may change.
struct Program<'a> {
    text: &'a str,
    lexed: Lexed,
    /// Indices of the code tokens (no comments) on mutable lines.
    code: Vec<usize>,
    /// Indices into `lexed.logical` of mutable statements (not imports).
    statements: Vec<usize>,
    /// NumPy's alias in this file, if it imports NumPy.
    numpy: Option<String>,
    /// Names assigned somewhere in the file.
    variables: Vec<String>,
}

fn replace(text: &str, start: usize, end: usize, new: &str) -> String {
    format!("{}{}{}", &text[..start], new, &text[end..])
}

fn is_keyword(word: &str) -> bool {
    KEYWORDS.contains(&word)
}

impl<'a> Program<'a> {
    fn new(text: &'a str) -> Program<'a> {
        let lexed = lex(text);
        let mut statements = Vec::new();
        let mut code = Vec::new();
        let mut numpy = None;
        for (index, line) in lexed.logical.iter().enumerate() {
            let first = lexed.tokens[line.tokens.start].text(text);
            if first == "import" || first == "from" {
                let words: Vec<&str> = lexed.tokens[line.tokens.clone()].iter().map(|t| t.text(text)).collect();
                numpy = numpy.or_else(|| numpy_alias(&words));
                continue;
            }
            statements.push(index);
            code.extend(line.tokens.clone().filter(|&t| lexed.tokens[t].kind != Kind::Comment));
        }
        let mut variables: Vec<String> = Vec::new();
        for &index in &statements {
            let line = &lexed.logical[index];
            for target in assigned_names(text, &lexed, line) {
                if !variables.contains(&target) {
                    variables.push(target);
                }
            }
        }
        Program { text, lexed, code, statements, numpy, variables }
    }

    fn token_text(&self, index: usize) -> &'a str {
        self.lexed.tokens[index].text(self.text)
    }

    fn line_number(&self, index: usize) -> usize {
        self.lexed.tokens[index].line + 1
    }

    /// The code token before `index` (comments skipped).
    fn previous(&self, index: usize) -> Option<usize> {
        (0..index).rev().find(|&i| self.lexed.tokens[i].kind != Kind::Comment)
    }

    fn next(&self, index: usize) -> Option<usize> {
        (index + 1..self.lexed.tokens.len()).find(|&i| self.lexed.tokens[i].kind != Kind::Comment)
    }

    /// Whether the token at `index` can end an operand (so an operator after it is binary).
    fn ends_operand(&self, index: usize) -> bool {
        let token = &self.lexed.tokens[index];
        let text = token.text(self.text);
        match token.kind {
            Kind::Number | Kind::Str => true,
            Kind::Name => !is_keyword(text) || matches!(text, "True" | "False" | "None"),
            Kind::Op => matches!(text, ")" | "]"),
            Kind::Comment => false,
        }
    }

    fn code_tokens(&self, mut keep: impl FnMut(usize) -> bool) -> Vec<usize> {
        self.code.iter().copied().filter(|&i| keep(i)).collect()
    }

    fn replace_token(&self, index: usize, new: &str, what: &str) -> (String, String) {
        let token = &self.lexed.tokens[index];
        (
            replace(self.text, token.start, token.end, new),
            format!("line {}: {what} `{}` -> `{new}`", self.line_number(index), token.text(self.text)),
        )
    }

    fn number(&self, rng: &mut Rng) -> Option<(String, String)> {
        let candidates = self.code_tokens(|i| self.lexed.tokens[i].kind == Kind::Number);
        let index = *pick(rng, &candidates)?;
        let old = self.token_text(index);
        let is_float = old.contains(['.', 'e', 'E']) && !old.starts_with("0x");
        let flipped = if is_float {
            match old.parse::<f64>() {
                Ok(v) if v.is_finite() && v.abs() < 1e15 => format!("{}", v.trunc() as i64),
                _ => "1".to_owned(),
            }
        } else {
            format!("{old}.0")
        };
        let choices = ["0".to_owned(), "-1".to_owned(), "1".to_owned(), "2".to_owned(), "(2**62)".to_owned(),
            "(10**30)".to_owned(), flipped.clone(), flipped, format!("(-{old})")];
        let choices: Vec<&String> = choices.iter().filter(|c| c.as_str() != old).collect();
        let new = *rng.pick(&choices);
        Some(self.replace_token(index, new, "number"))
    }

    /// The matching closing bracket of the opening bracket at token `open`.
    fn matching(&self, open: usize) -> Option<usize> {
        let depth = self.lexed.tokens[open].depth;
        (open + 1..self.lexed.tokens.len()).find(|&i| {
            let t = &self.lexed.tokens[i];
            t.kind == Kind::Op && t.depth == depth + 1 && matches!(t.text(self.text), ")" | "]" | "}")
        })
    }

    /// The top-level parts of the bracket `open..close`, split at `separator`: token ranges.
    fn parts(&self, open: usize, close: usize, separator: &str) -> Vec<(usize, usize)> {
        let depth = self.lexed.tokens[open].depth + 1;
        let mut parts = Vec::new();
        let mut start = open + 1;
        for i in open + 1..close {
            let t = &self.lexed.tokens[i];
            if t.kind == Kind::Op && t.depth == depth && t.text(self.text) == separator {
                parts.push((start, i));
                start = i + 1;
            }
        }
        parts.push((start, close));
        parts
    }

    /// Byte span of the tokens `from..to` (`from == to`: the empty span before `to`).
    fn span(&self, from: usize, to: usize) -> (usize, usize) {
        if from >= to {
            let at = self.lexed.tokens[to].start;
            return (at, at);
        }
        (self.lexed.tokens[from].start, self.lexed.tokens[to - 1].end)
    }

    fn slice(&self, rng: &mut Rng) -> Option<(String, String)> {
        // Subscripts: `[` right after an operand.
        let opens = self.code_tokens(|i| {
            self.token_text(i) == "[" && self.lexed.tokens[i].kind == Kind::Op && self.previous(i).is_some_and(|p| self.ends_operand(p))
        });
        let open = *pick(rng, &opens)?;
        let close = self.matching(open)?;
        let components = self.parts(open, close, ",");
        let (from, to) = *rng.pick(&components);
        let (start, end) = self.span(from, to);
        let old = &self.text[start..end];
        let has_colon = (from..to).any(|i| {
            let t = &self.lexed.tokens[i];
            t.depth == self.lexed.tokens[open].depth + 1 && t.text(self.text) == ":"
        });
        let new = if !has_colon {
            if old.trim().is_empty() {
                return None;
            }
            match rng.below(3) {
                0 => format!("{old}:"),
                1 => format!(":{old}"),
                _ => format!("{old}:{old}"),
            }
        } else {
            let mut bounds: Vec<String> = self.text[start..end].split(':').map(|s| s.trim().to_owned()).collect();
            if bounds.len() != 2 && bounds.len() != 3 || self.parts(open, close, ":").len() == 1 {
                // A colon inside a nested expression (a lambda, a dict): leave it alone.
                return None;
            }
            match rng.below(4) {
                0 => {
                    const WHOLE: [&str; 12] = [":-2", "::2", "::-1", "5:2", "1:1", ":", "1:", ":-1", "-1:", "::3", "2:", ":1"];
                    rng.pick(&WHOLE).to_string()
                }
                1 => {
                    bounds[0] = rng.pick(&["", "0", "1", "-1", "-2", "5"]).to_string();
                    bounds.join(":")
                }
                2 => {
                    bounds[1] = rng.pick(&["", "-1", "-2", "0", "1", "2"]).to_string();
                    bounds.join(":")
                }
                _ => {
                    let step = rng.pick(&["2", "-1", "3", "-2"]).to_string();
                    if bounds.len() == 3 {
                        bounds[2] = step;
                    } else {
                        bounds.push(step);
                    }
                    bounds.join(":")
                }
            }
        };
        Some((
            replace(self.text, start, end, &new),
            format!("line {}: slice `{}` -> `{new}`", self.line_number(open), old.trim()),
        ))
    }

    fn dtype_choices(&self) -> Vec<String> {
        let np = self.numpy.clone().unwrap_or_else(|| "np".to_owned());
        let mut choices: Vec<String> =
            ["float64", "float32", "int64", "int32", "bool_", "complex128", "complex64"].iter().map(|d| format!("{np}.{d}")).collect();
        choices.extend(["bool", "float", "int", "complex"].map(str::to_owned));
        choices
    }

    /// Swaps a dtype, adds a `dtype=` or removes one: the first of the three, in an order
    /// chosen by `rng`, that has somewhere to apply.
    fn dtype(&self, rng: &mut Rng) -> Option<(String, String)> {
        let first = rng.below(3);
        (0..3).find_map(|k| self.dtype_edit((first + k) % 3, rng))
    }

    fn dtype_edit(&self, edit: usize, rng: &mut Rng) -> Option<(String, String)> {
        let np = self.numpy.clone()?;
        let choices = self.dtype_choices();
        match edit {
            0 => {
                // Swap a dtype that is there: `np.float64`, `"int32"`, `dtype=float`.
                let swaps = self.code_tokens(|i| {
                    let text = self.token_text(i);
                    let t = &self.lexed.tokens[i];
                    match t.kind {
                        Kind::Name if DTYPE_NAMES.contains(&text) => {
                            self.previous(i).is_some_and(|p| self.token_text(p) == ".")
                        }
                        Kind::Name if matches!(text, "float" | "int" | "bool") => self
                            .previous(i)
                            .is_some_and(|p| self.token_text(p) == "=" && self.previous(p).is_some_and(|q| self.token_text(q) == "dtype")),
                        Kind::Str => DTYPE_NAMES.contains(&text.trim_matches(['"', '\''])),
                        _ => false,
                    }
                });
                let index = *pick(rng, &swaps)?;
                let token = &self.lexed.tokens[index];
                let (start, what) = if token.kind == Kind::Name && self.previous(index).is_some_and(|p| self.token_text(p) == ".") {
                    // Replace `np.float64` as a whole (the module name too).
                    let dot = self.previous(index)?;
                    let module = self.previous(dot)?;
                    (self.lexed.tokens[module].start, "dtype")
                } else {
                    (token.start, "dtype")
                };
                let new = if token.kind == Kind::Str {
                    let names = ["float64", "float32", "int64", "int32", "bool", "complex128"];
                    format!("\"{}\"", rng.pick(&names))
                } else {
                    rng.pick(&choices).clone()
                };
                Some((
                    replace(self.text, start, token.end, &new),
                    format!("line {}: {what} `{}` -> `{new}`", self.line_number(index), &self.text[start..token.end]),
                ))
            }
            1 => {
                // Add `dtype=` to a constructor call without one.
                let calls = self.code_tokens(|i| {
                    CONSTRUCTORS.contains(&self.token_text(i))
                        && self.previous(i).is_some_and(|p| {
                            self.token_text(p) == "." && self.previous(p).is_some_and(|q| self.token_text(q) == np)
                        })
                        && self.next(i).is_some_and(|n| self.token_text(n) == "(")
                });
                let name = *pick(rng, &calls)?;
                let open = self.next(name)?;
                let close = self.matching(open)?;
                if close == open + 1 || (open..close).any(|i| self.token_text(i) == "dtype") {
                    return None;
                }
                let new = format!(", dtype={}", rng.pick(&choices));
                let at = self.lexed.tokens[close - 1].end;
                Some((
                    replace(self.text, at, at, &new),
                    format!("line {}: added `{}` to `{np}.{}(...)`", self.line_number(name), &new[2..], self.token_text(name)),
                ))
            }
            _ => {
                // Remove a `dtype=` argument.
                let keywords = self.code_tokens(|i| {
                    self.token_text(i) == "dtype"
                        && self.lexed.tokens[i].depth > 0
                        && self.next(i).is_some_and(|n| self.token_text(n) == "=")
                        && self.previous(i).is_some_and(|p| self.token_text(p) == ",")
                });
                let keyword = *pick(rng, &keywords)?;
                let comma = self.previous(keyword)?;
                let depth = self.lexed.tokens[keyword].depth;
                let end = (keyword..self.lexed.tokens.len()).find(|&i| {
                    let t = &self.lexed.tokens[i];
                    t.depth == depth && t.kind == Kind::Op && (t.text(self.text) == "," || t.text(self.text) == ")")
                        || t.depth < depth
                })?;
                let (start, stop) = (self.lexed.tokens[comma].start, self.lexed.tokens[end].start);
                let stop = if self.token_text(end) == "," { self.lexed.tokens[end].start } else { stop };
                Some((
                    replace(self.text, start, stop, ""),
                    format!("line {}: removed `{}`", self.line_number(keyword), self.text[start..stop].trim_start_matches(',').trim()),
                ))
            }
        }
    }

    fn binary_operator(&self, rng: &mut Rng) -> Option<(String, String)> {
        let group_of = |text: &str| -> Option<&'static [&'static str]> {
            [&ARITHMETIC[..], &COMPARISON[..], &AUGMENTED[..], &BITWISE[..], &BOOLEAN[..]]
                .into_iter()
                .find(|group| group.contains(&text))
        };
        let candidates = self.code_tokens(|i| {
            let text = self.token_text(i);
            let kind = self.lexed.tokens[i].kind;
            let binary = self.previous(i).is_some_and(|p| self.ends_operand(p));
            match kind {
                Kind::Op => group_of(text).is_some() && (AUGMENTED.contains(&text) || binary),
                Kind::Name => BOOLEAN.contains(&text),
                _ => false,
            }
        });
        let index = *pick(rng, &candidates)?;
        let old = self.token_text(index);
        let group = group_of(old)?;
        let others: Vec<&str> = group.iter().copied().filter(|&o| o != old).collect();
        let new = *rng.pick(&others);
        Some(self.replace_token(index, new, "operator"))
    }

    fn function(&self, rng: &mut Rng) -> Option<(String, String)> {
        // `np.name(` calls and `.method(` calls.
        let np = self.numpy.clone().unwrap_or_default();
        let is_call = |i: usize| self.next(i).is_some_and(|n| self.token_text(n) == "(");
        let after_module = |i: usize| {
            self.previous(i).is_some_and(|p| {
                self.token_text(p) == "." && self.previous(p).is_some_and(|q| self.token_text(q) == np)
            })
        };
        let numpy_calls = self.code_tokens(|i| self.lexed.tokens[i].kind == Kind::Name && is_call(i) && after_module(i));
        let method_calls = self.code_tokens(|i| {
            METHODS.contains(&self.token_text(i))
                && is_call(i)
                && self.previous(i).is_some_and(|p| self.token_text(p) == ".")
                && !after_module(i)
        });
        let (candidates, pool): (&Vec<usize>, Vec<&str>) = if !numpy_calls.is_empty() && (method_calls.is_empty() || rng.chance(3, 4)) {
            let mut pool: Vec<&str> = Vec::new();
            for &i in &numpy_calls {
                let name = self.token_text(i);
                if !pool.contains(&name) && !CONSTRUCTORS.contains(&name) && !name.starts_with('_') {
                    pool.push(name);
                }
            }
            if pool.len() < 2 || rng.chance(1, 3) {
                pool.extend(EXTRA_FUNCTIONS.iter().filter(|f| !pool.contains(f)).collect::<Vec<_>>());
            }
            (&numpy_calls, pool)
        } else {
            (&method_calls, METHODS.to_vec())
        };
        let index = *pick(rng, candidates)?;
        let old = self.token_text(index);
        let others: Vec<&str> = pool.into_iter().filter(|&n| n != old).collect();
        let new = *pick(rng, &others)?;
        Some(self.replace_token(index, new, "function"))
    }

    fn variable(&self, rng: &mut Rng) -> Option<(String, String)> {
        if self.variables.len() < 2 {
            return None;
        }
        let candidates = self.code_tokens(|i| {
            let text = self.token_text(i);
            self.lexed.tokens[i].kind == Kind::Name
                && self.variables.iter().any(|v| v == text)
                && !self.previous(i).is_some_and(|p| self.token_text(p) == ".")
                && !(self.lexed.tokens[i].depth > 0 && self.next(i).is_some_and(|n| self.token_text(n) == "="))
        });
        let index = *pick(rng, &candidates)?;
        let old = self.token_text(index);
        let others: Vec<&String> = self.variables.iter().filter(|v| *v != old).collect();
        let new = *pick(rng, &others)?;
        Some(self.replace_token(index, new, "variable"))
    }

    // ---- line edits ----

    fn lines(&self) -> Vec<&'a str> {
        self.text.split_inclusive('\n').collect()
    }

    fn logical(&self, statement: usize) -> &Logical {
        &self.lexed.logical[statement]
    }

    fn first_word(&self, statement: usize) -> &'a str {
        self.token_text(self.logical(statement).tokens.start)
    }

    /// A statement that continues the previous block header (`elif`, `else`, `except`...).
    fn is_continuation(&self, statement: usize) -> bool {
        matches!(self.first_word(statement), "elif" | "else" | "except" | "finally")
    }

    /// The physical lines of a statement and, if it opens a block, of its whole body.
    fn block_end(&self, statement: usize) -> usize {
        let line = self.logical(statement);
        if !line.opens_block {
            return line.last;
        }
        let mut last = line.last;
        for next in statement + 1..self.lexed.logical.len() {
            let other = &self.lexed.logical[next];
            let continues = other.indent == line.indent
                && matches!(self.token_text(other.tokens.start), "elif" | "else" | "except" | "finally");
            if other.indent > line.indent || continues {
                last = other.last;
            } else {
                break;
            }
        }
        last
    }

    fn indent_text(&self, statement: usize) -> String {
        " ".repeat(self.logical(statement).indent)
    }

    /// Whether the statement is the only one of its block.
    fn alone_in_block(&self, statement: usize) -> bool {
        let line = self.logical(statement);
        let previous_opens = statement > 0 && self.lexed.logical[statement - 1].opens_block;
        let next_is_out = self.lexed.logical.get(statement + 1).is_none_or(|n| n.indent < line.indent);
        previous_opens && next_is_out
    }

    fn rebuild(&self, replace_lines: std::ops::RangeInclusive<usize>, new: &str) -> String {
        let lines = self.lines();
        let mut out = String::new();
        for (number, line) in lines.iter().enumerate() {
            if number == *replace_lines.start() {
                out.push_str(new);
            }
            if !replace_lines.contains(&number) {
                out.push_str(line);
            }
        }
        out
    }

    fn insert_at(&self, line: usize, new: &str) -> String {
        let lines = self.lines();
        let mut out = String::new();
        for (number, text) in lines.iter().enumerate() {
            if number == line {
                out.push_str(new);
            }
            out.push_str(text);
        }
        if line >= lines.len() {
            out.push_str(new);
        }
        out
    }

    fn physical(&self, first: usize, last: usize) -> String {
        self.lines()[first..=last].concat()
    }

    fn delete_line(&self, rng: &mut Rng) -> Option<(String, String)> {
        let statement = *pick(rng, &self.statements)?;
        let line = self.logical(statement);
        if self.is_continuation(statement) {
            return None;
        }
        let last = self.block_end(statement);
        let old = self.physical(line.first, last);
        let new = if self.alone_in_block(statement) { format!("{}pass\n", self.indent_text(statement)) } else { String::new() };
        Some((self.rebuild(line.first..=last, &new), format!("line {}: deleted `{}`", line.first + 1, first_line(&old))))
    }

    fn duplicate_line(&self, rng: &mut Rng) -> Option<(String, String)> {
        let statement = *pick(rng, &self.statements)?;
        let line = self.logical(statement);
        if self.is_continuation(statement) {
            return None;
        }
        let last = self.block_end(statement);
        let copy = self.physical(line.first, last);
        Some((self.insert_at(last + 1, &copy), format!("line {}: duplicated `{}`", line.first + 1, first_line(&copy))))
    }

    fn swap_lines(&self, rng: &mut Rng) -> Option<(String, String)> {
        let pairs: Vec<usize> = self
            .statements
            .iter()
            .copied()
            .filter(|&s| {
                let a = self.logical(s);
                let Some(b) = self.lexed.logical.get(s + 1) else { return false };
                self.statements.contains(&(s + 1))
                    && a.indent == b.indent
                    && !a.opens_block
                    && !b.opens_block
                    && !self.is_continuation(s + 1)
            })
            .collect();
        let s = *pick(rng, &pairs)?;
        let (a, b) = (self.logical(s), &self.lexed.logical[s + 1]);
        let text_a = self.physical(a.first, a.last);
        let text_b = self.physical(b.first, b.last);
        let mut between = String::new();
        if b.first > a.last + 1 {
            between = self.physical(a.last + 1, b.first - 1);
        }
        Some((
            self.rebuild(a.first..=b.last, &format!("{text_b}{between}{text_a}")),
            format!("line {}: swapped `{}` and `{}`", a.first + 1, first_line(&text_a), first_line(&text_b)),
        ))
    }

    /// The statement's single assigned name, for `x = ...` and `x += ...`.
    fn assignment_target(&self, statement: usize) -> Option<&'a str> {
        let line = self.logical(statement);
        let tokens = line.tokens.clone();
        if tokens.len() < 3 || line.opens_block {
            return None;
        }
        let first = tokens.start;
        let second = self.next(first)?;
        let name = self.token_text(first);
        let op = self.token_text(second);
        (self.lexed.tokens[first].kind == Kind::Name && !is_keyword(name) && (op == "=" || AUGMENTED.contains(&op)))
            .then_some(name)
    }

    fn condition(&self, rng: &mut Rng) -> (String, bool) {
        let truth = rng.chance(1, 2);
        let comparison = if truth { ">" } else { "<" };
        match &self.numpy {
            Some(np) => (format!("{np}.sum({np}.ones(2)) {comparison} 1.0"), truth),
            None => (format!("len([1, 2]) {comparison} 1"), truth),
        }
    }

    fn wrap_in_if(&self, rng: &mut Rng) -> Option<(String, String)> {
        let assignments: Vec<usize> =
            self.statements.iter().copied().filter(|&s| self.assignment_target(s).is_some()).collect();
        let statement = *pick(rng, &assignments)?;
        let line = self.logical(statement);
        let indent = self.indent_text(statement);
        let (condition, truth) = self.condition(rng);
        let body: String = self.lines()[line.first..=line.last].iter().map(|l| format!("    {l}")).collect();
        let new = format!("{indent}if {condition}:\n{body}");
        Some((
            self.rebuild(line.first..=line.last, &new),
            format!("line {}: wrapped `{}` in `if {condition}:` ({truth})", line.first + 1, first_line(&body).trim()),
        ))
    }

    fn insert_before_use(&self, rng: &mut Rng) -> Option<(String, String)> {
        // (statement, name) for each read of a file variable.
        let mut uses: Vec<(usize, &str)> = Vec::new();
        for &statement in &self.statements {
            if self.is_continuation(statement) {
                continue;
            }
            let line = self.logical(statement);
            let target = self.assignment_target(statement);
            for i in line.tokens.clone() {
                let text = self.token_text(i);
                if self.lexed.tokens[i].kind != Kind::Name || !self.variables.iter().any(|v| v == text) {
                    continue;
                }
                if i == line.tokens.start && target.is_some() && self.token_text(self.next(i).unwrap_or(i)) == "=" {
                    continue;
                }
                if self.previous(i).is_some_and(|p| self.token_text(p) == ".") {
                    continue;
                }
                if !uses.contains(&(statement, text)) {
                    uses.push((statement, text));
                }
            }
        }
        let &(statement, name) = pick(rng, &uses)?;
        let forms = ["{x} = 0", "{x} = 1", "{x} = -1", "{x} = 2.5", "{x} = {x} / 2", "{x} = {x} * 2", "{x} = {x} + 1", "{x} = -{x}", "{x} = {x} // 2"];
        let inserted = rng.pick(&forms).replace("{x}", name);
        let line = self.logical(statement);
        Some((
            self.insert_at(line.first, &format!("{}{inserted}\n", self.indent_text(statement))),
            format!("line {}: inserted `{inserted}` before a use of `{name}`", line.first + 1),
        ))
    }

    fn print_after_assignment(&self, rng: &mut Rng) -> Option<(String, String)> {
        let assignments: Vec<usize> =
            self.statements.iter().copied().filter(|&s| self.assignment_target(s).is_some()).collect();
        let statement = *pick(rng, &assignments)?;
        let name = self.assignment_target(statement)?;
        let line = self.logical(statement);
        Some((
            self.insert_at(line.last + 1, &format!("{}print({name})\n", self.indent_text(statement))),
            format!("line {}: inserted `print({name})` after the assignment", line.last + 2),
        ))
    }
}

fn pick<'b, T>(rng: &mut Rng, items: &'b [T]) -> Option<&'b T> {
    (!items.is_empty()).then(|| rng.pick(items))
}

fn first_line(text: &str) -> String {
    let line = text.lines().next().unwrap_or("").trim();
    let short: String = line.chars().take(60).collect();
    if short.len() < line.len() {
        format!("{short}...")
    } else {
        short
    }
}

/// NumPy's alias in an import statement's words.
fn numpy_alias(words: &[&str]) -> Option<String> {
    let modules = ["numpy", "legate", "cupynumeric"];
    if words.first() != Some(&"import") || !words.get(1).is_some_and(|m| modules.contains(m)) {
        return None;
    }
    match words.iter().position(|w| *w == "as") {
        Some(at) => words.get(at + 1).map(|s| s.to_string()),
        None => Some(words[1..].concat()),
    }
}

/// Names a statement assigns: `x = ...`, `x += ...`, `a, b = ...`, `for i in`, `def f(a, b)`.
fn assigned_names(text: &str, lexed: &Lexed, line: &Logical) -> Vec<String> {
    let tokens: Vec<&str> = lexed.tokens[line.tokens.clone()]
        .iter()
        .filter(|t| t.kind != Kind::Comment)
        .map(|t| t.text(text))
        .collect();
    let kinds: Vec<Kind> =
        lexed.tokens[line.tokens.clone()].iter().filter(|t| t.kind != Kind::Comment).map(|t| t.kind).collect();
    let mut names = Vec::new();
    let is_name = |i: usize| kinds.get(i) == Some(&Kind::Name) && !is_keyword(tokens[i]);
    match tokens.first() {
        Some(&"for") => {
            for (i, t) in tokens.iter().enumerate().skip(1) {
                if *t == "in" {
                    break;
                }
                if is_name(i) {
                    names.push(t.to_string());
                }
            }
        }
        Some(&"def") => {
            // Parameters: names right after `(` or `,` at depth 1.
            for i in 2..tokens.len() {
                if matches!(tokens[i - 1], "(" | ",") && is_name(i) {
                    names.push(tokens[i].to_string());
                }
            }
        }
        _ => {
            // Targets before the first top-level `=`.
            let depths: Vec<usize> =
                lexed.tokens[line.tokens.clone()].iter().filter(|t| t.kind != Kind::Comment).map(|t| t.depth).collect();
            if let Some(eq) = (0..tokens.len()).find(|&i| depths[i] == depths[0] && (tokens[i] == "=" || AUGMENTED.contains(&tokens[i]))) {
                for i in 0..eq {
                    if is_name(i) && (i == 0 || matches!(tokens[i - 1], "," | "(")) && tokens.get(i + 1).is_some_and(|n| matches!(*n, "," | "=" | ")") || AUGMENTED.contains(n)) {
                        names.push(tokens[i].to_string());
                    }
                }
            }
        }
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    const PROGRAM: &str = "# rtol: 1e-9\n# args: -n 3\nimport numpy as np\n\nn = 10\nx = np.arange(n, dtype=np.float64)\ntotal = 0.0\nfor i in range(n):\n    total += x[i] * 2\n    if total > 5:\n        total = total - 1\n    else:\n        total = total + 1\ny = x[1:-1] + x[::2][:4]\nprint(total, np.sum(y), np.max(x), x.mean())\n";

    fn header_kept(text: &str) {
        assert!(text.starts_with("# rtol: 1e-9\n# args: -n 3\nimport numpy as np\n"), "{text}");
    }

    #[test]
    fn every_operator_applies_and_keeps_the_header() {
        for (operator, _) in OPERATORS {
            let mut applied = false;
            for seed in 0..200 {
                let mut rng = Rng::new(seed);
                if let Some((text, description)) = apply(operator, PROGRAM, &mut rng) {
                    header_kept(&text);
                    assert_ne!(text, PROGRAM, "{operator:?} {description}");
                    applied = true;
                }
            }
            assert!(applied, "{operator:?} never applied");
        }
    }

    #[test]
    fn mutants_are_a_function_of_the_seed() {
        for seed in 0..50 {
            let a = mutate(PROGRAM, &mut Rng::for_item(seed, 7));
            let b = mutate(PROGRAM, &mut Rng::for_item(seed, 7));
            assert_eq!(a, b);
            let mutant = a.expect("the program has code");
            assert!((1..=3).contains(&mutant.mutations.len()));
            header_kept(&mutant.text);
        }
        let different = (0..20).filter(|&s| mutate(PROGRAM, &mut Rng::for_item(s, 0)) != mutate(PROGRAM, &mut Rng::for_item(s + 1, 0))).count();
        assert!(different > 15);
    }

    #[test]
    fn wrap_and_insert_keep_indentation() {
        let mut seen_wrap = false;
        for seed in 0..100 {
            if let Some((text, description)) = apply(Operator::WrapInIf, PROGRAM, &mut Rng::new(seed)) {
                if description.contains("`total = total - 1`") {
                    assert!(text.contains("        if np.sum(np.ones(2)) "), "{text}");
                    assert!(text.contains("\n            total = total - 1\n"), "{text}");
                    seen_wrap = true;
                }
            }
        }
        assert!(seen_wrap);
    }

    #[test]
    fn finds_variables_and_the_numpy_alias() {
        let program = Program::new(PROGRAM);
        assert_eq!(program.numpy.as_deref(), Some("np"));
        assert_eq!(program.variables, vec!["n", "x", "total", "i", "y"]);
        let legate = Program::new("import legate.numpy as lnp\na, b = 1, 2\n");
        assert_eq!(legate.numpy.as_deref(), Some("lnp"));
        assert_eq!(legate.variables, vec!["a", "b"]);
    }
}
