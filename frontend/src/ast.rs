//! legatec's own Python syntax tree. Only `syntax.rs` knows the third-party
//! parser; everything after it sees these nodes and our own spans.

use ir::Span;

#[derive(Clone, Debug)]
pub struct Stmt {
    pub kind: StmtKind,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub enum StmtKind {
    Expr(Expr),
    Assign { targets: Vec<Expr>, value: Expr },
    AugAssign { target: Expr, op: BinOp, value: Expr },
    If { test: Expr, body: Vec<Stmt>, orelse: Vec<Stmt> },
    For { target: Expr, iter: Expr, body: Vec<Stmt>, orelse: Vec<Stmt> },
    While { test: Expr, body: Vec<Stmt>, orelse: Vec<Stmt> },
    Break,
    Continue,
    Pass,
    /// `del t1, t2`: only `del df["c"]` (a column of a frame) is lowered.
    Delete(Vec<Expr>),
    Return(Option<Expr>),
    FunctionDef(FunctionDef),
    /// `import a.b as c`: (dotted module, alias, span).
    Import(Vec<(String, Option<String>, Span)>),
    /// `from a.b import c as d`.
    ImportFrom { module: String, names: Vec<(String, Option<String>, Span)> },
    /// A statement outside the supported subset; `what` names it.
    Unsupported { what: &'static str, hint: &'static str },
}

#[derive(Clone, Debug)]
pub struct FunctionDef {
    pub name: String,
    pub params: Vec<Param>,
    pub body: Vec<Stmt>,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct Param {
    pub name: String,
    pub default: Option<Expr>,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct Expr {
    pub kind: ExprKind,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub enum ExprKind {
    Name(String),
    Int(i64),
    Float(f64),
    Bool(bool),
    Str(String),
    NoneLit,
    /// `...`: only in subscripts, where it stands for as many full slices as the axes left.
    Ellipsis,
    BinOp { op: BinOp, left: Box<Expr>, right: Box<Expr> },
    UnaryOp { op: UnaryOp, operand: Box<Expr> },
    BoolOp { op: BoolOp, values: Vec<Expr> },
    Compare { left: Box<Expr>, ops: Vec<CmpOp>, comparators: Vec<Expr> },
    Call { func: Box<Expr>, args: Vec<Expr>, keywords: Vec<Keyword> },
    Attribute { value: Box<Expr>, attr: String },
    Subscript { value: Box<Expr>, index: Vec<IndexExpr> },
    Tuple(Vec<Expr>),
    List(Vec<Expr>),
    /// `{k: v, ...}` (no `**` unpacking); compile-time records for pandas calls.
    Dict(Vec<(Expr, Expr)>),
    IfExp { test: Box<Expr>, body: Box<Expr>, orelse: Box<Expr> },
    FString(Vec<FPart>),
    /// `lambda a, b: body` (positional parameters without defaults).
    Lambda { params: Vec<String>, body: std::rc::Rc<Expr> },
    /// An expression outside the supported subset; `what` names it.
    Unsupported { what: &'static str, hint: &'static str },
}

#[derive(Clone, Debug)]
pub struct Keyword {
    pub name: String,
    pub value: Expr,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub enum IndexExpr {
    Slice { lower: Option<Expr>, upper: Option<Expr>, step: Option<Expr>, span: Span },
    Expr(Expr),
}

#[derive(Clone, Debug)]
pub enum FPart {
    Literal(String),
    /// `{value!conversion:spec}`; the spec is literal text.
    Value { value: Expr, conversion: Option<char>, spec: String },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    Div,
    FloorDiv,
    Mod,
    Pow,
    MatMul,
    BitAnd,
    BitOr,
    BitXor,
    LShift,
    RShift,
}

impl BinOp {
    /// The operator as Python spells it.
    pub fn symbol(self) -> &'static str {
        use BinOp::*;
        match self {
            Add => "+",
            Sub => "-",
            Mul => "*",
            Div => "/",
            FloorDiv => "//",
            Mod => "%",
            Pow => "**",
            MatMul => "@",
            BitAnd => "&",
            BitOr => "|",
            BitXor => "^",
            LShift => "<<",
            RShift => ">>",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnaryOp {
    Neg,
    Pos,
    Not,
    Invert,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BoolOp {
    And,
    Or,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CmpOp {
    Eq,
    NotEq,
    Lt,
    LtE,
    Gt,
    GtE,
    Is,
    IsNot,
    In,
    NotIn,
}
