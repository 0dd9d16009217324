//! Small hand-built IR modules shared by the codegen tests.

#![allow(dead_code)]

use ir::*;

pub fn stmt(kind: StmtKind) -> Stmt {
    Stmt::new(kind, Span::default())
}

pub fn int(f: &mut Function, v: i64) -> ExprId {
    f.add_expr(Expr::Const(Const::Int(v)), Type::py_int())
}

pub fn float(f: &mut Function, v: f64) -> ExprId {
    f.add_expr(Expr::Const(Const::Float(v)), Type::py_float())
}

pub fn string(f: &mut Function, s: &str) -> ExprId {
    f.add_expr(Expr::Const(Const::Str(s.to_string())), Type::Str)
}

pub fn read(f: &mut Function, v: VarId) -> ExprId {
    let ty = f.locals[v].ty.clone();
    f.add_expr(Expr::Read(Place::Local(v)), ty)
}

pub fn local(f: &mut Function, name: &str, ty: Type) -> VarId {
    f.locals.push(Var { name: name.to_string(), ty })
}

/// `print(*args)` with the default separator and end.
pub fn print(f: &mut Function, args: Vec<ExprId>) -> Stmt {
    let sep = string(f, " ");
    let end = string(f, "\n");
    stmt(StmtKind::Print { args, sep, end })
}

pub fn assign(f: &mut Function, v: VarId, value: ExprId) -> Stmt {
    let _ = f;
    stmt(StmtKind::Assign { dst: Place::Local(v), value })
}

/// `dst = np.empty(dims, dtype)`.
pub fn alloc(f: &mut Function, dst: VarId, dtype: DType, dims: &[i64]) -> Stmt {
    let dims = dims.iter().map(|d| int(f, *d)).collect();
    stmt(StmtKind::Alloc { dst: Place::Local(dst), dtype, shape: ShapeSpec::Dims(dims) })
}

/// A kernel `dst = f(index...)` filling an array with `index0 * 10 + index1 ...` as `dtype`.
pub fn iota_kernel(m: &mut Module, ndim: usize, dtype: DType) -> KernelId {
    let mut k = Kernel {
        name: "iota".into(),
        ndim,
        arrays: vec![],
        scalars: vec![],
        output: KernelOutput::Store { dtype },
        exprs: Arena::new(),
        expr_types: HandleMap::default(),
        root: Handle::new(0),
        also: Vec::new(),
        span: Span::default(),
    };
    if ndim == 0 {
        let seven = k.add_expr(KExpr::Const(Const::Int(7)), DType::I64);
        k.root = k.add_expr(KExpr::Cast(dtype, seven), dtype);
        return m.kernels.push(k);
    }
    let mut acc = k.add_expr(KExpr::Index(0), DType::I64);
    for d in 1..ndim {
        let ten = k.add_expr(KExpr::Const(Const::Int(10)), DType::I64);
        let scaled = k.add_expr(KExpr::Binary(BinaryOp::Mul, acc, ten), DType::I64);
        let idx = k.add_expr(KExpr::Index(d), DType::I64);
        acc = k.add_expr(KExpr::Binary(BinaryOp::Add, scaled, idx), DType::I64);
    }
    k.root = if dtype == DType::I64 { acc } else { k.add_expr(KExpr::Cast(dtype, acc), dtype) };
    m.kernels.push(k)
}

/// A kernel `dst = a0 <op> a1` over rank `ndim`.
pub fn binary_kernel(m: &mut Module, op: BinaryOp, ndim: usize, dtype: DType) -> KernelId {
    let mut k = Kernel {
        name: format!("{op:?}").to_lowercase(),
        ndim,
        arrays: vec![KernelArray { dtype, ndim }, KernelArray { dtype, ndim }],
        scalars: vec![],
        output: KernelOutput::Store { dtype },
        exprs: Arena::new(),
        expr_types: HandleMap::default(),
        root: Handle::new(0),
        also: Vec::new(),
        span: Span::default(),
    };
    let a = k.add_expr(KExpr::Array(0), dtype);
    let b = k.add_expr(KExpr::Array(1), dtype);
    k.root = k.add_expr(KExpr::Binary(op, a, b), dtype);
    m.kernels.push(k)
}

/// A kernel reducing input 0 (rank `ndim`, `dtype`) with `output`.
pub fn reduce_kernel(m: &mut Module, ndim: usize, dtype: DType, output: KernelOutput) -> KernelId {
    let mut k = Kernel {
        name: "reduce".into(),
        ndim,
        arrays: vec![KernelArray { dtype, ndim }],
        scalars: vec![],
        output,
        exprs: Arena::new(),
        expr_types: HandleMap::default(),
        root: Handle::new(0),
        also: Vec::new(),
        span: Span::default(),
    };
    k.root = k.add_expr(KExpr::Array(0), dtype);
    m.kernels.push(k)
}

pub fn bin(f: &mut Function, op: BinaryOp, a: ExprId, b: ExprId, ty: Type) -> ExprId {
    f.add_expr(Expr::Binary(op, a, b), ty)
}

pub fn cmp(f: &mut Function, op: CompareOp, a: ExprId, b: ExprId) -> ExprId {
    f.add_expr(Expr::Compare(op, a, b), Type::py_bool())
}

pub fn launch(kernel: KernelId, dst: Option<ExprId>, arrays: Vec<ExprId>, scalars: Vec<ExprId>, result: Option<VarId>) -> Stmt {
    stmt(StmtKind::Launch { kernel, dst, arrays, scalars, result: result.map(Place::Local) })
}

/// Builds a kernel expression by expression.
pub struct KernelBuilder {
    pub k: Kernel,
}

impl KernelBuilder {
    pub fn new(name: &str, ndim: usize, output: KernelOutput) -> Self {
        KernelBuilder {
            k: Kernel {
                name: name.to_string(),
                ndim,
                arrays: vec![],
                scalars: vec![],
                output,
                exprs: Arena::new(),
                expr_types: HandleMap::default(),
                root: Handle::new(0),
                also: Vec::new(),
                span: Span::default(),
            },
        }
    }
    /// Adds input array `i` (in order) and a load of it.
    pub fn array(&mut self, dtype: DType, ndim: usize) -> KExprId {
        let i = self.k.arrays.len();
        self.k.arrays.push(KernelArray { dtype, ndim });
        self.k.add_expr(KExpr::Array(i), dtype)
    }
    pub fn scalar(&mut self, dtype: DType) -> KExprId {
        let i = self.k.scalars.len();
        self.k.scalars.push(dtype);
        self.k.add_expr(KExpr::Scalar(i), dtype)
    }
    pub fn e(&mut self, expr: KExpr, dtype: DType) -> KExprId {
        self.k.add_expr(expr, dtype)
    }
    pub fn finish(mut self, root: KExprId, m: &mut Module) -> KernelId {
        self.k.root = root;
        m.kernels.push(self.k)
    }
}

/// The module with every statement numbered, as the pipeline leaves it.
pub fn numbered(m: &ir::Module) -> ir::Module {
    let mut m = m.clone();
    for f in m.functions.handles().collect::<Vec<_>>() {
        m.functions[f].number_statements();
    }
    m
}
