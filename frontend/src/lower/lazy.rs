//! Lazy elementwise expressions and their fusion into kernels.
//!
//! An array expression such as `0.2 * (a + b[1:] - c)` is kept as a tree of
//! [`LNode`]s until it is consumed: assigned to a name (a new array), stored
//! into a view (`x[1:-1] = ...`), or reduced (`np.sum(...)`). Consuming it
//! builds one [`ir::Kernel`]: one loop nest, no temporaries.

use std::collections::HashMap;
use std::rc::Rc;

pub(crate) use super::lnode::{convert_const, LNode, Lazy};
use super::FnCx;
use crate::diagnostics as diag;
use ir::{Const, DType, ExprId, KExpr, KExprId, Kernel, KernelArray, KernelOutput, Place, ReduceOp, ShapeSpec, Span, StmtKind, Type};

/// Builds one kernel from a tree: numbers the array and scalar operands.
struct KernelBuilder {
    kernel: Kernel,
    arrays: Vec<Place>,
    scalars: Vec<ExprId>,
    array_slots: HashMap<Place, usize>,
    /// The expression of each tree node already built: a node the tree shares (a value an
    /// inlined function uses twice) is computed once.
    built: HashMap<*const LNode, KExprId>,
}

impl KernelBuilder {
    fn new(name: String, ndim: usize, span: Span) -> Self {
        let mut exprs = ir::Arena::new();
        let placeholder = exprs.push(KExpr::Const(Const::Int(0)));
        let mut kernel = Kernel {
            name,
            ndim,
            arrays: Vec::new(),
            scalars: Vec::new(),
            output: KernelOutput::Store { dtype: DType::I64 },
            exprs: ir::Arena::new(),
            expr_types: Default::default(),
            root: placeholder,
            also: Vec::new(),
            span,
        };
        kernel.exprs = ir::Arena::new();
        KernelBuilder { kernel, arrays: Vec::new(), scalars: Vec::new(), array_slots: HashMap::new(), built: HashMap::new() }
    }

    fn node(&mut self, n: &LNode) -> KExprId {
        let key = n as *const LNode;
        if let Some(&id) = self.built.get(&key) {
            return id;
        }
        let id = self.build(n);
        self.built.insert(key, id);
        id
    }

    fn build(&mut self, n: &LNode) -> KExprId {
        let dtype = n.dtype();
        let e = match n {
            LNode::Array { place, dtype, ndim } => {
                let slot = match self.array_slots.get(place) {
                    Some(s) => *s,
                    None => {
                        let s = self.arrays.len();
                        self.arrays.push(*place);
                        self.kernel.arrays.push(KernelArray { dtype: *dtype, ndim: *ndim });
                        self.array_slots.insert(*place, s);
                        s
                    }
                };
                KExpr::Array(slot)
            }
            LNode::Scalar { expr, dtype } => {
                let slot = match self.scalars.iter().position(|s| s == expr) {
                    Some(s) => s,
                    None => {
                        self.scalars.push(*expr);
                        self.kernel.scalars.push(*dtype);
                        self.scalars.len() - 1
                    }
                };
                KExpr::Scalar(slot)
            }
            LNode::Const { value, dtype } => KExpr::Const(convert_const(value, *dtype)),
            LNode::Index(axis) => KExpr::Index(*axis),
            LNode::Unary(op, a, _) => {
                let a = self.node(a);
                KExpr::Unary(*op, a)
            }
            LNode::Binary(op, a, b, _) => {
                let a = self.node(a);
                let b = self.node(b);
                KExpr::Binary(*op, a, b)
            }
            LNode::Compare(op, a, b) => {
                let a = self.node(a);
                let b = self.node(b);
                KExpr::Compare(*op, a, b)
            }
            LNode::Cast(d, a) => {
                let a = self.node(a);
                KExpr::Cast(*d, a)
            }
            LNode::Select(c, a, b, _) => {
                let c = self.node(c);
                let a = self.node(a);
                let b = self.node(b);
                KExpr::Select(c, a, b)
            }
            LNode::Math(f, a, _) => {
                let a = self.node(a);
                KExpr::Math(*f, a)
            }
        };
        self.kernel.add_expr(e, dtype)
    }
}

