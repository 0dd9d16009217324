//! Reads the IR's text form (what [`crate::print::print_module`] writes) back into a
//! [`Module`]: `print(parse(print(m))) == print(m)`. Pass tests start from this text.
//!
//! The rules for what the text leaves implicit (expression types, spans, shared names)
//! are stated in [`crate::print`]. Expressions are trees in the text: an expression
//! used twice in the module becomes two expressions here, which prints the same.

use std::collections::{HashMap, HashSet};
use std::fmt;

use crate::arena::{Arena, Handle};
use crate::module::*;
use crate::program::{Module, Stage};
use crate::plan::{ArrayId, ArrayPlan, Comm, Event, Fill, LaunchPlan, Layout, LoopPlan, Plan, Template, Transfer};
use crate::print::implied_type;
use crate::span::Span;
use crate::sym::SymExpr;
use crate::types::{DType, Type};

/// A syntax or reference error, at a 1-based line and column of the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    pub line: usize,
    pub col: usize,
    pub message: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.line, self.col, self.message)
    }
}

impl std::error::Error for ParseError {}

/// Parses a module from its text form.
pub fn parse(text: &str) -> Result<Module, ParseError> {
    let tokens = lex(text)?;
    let mut p = Parser { tokens, pos: 0, function_names: HashMap::new(), global_names: HashMap::new(), stmt_ids: HashSet::new() };
    p.module()
}

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    /// A bare word: keywords, operator names, types (`py.i64`), symbolic names.
    Word(String),
    /// `%name` (a local, or a kernel expression `%3`).
    Local(String),
    /// `@name` (a global or a function).
    Global(String),
    Int(i64),
    Float(f64),
    Str(String),
    Punct(&'static str),
    Newline,
    End,
}

impl fmt::Display for Tok {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Tok::Word(w) => write!(f, "`{w}`"),
            Tok::Local(n) => write!(f, "`%{n}`"),
            Tok::Global(n) => write!(f, "`@{n}`"),
            Tok::Int(i) => write!(f, "`{i}`"),
            Tok::Float(x) => write!(f, "`{x:?}`"),
            Tok::Str(s) => write!(f, "{s:?}"),
            Tok::Punct(p) => write!(f, "`{p}`"),
            Tok::Newline => f.write_str("the end of the line"),
            Tok::End => f.write_str("the end of the text"),
        }
    }
}

struct Token {
    tok: Tok,
    line: usize,
    col: usize,
}

const PUNCTS: [&str; 17] = ["->", "..", "//", "(", ")", "[", "]", "{", "}", ",", ":", "=", "+", "-", "*", "?", "#"];

/// Characters of names: Python identifiers (which may be Unicode) and the `.` of
/// `x.2`, `args.n`, `cmp.Eq`, `py.i64`.
fn is_name_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '.'
}

fn lex(text: &str) -> Result<Vec<Token>, ParseError> {
    let chars: Vec<char> = text.chars().collect();
    let mut tokens = Vec::new();
    let (mut i, mut line, mut line_start) = (0, 1, 0);
    while i < chars.len() {
        let c = chars[i];
        let col = i - line_start + 1;
        let err = |message: String| ParseError { line, col, message };
        let start = i;
        let tok = if c == '\n' {
            i += 1;
            let t = Token { tok: Tok::Newline, line, col };
            line += 1;
            line_start = i;
            tokens.push(t);
            continue;
        } else if c == ' ' || c == '\t' || c == '\r' {
            i += 1;
            continue;
        } else if c == '%' || c == '@' {
            i += 1;
            // After a sigil also `<` and `>`: a nested function's qualified name,
            // `@fit.<locals>.loss` (the IR's text prints no `<` or `>` otherwise).
            while i < chars.len() && (is_name_char(chars[i]) || chars[i] == '<' || chars[i] == '>') {
                i += 1;
            }
            // A shared name carries its arena index: `%t1#4`.
            if i + 1 < chars.len() && chars[i] == '#' && chars[i + 1].is_ascii_digit() {
                i += 1;
                while i < chars.len() && chars[i].is_ascii_digit() {
                    i += 1;
                }
            }
            let name: String = chars[start + 1..i].iter().collect();
            if name.is_empty() {
                return Err(err(format!("a name must follow `{c}`")));
            }
            if c == '%' {
                Tok::Local(name)
            } else {
                Tok::Global(name)
            }
        } else if c == '"' {
            i += 1;
            let mut s = String::new();
            loop {
                let Some(&c) = chars.get(i) else { return Err(err("unterminated string".into())) };
                i += 1;
                match c {
                    '"' => break,
                    '\n' => return Err(err("unterminated string".into())),
                    '\\' => {
                        let Some(&e) = chars.get(i) else { return Err(err("unterminated string".into())) };
                        i += 1;
                        s.push(match e {
                            'n' => '\n',
                            't' => '\t',
                            'r' => '\r',
                            '0' => '\0',
                            '\\' | '"' | '\'' => e,
                            'u' => {
                                let close = chars[i..].iter().position(|&c| c == '}');
                                let code = match (chars.get(i), close) {
                                    (Some('{'), Some(close)) => {
                                        let hex: String = chars[i + 1..i + close].iter().collect();
                                        i += close + 1;
                                        u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32)
                                    }
                                    _ => None,
                                };
                                code.ok_or_else(|| err("bad `\\u{...}` escape in a string".into()))?
                            }
                            other => return Err(err(format!("unknown escape `\\{other}` in a string"))),
                        });
                    }
                    c => s.push(c),
                }
            }
            Tok::Str(s)
        } else if c.is_ascii_digit() || (c == '-' && chars.get(i + 1).is_some_and(|d| d.is_ascii_digit())) {
            i += 1;
            while i < chars.len() && chars[i].is_ascii_digit() {
                i += 1;
            }
            let mut float = false;
            if i + 1 < chars.len() && chars[i] == '.' && chars[i + 1].is_ascii_digit() {
                float = true;
                i += 1;
                while i < chars.len() && chars[i].is_ascii_digit() {
                    i += 1;
                }
            }
            if i < chars.len() && chars[i] == 'e' {
                let digits = if chars.get(i + 1) == Some(&'-') { i + 2 } else { i + 1 };
                if chars.get(digits).is_some_and(|d| d.is_ascii_digit()) {
                    float = true;
                    i = digits;
                    while i < chars.len() && chars[i].is_ascii_digit() {
                        i += 1;
                    }
                }
            }
            let s: String = chars[start..i].iter().collect();
            if float {
                Tok::Float(s.parse().map_err(|_| err(format!("bad number `{s}`")))?)
            } else {
                Tok::Int(s.parse().map_err(|_| err(format!("integer `{s}` out of range")))?)
            }
        } else if c == '-' && chars[i + 1..].starts_with(&['i', 'n', 'f']) {
            i += 4;
            Tok::Float(f64::NEG_INFINITY)
        } else if c.is_alphabetic() || c == '_' {
            while i < chars.len() && is_name_char(chars[i]) {
                i += 1;
            }
            Tok::Word(chars[start..i].iter().collect())
        } else if let Some(p) = PUNCTS.iter().find(|p| chars[i..].starts_with(&p.chars().collect::<Vec<_>>())) {
            i += p.chars().count();
            Tok::Punct(p)
        } else {
            return Err(err(format!("unexpected character `{c}`")));
        };
        tokens.push(Token { tok, line, col });
    }
    let col = chars.len() - line_start + 1;
    tokens.push(Token { tok: Tok::End, line, col });
    Ok(tokens)
}

struct Parser {
    tokens: Vec<Token>,
    pos: usize,
    /// Function names as written (with `#index` where shared), to their handles.
    function_names: HashMap<String, FuncId>,
    global_names: HashMap<String, GlobalId>,
    /// The statement ids of the function being parsed.
    stmt_ids: HashSet<StmtId>,
}

type PResult<T> = Result<T, ParseError>;

/// The locals of the function being parsed, by their names as written.
struct Scope {
    locals: HashMap<String, VarId>,
}

