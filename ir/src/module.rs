//! The tensor IR: modules, functions, structured statements, host scalar
//! expressions and fused kernels.

pub use runtime_abi::EntryPoint;

use crate::arena::{Arena, Handle, HandleMap};
use crate::span::Span;
use crate::sym::SymExpr;
use crate::types::{DType, Type};

pub type FuncId = Handle<Function>;
pub type VarId = Handle<Var>;
pub type GlobalId = Handle<Var>;
pub type ExprId = Handle<Expr>;
pub type KernelId = Handle<Kernel>;
pub type KExprId = Handle<KExpr>;


/// A statement's handle, unique within its function and stable across passes (a pass
/// that removes statements leaves the other ids alone; a new statement gets a fresh
/// one from [`Function::number_statements`]). Side tables key statements by it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct StmtId(pub u32);

impl StmtId {
    /// The id of a statement not numbered yet.
    pub const NEW: StmtId = StmtId(u32::MAX);
}

/// A statement of the module: its function and its id.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct StmtRef {
    pub func: FuncId,
    pub stmt: StmtId,
}


/// A named, typed storage location (a local of a function, or a global).
#[derive(Clone, Debug)]
pub struct Var {
    pub name: String,
    pub ty: Type,
}

/// A monomorphised function: one per (source function, argument types).
#[derive(Clone, Debug)]
pub struct Function {
    pub name: String,
    pub params: Vec<VarId>,
    pub locals: Arena<Var>,
    /// Types of the returned values. A function returning a tuple returns
    /// several values; a function with no `return value` returns none.
    pub results: Vec<Type>,
    pub exprs: Arena<Expr>,
    pub expr_types: HandleMap<Expr, Type>,
    pub body: Block,
    /// Symbolic shapes of local arrays, where known.
    pub shapes: HandleMap<Var, Vec<SymExpr>>,
    /// The id [`Function::number_statements`] gives the next new statement.
    pub next_stmt: u32,
}

pub type Block = Vec<Stmt>;

/// A place that can be assigned to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Place {
    Local(VarId),
    Global(GlobalId),
}

/// A statement with its id and source span.
#[derive(Clone, Debug)]
pub struct Stmt {
    pub id: StmtId,
    pub kind: StmtKind,
    pub span: Span,
}

impl Stmt {
    /// A statement to be numbered by [`Function::number_statements`].
    pub fn new(kind: StmtKind, span: Span) -> Stmt {
        Stmt { id: StmtId::NEW, kind, span }
    }

    /// The blocks nested in this statement.
    pub fn blocks(&self) -> Vec<&Block> {
        match &self.kind {
            StmtKind::If { then_body, else_body, .. } => vec![then_body, else_body],
            StmtKind::For { body, .. } | StmtKind::Loop { body } => vec![body],
            _ => Vec::new(),
        }
    }

    /// The blocks nested in this statement, mutably.
    pub fn blocks_mut(&mut self) -> Vec<&mut Block> {
        match &mut self.kind {
            StmtKind::If { then_body, else_body, .. } => vec![then_body, else_body],
            StmtKind::For { body, .. } | StmtKind::Loop { body } => vec![body],
            _ => Vec::new(),
        }
    }
}

/// Calls `f` on every statement of `block` and of the blocks nested in it, in
/// execution order (a statement before the statements nested in it).
pub fn walk_stmts<'a>(block: &'a [Stmt], f: &mut dyn FnMut(&'a Stmt)) {
    for stmt in block {
        f(stmt);
        for inner in stmt.blocks() {
            walk_stmts(inner, f);
        }
    }
}