impl FnCx<'_, '_> {
    /// The lazy view of a value usable in an elementwise expression.
    pub fn as_node(&mut self, v: &super::Value) -> Option<(Rc<LNode>, usize)> {
        use super::Value;
        match v {
            Value::Lazy(l) => Some((l.node.clone(), l.ndim)),
            Value::Array(e) => {
                let Type::Array { dtype, ndim } = self.expr_type(*e) else { return None };
                let place = match &self.f.exprs[*e] {
                    ir::Expr::Read(p) => *p,
                    _ => return None,
                };
                Some((Rc::new(LNode::Array { place, dtype, ndim }), ndim))
            }
            Value::Scalar(e) => {
                let Type::Scalar { dtype, weak } = self.expr_type(*e) else { return None };
                if dtype.is_complex() && !matches!(self.f.exprs[*e], ir::Expr::Const(_)) {
                    // Kernels take scalars one word each: a complex one as its two parts.
                    let part = dtype.real_part();
                    let re = self.add(ir::Expr::Math(ir::MathFn::Real, vec![*e]), Type::Scalar { dtype: part, weak });
                    let im = self.add(ir::Expr::Math(ir::MathFn::Imag, vec![*e]), Type::Scalar { dtype: part, weak });
                    let re = Rc::new(LNode::Scalar { expr: re, dtype: part });
                    let im = Rc::new(LNode::Scalar { expr: im, dtype: part });
                    return Some((Rc::new(LNode::Binary(ir::BinaryOp::Complex, re, im, dtype)), 0));
                }
                let node = match &self.f.exprs[*e] {
                    ir::Expr::Const(c) => LNode::Const { value: c.clone(), dtype },
                    _ => LNode::Scalar { expr: *e, dtype },
                };
                Some((Rc::new(node), 0))
            }
            _ => None,
        }
    }

    fn kernel_name(&self, what: &str, span: Span) -> String {
        format!("{what}_L{}", self.line_of(span))
    }

    /// Emits a launch of a kernel built from `root`.
    fn launch(
        &mut self,
        builder: KernelBuilder,
        root: KExprId,
        output: KernelOutput,
        dst: Option<ExprId>,
        result: Option<Place>,
        span: Span,
    ) {
        let KernelBuilder { mut kernel, arrays, scalars, .. } = builder;
        kernel.root = root;
        kernel.output = output;
        let id = self.cx.module.kernels.push(kernel);
        let arrays = arrays.into_iter().map(|p| self.read(p)).collect();
        self.emit(StmtKind::Launch { kernel: id, dst, arrays, scalars, result }, span);
    }

    /// Writes `value` (array, lazy or scalar) into the array view `dst`,
    /// converting to `dtype` (one fused loop nest over `dst`).
    pub fn store_into(&mut self, dst: ExprId, dtype: DType, ndim: usize, value: super::Value, span: Span) {
        // A list or tuple is the array NumPy makes of it in the destination's dtype
        // (`h[1] = (1, 2.5, 3.0)`, `w[:3] = [0.25, 0.5, 0.25]`).
        let value = match value {
            super::Value::Tuple(seq) if !seq.is_empty() && seq.named.is_none() => self.array_literal(super::Value::Tuple(seq), Some(dtype), span),
            super::Value::List(l) => self.list_to_array(l, span),
            other => other,
        };
        let Some((node, vndim)) = self.as_node(&value) else {
            if !matches!(value, super::Value::Error) {
                let what = self.describe_value(&value);
                self.error(diag::type_error(span, format!("cannot store {what} into an array"), "store numbers or arrays"));
            }
            return;
        };
        if vndim > ndim {
            self.error(diag::shape_error(
                span,
                format!("cannot store a {vndim}-D value into a {ndim}-D array"),
            ));
            return;
        }
        if node.dtype().is_complex() && !dtype.is_complex() {
            self.error(diag::unsupported_dtype(
                span,
                &format!("stores of complex values into arrays of {}", dtype.numpy_name()),
                node.dtype().numpy_name(),
                "NumPy would drop the imaginary parts (with a ComplexWarning): store `.real` or `abs(...)` explicitly, or make the array complex",
            ));
            return;
        }
        let node = LNode::cast(node, dtype);
        let mut b = KernelBuilder::new(self.kernel_name("store", span), ndim, span);
        let root = b.node(&node);
        self.launch(b, root, KernelOutput::Store { dtype }, Some(dst), None, span);
    }

    /// Evaluates a lazy expression into a new array; returns a read of it.
    pub fn materialize(&mut self, l: Lazy, span: Span) -> ExprId {
        let dtype = l.dtype();
        let mut leaves = Vec::new();
        collect_arrays(&l.node, &mut leaves);
        if leaves.is_empty() && l.ndim > 0 {
            // Only index leaves (np.fromfunction's coordinates): no shape to evaluate over.
            self.error(diag::unsupported_syntax(span, "this operation on the coordinates of `np.fromfunction`", "use elementwise operations of the coordinates only"));
        }
        let tmp = self.temp(Type::array(dtype, l.ndim));
        let shape = if leaves.is_empty() {
            ShapeSpec::Dims(vec![])
        } else {
            ShapeSpec::Broadcast { arrays: leaves.into_iter().map(|p| self.read(p)).collect(), reuse: None }
        };
        self.emit(StmtKind::Alloc { dst: tmp, dtype, shape }, span);
        let dst = self.read(tmp);
        self.store_into(dst, dtype, l.ndim, super::Value::Lazy(l), span);
        self.read(tmp)
    }