impl Parser {
    fn peek(&self) -> &Tok {
        &self.tokens[self.pos].tok
    }
    fn peek_at(&self, ahead: usize) -> &Tok {
        &self.tokens[(self.pos + ahead).min(self.tokens.len() - 1)].tok
    }
    fn next(&mut self) -> Tok {
        let t = self.tokens[self.pos].tok.clone();
        if self.pos + 1 < self.tokens.len() {
            self.pos += 1;
        }
        t
    }
    fn error_at(&self, pos: usize, message: String) -> ParseError {
        let t = &self.tokens[pos.min(self.tokens.len() - 1)];
        ParseError { line: t.line, col: t.col, message }
    }
    fn error<T>(&self, message: impl Into<String>) -> PResult<T> {
        Err(self.error_at(self.pos, message.into()))
    }
    fn unexpected<T>(&self, wanted: &str) -> PResult<T> {
        self.error(format!("expected {wanted}, found {}", self.peek()))
    }
    fn is_punct(&self, p: &str) -> bool {
        matches!(self.peek(), Tok::Punct(q) if *q == p)
    }
    fn is_word(&self, w: &str) -> bool {
        matches!(self.peek(), Tok::Word(v) if v == w)
    }
    fn eat_punct(&mut self, p: &str) -> bool {
        let found = self.is_punct(p);
        if found {
            self.next();
        }
        found
    }
    fn eat_word(&mut self, w: &str) -> bool {
        let found = self.is_word(w);
        if found {
            self.next();
        }
        found
    }
    fn punct(&mut self, p: &str) -> PResult<()> {
        if self.eat_punct(p) {
            Ok(())
        } else {
            self.unexpected(&format!("`{p}`"))
        }
    }
    fn word(&mut self, w: &str) -> PResult<()> {
        if self.eat_word(w) {
            Ok(())
        } else {
            self.unexpected(&format!("`{w}`"))
        }
    }
    fn any_word(&mut self, what: &str) -> PResult<String> {
        match self.peek().clone() {
            Tok::Word(w) => {
                self.next();
                Ok(w)
            }
            _ => self.unexpected(what),
        }
    }
    fn int(&mut self) -> PResult<i64> {
        match self.peek() {
            Tok::Int(i) => {
                let i = *i;
                self.next();
                Ok(i)
            }
            _ => self.unexpected("an integer"),
        }
    }
    fn usize(&mut self) -> PResult<usize> {
        let at = self.pos;
        let i = self.int()?;
        usize::try_from(i).map_err(|_| self.error_at(at, format!("expected a non-negative integer, found `{i}`")))
    }
    fn string(&mut self) -> PResult<String> {
        match self.peek().clone() {
            Tok::Str(s) => {
                self.next();
                Ok(s)
            }
            _ => self.unexpected("a string"),
        }
    }
    fn newline(&mut self) -> PResult<()> {
        match self.peek() {
            Tok::Newline => {
                self.next();
                Ok(())
            }
            Tok::End => Ok(()),
            _ => self.unexpected("the end of the line"),
        }
    }
    fn skip_blank_lines(&mut self) {
        while *self.peek() == Tok::Newline {
            self.next();
        }
    }
    /// `key=`, the start of a keyword field.
    fn key(&mut self, key: &str) -> PResult<()> {
        self.word(key)?;
        self.punct("=")
    }
    /// A comma-separated list up to `close` (consumed).
    fn list<T>(&mut self, close: &str, mut item: impl FnMut(&mut Self) -> PResult<T>) -> PResult<Vec<T>> {
        let mut items = Vec::new();
        if self.eat_punct(close) {
            return Ok(items);
        }
        loop {
            items.push(item(self)?);
            if self.eat_punct(close) {
                return Ok(items);
            }
            self.punct(",")?;
        }
    }
    /// ` loc(start..end)`, or the empty span at 0.
    fn loc(&mut self) -> PResult<Span> {
        if !self.eat_word("loc") {
            return Ok(Span::default());
        }
        self.punct("(")?;
        let start = self.span_offset()?;
        self.punct("..")?;
        let end = self.span_offset()?;
        self.punct(")")?;
        Ok(Span { start, end })
    }
    fn span_offset(&mut self) -> PResult<u32> {
        let at = self.pos;
        let i = self.int()?;
        u32::try_from(i).map_err(|_| self.error_at(at, format!("span offset `{i}` out of range")))
    }

    fn module(&mut self) -> PResult<Module> {
        self.skip_blank_lines();
        self.word("module")?;
        self.key("stage")?;
        let stage = match self.any_word("a stage")?.as_str() {
            "tensor" => Stage::Tensor,
            "distributed" => Stage::Distributed,
            other => return Err(self.error_at(self.pos - 1, format!("unknown stage `{other}`"))),
        };
        let mut main_index = 0;
        if self.is_word("main") {
            self.key("main")?;
            main_index = self.usize()?;
        }
        self.newline()?;
        let mut module = Module { stage, ..Module::new() };
        module.functions = Arena::new();
        self.skip_blank_lines();
        while self.is_word("global") {
            self.next();
            let at = self.pos;
            let name = self.declared_name(module.globals.len(), false)?;
            self.punct(":")?;
            let ty = self.ty()?;
            let shape = self.opt_shape()?;
            self.newline()?;
            let g = module.globals.push(Var { name: name.clone(), ty });
            if let Some(shape) = shape {
                module.global_shapes.insert(g, shape);
            }
            let written = self.tokens[at].tok.clone();
            let Tok::Global(written) = written else { unreachable!("declared_name read a global") };
            if self.global_names.insert(written.clone(), g).is_some() {
                return Err(self.error_at(at, format!("global `@{written}` declared twice")));
            }
            self.skip_blank_lines();
        }
        while self.is_word("kernel") {
            let k = self.kernel(module.kernels.len())?;
            module.kernels.push(k);
            self.skip_blank_lines();
        }
        // Functions may call functions printed after them: learn every name first.
        let start = self.pos;
        let mut index = 0;
        while !matches!(self.peek(), Tok::End) {
            let line_start = self.pos == 0 || self.tokens[self.pos - 1].tok == Tok::Newline;
            if line_start && self.is_word("func") {
                if let Tok::Global(name) = self.peek_at(1).clone() {
                    if self.function_names.insert(name.clone(), Handle::new(index)).is_some() {
                        return Err(self.error_at(self.pos + 1, format!("function `@{name}` defined twice")));
                    }
                    index += 1;
                }
            }
            self.next();
        }
        self.pos = start;
        while self.is_word("func") {
            let f = self.function(&module)?;
            module.functions.push(f);
            self.skip_blank_lines();
        }
        if self.is_word("plan") {
            module.plan = Some(self.plan(&module)?);
            self.skip_blank_lines();
        }
        if !matches!(self.peek(), Tok::End) {
            return self.unexpected("`global`, `kernel`, `func` or `plan` (in that order)");
        }
        if main_index >= module.functions.len() {
            return Err(ParseError { line: 1, col: 1, message: format!("the module has no function {main_index} to be its body") });
        }
        module.main = Handle::new(main_index);
        Ok(module)
    }

