//! Lazy elementwise expression trees ([`LNode`], [`Lazy`]): what `lazy.rs` fuses into
//! kernels. A leaf: the lowering context's `Value` holds them, and this file imports no
//! other file of `lower/`.

use std::rc::Rc;

use ir::{BinaryOp, CompareOp, Const, DType, ExprId, MathFn, Place, UnaryOp};

/// A node of a lazy array expression. Every node knows its dtype.
#[derive(Clone, Debug)]
pub(crate) enum LNode {
    /// An array place read (broadcast to the iteration space).
    Array { place: Place, dtype: DType, ndim: usize },
    /// A loop-invariant host scalar.
    Scalar { expr: ExprId, dtype: DType },
    Const { value: Const, dtype: DType },
    /// The index along an axis of the iteration space (int64).
    Index(usize),
    Unary(UnaryOp, Rc<LNode>, DType),
    Binary(BinaryOp, Rc<LNode>, Rc<LNode>, DType),
    Compare(CompareOp, Rc<LNode>, Rc<LNode>),
    Cast(DType, Rc<LNode>),
    Select(Rc<LNode>, Rc<LNode>, Rc<LNode>, DType),
    Math(MathFn, Rc<LNode>, DType),
}

impl LNode {
    pub fn dtype(&self) -> DType {
        match self {
            LNode::Array { dtype, .. } | LNode::Scalar { dtype, .. } | LNode::Const { dtype, .. } => *dtype,
            LNode::Index(_) => DType::I64,
            LNode::Unary(_, _, d) | LNode::Binary(_, _, _, d) | LNode::Select(_, _, _, d) | LNode::Math(_, _, d) => *d,
            LNode::Compare(..) => DType::Bool,
            LNode::Cast(d, _) => *d,
        }
    }

    /// Converts to `dtype`, folding constant casts.
    pub fn cast(node: Rc<LNode>, dtype: DType) -> Rc<LNode> {
        if node.dtype() == dtype {
            return node;
        }
        if let LNode::Const { value, dtype: from } = &*node {
            let high_u64 = *from == DType::U64 && matches!(value, Const::Int(i) if *i < 0);
            if !high_u64 {
                return Rc::new(LNode::Const { value: convert_const(value, dtype), dtype });
            }
        }
        Rc::new(LNode::Cast(dtype, node))
    }
}

/// Converts a constant to the representation codegen expects for `dtype`. An integer
/// constant is taken as a signed value: callers do not fold casts of uint64 constants
/// from 2**63 up (held as negative int64s, see `DType::wrap_int`).
pub(crate) fn convert_const(c: &Const, dtype: DType) -> Const {
    let as_f64 = match c {
        Const::Int(i) => *i as f64,
        Const::Float(f) => *f,
        Const::Bool(b) => f64::from(u8::from(*b)),
        _ => 0.0,
    };
    match dtype {
        DType::F32 => Const::Float(as_f64 as f32 as f64),
        DType::F64 => Const::Float(as_f64),
        // A real constant as a complex one: its real part (codegen adds the zero).
        DType::C64 => Const::Float(as_f64 as f32 as f64),
        DType::C128 => Const::Float(as_f64),
        DType::Bool => Const::Bool(as_f64 != 0.0),
        int => match c {
            Const::Int(i) => Const::Int(int.wrap_int(i128::from(*i))),
            Const::Bool(b) => Const::Int(i64::from(*b)),
            // A float as codegen's cast converts it: truncated (exact for values in range).
            _ if int == DType::U64 && as_f64 >= 2f64.powi(63) && as_f64 < 2f64.powi(64) => Const::Int(as_f64 as u64 as i64),
            _ => Const::Int(int.wrap_int(as_f64 as i64 as i128)),
        },
    }
}

/// A lazy array value: an expression tree and its result rank.
#[derive(Clone, Debug)]
pub(crate) struct Lazy {
    pub node: Rc<LNode>,
    pub ndim: usize,
}

impl Lazy {
    pub fn dtype(&self) -> DType {
        self.node.dtype()
    }
}