    /// Reduces a whole array expression to a scalar with `op` in `dtype`.
    pub fn reduce_all(&mut self, node: Rc<LNode>, ndim: usize, op: ReduceOp, dtype: DType, span: Span) -> ExprId {
        let mut leaves = Vec::new();
        collect_arrays(&node, &mut leaves);
        if leaves.is_empty() && ndim > 0 {
            self.error(diag::unsupported_syntax(span, "this reduction of the coordinates of `np.fromfunction`", "reduce the array np.fromfunction returns instead"));
        }
        let node = LNode::cast(node, dtype);
        let name = format!("{op:?}").to_lowercase();
        let mut b = KernelBuilder::new(self.kernel_name(&name, span), ndim, span);
        let root = b.node(&node);
        let result = self.temp(Type::scalar(dtype));
        self.launch(b, root, KernelOutput::ReduceAll { op, dtype }, None, Some(result), span);
        self.read(result)
    }

    /// Reduces an array expression along `axis` into a new array.
    pub fn reduce_axis(
        &mut self,
        node: Rc<LNode>,
        ndim: usize,
        op: ReduceOp,
        dtype: DType,
        axis: usize,
        span: Span,
    ) -> ExprId {
        // The source is materialised if lazy so the result shape can be computed from it.
        let source = match &*node {
            LNode::Array { place, .. } => *place,
            _ => {
                let dt = node.dtype();
                let e = self.materialize(Lazy { node: node.clone(), ndim }, span);
                let ir::Expr::Read(p) = self.f.exprs[e] else { unreachable!() };
                let _ = dt;
                p
            }
        };
        let src_dtype = self.place_type(source).dtype().expect("array");
        let src_node = Rc::new(LNode::Array { place: source, dtype: src_dtype, ndim });
        let node = LNode::cast(src_node, dtype);
        let out = self.temp(Type::array(dtype, ndim - 1));
        let src = self.read(source);
        self.emit(StmtKind::Alloc { dst: out, dtype, shape: ShapeSpec::Reduced { array: src, axis } }, span);
        let name = format!("{op:?}_axis", ).to_lowercase();
        let mut b = KernelBuilder::new(self.kernel_name(&name, span), ndim, span);
        let root = b.node(&node);
        let dst = self.read(out);
        self.launch(b, root, KernelOutput::ReduceAxis { op, dtype, axis }, Some(dst), None, span);
        self.read(out)
    }

    /// Fills a new array from a generator expression over its indices
    /// (`arange`, `linspace`, `eye`, `zeros`...). `shape` are int64 extents.
    pub fn generate(&mut self, shape: Vec<ExprId>, node: Rc<LNode>, span: Span) -> ExprId {
        let dtype = node.dtype();
        let ndim = shape.len();
        let tmp = self.temp(Type::array(dtype, ndim));
        self.emit(StmtKind::Alloc { dst: tmp, dtype, shape: ShapeSpec::Dims(shape) }, span);
        let dst = self.read(tmp);
        let mut b = KernelBuilder::new(self.kernel_name("fill", span), ndim, span);
        let root = b.node(&node);
        self.launch(b, root, KernelOutput::Store { dtype }, Some(dst), None, span);
        self.read(tmp)
    }
}

fn collect_arrays(n: &LNode, out: &mut Vec<Place>) {
    collect_arrays_once(n, out, &mut std::collections::HashSet::new())
}

/// `collect_arrays` visiting each node of the tree once: a tree shares nodes (a recurrence
/// such as `np.i0`'s Chebyshev series reads each term twice), so an unmemoised walk would
/// take exponential time.
fn collect_arrays_once(n: &LNode, out: &mut Vec<Place>, seen: &mut std::collections::HashSet<*const LNode>) {
    if !seen.insert(n as *const LNode) {
        return;
    }
    match n {
        LNode::Array { place, .. } => {
            if !out.contains(place) {
                out.push(*place)
            }
        }
        LNode::Scalar { .. } | LNode::Const { .. } | LNode::Index(_) => {}
        LNode::Unary(_, a, _) | LNode::Cast(_, a) | LNode::Math(_, a, _) => collect_arrays_once(a, out, seen),
        LNode::Binary(_, a, b, _) | LNode::Compare(_, a, b) => {
            collect_arrays_once(a, out, seen);
            collect_arrays_once(b, out, seen);
        }
        LNode::Select(c, a, b, _) => {
            collect_arrays_once(c, out, seen);
            collect_arrays_once(a, out, seen);
            collect_arrays_once(b, out, seen);
        }
    }
}

/// The array places an expression reads.
pub(crate) fn collect_array_places(n: &LNode, out: &mut Vec<Place>) {
    collect_arrays(n, out)
}