    /// `plan { ... }` (see `print::print_plan`).
    fn plan(&mut self, m: &Module) -> PResult<Plan> {
        self.word("plan")?;
        self.punct("{")?;
        self.newline()?;
        let mut plan = Plan::default();
        while self.eat_word("array") {
            let at = self.pos;
            if self.usize()? != plan.arrays.len() {
                return Err(self.error_at(at, format!("expected array {}", plan.arrays.len())));
            }
            let name = self.string()?;
            let ndim = self.usize()?;
            self.word("d")?;
            self.key("item")?;
            let item = self.usize()?;
            let shape = self.opt_shape()?.ok_or_else(|| self.error_at(self.pos, "expected `shape=(...)`".into()))?;
            self.word("made_by")?;
            let origin = self.stmt_ref(m)?;
            let layout = if self.eat_word("replicated") {
                let why = if self.eat_punct("(") {
                    let why = self.string()?;
                    self.punct(",")?;
                    let by = self.stmt_ref(m)?;
                    self.punct(")")?;
                    Some((why, by))
                } else {
                    None
                };
                Layout::Replicated { why }
            } else {
                self.word("rows")?;
                self.key("halo")?;
                self.punct("(")?;
                let below = self.u32()?;
                self.punct(",")?;
                let above = self.u32()?;
                self.punct(")")?;
                self.key("template")?;
                let template = if self.eat_word("own") {
                    Template::Own
                } else if self.eat_word("var") {
                    Template::Var
                } else {
                    self.word("aligned")?;
                    self.punct("(")?;
                    let with = ArrayId(self.u32()?);
                    self.punct(",")?;
                    let offset = if self.eat_punct("?") { None } else { Some(self.int()?) };
                    self.punct(")")?;
                    Template::Aligned { with, offset }
                };
                let along = if self.is_word("along") {
                    self.key("along")?;
                    Some(self.u32()?)
                } else {
                    None
                };
                Layout::Rows { halo: (below, above), template, along }
            };
            let copy_of = if self.is_word("copy_of") {
                self.key("copy_of")?;
                Some(ArrayId(self.u32()?))
            } else {
                None
            };
            self.newline()?;
            plan.arrays.push(ArrayPlan { name, ndim, item, shape, origin, layout, copy_of });
        }
        while self.eat_word("comm") {
            let stmt = self.stmt_ref(m)?;
            self.punct(":")?;
            let mut comms = vec![self.comm()?];
            while self.eat_punct(",") {
                comms.push(self.comm()?);
            }
            self.newline()?;
            plan.comm.insert(stmt, comms);
        }
        while self.eat_word("loop") {
            let stmt = self.stmt_ref(m)?;
            self.punct(":")?;
            let mut events = Vec::new();
            while !matches!(self.peek(), Tok::Newline) {
                if !events.is_empty() {
                    self.punct(",")?;
                }
                let comm = self.comm()?;
                self.word("at")?;
                events.push(Event { stmt: self.stmt_ref(m)?, comm });
            }
            self.newline()?;
            plan.loops.push(LoopPlan { stmt, events });
        }
        while self.eat_word("outside") {
            let comm = self.comm()?;
            self.word("at")?;
            let stmt = self.stmt_ref(m)?;
            self.newline()?;
            plan.outside.push(Event { stmt, comm });
        }
        while self.eat_word("to_host") {
            let array = ArrayId(self.u32()?);
            let why = self.string()?;
            self.word("at")?;
            let stmt = self.stmt_ref(m)?;
            let in_loop = if self.eat_word("in") { Some(self.stmt_ref(m)?) } else { None };
            self.newline()?;
            plan.transfers.push(Transfer { array, stmt, why, in_loop });
        }
        while self.eat_word("fill") {
            let array = ArrayId(self.u32()?);
            self.word("at")?;
            let stmt = self.stmt_ref(m)?;
            let jumps = if self.eat_word("jumps") {
                true
            } else {
                self.word("draws_through")?;
                false
            };
            self.newline()?;
            plan.fills.push(Fill { array, stmt, jumps });
        }
        while self.eat_word("launch") {
            let stmt = self.stmt_ref(m)?;
            let split = if self.eat_word("split") {
                true
            } else {
                self.word("whole")?;
                false
            };
            let dst = if self.eat_punct("->") {
                let array = ArrayId(self.u32()?);
                self.punct(":")?;
                let row = if self.eat_punct("?") { None } else { Some(self.int()?) };
                Some((array, row))
            } else {
                None
            };
            let mut operands = Vec::new();
            while !matches!(self.peek(), Tok::Newline) {
                if self.eat_punct("?") {
                    operands.push(None);
                    continue;
                }
                let array = ArrayId(self.u32()?);
                self.punct(":")?;
                let row = if self.eat_punct("?") { None } else { Some(self.int()?) };
                operands.push(Some((array, row)));
            }
            self.newline()?;
            plan.launches.insert(stmt, LaunchPlan { split, dst, operands });
        }
        self.punct("}")?;
        self.newline()?;
        Ok(plan)
    }

    fn u32(&mut self) -> PResult<u32> {
        let at = self.pos;
        let v = self.int()?;
        u32::try_from(v).map_err(|_| self.error_at(at, format!("`{v}` out of range")))
    }

    /// `@function s12`.
    fn stmt_ref(&mut self, m: &Module) -> PResult<StmtRef> {
        let at = self.pos;
        let Tok::Global(name) = self.next() else { return Err(self.error_at(at, "expected `@function`".into())) };
        let func = *self.function_names.get(&name).ok_or_else(|| self.error_at(at, format!("no function `@{name}`")))?;
        if func.index() >= m.functions.len() {
            return Err(self.error_at(at, format!("no function `@{name}`")));
        }
        let at = self.pos;
        let Tok::Word(w) = self.next() else { return Err(self.error_at(at, "expected a statement id `sN`".into())) };
        let stmt = w.strip_prefix('s').and_then(|n| n.parse::<u32>().ok()).map(StmtId);
        let stmt = stmt.ok_or_else(|| self.error_at(at, format!("expected a statement id `sN`, found `{w}`")))?;
        Ok(StmtRef { func, stmt })
    }

    /// One communication: `exchange 0`, `allreduce`, `fetch 0`, `gather(0, "why")`, `broadcast 0`.
    fn comm(&mut self) -> PResult<Comm> {
        let at = self.pos;
        let w = self.any_word("a communication")?;
        Ok(match w.as_str() {
            "exchange" => Comm::HaloExchange { array: ArrayId(self.u32()?) },
            "allreduce" => Comm::Allreduce,
            "read_split" => Comm::ReadSplit,
            "fetch" => Comm::Fetch { array: ArrayId(self.u32()?) },
            "broadcast" => Comm::Broadcast { array: ArrayId(self.u32()?) },
            "shuffle" => Comm::Shuffle { array: ArrayId(self.u32()?) },
            "gather" => {
                self.punct("(")?;
                let array = ArrayId(self.u32()?);
                self.punct(",")?;
                let why = self.string()?;
                self.punct(")")?;
                Comm::Gather { array, why }
            }
            other => return Err(self.error_at(at, format!("unknown communication `{other}`"))),
        })
    }

    /// The name of a declaration (`@g`, `%x`), checking a `#index` against `index`.
    fn declared_name(&mut self, index: usize, local: bool) -> PResult<String> {
        let written = match (self.peek().clone(), local) {
            (Tok::Global(n), false) | (Tok::Local(n), true) => n,
            _ => return self.unexpected(if local { "a local `%name`" } else { "a global `@name`" }),
        };
        match written.rsplit_once('#') {
            Some((name, i)) if i.parse::<usize>().ok() == Some(index) => {
                self.next();
                Ok(name.to_string())
            }
            Some(_) => self.error(format!("`{written}`: the number after `#` must be the declaration's index, {index}")),
            None => {
                self.next();
                Ok(written)
            }
        }
    }

    fn opt_shape(&mut self) -> PResult<Option<Vec<SymExpr>>> {
        if !self.is_word("shape") {
            return Ok(None);
        }
        self.key("shape")?;
        self.punct("(")?;
        self.list(")", Self::sym).map(Some)
    }

    fn sym(&mut self) -> PResult<SymExpr> {
        match self.next() {
            Tok::Int(i) => Ok(SymExpr::Const(i)),
            Tok::Word(w) => Ok(SymExpr::Value(w)),
            Tok::Punct("?") => Ok(SymExpr::Unknown),
            Tok::Punct("(") => {
                let a = Box::new(self.sym()?);
                let op = self.next();
                let b = Box::new(self.sym()?);
                self.punct(")")?;
                Ok(match op {
                    Tok::Punct("+") => SymExpr::Add(a, b),
                    Tok::Punct("-") => SymExpr::Sub(a, b),
                    Tok::Punct("*") => SymExpr::Mul(a, b),
                    Tok::Punct("//") => SymExpr::FloorDiv(a, b),
                    other => return Err(self.error_at(self.pos - 1, format!("expected `+`, `-`, `*` or `//`, found {other}"))),
                })
            }
            other => Err(self.error_at(self.pos - 1, format!("expected a symbolic extent, found {other}"))),
        }
    }

    fn dtype(&mut self) -> PResult<DType> {
        let at = self.pos;
        let w = self.any_word("a dtype")?;
        dtype_named(&w).ok_or_else(|| self.error_at(at, format!("unknown dtype `{w}`")))
    }

    fn ty(&mut self) -> PResult<Type> {
        let at = self.pos;
        let w = self.any_word("a type")?;
        if w == "str" {
            return Ok(Type::Str);
        }
        if w == "none" {
            return Ok(Type::None);
        }
        if w == "list" {
            self.punct("[")?;
            let item = self.ty()?;
            self.punct("]")?;
            return Ok(Type::list(item));
        }
        if let Some(d) = w.strip_prefix("py.").and_then(dtype_named) {
            return Ok(Type::Scalar { dtype: d, weak: true });
        }
        let Some(dtype) = dtype_named(&w) else { return Err(self.error_at(at, format!("unknown type `{w}`"))) };
        if !self.eat_punct("[") {
            return Ok(Type::scalar(dtype));
        }
        let ndim = self.usize()?;
        self.word("d")?;
        self.punct("]")?;
        Ok(Type::Array { dtype, ndim })
    }