/// Host statements. Invariant: every array-valued operation writes a place
/// (a variable); array-typed expressions are only reads of places.
///
/// Ownership of arrays: a place holding an array owns one reference to its
/// descriptor. Operations that produce arrays (`Alloc`, `View`, `Call`
/// results, ...) produce a new reference that the destination place takes
/// over, releasing the array it held before. `Assign` of an array read
/// (`b = a`) retains. Codegen releases an array local after its last use
/// (`liveness`), else at function exit.
#[derive(Clone, Debug)]
pub enum StmtKind {
    /// `dst = value` for scalars, strings, and arrays (aliasing, no copy).
    Assign { dst: Place, value: ExprId },
    /// `array[i, j] = value` with one integer index per dimension.
    /// Negative indices count from the end; out of range is a runtime IndexError.
    SetItem { array: ExprId, indices: Vec<ExprId>, value: ExprId },
    /// A new uninitialised array (`np.empty`), C-contiguous, laid out over the
    /// ranks as the module's [`Plan`] says for this statement (replicated before the
    /// `partition` pass has written one).
    Alloc { dst: Place, dtype: DType, shape: ShapeSpec },
    /// A view (basic indexing) of `src`; never copies, aliases `src`'s buffer.
    View { dst: Place, src: ExprId, index: Vec<IndexItem> },
    /// A fused loop nest. See [`Kernel`] for the meaning of `dst`.
    Launch { kernel: KernelId, dst: Option<ExprId>, arrays: Vec<ExprId>, scalars: Vec<ExprId>, result: Option<Place> },
    /// A library operation (matmul, argmax, diagonal, copy...).
    Library { op: LibraryOp, dst: Place, args: Vec<ExprId> },
    /// Calls the runtime entry point `func` (printed by its C name).
    /// Arguments are passed by type: arrays and strings as pointers, float scalars as
    /// f64, integer and bool scalars as i64. The result, if any, is converted to the
    /// type of `dst`; an array result is a new reference that `dst` owns.
    /// Used for operations with no IR meaning of their own (random numbers, files,
    /// command-line arguments, sorting); passes treat them as opaque: every array
    /// argument may be read and written.
    Runtime { func: EntryPoint, args: Vec<ExprId>, dst: Option<Place> },
    /// Calls a function; `results` receive its returned values in order.
    Call { func: FuncId, args: Vec<ExprId>, results: Vec<Place> },
    If { cond: ExprId, then_body: Block, else_body: Block },
    /// `for var in range(start, stop, step)`: `step` is non-zero (checked at runtime).
    For { var: Place, start: ExprId, stop: ExprId, step: ExprId, body: Block },
    /// An infinite loop left by `Break`; `while c: B` is `Loop { if !c break; B }`.
    Loop { body: Block },
    Break,
    Continue,
    Return { values: Vec<ExprId> },
    /// `print(*args, sep=sep, end=end)`.
    Print { args: Vec<ExprId>, sep: ExprId, end: ExprId },
    /// Raises a Python exception at runtime: prints `kind: message`, exits 1.
    Raise { kind: String, message: String },
}

impl StmtKind {
    /// The expressions the statement evaluates itself (not those of nested blocks).
    pub fn exprs(&self) -> Vec<ExprId> {
        let mut out = Vec::new();
        match self {
            StmtKind::Assign { value, .. } => out.push(*value),
            StmtKind::SetItem {
                array,
                indices,
                value,
            } => {
                out.push(*array);
                out.extend(indices);
                out.push(*value);
            }
            StmtKind::Alloc { shape, .. } => match shape {
                ShapeSpec::Dims(v) | ShapeSpec::Broadcast { arrays: v, .. } => out.extend(v),
                ShapeSpec::Reduced { array, .. } => out.push(*array),
            },
            StmtKind::View { src, index, .. } => {
                out.push(*src);
                for item in index {
                    match item {
                        IndexItem::Slice { start, stop, step } => {
                            out.extend(start.iter().chain(stop).chain(step))
                        }
                        IndexItem::Index(e) => out.push(*e),
                        IndexItem::NewAxis => {}
                    }
                }
            }
            StmtKind::Launch {
                dst,
                arrays,
                scalars,
                ..
            } => {
                out.extend(dst);
                out.extend(arrays);
                out.extend(scalars);
            }
            StmtKind::Library { args, .. }
            | StmtKind::Call { args, .. }
            | StmtKind::Runtime { args, .. } => out.extend(args),
            StmtKind::If { cond, .. } => out.push(*cond),
            StmtKind::For {
                start, stop, step, ..
            } => out.extend([*start, *stop, *step]),
            StmtKind::Return { values } => out.extend(values),
            StmtKind::Print { args, sep, end } => {
                out.extend(args);
                out.push(*sep);
                out.push(*end);
            }
            StmtKind::Loop { .. }
            | StmtKind::Break
            | StmtKind::Continue
            | StmtKind::Raise { .. } => {}
        }
        out
    }
}

