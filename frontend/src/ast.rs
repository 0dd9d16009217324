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
    pub kind: ParamKind,
}

/// How a call may pass a parameter: `def f(a, /, b, *, c)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParamKind {
    PositionalOnly,
    Normal,
    KeywordOnly,
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
    /// An imaginary literal (`5j`): only the step of `np.mgrid`/`np.ogrid` (a number of
    /// points); complex numbers are unsupported everywhere else.
    Imaginary(f64),
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
    /// `*value`: only as an argument of a call, whose tuple or list gives arguments.
    Starred(Box<Expr>),
    Attribute { value: Box<Expr>, attr: String },
    Subscript { value: Box<Expr>, index: Vec<IndexExpr> },
    Tuple(Vec<Expr>),
    List(Vec<Expr>),
    /// `{k: v, ...}` (no `**` unpacking); compile-time records for pandas calls.
    Dict(Vec<(Expr, Expr)>),
    IfExp { test: Box<Expr>, body: Box<Expr>, orelse: Box<Expr> },
    FString(Vec<FPart>),
    /// `[elt for target in iter if c1 if c2]`, its target names renamed apart from the
    /// enclosing scope's (Python 3 keeps them local to the comprehension). A further `for`
    /// of the same comprehension (`[e for i in a for j in b]`) is the `elt` of the one
    /// before, marked `flat`: its items continue its parent's instead of making a sub-list.
    ListComp { elt: Box<Expr>, target: Box<Expr>, iter: Box<Expr>, ifs: Vec<Expr>, flat: bool },
    /// `(elt for target in iter ...)`: the `ListComp` it is, evaluated at once where it is an
    /// argument of a call or unpacked into names (where Python consumes it at once).
    Generator(Box<Expr>),
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

/// The names an assignment target binds (`x`, `a, (b, c)`).
pub fn target_names(e: &Expr, out: &mut std::collections::HashSet<String>) {
    match &e.kind {
        ExprKind::Name(n) => {
            out.insert(n.clone());
        }
        ExprKind::Tuple(items) | ExprKind::List(items) => items.iter().for_each(|i| target_names(i, out)),
        ExprKind::Starred(inner) => target_names(inner, out),
        _ => {}
    }
}

/// `e` with the names `rename` maps replaced, except where a lambda's parameter or an
/// inner comprehension's target rebinds them.
pub fn rename_names(e: &Expr, rename: &dyn Fn(&str) -> Option<String>) -> Expr {
    replace_names(e, &|n: &str, span: Span| rename(n).map(|m| Expr { kind: ExprKind::Name(m), span }))
}

/// `e` with the reads of the names `replace` maps replaced by the expressions it gives
/// (at the read's span), except where a lambda's parameter or an inner comprehension's
/// target rebinds them.
pub fn replace_names(e: &Expr, replace: &dyn Fn(&str, Span) -> Option<Expr>) -> Expr {
    let r = |x: &Expr| replace_names(x, replace);
    let rb = |x: &Expr| Box::new(replace_names(x, replace));
    let kind = match &e.kind {
        ExprKind::Name(n) => match replace(n, e.span) {
            Some(x) => return x,
            None => ExprKind::Name(n.clone()),
        },
        ExprKind::BinOp { op, left, right } => ExprKind::BinOp { op: *op, left: rb(left), right: rb(right) },
        ExprKind::UnaryOp { op, operand } => ExprKind::UnaryOp { op: *op, operand: rb(operand) },
        ExprKind::BoolOp { op, values } => ExprKind::BoolOp { op: *op, values: values.iter().map(r).collect() },
        ExprKind::Compare { left, ops, comparators } => ExprKind::Compare { left: rb(left), ops: ops.clone(), comparators: comparators.iter().map(r).collect() },
        ExprKind::Call { func, args, keywords } => ExprKind::Call {
            func: rb(func),
            args: args.iter().map(r).collect(),
            keywords: keywords.iter().map(|k| Keyword { name: k.name.clone(), value: r(&k.value), span: k.span }).collect(),
        },
        ExprKind::Starred(value) => ExprKind::Starred(rb(value)),
        ExprKind::Generator(inner) => ExprKind::Generator(rb(inner)),
        ExprKind::Attribute { value, attr } => ExprKind::Attribute { value: rb(value), attr: attr.clone() },
        ExprKind::Subscript { value, index } => ExprKind::Subscript {
            value: rb(value),
            index: index
                .iter()
                .map(|i| match i {
                    IndexExpr::Expr(x) => IndexExpr::Expr(r(x)),
                    IndexExpr::Slice { lower, upper, step, span } => IndexExpr::Slice {
                        lower: lower.as_ref().map(r),
                        upper: upper.as_ref().map(r),
                        step: step.as_ref().map(r),
                        span: *span,
                    },
                })
                .collect(),
        },
        ExprKind::Tuple(items) => ExprKind::Tuple(items.iter().map(r).collect()),
        ExprKind::List(items) => ExprKind::List(items.iter().map(r).collect()),
        ExprKind::Dict(items) => ExprKind::Dict(items.iter().map(|(k, v)| (r(k), r(v))).collect()),
        ExprKind::IfExp { test, body, orelse } => ExprKind::IfExp { test: rb(test), body: rb(body), orelse: rb(orelse) },
        ExprKind::FString(parts) => ExprKind::FString(
            parts
                .iter()
                .map(|p| match p {
                    FPart::Literal(t) => FPart::Literal(t.clone()),
                    FPart::Value { value, conversion, spec } => FPart::Value { value: r(value), conversion: *conversion, spec: spec.clone() },
                })
                .collect(),
        ),
        ExprKind::Lambda { params, body } => {
            let inner = |n: &str, at: Span| if params.iter().any(|p| p == n) { None } else { replace(n, at) };
            ExprKind::Lambda { params: params.clone(), body: std::rc::Rc::new(replace_names(body, &inner)) }
        }
        ExprKind::ListComp { elt, target, iter, ifs, flat } => {
            let mut bound = std::collections::HashSet::new();
            target_names(target, &mut bound);
            let inner = |n: &str, at: Span| if bound.contains(n) { None } else { replace(n, at) };
            ExprKind::ListComp {
                elt: Box::new(replace_names(elt, &inner)),
                target: target.clone(),
                iter: rb(iter),
                ifs: ifs.iter().map(|c| replace_names(c, &inner)).collect(),
                flat: *flat,
            }
        }
        other => other.clone(),
    };
    Expr { kind, span: e.span }
}