    fn kernel(&mut self, index: usize) -> PResult<Kernel> {
        self.word("kernel")?;
        let at = self.pos;
        if self.any_word("a kernel number")? != format!("k{index}") {
            return Err(self.error_at(at, format!("kernels are numbered in order: expected `k{index}`")));
        }
        let name = self.string()?;
        self.key("rank")?;
        let ndim = self.usize()?;
        self.punct("(")?;
        let mut n = 0;
        let arrays = self.list(")", |p| {
            p.numbered_word("a", n)?;
            n += 1;
            p.punct(":")?;
            let at = p.pos;
            match p.ty()? {
                Type::Array { dtype, ndim } => Ok(KernelArray { dtype, ndim }),
                _ => Err(p.error_at(at, "a kernel's array operand has an array type, `f64[2d]`".into())),
            }
        })?;
        self.punct("(")?;
        let mut n = 0;
        let scalars = self.list(")", |p| {
            p.numbered_word("s", n)?;
            n += 1;
            p.punct(":")?;
            p.dtype()
        })?;
        self.punct("->")?;
        let output = match self.any_word("`store`, `reduce_all` or `reduce_axis`")?.as_str() {
            "store" => {
                let dtype = self.dtype()?;
                if self.is_word("reduce_all") {
                    self.any_word("`reduce_all`")?;
                    let op = self.named(REDUCE_OPS, "a reduction")?;
                    let acc = self.dtype()?;
                    // Defined in the body below: its bounds are checked once that is read.
                    let value = self.kref(usize::MAX)?;
                    KernelOutput::StoreReduce { dtype, op, acc, value }
                } else {
                    KernelOutput::Store { dtype }
                }
            }
            "reduce_all" => KernelOutput::ReduceAll { op: self.named(REDUCE_OPS, "a reduction")?, dtype: self.dtype()? },
            "reduce_axis" => {
                let op = self.named(REDUCE_OPS, "a reduction")?;
                let dtype = self.dtype()?;
                self.key("axis")?;
                KernelOutput::ReduceAxis { op, dtype, axis: self.usize()? }
            }
            other => return Err(self.error_at(self.pos - 1, format!("unknown kernel output `{other}`"))),
        };
        // `also(a3 = %12, a4 = %20)`: further outputs, the last array operands in order.
        let mut also = Vec::new();
        if self.eat_word("also") {
            self.punct("(")?;
            let first = arrays.len();
            let outputs = self.list(")", |p| {
                let at = p.pos;
                let slot = match p.next() {
                    Tok::Word(w) => w.strip_prefix('a').and_then(|n| n.parse::<usize>().ok()),
                    _ => None,
                };
                let slot = slot.ok_or_else(|| p.error_at(at, "a further output names its array operand, `a3 = %12`".into()))?;
                p.punct("=")?;
                Ok((at, slot, p.kref(usize::MAX)?))
            })?;
            let base = first.saturating_sub(outputs.len());
            for (j, (at, slot, value)) in outputs.into_iter().enumerate() {
                if slot != base + j {
                    return Err(self.error_at(at, format!("further outputs are the last array operands in order: expected `a{}`", base + j)));
                }
                also.push(value);
            }
        }
        let span = self.loc()?;
        self.punct("{")?;
        self.newline()?;
        let mut k = Kernel {
            name,
            ndim,
            arrays,
            scalars,
            output,
            exprs: Arena::new(),
            expr_types: Default::default(),
            root: Handle::new(0),
            also,
            span,
        };
        while !self.is_word("yield") {
            let at = self.pos;
            let expected = k.exprs.len().to_string();
            match self.next() {
                Tok::Local(n) if n == expected => {}
                _ => return Err(self.error_at(at, format!("kernel expressions are numbered in order: expected `%{expected}`"))),
            }
            self.punct("=")?;
            let e = self.kexpr(k.exprs.len())?;
            self.punct(":")?;
            let dtype = self.dtype()?;
            self.newline()?;
            k.add_expr(e, dtype);
        }
        self.word("yield")?;
        k.root = self.kref(k.exprs.len())?;
        if let KernelOutput::StoreReduce { value, .. } = k.output {
            if value.index() >= k.exprs.len() {
                return Err(self.error_at(self.pos - 1, format!("the reduced value `%{}` is not a kernel expression", value.index())));
            }
        }
        if let Some(value) = k.also.iter().find(|v| v.index() >= k.exprs.len()) {
            return Err(self.error_at(self.pos - 1, format!("the further output `%{}` is not a kernel expression", value.index())));
        }
        self.newline()?;
        self.punct("}")?;
        self.newline()?;
        Ok(k)
    }

    /// `a3`, `s0`: a word made of `prefix` and the number `n`.
    fn numbered_word(&mut self, prefix: &str, n: usize) -> PResult<()> {
        let want = format!("{prefix}{n}");
        if self.eat_word(&want) {
            Ok(())
        } else {
            self.unexpected(&format!("`{want}`"))
        }
    }

    /// `%i`, a kernel expression defined before expression `count`.
    fn kref(&mut self, count: usize) -> PResult<KExprId> {
        let at = self.pos;
        match self.next() {
            Tok::Local(n) => match n.parse::<usize>() {
                Ok(i) if i < count => Ok(Handle::new(i)),
                _ => Err(self.error_at(at, format!("`%{n}` is not a kernel expression defined before this one"))),
            },
            other => Err(self.error_at(at, format!("expected a kernel expression `%N`, found {other}"))),
        }
    }

    /// `a1`/`s0` operand numbers.
    fn operand_number(&mut self, prefix: char) -> PResult<usize> {
        let at = self.pos;
        let w = self.any_word(&format!("`{prefix}N`"))?;
        w.strip_prefix(prefix).and_then(|n| n.parse().ok()).ok_or_else(|| self.error_at(at, format!("expected `{prefix}N`, found `{w}`")))
    }

    fn kexpr(&mut self, count: usize) -> PResult<KExpr> {
        if let Some(c) = self.opt_const()? {
            return Ok(KExpr::Const(c));
        }
        let at = self.pos;
        let w = self.any_word("a kernel expression")?;
        Ok(match w.as_str() {
            "load" => KExpr::Array(self.operand_number('a')?),
            "index" => KExpr::Index(self.usize()?),
            "select" => {
                let c = self.kref(count)?;
                self.punct(",")?;
                let a = self.kref(count)?;
                self.punct(",")?;
                KExpr::Select(c, a, self.kref(count)?)
            }
            _ if w.starts_with('s') && w[1..].parse::<usize>().is_ok() => KExpr::Scalar(w[1..].parse().expect("checked")),
            _ => {
                if let Some(d) = w.strip_prefix("cast.") {
                    let d = dtype_named(d).ok_or_else(|| self.error_at(at, format!("unknown dtype in `{w}`")))?;
                    return Ok(KExpr::Cast(d, self.kref(count)?));
                }
                if let Some(op) = w.strip_prefix("cmp.") {
                    let op = lookup(COMPARE_OPS, op).ok_or_else(|| self.error_at(at, format!("unknown comparison `{w}`")))?;
                    let a = self.kref(count)?;
                    self.punct(",")?;
                    return Ok(KExpr::Compare(op, a, self.kref(count)?));
                }
                if let Some(op) = lookup(UNARY_OPS, &w) {
                    return Ok(KExpr::Unary(op, self.kref(count)?));
                }
                if let Some(f) = lookup(MATH_FNS, &w) {
                    return Ok(KExpr::Math(f, self.kref(count)?));
                }
                if let Some(op) = lookup(BINARY_OPS, &w) {
                    let a = self.kref(count)?;
                    self.punct(",")?;
                    return Ok(KExpr::Binary(op, a, self.kref(count)?));
                }
                return Err(self.error_at(at, format!("unknown kernel expression `{w}`")));
            }
        })
    }