/// The shape of a new array.
#[derive(Clone, Debug)]
pub enum ShapeSpec {
    /// Explicit extents (int64 scalar expressions). Negative extents are a runtime error.
    Dims(Vec<ExprId>),
    /// The broadcast shape of these arrays (runtime error if incompatible). `reuse`
    /// (set by the `reuse-dead-operands` pass) names the operand that the kernel filling
    /// the new array reads last and only at the point it writes: the runtime makes the new
    /// array that operand itself when nothing else refers to its memory.
    Broadcast { arrays: Vec<ExprId>, reuse: Option<usize> },
    /// The shape of this array with `axis` removed (axis reductions).
    Reduced { array: ExprId, axis: usize },
}

/// One item of a basic index.
#[derive(Clone, Debug)]
pub enum IndexItem {
    /// `start:stop:step`, each optional; Python normalisation at runtime.
    Slice { start: Option<ExprId>, stop: Option<ExprId>, step: Option<ExprId> },
    /// An integer that drops the dimension.
    Index(ExprId),
    /// `None` / `np.newaxis`: inserts a dimension of extent 1.
    NewAxis,
}

/// Library operations executed by the runtime. `dst` receives a new array.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LibraryOp {
    /// A matrix product of operands of equal dtype: `np.matmul`'s rule (`@`: operands of
    /// more than two axes are stacks of matrices, their batch axes broadcast) when
    /// `stacked`, else `np.dot`'s (the last axis of the first with the second-to-last of
    /// the second, every other axis kept); vector·vector gives a 0-d array.
    MatMul { stacked: bool },
    /// `argmax` (`args[0]` the array); whole array (0-d int64 result) when `axis` is None.
    ArgMax { axis: Option<usize> },
    ArgMin { axis: Option<usize> },
    /// The `k`-th diagonal of a 2-D array, copied into a new 1-D array.
    Diagonal { k: i64 },
    /// A C-contiguous copy (`.copy()`).
    Copy,
}

/// Host scalar expressions (and reads of array/string places).
#[derive(Clone, Debug)]
pub enum Expr {
    Const(Const),
    Read(Place),
    Unary(UnaryOp, ExprId),
    /// Both operands have the expression's operand dtype (casts are explicit).
    Binary(BinaryOp, ExprId, ExprId),
    Compare(CompareOp, ExprId, ExprId),
    /// `a and b` / `a or b` on booleans, short-circuiting.
    Logical(LogicalOp, ExprId, ExprId),
    Cast(DType, ExprId),
    /// `then if cond else otherwise`.
    Select(ExprId, ExprId, ExprId),
    Math(MathFn, Vec<ExprId>),
    /// `a.shape[axis]` (int64); `axis` may be negative only if checked by the frontend.
    Dim(ExprId, usize),
    /// `a.size` (int64).
    Size(ExprId),
    /// Reads one element `a[i, j]`; one integer index per dimension.
    GetItem(ExprId, Vec<ExprId>),
    /// Formats a scalar, string or array with a Python format spec
    /// (`""` means `str(x)`). Result: str.
    Format(ExprId, String),
    /// String concatenation of str operands.
    Concat(Vec<ExprId>),
    /// `time.perf_counter()` or `time.time()`.
    Clock(ClockKind),
}