    /// A constant, if one comes next: numbers, strings, `true`, `false`, `None`, `inf`, `NaN`.
    fn opt_const(&mut self) -> PResult<Option<Const>> {
        let c = match self.peek() {
            Tok::Int(i) => Const::Int(*i),
            Tok::Float(x) => Const::Float(*x),
            Tok::Str(s) => Const::Str(s.clone()),
            Tok::Word(w) => match w.as_str() {
                "true" => Const::Bool(true),
                "false" => Const::Bool(false),
                "None" => Const::None,
                "inf" => Const::Float(f64::INFINITY),
                "NaN" => Const::Float(f64::NAN),
                _ => return Ok(None),
            },
            _ => return Ok(None),
        };
        self.next();
        Ok(Some(c))
    }

    /// One of the names of `table`.
    fn named<T: Copy>(&mut self, table: &[(&str, T)], what: &str) -> PResult<T> {
        let at = self.pos;
        let w = self.any_word(what)?;
        lookup(table, &w).ok_or_else(|| self.error_at(at, format!("expected {what}, found `{w}`")))
    }

    fn function(&mut self, m: &Module) -> PResult<Function> {
        self.word("func")?;
        let at = self.pos;
        let Tok::Global(written) = self.next() else { return Err(self.error_at(at, "expected `@name`".into())) };
        let name = written.rsplit_once('#').map_or(written.as_str(), |(n, _)| n).to_string();
        let mut f = Function::new(&name);
        let mut scope = Scope { locals: HashMap::new() };
        self.stmt_ids.clear();
        self.punct("(")?;
        let params = self.list(")", |p| p.local_decl(&mut f, &mut scope))?;
        f.params = params;
        self.punct("->")?;
        self.punct("(")?;
        f.results = self.list(")", Self::ty)?;
        self.punct("{")?;
        self.newline()?;
        while self.eat_word("local") {
            self.local_decl(&mut f, &mut scope)?;
            self.newline()?;
        }
        let body = self.block(m, &mut f, &scope)?;
        f.body = body;
        self.punct("}")?;
        self.newline()?;
        Ok(f)
    }

    /// `%name: T shape=(...)`; adds the local.
    fn local_decl(&mut self, f: &mut Function, scope: &mut Scope) -> PResult<VarId> {
        let at = self.pos;
        let name = self.declared_name(f.locals.len(), true)?;
        let Tok::Local(written) = self.tokens[at].tok.clone() else { unreachable!("declared_name read a local") };
        self.punct(":")?;
        let ty = self.ty()?;
        let shape = self.opt_shape()?;
        let v = f.locals.push(Var { name, ty });
        if let Some(shape) = shape {
            f.shapes.insert(v, shape);
        }
        if scope.locals.insert(written.clone(), v).is_some() {
            return Err(self.error_at(at, format!("local `%{written}` declared twice")));
        }
        Ok(v)
    }

    /// Statements up to a `}` (not consumed).
    fn block(&mut self, m: &Module, f: &mut Function, scope: &Scope) -> PResult<Block> {
        let mut block = Vec::new();
        while !self.is_punct("}") {
            if matches!(self.peek(), Tok::End) {
                return self.unexpected("`}`");
            }
            block.push(self.stmt(m, f, scope)?);
        }
        Ok(block)
    }

    /// `{` NEWLINE statements `}`.
    fn braced(&mut self, m: &Module, f: &mut Function, scope: &Scope) -> PResult<Block> {
        self.punct("{")?;
        self.newline()?;
        let body = self.block(m, f, scope)?;
        self.punct("}")?;
        Ok(body)
    }

    /// A statement's id: `s12:`.
    fn stmt_id(&mut self) -> PResult<StmtId> {
        let at = self.pos;
        let Tok::Word(w) = self.next() else { return Err(self.error_at(at, "expected a statement id `sN:`".into())) };
        let id = w.strip_prefix('s').and_then(|n| n.parse::<u32>().ok()).filter(|&n| n != StmtId::NEW.0);
        let Some(id) = id else { return Err(self.error_at(at, format!("expected a statement id `sN:`, found `{w}`"))) };
        self.punct(":")?;
        Ok(StmtId(id))
    }

    fn stmt(&mut self, m: &Module, f: &mut Function, scope: &Scope) -> PResult<Stmt> {
        let id_at = self.pos;
        let id = self.stmt_id()?;
        if !self.stmt_ids.insert(id) {
            return Err(self.error_at(id_at, format!("statement id s{} used twice in this function", id.0)));
        }
        f.next_stmt = f.next_stmt.max(id.0 + 1);
        self.stmt_kind(m, f, scope, id)
    }

    fn stmt_kind(&mut self, m: &Module, f: &mut Function, scope: &Scope, id: StmtId) -> PResult<Stmt> {
        let kind = match self.peek().clone() {
            Tok::Word(w) => match w.as_str() {
                "if" => {
                    self.next();
                    let cond = self.expr(m, f, scope)?;
                    let span = self.loc()?;
                    let then_body = self.braced(m, f, scope)?;
                    let else_body = if self.eat_word("else") { self.braced(m, f, scope)? } else { Vec::new() };
                    self.newline()?;
                    return Ok(Stmt { id, kind: StmtKind::If { cond, then_body, else_body }, span });
                }
                "for" => {
                    self.next();
                    let var = self.place(m, f, scope)?;
                    self.word("in")?;
                    self.word("range")?;
                    self.punct("(")?;
                    let start = self.expr(m, f, scope)?;
                    self.punct(",")?;
                    let stop = self.expr(m, f, scope)?;
                    self.punct(",")?;
                    let step = self.expr(m, f, scope)?;
                    self.punct(")")?;
                    let span = self.loc()?;
                    let body = self.braced(m, f, scope)?;
                    self.newline()?;
                    return Ok(Stmt { id, kind: StmtKind::For { var, start, stop, step, body }, span });
                }
                "loop" => {
                    self.next();
                    let span = self.loc()?;
                    let body = self.braced(m, f, scope)?;
                    self.newline()?;
                    return Ok(Stmt { id, kind: StmtKind::Loop { body }, span });
                }
                "break" => {
                    self.next();
                    StmtKind::Break
                }
                "continue" => {
                    self.next();
                    StmtKind::Continue
                }
                "return" => {
                    self.next();
                    let mut values = Vec::new();
                    if !matches!(self.peek(), Tok::Newline | Tok::End) && !self.is_word("loc") {
                        values.push(self.expr(m, f, scope)?);
                        while self.eat_punct(",") {
                            values.push(self.expr(m, f, scope)?);
                        }
                    }
                    StmtKind::Return { values }
                }
                "print" => {
                    self.next();
                    self.punct("(")?;
                    let args = self.list(")", |p| p.expr(m, f, scope))?;
                    self.key("sep")?;
                    let sep = self.expr(m, f, scope)?;
                    self.key("end")?;
                    let end = self.expr(m, f, scope)?;
                    StmtKind::Print { args, sep, end }
                }
                "raise" => {
                    self.next();
                    let kind = self.any_word("an exception name")?;
                    self.punct("(")?;
                    let message = self.string()?;
                    self.punct(")")?;
                    StmtKind::Raise { kind, message }
                }
                "runtime" => self.runtime(m, f, scope, None)?,
                "launch" => self.launch(m, f, scope, None)?,
                _ => self.set_item(m, f, scope)?,
            },
            Tok::Punct("(") if self.is_call_results() => {
                self.next();
                let results = self.list(")", |p| p.place(m, f, scope))?;
                self.punct("=")?;
                self.word("call")?;
                let at = self.pos;
                let Tok::Global(name) = self.next() else { return Err(self.error_at(at, "expected `@function`".into())) };
                let func = *self.function_names.get(&name).ok_or_else(|| self.error_at(at, format!("no function `@{name}`")))?;
                self.punct("(")?;
                let args = self.list(")", |p| p.expr(m, f, scope))?;
                StmtKind::Call { func, args, results }
            }
            Tok::Local(_) | Tok::Global(_) if *self.peek_at(1) == Tok::Punct("=") => {
                let dst = self.place(m, f, scope)?;
                self.punct("=")?;
                self.assignment(m, f, scope, dst)?
            }
            _ => self.set_item(m, f, scope)?,
        };
        let span = self.loc()?;
        self.newline()?;
        Ok(Stmt { id, kind, span })
    }

    /// Whether the `(` here starts `(results) = call ...` (not an annotated expression).
    fn is_call_results(&self) -> bool {
        let mut depth = 0;
        for (i, t) in self.tokens[self.pos..].iter().enumerate() {
            match t.tok {
                Tok::Punct("(") => depth += 1,
                Tok::Punct(")") => {
                    depth -= 1;
                    if depth == 0 {
                        return *self.peek_at(i + 1) == Tok::Punct("=");
                    }
                }
                Tok::Newline | Tok::End => return false,
                _ => {}
            }
        }
        false
    }

    fn set_item(&mut self, m: &Module, f: &mut Function, scope: &Scope) -> PResult<StmtKind> {
        let array = self.primary(m, f, scope)?;
        self.punct("[")?;
        let indices = self.list("]", |p| p.expr(m, f, scope))?;
        self.punct("=")?;
        let value = self.expr(m, f, scope)?;
        Ok(StmtKind::SetItem { array, indices, value })
    }

    fn runtime(&mut self, m: &Module, f: &mut Function, scope: &Scope, dst: Option<Place>) -> PResult<StmtKind> {
        self.word("runtime")?;
        let at = self.pos;
        let name = self.any_word("a runtime entry point")?;
        let func = EntryPoint::from_name(&name).ok_or_else(|| self.error_at(at, format!("no runtime entry point `{name}`")))?;
        self.punct("(")?;
        let args = self.list(")", |p| p.expr(m, f, scope))?;
        Ok(StmtKind::Runtime { func, args, dst })
    }

    fn launch(&mut self, m: &Module, f: &mut Function, scope: &Scope, result: Option<Place>) -> PResult<StmtKind> {
        self.word("launch")?;
        let at = self.pos;
        let k = self.operand_number('k')?;
        if k >= m.kernels.len() {
            return Err(self.error_at(at, format!("no kernel `k{k}`")));
        }
        let dst = if self.eat_word("into") { Some(self.expr(m, f, scope)?) } else { None };
        self.word("arrays")?;
        self.punct("(")?;
        let arrays = self.list(")", |p| p.expr(m, f, scope))?;
        self.word("scalars")?;
        self.punct("(")?;
        let scalars = self.list(")", |p| p.expr(m, f, scope))?;
        Ok(StmtKind::Launch { kernel: Handle::new(k), dst, arrays, scalars, result })
    }

    /// What follows `place =`.
    fn assignment(&mut self, m: &Module, f: &mut Function, scope: &Scope, dst: Place) -> PResult<StmtKind> {
        if self.is_word("runtime") {
            return self.runtime(m, f, scope, Some(dst));
        }
        if self.is_word("launch") {
            return self.launch(m, f, scope, Some(dst));
        }
        if self.eat_word("alloc") {
            let dtype = self.dtype()?;
            let shape = if self.eat_punct("(") {
                ShapeSpec::Dims(self.list(")", |p| p.expr(m, f, scope))?)
            } else if self.eat_word("broadcast") {
                self.punct("(")?;
                let arrays = self.list(")", |p| p.expr(m, f, scope))?;
                let reuse = if self.is_word("reuse") {
                    self.key("reuse")?;
                    Some(self.usize()?)
                } else {
                    None
                };
                ShapeSpec::Broadcast { arrays, reuse }
            } else if self.eat_word("reduced") {
                self.punct("(")?;
                let array = self.expr(m, f, scope)?;
                self.punct(",")?;
                self.key("axis")?;
                let axis = self.usize()?;
                self.punct(")")?;
                ShapeSpec::Reduced { array, axis }
            } else {
                return self.unexpected("a shape: `(extents)`, `broadcast(arrays)` or `reduced(array, axis=N)`");
            };
            return Ok(StmtKind::Alloc { dst, dtype, shape });
        }
        if self.eat_word("view") {
            let src = self.primary(m, f, scope)?;
            self.punct("[")?;
            let index = self.list("]", |p| p.index_item(m, f, scope))?;
            return Ok(StmtKind::View { dst, src, index });
        }
        if let Tok::Word(w) = self.peek().clone() {
            if let Some(op) = self.library_op(&w)? {
                self.punct("(")?;
                let args = self.list(")", |p| p.expr(m, f, scope))?;
                return Ok(StmtKind::Library { op, dst, args });
            }
        }
        let value = self.expr(m, f, scope)?;
        Ok(StmtKind::Assign { dst, value })
    }

    /// A library operation as printed (its `Debug` form), if the word names one.
    fn library_op(&mut self, w: &str) -> PResult<Option<LibraryOp>> {
        let op = match w {
            "MatMul" => {
                self.next();
                self.punct("{")?;
                self.word("stacked")?;
                self.punct(":")?;
                let stacked = if self.eat_word("true") {
                    true
                } else {
                    self.word("false")?;
                    false
                };
                self.punct("}")?;
                LibraryOp::MatMul { stacked }
            }
            "Copy" => {
                self.next();
                LibraryOp::Copy
            }
            "ArgMax" | "ArgMin" => {
                self.next();
                self.punct("{")?;
                self.word("axis")?;
                self.punct(":")?;
                let axis = if self.eat_word("None") {
                    None
                } else {
                    self.word("Some")?;
                    self.punct("(")?;
                    let axis = self.usize()?;
                    self.punct(")")?;
                    Some(axis)
                };
                self.punct("}")?;
                if w == "ArgMax" {
                    LibraryOp::ArgMax { axis }
                } else {
                    LibraryOp::ArgMin { axis }
                }
            }
            "Diagonal" => {
                self.next();
                self.punct("{")?;
                self.word("k")?;
                self.punct(":")?;
                let k = self.int()?;
                self.punct("}")?;
                LibraryOp::Diagonal { k }
            }
            _ => return Ok(None),
        };
        Ok(Some(op))
    }

    fn index_item(&mut self, m: &Module, f: &mut Function, scope: &Scope) -> PResult<IndexItem> {
        if self.eat_word("newaxis") {
            return Ok(IndexItem::NewAxis);
        }
        let bound = |p: &mut Self, f: &mut Function| -> PResult<Option<ExprId>> {
            if p.is_punct(":") || p.is_punct(",") || p.is_punct("]") {
                Ok(None)
            } else {
                p.expr(m, f, scope).map(Some)
            }
        };
        let start = bound(self, f)?;
        if !self.eat_punct(":") {
            return match start {
                Some(e) => Ok(IndexItem::Index(e)),
                None => self.unexpected("an index"),
            };
        }
        let stop = bound(self, f)?;
        let step = if self.eat_punct(":") {
            match bound(self, f)? {
                Some(step) => Some(step),
                None => return self.unexpected("a step after the second `:`"),
            }
        } else {
            None
        };
        Ok(IndexItem::Slice { start, stop, step })
    }

    fn place(&mut self, m: &Module, f: &Function, scope: &Scope) -> PResult<Place> {
        let at = self.pos;
        match self.next() {
            Tok::Local(n) => scope.locals.get(&n).map(|v| Place::Local(*v)).ok_or_else(|| {
                self.error_at(at, format!("no local `%{n}` in function `@{}`", f.name))
            }),
            Tok::Global(n) => {
                let g = self.global_names.get(&n).copied().ok_or_else(|| self.error_at(at, format!("no global `@{n}`")))?;
                debug_assert!(g.index() < m.globals.len());
                Ok(Place::Global(g))
            }
            other => Err(self.error_at(at, format!("expected a place (`%local` or `@global`), found {other}"))),
        }
    }

    /// An expression: a primary with `[indices]` reads after it.
    fn expr(&mut self, m: &Module, f: &mut Function, scope: &Scope) -> PResult<ExprId> {
        let mut e = self.primary(m, f, scope)?;
        while self.eat_punct("[") {
            let indices = self.list("]", |p| p.expr(m, f, scope))?;
            e = self.add(m, f, Expr::GetItem(e, indices), None);
        }
        Ok(e)
    }

    /// Adds an expression with its written type, or the implied one.
    fn add(&self, m: &Module, f: &mut Function, expr: Expr, ty: Option<Type>) -> ExprId {
        let ty = ty.unwrap_or_else(|| implied_type(&expr, |a| f.expr_type(a).clone(), |p| m.place_type(f, p)));
        f.add_expr(expr, ty)
    }