impl Expr {
    /// The operands of the expression.
    pub fn children(&self) -> Vec<ExprId> {
        match self {
            Expr::Const(_) | Expr::Read(_) | Expr::Clock(_) => vec![],
            Expr::Unary(_, a)
            | Expr::Cast(_, a)
            | Expr::Dim(a, _)
            | Expr::Size(a)
            | Expr::Format(a, _) => vec![*a],
            Expr::Binary(_, a, b) | Expr::Compare(_, a, b) | Expr::Logical(_, a, b) => vec![*a, *b],
            Expr::Select(c, a, b) => vec![*c, *a, *b],
            Expr::Math(_, v) | Expr::Concat(v) => v.clone(),
            Expr::GetItem(a, idx) => std::iter::once(*a).chain(idx.iter().copied()).collect(),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Const {
    Int(i64),
    Float(f64),
    Bool(bool),
    Str(String),
    None,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClockKind {
    PerfCounter,
    Time,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnaryOp {
    Neg,
    /// Logical not of a bool.
    Not,
    /// Bitwise invert of an integer; on bool, logical not (NumPy `~`).
    Invert,
}

/// Arithmetic with Python/NumPy semantics: `FloorDiv` and `Mod` round towards
/// negative infinity (the result of `Mod` has the sign of the divisor);
/// `TrueDiv` operands are floats; `Pow` on ints requires a non-negative exponent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinaryOp {
    Add,
    Sub,
    Mul,
    TrueDiv,
    FloorDiv,
    Mod,
    Pow,
    BitAnd,
    BitOr,
    BitXor,
    Max,
    Min,
    /// `arctan2(y, x)` on floats.
    Atan2,
    /// `hypot(x, y)` on floats.
    Hypot,
    /// `x << y` on integers (NumPy's: a shift by the width or more gives 0).
    LShift,
    /// `x >> y` on integers (arithmetic for signed ones; a shift by the width or more
    /// gives 0, or -1 for a negative signed `x`).
    RShift,
    /// `complex(x, y)`: floats of one dtype, the complex number `x + yj` of their precision.
    Complex,
    /// C's `fmod(x, y)` (`np.fmod`): the remainder of the truncated quotient, with `x`'s
    /// sign; of integers NumPy's (`x % 0` and `MIN % -1` are 0).
    Fmod,
    /// `copysign(x, y)` on floats.
    Copysign,
    /// `nextafter(x, y)` on floats.
    Nextafter,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CompareOp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LogicalOp {
    And,
    Or,
}

/// Float math functions. `Abs` also applies to ints.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MathFn {
    Sqrt,
    Exp,
    Log,
    Sin,
    Cos,
    Tanh,
    Abs,
    Floor,
    Ceil,
    IsNan,
    /// Round half to even (`np.rint`, `np.round` with no decimals).
    Rint,
    Tan,
    Arcsin,
    Arccos,
    Arctan,
    Sinh,
    Cosh,
    Log2,
    Log10,
    Log1p,
    Expm1,
    Exp2,
    /// `math.erf`, `math.erfc`, `math.gamma`, `math.lgamma` (C's `tgamma`, `lgamma`).
    Erf,
    Erfc,
    Gamma,
    Lgamma,
    /// Of a complex number: its real and imaginary parts and its angle (floats of its
    /// parts' dtype), and its conjugate.
    Real,
    Imag,
    Angle,
    Conj,
}

impl MathFn {
    /// The C library name of a float function that libm implements as such
    /// (the f32 version adds `f`).
    pub fn libm_name(self) -> Option<&'static str> {
        Some(match self {
            MathFn::Tan => "tan",
            MathFn::Arcsin => "asin",
            MathFn::Arccos => "acos",
            MathFn::Arctan => "atan",
            MathFn::Sinh => "sinh",
            MathFn::Cosh => "cosh",
            MathFn::Tanh => "tanh",
            MathFn::Log2 => "log2",
            MathFn::Log10 => "log10",
            MathFn::Log1p => "log1p",
            MathFn::Expm1 => "expm1",
            MathFn::Exp2 => "exp2",
            MathFn::Erf => "erf",
            MathFn::Erfc => "erfc",
            MathFn::Gamma => "tgamma",
            MathFn::Lgamma => "lgamma",
            _ => return None,
        })
    }
}

/// A fused loop nest over an iteration space, evaluating one expression tree
/// per point. Inputs: `arrays` (broadcast to the iteration space) and
/// loop-invariant `scalars`.
#[derive(Clone, Debug)]
pub struct Kernel {
    pub name: String,
    /// Rank of the iteration space.
    pub ndim: usize,
    pub arrays: Vec<KernelArray>,
    pub scalars: Vec<DType>,
    pub output: KernelOutput,
    pub exprs: Arena<KExpr>,
    pub expr_types: HandleMap<KExpr, DType>,
    pub root: KExprId,
    /// Further outputs of a multi-output kernel (`fuse-siblings`): at each point the
    /// value of `also[j]` (of its dtype) is stored into array operand
    /// `arrays.len() - also.len() + j` (see [`Kernel::outputs`]). Those operands have the
    /// iteration space's shape and are written, never loaded.
    pub also: Vec<KExprId>,
    /// The source span of the statement this kernel came from.
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct KernelArray {
    pub dtype: DType,
    pub ndim: usize,
}

/// What a kernel produces.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KernelOutput {
    /// Writes the root value into `dst` (the iteration space is `dst`'s shape;
    /// every input must broadcast to it). If `dst` overlaps an input without
    /// being the same view, the runtime computes into a temporary first, so
    /// NumPy's evaluate-then-assign semantics hold.
    Store { dtype: DType },
    /// Reduces the root over the whole (broadcast) iteration space to a scalar
    /// written to the launch's `result` place.
    ReduceAll { op: ReduceOp, dtype: DType },
    /// Reduces along `axis` of the iteration space into `dst`, whose shape is
    /// the iteration space without `axis`. The runtime fills `dst` with the
    /// identity of `op` before the loop nest accumulates into it.
    ReduceAxis { op: ReduceOp, dtype: DType, axis: usize },
    /// Writes the root into `dst` as `Store` does and, in the same pass, reduces `value`
    /// (which may use the stored value's expression) over the iteration space to a scalar
    /// of `acc` written to the launch's `result` place: a reduction fused into the kernel
    /// that produced the array it reads (`fuse-reductions`).
    StoreReduce { dtype: DType, op: ReduceOp, acc: DType, value: KExprId },
}

impl KernelOutput {
    /// Whether the launch writes a scalar result (a reduction of the whole iteration space).
    pub fn reduces_all(&self) -> bool {
        matches!(self, KernelOutput::ReduceAll { .. } | KernelOutput::StoreReduce { .. })
    }

    /// Whether the launch writes a destination array.
    pub fn has_dst(&self) -> bool {
        !matches!(self, KernelOutput::ReduceAll { .. })
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReduceOp {
    Sum,
    Prod,
    /// NaN-propagating, like NumPy.
    Max,
    Min,
    Any,
    All,
    /// `np.bitwise_and.reduce` and the others, of integers and bools.
    BitAnd,
    BitOr,
    BitXor,
}

/// Kernel expressions, evaluated per iteration point.
#[derive(Clone, Debug)]
pub enum KExpr {
    /// The element of input array `i` at the current point (broadcast).
    Array(usize),
    /// Loop-invariant scalar parameter `i`.
    Scalar(usize),
    Const(Const),
    /// The current index along an iteration axis (int64).
    Index(usize),
    Unary(UnaryOp, KExprId),
    Binary(BinaryOp, KExprId, KExprId),
    Compare(CompareOp, KExprId, KExprId),
    Cast(DType, KExprId),
    Select(KExprId, KExprId, KExprId),
    Math(MathFn, KExprId),
}



impl Function {
    pub fn new(name: &str) -> Self {
        Function {
            name: name.to_string(),
            params: Vec::new(),
            locals: Arena::new(),
            results: Vec::new(),
            exprs: Arena::new(),
            expr_types: HandleMap::default(),
            body: Vec::new(),
            shapes: HandleMap::default(),
            next_stmt: 0,
        }
    }

    /// Gives every statement not numbered yet a fresh id, in execution order.
    pub fn number_statements(&mut self) {
        fn number(block: &mut Block, next: &mut u32) {
            for stmt in block {
                if stmt.id == StmtId::NEW {
                    stmt.id = StmtId(*next);
                    *next += 1;
                }
                for inner in stmt.blocks_mut() {
                    number(inner, next);
                }
            }
        }
        let mut next = self.next_stmt;
        number(&mut self.body, &mut next);
        self.next_stmt = next;
    }

    /// The statement with id `id`, if any.
    pub fn stmt(&self, id: StmtId) -> Option<&Stmt> {
        let mut found = None;
        walk_stmts(&self.body, &mut |s| {
            if s.id == id {
                found = Some(s);
            }
        });
        found
    }

    /// Adds an expression with its type.
    pub fn add_expr(&mut self, expr: Expr, ty: Type) -> ExprId {
        let id = self.exprs.push(expr);
        self.expr_types.insert(id, ty);
        id
    }

    pub fn expr_type(&self, e: ExprId) -> &Type {
        self.expr_types.get(e).expect("every expression has a type")
    }
}

impl Kernel {
    pub fn add_expr(&mut self, expr: KExpr, dtype: DType) -> KExprId {
        let id = self.exprs.push(expr);
        self.expr_types.insert(id, dtype);
        id
    }
    pub fn expr_dtype(&self, e: KExprId) -> DType {
        *self.expr_types.get(e).expect("every kernel expression has a dtype")
    }

    /// The array operands that are further outputs (`also`): the last ones.
    pub fn outputs(&self) -> std::ops::Range<usize> {
        self.arrays.len().saturating_sub(self.also.len())..self.arrays.len()
    }

    /// Whether array operand `i` is written (a further output) rather than read.
    pub fn is_output(&self, i: usize) -> bool {
        self.outputs().contains(&i)
    }
}