    fn primary(&mut self, m: &Module, f: &mut Function, scope: &Scope) -> PResult<ExprId> {
        if self.is_punct("(") {
            // `(e: T)`: an expression whose type is not the implied one.
            self.next();
            let e = self.expr(m, f, scope)?;
            self.punct(":")?;
            let ty = self.ty()?;
            self.punct(")")?;
            f.expr_types.insert(e, ty);
            return Ok(e);
        }
        if let Some(c) = self.opt_const()? {
            return Ok(self.add(m, f, Expr::Const(c), None));
        }
        if matches!(self.peek(), Tok::Local(_) | Tok::Global(_)) {
            let p = self.place(m, f, scope)?;
            return Ok(self.add(m, f, Expr::Read(p), None));
        }
        let at = self.pos;
        let w = self.any_word("an expression")?;
        self.punct("(")?;
        let args = |p: &mut Self, f: &mut Function, n: usize| -> PResult<Vec<ExprId>> {
            let at = p.pos;
            let args = p.list(")", |p| p.expr(m, f, scope))?;
            if args.len() != n {
                return Err(p.error_at(at, format!("`{w}` takes {n} operands, found {}", args.len())));
            }
            Ok(args)
        };
        let expr = match w.as_str() {
            "select" => {
                let a = args(self, f, 3)?;
                Expr::Select(a[0], a[1], a[2])
            }
            "dim" => {
                let a = self.expr(m, f, scope)?;
                self.punct(",")?;
                let axis = self.usize()?;
                self.punct(")")?;
                Expr::Dim(a, axis)
            }
            "size" => Expr::Size(args(self, f, 1)?[0]),
            "format" => {
                let a = self.expr(m, f, scope)?;
                self.punct(",")?;
                let spec = self.string()?;
                self.punct(")")?;
                Expr::Format(a, spec)
            }
            "concat" => Expr::Concat(self.list(")", |p| p.expr(m, f, scope))?),
            _ => {
                if let Some(d) = w.strip_prefix("cast.") {
                    let d = dtype_named(d).ok_or_else(|| self.error_at(at, format!("unknown dtype in `{w}`")))?;
                    Expr::Cast(d, args(self, f, 1)?[0])
                } else if let Some(op) = w.strip_prefix("cmp.") {
                    let op = lookup(COMPARE_OPS, op).ok_or_else(|| self.error_at(at, format!("unknown comparison `{w}`")))?;
                    let a = args(self, f, 2)?;
                    Expr::Compare(op, a[0], a[1])
                } else if let Some(k) = w.strip_prefix("clock.") {
                    let k = lookup(CLOCKS, k).ok_or_else(|| self.error_at(at, format!("unknown clock `{w}`")))?;
                    args(self, f, 0)?;
                    Expr::Clock(k)
                } else if let Some(op) = lookup(UNARY_OPS, &w) {
                    Expr::Unary(op, args(self, f, 1)?[0])
                } else if let Some(op) = lookup(BINARY_OPS, &w) {
                    let a = args(self, f, 2)?;
                    Expr::Binary(op, a[0], a[1])
                } else if let Some(op) = lookup(LOGICAL_OPS, &w) {
                    let a = args(self, f, 2)?;
                    Expr::Logical(op, a[0], a[1])
                } else if let Some(func) = lookup(MATH_FNS, &w) {
                    Expr::Math(func, self.list(")", |p| p.expr(m, f, scope))?)
                } else {
                    return Err(self.error_at(at, format!("unknown expression `{w}(...)`")));
                }
            }
        };
        Ok(self.add(m, f, expr, None))
    }
}

fn lookup<T: Copy>(table: &[(&str, T)], name: &str) -> Option<T> {
    table.iter().find(|(n, _)| *n == name).map(|(_, t)| *t)
}

fn dtype_named(name: &str) -> Option<DType> {
    // The printer's spelling (`DType`'s `Display`).
    DType::ALL.into_iter().find(|d| d.to_string() == name)
}

/// The printed names of the IR's enums (their `Debug` forms).
/// `names_match_the_printer` checks each against the printer's spelling.
const UNARY_OPS: &[(&str, UnaryOp)] = &[("Neg", UnaryOp::Neg), ("Not", UnaryOp::Not), ("Invert", UnaryOp::Invert)];
const BINARY_OPS: &[(&str, BinaryOp)] = &[
    ("Add", BinaryOp::Add),
    ("Sub", BinaryOp::Sub),
    ("Mul", BinaryOp::Mul),
    ("TrueDiv", BinaryOp::TrueDiv),
    ("FloorDiv", BinaryOp::FloorDiv),
    ("Mod", BinaryOp::Mod),
    ("Pow", BinaryOp::Pow),
    ("BitAnd", BinaryOp::BitAnd),
    ("BitOr", BinaryOp::BitOr),
    ("BitXor", BinaryOp::BitXor),
    ("Max", BinaryOp::Max),
    ("Min", BinaryOp::Min),
    ("Atan2", BinaryOp::Atan2),
    ("Hypot", BinaryOp::Hypot),
    ("LShift", BinaryOp::LShift),
    ("RShift", BinaryOp::RShift),
    ("Complex", BinaryOp::Complex),
    ("Fmod", BinaryOp::Fmod),
    ("Copysign", BinaryOp::Copysign),
    ("Nextafter", BinaryOp::Nextafter),
];
const COMPARE_OPS: &[(&str, CompareOp)] = &[
    ("Eq", CompareOp::Eq),
    ("Ne", CompareOp::Ne),
    ("Lt", CompareOp::Lt),
    ("Le", CompareOp::Le),
    ("Gt", CompareOp::Gt),
    ("Ge", CompareOp::Ge),
];
const LOGICAL_OPS: &[(&str, LogicalOp)] = &[("And", LogicalOp::And), ("Or", LogicalOp::Or)];
const CLOCKS: &[(&str, ClockKind)] = &[("PerfCounter", ClockKind::PerfCounter), ("Time", ClockKind::Time)];
const REDUCE_OPS: &[(&str, ReduceOp)] = &[
    ("Sum", ReduceOp::Sum),
    ("Prod", ReduceOp::Prod),
    ("Max", ReduceOp::Max),
    ("Min", ReduceOp::Min),
    ("Any", ReduceOp::Any),
    ("All", ReduceOp::All),
    ("BitAnd", ReduceOp::BitAnd),
    ("BitOr", ReduceOp::BitOr),
    ("BitXor", ReduceOp::BitXor),
];
const MATH_FNS: &[(&str, MathFn)] = &[
    ("Sqrt", MathFn::Sqrt),
    ("Exp", MathFn::Exp),
    ("Log", MathFn::Log),
    ("Sin", MathFn::Sin),
    ("Cos", MathFn::Cos),
    ("Tanh", MathFn::Tanh),
    ("Abs", MathFn::Abs),
    ("Floor", MathFn::Floor),
    ("Ceil", MathFn::Ceil),
    ("IsNan", MathFn::IsNan),
    ("Rint", MathFn::Rint),
    ("Tan", MathFn::Tan),
    ("Arcsin", MathFn::Arcsin),
    ("Arccos", MathFn::Arccos),
    ("Arctan", MathFn::Arctan),
    ("Sinh", MathFn::Sinh),
    ("Cosh", MathFn::Cosh),
    ("Log2", MathFn::Log2),
    ("Log10", MathFn::Log10),
    ("Log1p", MathFn::Log1p),
    ("Expm1", MathFn::Expm1),
    ("Exp2", MathFn::Exp2),
    ("Erf", MathFn::Erf),
    ("Erfc", MathFn::Erfc),
    ("Gamma", MathFn::Gamma),
    ("Lgamma", MathFn::Lgamma),
    ("Real", MathFn::Real),
    ("Imag", MathFn::Imag),
    ("Angle", MathFn::Angle),
    ("Conj", MathFn::Conj),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::print::print_module;

    fn roundtrip(text: &str) {
        let m = parse(text).unwrap_or_else(|e| panic!("{e}\n{text}"));
        assert_eq!(print_module(&m), text);
        assert!(crate::verify::verify(&m).is_empty(), "{:?}", crate::verify::verify(&m));
    }

    #[test]
    fn names_match_the_printer() {
        fn check<T: fmt::Debug>(table: &[(&str, T)]) {
            for (name, value) in table {
                assert_eq!(*name, format!("{value:?}"));
            }
        }
        check(UNARY_OPS);
        check(BINARY_OPS);
        check(COMPARE_OPS);
        check(LOGICAL_OPS);
        check(CLOCKS);
        check(REDUCE_OPS);
        check(MATH_FNS);
        // The tables are complete where the enums say how many variants they have.
        assert_eq!(MathFn::Conj as usize + 1, MATH_FNS.len());
        assert_eq!(BinaryOp::Nextafter as usize + 1, BINARY_OPS.len());
        assert_eq!(ReduceOp::BitXor as usize + 1, REDUCE_OPS.len());
    }

    #[test]
    fn every_construct_round_trips() {
        roundtrip(
            r#"module stage=tensor main=1
global @n: py.i64
global @a: f64[2d] shape=((n + 2), ((n - 1) // 2))
global @s: str
global @x#3: f32
global @x#4: i32[1d] shape=(?)
global @π: py.f64

kernel k0 "store_L3+\"q\"" rank=2 (a0: f64[2d], a1: f64[1d]) (s0: f64, s1: i64) -> store f64 loc(3..9) {
  %0 = load a0 : f64
  %1 = s0 : f64
  %2 = Add %0, %1 : f64
  %3 = index 1 : i64
  %4 = cast.f64 %3 : f64
  %5 = cmp.Lt %2, %4 : bool
  %6 = Sqrt %2 : f64
  %7 = Neg %6 : f64
  %8 = select %5, %7, %2 : f64
  %9 = -inf : f64
  %10 = Max %8, %9 : f64
  yield %10
}

kernel k1 "sum" rank=1 (a0: f64[1d]) () -> reduce_all Sum f64 {
  %0 = load a0 : f64
  yield %0
}

kernel k2 "rows" rank=2 (a0: f64[2d]) () -> reduce_axis Max f64 axis=1 {
  %0 = load a0 : f64
  yield %0
}

kernel k3 "store+sum" rank=1 (a0: f64[1d]) () -> store f64 reduce_all Sum f64 %2 {
  %0 = load a0 : f64
  %1 = Mul %0, %0 : f64
  %2 = Abs %1 : f64
  yield %1
}

func @g(%p: f64[1d] shape=(n), %q: py.f64) -> (f64, py.i64) {
  local %t1#2: f64
  local %t1#3: bool
  s0: %t1#2 = (%p[0]: py.f64) loc(1..2)
  s1: %t1#3 = cmp.Lt(%q, 2.5)
  s2: return %t1#2, 7
}

func @__main__() -> () {
  local %t1: f64[2d] shape=(5, 5)
  local %t2: f64[1d] shape=(5)
  local %t3: f64
  local %t4: py.i64
  local %t5: f64[1d] shape=(?)
  local %t6: i64[0d] shape=()
  s0: @n = 5 loc(0..5)
  s1: @π = 3.5
  s2: %t1 = alloc f64 (@n, Add(@n, 0))
  s3: @a = %t1
  s4: %t2 = view @a[1:-1:2, newaxis, 0]
  s5: %t2 = view @a[:, ::-1, :3]
  s6: %t5 = alloc f64 reduced(@a, axis=1)
  s7: launch k2 into %t5 arrays(@a) scalars()
  s8: %t3 = launch k1 arrays(%t2) scalars()
  s9: %t3 = launch k3 into %t5 arrays(%t2) scalars()
  s10: launch k0 into @a arrays(@a, %t2) scalars(cast.f64(@n), (1: i64))
  s11: @a[0, Neg(1)] = 2.0
  s12: (%t3, %t4) = call @g(%t2, 1e-300)
  s13: %t6 = ArgMax { axis: None }(@a)
  s14: %t5 = Diagonal { k: -1 }(@a)
  s15: %t5 = ArgMin { axis: Some(0) }(@a)
  s16: %t2 = MatMul { stacked: true }(@a, %t2)
  s17: %t2 = Copy(%t2)
  s18: @s = concat(format(@n, ">3"), "\n\t\u{1b}é", format(clock.PerfCounter(), ""))
  s19: runtime lt_sort(%t2, 0)
  s20: %t4 = runtime lt_argv_len()
  s21: if And(cmp.Eq(size(@a), dim(@a, 0)), Not(IsNan(%t3))) loc(10..20) {
    s22: loop loc(11..12) {
      s23: break
    }
  } else {
    s24: for %t4 in range(0, Pow(2, 3), Neg(1)) {
      s25: continue
    }
  }
  s26: if true {
    s27: raise ValueError("bad \"value\"")
  }
  s28: print(@n, None, inf, NaN, -0.0, select(false, 1, 2)) sep=" " end=""
  s29: return
}
"#,
        );
    }

    #[test]
    fn the_plan_round_trips() {
        roundtrip(
            r#"module stage=distributed

func @f(%a: f64[1d]) -> () {
  s0: print(%a) sep=" " end="\n"
}

func @__main__() -> () {
  local %t1: f64[2d]
  local %t2: f64[2d]
  local %t3: f64[1d]
  local %t4: f64
  s0: %t1 = alloc f64 (8, 8)
  s1: %t2 = alloc f64 broadcast(%t1)
  s2: %t3 = alloc f64 (3)
  s3: for %t4 in range(0, 4, 1) {
    s4: %t2 = Copy(%t1)
    s5: () = call @f(%t3)
  }
}

plan {
  array 0 "grid" 2d item=8 shape=((n + 2), 8) made_by @__main__ s0 rows halo=(1, 2) template=own
  array 1 "work" 2d item=8 shape=(?, 8) made_by @__main__ s1 rows halo=(0, 0) template=aligned(0, -1)
  array 2 "v" 1d item=8 shape=(3) made_by @__main__ s2 replicated("reshaped", @f s0)
  array 3 "c" 2d item=8 shape=() made_by @__main__ s4 rows halo=(0, 0) template=aligned(0, ?) copy_of=0
  comm @f s0: gather(2, "printed \"it\"")
  comm @__main__ s4: exchange 0, allreduce, fetch 1, broadcast 3
  loop @__main__ s3: exchange 0 at @__main__ s4, gather(2, "printed") at @f s0
  outside gather(1, "why") at @__main__ s1
  to_host 1 "element read" at @__main__ s4 in @__main__ s3
  to_host 2 "printed" at @f s0
}
"#,
        );
    }

    #[test]
    fn further_outputs_are_the_last_array_operands() {
        let err = |text: &str| parse(text).map(|_| ()).unwrap_err().to_string();
        let kernel = |also: &str| {
            format!("module stage=tensor\n\nkernel k0 \"x\" rank=1 (a0: f64[1d], a1: f64[1d], a2: f64[1d]) () -> store f64 also({also}) {{\n  %0 = load a0 : f64\n  yield %0\n}}\n\nfunc @__main__() -> () {{\n}}\n")
        };
        assert!(parse(&kernel("a2 = %0")).is_ok());
        assert_eq!(err(&kernel("a1 = %0")), "3:83: further outputs are the last array operands in order: expected `a2`");
        assert_eq!(err(&kernel("a2 = %5")), "5:9: the further output `%5` is not a kernel expression");
    }

    #[test]
    fn errors_name_the_line_and_column() {
        let err = |text: &str| parse(text).map(|_| ()).unwrap_err().to_string();
        assert_eq!(err("module stage=tensor\nglobal @a: f65\n"), "2:12: unknown type `f65`");
        assert_eq!(
            err("module stage=tensor\n\nfunc @__main__() -> () {\n  s0: %x = 1\n}\n"),
            "4:7: no local `%x` in function `@__main__`"
        );
        assert_eq!(
            err("module stage=tensor\n\nfunc @__main__() -> () {\n  s0: (%t) = call @f()\n}\n"),
            "4:8: no local `%t` in function `@__main__`"
        );
        assert_eq!(
            err("module stage=tensor\n\nkernel k1 \"x\" rank=1 () () -> store f64 {\n  %0 = 1.0 : f64\n  yield %0\n}\n"),
            "3:8: kernels are numbered in order: expected `k0`"
        );
        assert_eq!(
            err("module stage=tensor\n\nfunc @__main__() -> () {\n  s0: print(Add(1)) sep=\"\" end=\"\"\n}\n"),
            "4:17: `Add` takes 2 operands, found 1"
        );
        assert_eq!(err("module stage=tensor\n\nfunc @__main__() -> () {\n"), "4:1: expected `}`, found the end of the text");
        assert_eq!(
            err("module stage=tensor\n\nfunc @__main__() -> () {\n  print(1) sep=\"\" end=\"\"\n}\n"),
            "4:3: expected a statement id `sN:`, found `print`"
        );
        assert_eq!(
            err("module stage=tensor\n\nfunc @__main__() -> () {\n  s1: break\n  s1: break\n}\n"),
            "5:3: statement id s1 used twice in this function"
        );
    }
}
