//! Lowering of expressions: operators with Python and NumPy 2 typing rules,
//! comparisons, indexing and views, attributes, and calls of user functions.

use std::rc::Rc;
use std::collections::{HashMap, HashSet};

use super::indexing::Index;
use super::promote::result_dtype;
use super::lazy::{LNode, Lazy};
use super::{FnCx, ParamBinding, Value};
use crate::ast::{self, ExprKind, IndexExpr};
use crate::diagnostics as diag;
use ir::{BinaryOp, CompareOp, Const, DType, Diagnostic, Expr, ExprId, IndexItem, MathFn, Place, Span, StmtKind, Type, UnaryOp};

impl FnCx<'_, '_> {
    /// Lowers an expression. An error value stands for an error already reported: in
    /// reachable code, one that nothing reported would drop the statement silently, so it
    /// is a compiler bug.
    pub fn expr(&mut self, e: &ast::Expr) -> Value {
        let v = self.expr_inner(e);
        // (Unreachable code reads variables as error values: it never runs.)
        if matches!(v, Value::Error) && self.cx.diags.is_empty() && self.flow.is_some() {
            self.error(Diagnostic::internal("frontend", e.span, "this expression was lowered to an error value without a diagnostic".to_string()));
        }
        v
    }

    fn expr_inner(&mut self, e: &ast::Expr) -> Value {
        let span = e.span;
        match &e.kind {
            ExprKind::Name(n) => self.lookup(n, span),
            ExprKind::Int(i) => Value::Scalar(self.add(Expr::Const(Const::Int(*i)), Type::py_int())),
            ExprKind::Float(f) => Value::Scalar(self.add(Expr::Const(Const::Float(*f)), Type::py_float())),
            ExprKind::Bool(b) => Value::Scalar(self.add(Expr::Const(Const::Bool(*b)), Type::py_bool())),
            ExprKind::Str(s) => Value::Str(self.add(Expr::Const(Const::Str(s.clone())), Type::Str)),
            ExprKind::NoneLit => Value::None,
            ExprKind::Ellipsis => {
                self.error(diag::unsupported_syntax(span, "`...` (Ellipsis) outside an array subscript", "use `...` only inside `a[...]`"));
                Value::Error
            }
            ExprKind::ListComp { .. } => self.unrolled_comprehension(e),
            ExprKind::BinOp { op, left, right } => {
                let l = self.expr(left);
                let l = self.pin_before(l, &[right], left.span);
                let mark = self.mark();
                let r = self.expr(right);
                let l = self.read_at(l, mark, left.span);
                if matches!(l, Value::Series(_)) || matches!(r, Value::Series(_)) {
                    if *op == ast::BinOp::Add {
                        if let Some(v) = self.str_concat(&l, &r, span) {
                            return v;
                        }
                    }
                    let Some((l, r, name, index)) = self.series_operands(l, r, span) else { return Value::Error };
                    if !self.check_broadcast(&l, left.span, &r, right.span, span) {
                        return Value::Error;
                    }
                    if matches!(op, ast::BinOp::FloorDiv | ast::BinOp::Mod) {
                        self.refuse_integer_zero_divisor(&l, &r, span);
                    }
                    let v = self.binary(*op, l, r, span);
                    return self.as_series(v, name, index, span);
                }
                if *op != ast::BinOp::MatMul && !self.check_broadcast(&l, left.span, &r, right.span, span) {
                    return Value::Error;
                }
                self.binary(*op, l, r, span)
            }
            ExprKind::UnaryOp { op, operand } => {
                let v = self.expr(operand);
                if let Value::Series(s) = &v {
                    if *op != ast::UnaryOp::Not {
                        let r = self.unary(*op, s.data.clone(), span);
                        return self.as_series(r, s.name.clone(), s.index.clone(), span);
                    }
                }
                self.unary(*op, v, span)
            }
            ExprKind::BoolOp { op, values } => self.bool_op(*op, values, span),
            ExprKind::Compare { left, ops, comparators } => self.compare_chain(left, ops, comparators, span),
            ExprKind::Call { func, args, keywords } => self.call(func, args, keywords, span),
            ExprKind::Attribute { value, attr } => {
                let base = self.expr(value);
                let base = self.unwrap_optional(base, "TypeError", &format!("'NoneType' object has no attribute '{attr}'"), value.span);
                let base = if matches!(attr.as_str(), "real" | "imag" | "conjugate") { base } else { self.unwrap_array_union(base, UnionUse::Attribute(attr), value.span) };
                self.attribute(base, attr, span)
            }
            ExprKind::Subscript { value, index } => {
                let base = self.expr(value);
                let base = self.unwrap_optional(base, "TypeError", "'NoneType' object is not subscriptable", value.span);
                let base = self.unwrap_array_union(base, UnionUse::Subscript, value.span);
                if let Value::Builtin(name) = &base {
                    if name == "numpy.mgrid" || name == "numpy.ogrid" {
                        return self.index_grid(name == "numpy.ogrid", index, span);
                    }
                }
                let later: Vec<&ast::Expr> = index
                    .iter()
                    .flat_map(|i| match i {
                        IndexExpr::Expr(x) => vec![x],
                        IndexExpr::Slice { lower, upper, step, .. } => [lower, upper, step].into_iter().flatten().collect(),
                    })
                    .collect();
                let base = self.pin_before(base, &later, value.span);
                self.subscript(base, index, span)
            }
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                let mut made = Vec::with_capacity(items.len());
                for (k, item) in items.iter().enumerate() {
                    let v = self.expr(item);
                    let later: Vec<&ast::Expr> = items[k + 1..].iter().collect();
                    made.push((self.pin_before(v, &later, item.span), self.mark(), item.span));
                }
                self.read_all_at(&mut made);
                let values = made.into_iter().map(|(v, _, _)| v).collect();
                Value::Tuple(super::Seq { items: values, list: matches!(e.kind, ExprKind::List(_)), named: None, held: false })
            }
            ExprKind::Dict(items) => {
                Value::Dict(items.iter().map(|(k, v)| (self.expr(k), k.span, self.expr(v), v.span)).collect())
            }
            ExprKind::IfExp { test, body, orelse } => self.if_exp(test, body, orelse, span),
            ExprKind::FString(parts) => self.fstring(parts, span),
            ExprKind::Lambda { params, body } => Value::Lambda(std::rc::Rc::new(super::LambdaDef {
                params: params.clone(),
                body: (**body).clone(),
                home: self.f.name.clone(),
            })),
            ExprKind::Generator(_) => {
                self.error(diag::unsupported_syntax(span, "generator expressions other than the argument of a reduction (`sum`, `min`, `max`, `any`, `all`) or a NumPy function, or a value unpacked into names", "make it a list comprehension, or pass it to the function that consumes it (`sum(x for x in a)`)"));
                Value::Error
            }
            ExprKind::Starred(_) => {
                self.error(diag::unsupported_syntax(span, "`*` unpacking outside a call's arguments", "unpack into names (`a, b = t`) or pass `*t` to a call"));
                Value::Error
            }
            ExprKind::Unsupported { what, hint } => {
                self.error(diag::unsupported_syntax(span, what, hint));
                Value::Error
            }
            ExprKind::Imaginary(x) => {
                let re = self.add(Expr::Const(Const::Float(0.0)), Type::py_float());
                let im = self.add(Expr::Const(Const::Float(*x)), Type::py_float());
                Value::Scalar(self.add(Expr::Binary(BinaryOp::Complex, re, im), Type::Scalar { dtype: DType::C128, weak: true }))
            }
        }
    }

    pub fn describe_value(&self, v: &Value) -> String {
        match v {
            Value::Scalar(e) | Value::Str(e) | Value::Array(e) | Value::List(e) => super::describe(self.f.expr_type(*e)),
            Value::Lazy(l) => format!("a {}-D {} array", l.ndim, l.dtype().numpy_name()),
            Value::Tuple(seq) if seq.list => "a list".into(),
            Value::Tuple(_) => "a tuple".into(),
            Value::Module(m) => format!("the module `{m}`"),
            Value::Builtin(b) => format!("the function `{b}`"),
            Value::DType(d) => format!("the dtype `{}`", d.numpy_name()),
            Value::UserFunc(f) => format!("the function `{f}`"),
            Value::Lambda(_) => "a lambda".into(),
            Value::Closure(c) => format!("the function `{}`", c.func),
            Value::Method(recv, m) if matches!(**recv, Value::DType(_)) && (m == "iinfo" || m == "finfo") => format!("an `np.{m}` object"),
            Value::Method(_, m) => format!("the method `{m}`"),
            Value::Generator(_) => "a random Generator".into(),
            Value::Range(..) => "a range".into(),
            Value::Vectorized(_) => "a vectorized function".into(),
            Value::None => "None".into(),
            Value::Cli(c) => self.describe_cli(c),
            Value::BigInt(v) => format!("the int {v}, which does not fit in 64 bits"),
            Value::Union(u) => {
                let kinds: Vec<String> = u.variants.iter().map(|(_, t, _)| super::describe(t)).collect();
                format!("{} (known only at run time)", kinds.join(" or "))
            }
            Value::Dict(_) => "a dict".into(),
            Value::Frame(f) => {
                let columns: Vec<String> = f.columns.iter().map(|(name, c)| format!("'{name}' {}", self.describe_col(*c))).collect();
                format!("a DataFrame with columns {}{}", columns.join(", "), self.describe_index(&f.index))
            }
            Value::Series(s) => {
                let values = match &s.data {
                    Value::Column(c) => self.describe_col(*c),
                    other => self.value_dtype(other).map_or_else(|| "?".to_string(), |d| d.numpy_name().to_string()),
                };
                format!("a Series of {values}{}", self.describe_index(&s.index))
            }
            Value::Column(c) => format!("the values of a {} Series", self.col_type(*c).pandas_name()),
            Value::Timestamp(_) => "a pd.Timestamp".into(),
            Value::GroupBy(_) => "a DataFrameGroupBy".into(),
            Value::Error => "an invalid value".into(),
        }
    }

    /// A column's dtype in a message, and whether it holds a validity mask (legatec keeps a
    /// column that may miss values in another layout than one that cannot).
    fn describe_col(&self, c: super::pandas::Col) -> String {
        let name = self.col_type(c).pandas_name();
        if c.valid.is_some() { format!("{name} that may miss values") } else { name }
    }

    /// A frame's or series' index in a message (nothing for a `RangeIndex`).
    fn describe_index(&self, index: &super::pandas::IndexV) -> String {
        match index {
            super::pandas::IndexV::Range { .. } => String::new(),
            super::pandas::IndexV::Labels(levels) if levels.len() == 1 => " and an index of labels".into(),
            super::pandas::IndexV::Labels(levels) => format!(" and a {}-level MultiIndex", levels.len()),
        }
    }

    /// Series `//` and `%` of integers: pandas makes the result float64 (inf, NaN) where a
    /// divisor is 0, a dtype that depends on the data, where legatec compiled an integer
    /// one (NumPy's 0). A zero divisor is then an error at run time, never a wrong number.
    fn refuse_integer_zero_divisor(&mut self, l: &Value, r: &Value, span: Span) {
        let int = |fx: &Self, v: &Value| fx.value_dtype(v).is_some_and(|d| d.is_int() && d != DType::Bool);
        if !int(self, l) || !int(self, r) {
            return;
        }
        let zero = Value::Scalar(self.add(Expr::Const(Const::Int(0)), Type::py_int()));
        let is_zero = self.compare(ast::CmpOp::Eq, r.clone(), zero, span);
        let any = match self.call_builtin("numpy.any", vec![(is_zero, span)], Vec::new(), span) {
            Value::Scalar(e) => e,
            _ => return,
        };
        let raise = self.block(|fx| {
            let message = fx.add(
                Expr::Const(Const::Str(
                    "legatec: an integer Series divided by 0 with // or %: pandas makes the result float64 (inf, NaN) there, legatec compiled an integer result; divide a float Series (.astype(float))".into(),
                )),
                Type::Str,
            );
            let kind = fx.add(Expr::Const(Const::Int(runtime_abi::ERR_VALUE)), Type::py_int());
            fx.emit(ir::StmtKind::Runtime { func: runtime_abi::EntryPoint::Raise, args: vec![kind, message], dst: None }, span);
        });
        self.emit(ir::StmtKind::If { cond: any, then_body: raise, else_body: Vec::new() }, span);
    }

    /// The dtype of a numeric value (scalar or array).
    pub fn value_dtype(&self, v: &Value) -> Option<DType> {
        match v {
            Value::Scalar(e) | Value::Array(e) => self.f.expr_type(*e).dtype(),
            Value::Lazy(l) => Some(l.dtype()),
            _ => None,
        }
    }

    /// How an operand's type reads in a message: Python's `int`/`float`/`bool` for weak
    /// scalars, NumPy's dtype name otherwise.
    fn operand_type_name(&self, dtype: DType, weak: bool) -> String {
        match (weak, dtype) {
            (true, DType::Bool) => "bool".into(),
            (true, d) if d.is_float() => "float".into(),
            (true, d) if d.is_complex() => "complex".into(),
            (true, _) => "int".into(),
            (false, d) => d.numpy_name().into(),
        }
    }

    fn is_weak(&self, v: &Value) -> bool {
        matches!(v, Value::Scalar(e) if matches!(self.f.expr_type(*e), Type::Scalar { weak: true, .. }))
    }

    pub fn cast_scalar(&mut self, e: ExprId, dtype: DType) -> ExprId {
        let ty = self.expr_type(e);
        let Type::Scalar { dtype: from, weak } = ty else { return e };
        if from == dtype {
            return e;
        }
        if weak && from == DType::I64 && dtype.is_int() && dtype != DType::I64 {
            self.check_py_int_fits(e, dtype);
        }
        let high_u64 = from == DType::U64 && matches!(self.f.exprs[e], Expr::Const(Const::Int(i)) if i < 0);
        if let (Expr::Const(c), false) = (&self.f.exprs[e], high_u64) {
            let c = super::lazy::convert_const(c, dtype);
            return self.add(Expr::Const(c), Type::Scalar { dtype, weak });
        }
        self.add(Expr::Cast(dtype, e), Type::Scalar { dtype, weak })
    }

    /// A scalar stored into one element of an array of `dtype` (`a[i] = v`): NumPy converts
    /// a float into an integer array through a Python int (`int(v)`: NaN is a ValueError,
    /// an infinity an OverflowError) and any integer into int32 only if it fits; other
    /// conversions are casts.
    pub fn element_store_value(&mut self, e: ExprId, dtype: DType) -> ExprId {
        let Type::Scalar { dtype: from, .. } = self.expr_type(e) else { return e };
        if !dtype.is_int() || from == dtype || !(from.is_float() || from.is_int()) {
            return self.cast_scalar(e, dtype);
        }
        let as_int = if from.is_float() {
            if let Expr::Const(Const::Float(x)) = self.f.exprs[e] {
                if x.is_nan() {
                    self.raise_now("ValueError", "cannot convert float NaN to integer", Span::default());
                } else if x.is_infinite() {
                    self.raise_now("OverflowError", "cannot convert float infinity to integer", Span::default());
                } else if !(-(2f64.powi(63))..2f64.powi(63)).contains(&x) {
                    self.raise_now("OverflowError", "Python int too large to convert to C long", Span::default());
                } else {
                    let i = self.int_const(x.trunc() as i64);
                    return self.cast_scalar(i, dtype);
                }
                return self.int_const(0);
            }
            let wide = self.cast_scalar(e, DType::F64);
            let nan = self.add(Expr::Math(ir::MathFn::IsNan, vec![wide]), Type::py_bool());
            self.raise_kind_if(nan, "ValueError", "cannot convert float NaN to integer".into(), Span::default());
            let magnitude = self.add(Expr::Math(ir::MathFn::Abs, vec![wide]), Type::py_float());
            let inf = self.add(Expr::Const(Const::Float(f64::INFINITY)), Type::py_float());
            let infinite = self.add(Expr::Compare(CompareOp::Eq, magnitude, inf), Type::py_bool());
            self.raise_kind_if(infinite, "OverflowError", "cannot convert float infinity to integer".into(), Span::default());
            let limit = self.add(Expr::Const(Const::Float(2f64.powi(63))), Type::py_float());
            let too_large = self.add(Expr::Compare(CompareOp::Ge, magnitude, limit), Type::py_bool());
            // -2**63 itself fits.
            let neg_limit = self.add(Expr::Const(Const::Float(-(2f64.powi(63)))), Type::py_float());
            let is_min = self.add(Expr::Compare(CompareOp::Eq, wide, neg_limit), Type::py_bool());
            let not_min = self.add(Expr::Unary(ir::UnaryOp::Not, is_min), Type::py_bool());
            let outside = self.add(Expr::Logical(ir::LogicalOp::And, too_large, not_min), Type::py_bool());
            self.raise_kind_if(outside, "OverflowError", "Python int too large to convert to C long".into(), Span::default());
            // Truncation toward zero, in range now (an unchecked NumPy cast).
            self.add(Expr::Cast(DType::I64, wide), Type::scalar(DType::I64))
        } else {
            e
        };
        let as_py_int = if self.expr_type(as_int) == Type::py_int() { as_int } else {
            let wide = self.cast_scalar(as_int, DType::I64);
            self.add(Expr::Cast(DType::I64, wide), Type::py_int())
        };
        self.cast_scalar(as_py_int, dtype)
    }

    /// NumPy 2 (NEP 50) converts a Python int to a narrower integer dtype (or uint64)
    /// only if it fits, else OverflowError ("Python integer 300 out of bounds for uint8").
    pub(super) fn check_py_int_fits(&mut self, e: ExprId, dtype: DType) {
        let Some((lo, hi)) = dtype.int_range() else { return };
        let (lo, hi) = (lo.max(i128::from(i64::MIN)) as i64, hi.min(i128::from(i64::MAX)) as i64);
        if let Expr::Const(Const::Int(v)) = self.f.exprs[e] {
            if v < lo || v > hi {
                self.raise_now("OverflowError", &format!("Python integer {v} out of bounds for {}", dtype.numpy_name()), Span::default());
            }
            return;
        }
        let (lo_c, hi_c) = (self.int_const(lo), self.int_const(hi));
        let below = self.add(Expr::Compare(CompareOp::Lt, e, lo_c), Type::py_bool());
        let above = self.add(Expr::Compare(CompareOp::Gt, e, hi_c), Type::py_bool());
        let cond = self.add(Expr::Logical(ir::LogicalOp::Or, below, above), Type::py_bool());
        // `OverflowError: Python integer {e} out of bounds for {dtype}`.
        let op = self.int_const(runtime_abi::INT_OP_INTO_DTYPE);
        let code = self.int_const(dtype.code());
        let raise = ir::Stmt::new(
            StmtKind::Runtime { func: runtime_abi::EntryPoint::RaiseIntOverflow, args: vec![op, e, code], dst: None },
            Span::default(),
        );
        self.emit(StmtKind::If { cond, then_body: vec![raise], else_body: vec![] }, Span::default());
    }

    /// A Python int operand of an operation on a narrower integer dtype (or uint64),
    /// converted as NumPy does (checked).
    fn narrow_py_int(&mut self, v: Value, operand: DType) -> Value {
        match v {
            Value::Scalar(e) if operand.is_int() && operand != DType::I64 && self.expr_type(e) == Type::py_int() => {
                let c = self.cast_scalar(e, operand);
                Value::Scalar(self.retype(c, Type::scalar(operand)))
            }
            other => other,
        }
    }

    /// An int64 scalar from a value (Python int, NumPy int or bool); error otherwise.
    pub fn int_value(&mut self, v: Value, span: Span) -> Option<ExprId> {
        if let Value::Union(_) = v {
            let mut ok = true;
            let r = self.split1(v, span, &mut |fx, v| {
                match fx.int_value(v, span) {
                    Some(e) => Value::Scalar(e),
                    None => {
                        ok = false;
                        Value::Error
                    }
                }
            });
            return match r {
                Value::Scalar(e) if ok => Some(e),
                Value::Scalar(_) | Value::Error => None,
                other => {
                    let what = self.describe_value(&other);
                    self.error(Diagnostic::internal("frontend", span, format!("an integer joined to {what}")));
                    None
                }
            };
        }
        match v {
            Value::Scalar(e) => {
                let ty = self.expr_type(e);
                match ty.dtype() {
                    Some(d) if !d.is_float() && !d.is_complex() => {
                        let c = self.cast_scalar(e, DType::I64);
                        Some(if self.expr_type(c) == Type::py_int() { c } else { self.retype(c, Type::py_int()) })
                    }
                    // A float that a value of run-time type may be (`2 ** k`) is Python's
                    // TypeError when it is, not a compile error.
                    Some(d) if self.variant_depth > 0 => {
                        let name = if matches!(ty, Type::Scalar { weak: true, .. }) { "float".to_string() } else { format!("numpy.{}", d.numpy_name()) };
                        self.raise_now("TypeError", &format!("'{name}' object cannot be interpreted as an integer"), span);
                        // Unreachable: the branch ends at the raise.
                        Some(self.int_const(0))
                    }
                    _ => {
                        self.error(diag::type_error(span, format!("expected an integer, found {}", super::describe(&ty)), "use `int(x)` to convert"));
                        None
                    }
                }
            }
            Value::Error => None,
            other => {
                let what = self.describe_value(&other);
                self.error(diag::type_error(span, format!("expected an integer, found {what}"), "use an integer value here"));
                None
            }
        }
    }

    /// The same expression under another scalar type of equal dtype.
    pub(super) fn retype(&mut self, e: ExprId, ty: Type) -> ExprId {
        let t = self.expr_type(e);
        if t == ty {
            return e;
        }
        // A cast to the same dtype is a no-op that carries the new type.
        let d = ty.dtype().expect("scalar");
        self.add(Expr::Cast(d, e), ty)
    }

    pub fn binary(&mut self, op: ast::BinOp, l: Value, r: Value, span: Span) -> Value {
        use ast::BinOp as B;
        if matches!(l, Value::Error) || matches!(r, Value::Error) {
            return Value::Error;
        }
        if let Some(v) = self.big_int_binary(op, &l, &r, span) {
            return v;
        }
        if matches!(l, Value::Union(_)) || matches!(r, Value::Union(_)) {
            // With an array, a scalar of run-time type that promotes alike in every case
            // becomes one scalar, so the array expression stays one fused kernel.
            let l2 = self.union_with_array(l.clone(), &r, span);
            let r = self.union_with_array(r, &l, span);
            let l = l2;
            return self.split(vec![l, r], span, &mut |fx, mut vs| {
                let r = vs.pop().expect("two");
                let l = vs.pop().expect("two");
                fx.binary(op, l, r, span)
            });
        }
        if op == B::MatMul {
            return self.matmul(l, r, span, super::numpy::MatMulOp::Operator);
        }
        // Python scalars one at a time (a pandas `map`): Python's ZeroDivisionError where
        // any divisor is zero, before NumPy's elementwise operation.
        if self.python_elements > 0 && matches!(op, B::Div | B::FloorDiv | B::Mod) {
            if let (Some(ld), Some(rd)) = (self.value_dtype(&l), self.value_dtype(&r)) {
                let ints = !ld.is_float() && !rd.is_float();
                let message = match (op, ints) {
                    (B::Div, true) => "division by zero",
                    (B::Div, false) => "float division by zero",
                    (B::FloorDiv, true) => "integer division or modulo by zero",
                    (B::FloorDiv, false) => "float floor division by zero",
                    (_, true) => "integer modulo by zero",
                    (_, false) => "float modulo",
                };
                let zero = Value::Scalar(self.add(Expr::Const(Const::Int(0)), Type::py_int()));
                let is_zero = self.compare(ast::CmpOp::Eq, r.clone(), zero, span);
                let any = match is_zero {
                    Value::Scalar(c) => Some(c),
                    v @ (Value::Lazy(_) | Value::Array(_)) => match self.np("any", vec![v], vec![], span) {
                        Value::Scalar(c) => Some(c),
                        _ => None,
                    },
                    _ => None,
                };
                if let Some(c) = any {
                    self.raise_kind_if(c, "ZeroDivisionError", message.into(), span);
                }
            }
        }
        // Strings: concatenation and %-formatting.
        if let (Value::Str(a), B::Mod) = (&l, op) {
            return self.percent_format(*a, r, span);
        }
        if let (Value::Str(a), Value::Str(b), B::Add) = (&l, &r, op) {
            return Value::Str(self.add(Expr::Concat(vec![*a, *b]), Type::Str));
        }
        // `"=" * 40`: the string repeated (a Python int or bool count).
        if let (B::Mul, Value::Str(s), Value::Scalar(n)) | (B::Mul, Value::Scalar(n), Value::Str(s)) = (op, &l, &r) {
            if matches!(self.expr_type(*n), Type::Scalar { dtype, weak: true } if dtype.is_int() || dtype == DType::Bool) {
                return self.str_repeat(*s, *n, span);
            }
        }
        if let (Value::Tuple(a), Value::Tuple(b), B::Add) = (&l, &r, op) {
            if a.list != b.list || a.named.is_some() != b.named.is_some() {
                let kind = |s: &super::Seq| if s.list { "list" } else { "tuple" };
                return self.raise_now("TypeError", &format!("can only concatenate {} (not \"{}\") to {}", kind(a), kind(b), kind(a)), span);
            }
            let mut items = a.clone();
            items.extend(b.iter().cloned());
            items.named = None;
            return Value::Tuple(items);
        }
        // `[x] * n`, `n * (a, b)`: the items repeated (the same values, as Python's are the
        // same objects), `n` known when compiling.
        if let (B::Mul, Value::Tuple(seq), Value::Scalar(n)) | (B::Mul, Value::Scalar(n), Value::Tuple(seq)) = (op, &l, &r) {
            if self.expr_type(*n).dtype().is_some_and(|d| !d.is_float() && !d.is_complex()) {
                let Some(k) = self.fold_int(*n) else {
                    if seq.list {
                        return self.list_repeated(seq.clone(), *n, span);
                    }
                    self.error(diag::unsupported_syntax(span, "tuples repeated a number of times known only when running", "repeat a count known when compiling, or make a list or an array: `np.full(n, x)`"));
                    return Value::Error;
                };
                let k = k.max(0) as usize;
                if seq.len().saturating_mul(k) > super::stmt::MAX_REPEATED {
                    if seq.list {
                        return self.list_repeated(seq.clone(), *n, span);
                    }
                    self.error(diag::unsupported_syntax(span, &format!("lists or tuples of more than {} items written out", super::stmt::MAX_REPEATED), "make an array (`np.full(n, x)`), or a list built at run time with `append`"));
                    return Value::Error;
                }
                let mut items = super::Seq { items: Vec::new(), list: seq.list, named: None, held: false };
                for _ in 0..k {
                    items.items.extend(seq.items.iter().cloned());
                }
                return Value::Tuple(items);
            }
        }
        // Runtime lists: `xs + ys` is a new list of both's items. A list written out before
        // one is a runtime list of its items (once), then extended.
        if let (Value::Tuple(seq @ super::Seq { list: true, .. }), Value::List(_), B::Add) = (&l, &r, op) {
            let one = self.add(Expr::Const(Const::Int(1)), Type::py_int());
            let Value::List(copy) = self.list_repeated(seq.clone(), one, span) else { return Value::Error };
            let extended = self.list_method(copy, "extend", vec![(r, span)], vec![], span);
            return if matches!(extended, Value::Error) { Value::Error } else { Value::List(copy) };
        }
        if let (Value::List(a), B::Add) = (&l, op) {
            if matches!(r, Value::List(_) | Value::Tuple(super::Seq { list: true, .. })) {
                let ty = self.expr_type(*a);
                let Some(copy) = self.runtime_call(runtime_abi::EntryPoint::ListCopy, vec![*a], Some(ty), span) else { return Value::Error };
                let extended = self.list_method(copy, "extend", vec![(r, span)], vec![], span);
                return if matches!(extended, Value::Error) { Value::Error } else { Value::List(copy) };
            }
        }
        let (Some(ld), Some(rd)) = (self.value_dtype(&l), self.value_dtype(&r)) else {
            // With None, Python's own words (the run-time error of an optional value).
            if let (Some(a), Some(b)) = (self.python_type_name(&l), self.python_type_name(&r)) {
                let sym = if op == B::Pow { "** or pow()" } else { op.symbol() };
                self.error(diag::type_error(span, format!("unsupported operand type(s) for {sym}: '{a}' and '{b}'"), "operate on numbers and arrays"));
                return Value::Error;
            }
            let (a, b) = (self.describe_value(&l), self.describe_value(&r));
            self.error(diag::type_error(span, format!("unsupported operand types: {a} and {b}"), "operate on numbers and arrays"));
            return Value::Error;
        };
        let lw = self.is_weak(&l);
        let rw = self.is_weak(&r);
        let mut operand = result_dtype((ld, lw), (rd, rw));
        let both_weak = lw && rw;
        let is_array = !matches!(l, Value::Scalar(_)) || !matches!(r, Value::Scalar(_));
        if operand.is_complex() {
            return self.complex_binary(op, operand, both_weak, is_array, l, r, span);
        }
        let iop = match op {
            B::Add => BinaryOp::Add,
            B::Sub => BinaryOp::Sub,
            B::Mul => BinaryOp::Mul,
            B::Div => BinaryOp::TrueDiv,
            B::FloorDiv => BinaryOp::FloorDiv,
            B::Mod => BinaryOp::Mod,
            B::Pow => BinaryOp::Pow,
            B::BitAnd => BinaryOp::BitAnd,
            B::BitOr => BinaryOp::BitOr,
            B::BitXor => BinaryOp::BitXor,
            B::LShift => BinaryOp::LShift,
            B::RShift => BinaryOp::RShift,
            B::MatMul => unreachable!(),
        };
        match iop {
            BinaryOp::TrueDiv => {
                if !operand.is_float() {
                    // Python's `int / int` by zero says "division by zero" (a float's says
                    // "float division by zero", which the float division raises).
                    if let (true, false, Value::Scalar(re)) = (both_weak, is_array, &r) {
                        let divisor = self.cast_scalar(*re, DType::I64);
                        match self.f.exprs[divisor] {
                            Expr::Const(Const::Int(0)) => return self.raise_now("ZeroDivisionError", "division by zero", span),
                            Expr::Const(_) => {}
                            _ => {
                                let zero = self.int_const(0);
                                let is_zero = self.add(Expr::Compare(CompareOp::Eq, divisor, zero), Type::py_bool());
                                self.raise_kind_if(is_zero, "ZeroDivisionError", "division by zero".into(), span);
                            }
                        }
                        // The quotient rounded once, as Python's (operands beyond 2**53 would
                        // round twice through floats).
                        if let Value::Scalar(le) = &l {
                            let dividend = self.cast_scalar(*le, DType::I64);
                            if let (Expr::Const(Const::Int(a)), Expr::Const(Const::Int(b))) = (&self.f.exprs[dividend], &self.f.exprs[divisor]) {
                                let q = runtime_abi::int_true_div(*a, *b);
                                return Value::Scalar(self.add(Expr::Const(Const::Float(q)), Type::py_float()));
                            }
                            // By a power of two, the float division rounds once too (`n / 2`,
                            // which shapes read).
                            let power_of_two = matches!(self.f.exprs[divisor], Expr::Const(Const::Int(b)) if b.unsigned_abs().is_power_of_two() && b.unsigned_abs() <= 1 << 53);
                            if !power_of_two {
                                let Some(q) = self.runtime_call(runtime_abi::EntryPoint::IntTrueDiv, vec![dividend, divisor], Some(Type::py_float()), span) else { return Value::Error };
                                return Value::Scalar(q);
                            }
                        }
                    }
                    operand = DType::F64;
                }
            }
            BinaryOp::BitAnd | BinaryOp::BitOr | BinaryOp::BitXor | BinaryOp::LShift | BinaryOp::RShift if operand.is_float() => {
                let (ln, rn) = (self.operand_type_name(ld, lw), self.operand_type_name(rd, rw));
                let hint = if ld == DType::U64 || rd == DType::U64 {
                    "NumPy promotes uint64 with a signed integer to float64; cast one operand first, e.g. `.astype(np.uint64)`"
                } else {
                    "use comparisons combined with `&` and `|` on boolean values"
                };
                self.error(diag::type_error(span, format!("bitwise operators need integer or boolean operands (here {ln} and {rn})"), hint));
                return Value::Error;
            }
            BinaryOp::BitAnd | BinaryOp::BitOr | BinaryOp::BitXor => {}
            _ if operand == DType::Bool && both_weak => {
                // Python's bools are ints: `True + True` is 2.
                operand = DType::I64;
            }
            BinaryOp::Add | BinaryOp::Mul if operand == DType::Bool => {
                // NumPy's bool arithmetic is logical: `+` is or, `*` is and.
                let logical = if iop == BinaryOp::Add { BinaryOp::BitOr } else { BinaryOp::BitAnd };
                return self.binary_op(logical, operand, both_weak, is_array, l, r);
            }
            BinaryOp::Sub if operand == DType::Bool => {
                return self.raise_now("TypeError", "numpy boolean subtract, the `-` operator, is not supported, use the bitwise_xor, the `^` operator, or the logical_xor function instead.", span);
            }
            _ if operand == DType::Bool => {
                // NumPy computes `//`, `%`, `**` and shifts of booleans in int8.
                operand = DType::I8;
            }
            _ => {}
        }
        // Python: an int to a negative literal power is a float.
        if iop == BinaryOp::Pow && !operand.is_float() {
            if let Value::Scalar(re) = &r {
                if let Expr::Const(Const::Int(k)) = self.f.exprs[*re] {
                    if k < 0 {
                        if both_weak {
                            operand = DType::F64;
                        } else {
                            self.error(diag::type_error(span, "integers to negative integer powers are not allowed", "use a float base, e.g. `a ** -1.0`"));
                            return Value::Error;
                        }
                    }
                }
            }
        }
        // Python: `int ** int` is an int for an exponent >= 0 and a float for a negative
        // one, so with an exponent known only at run time the result's type is too.
        if iop == BinaryOp::Pow && both_weak && !operand.is_float() && !is_array {
            if let (Value::Scalar(a), Value::Scalar(b)) = (&l, &r) {
                if !self.never_negative(*b) {
                    return self.int_power_of_run_time_sign(*a, *b, span);
                }
            }
        }
        let (l, r) = (self.narrow_py_int(l, operand), self.narrow_py_int(r, operand));
        self.binary_op(iop, operand, both_weak, is_array, l, r)
    }

    /// Whether the int expression `e` is known never to be negative: a non-negative
    /// constant, a variable of `FnCx::nonnegative_names` or a module-level one of
    /// `Cx::nonnegative_globals`, lengths, and sums, products, powers, floor quotients and
    /// remainders of those (a remainder by a non-negative divisor is one, or raises).
    pub(crate) fn never_negative(&self, e: ExprId) -> bool {
        let holds = |names: &HashSet<String>, slots: &HashMap<String, super::facts::VarSlots>, place: &Place| {
            names.iter().any(|name| slots.get(name).is_some_and(|s| s.places.iter().any(|(_, p)| p == place)))
        };
        match &self.f.exprs[e] {
            Expr::Const(Const::Int(k)) => *k >= 0,
            Expr::Const(Const::Bool(_)) | Expr::Dim(..) | Expr::Size(_) => true,
            Expr::Cast(_, x) => self.never_negative(*x),
            Expr::Binary(BinaryOp::Add | BinaryOp::Mul | BinaryOp::Pow | BinaryOp::FloorDiv, x, y) => self.never_negative(*x) && self.never_negative(*y),
            Expr::Binary(BinaryOp::Mod, _, y) => self.never_negative(*y),
            Expr::Read(place) => holds(&self.nonnegative_names, &self.vars, place) || holds(&self.cx.nonnegative_globals, &self.cx.global_slots, place),
            _ => false,
        }
    }

    /// `a ** b` for Python ints `a`, `b` with `b`'s sign known at run time: an int when
    /// `b >= 0`, else a float (a value of run-time type). Each branch computes with
    /// harmless operands when the other is taken (`1 ** 0`, `1.0 ** -1.0`), so neither
    /// raises for the other.
    fn int_power_of_run_time_sign(&mut self, a: ExprId, b: ExprId, span: Span) -> Value {
        let a = self.cast_scalar(a, DType::I64);
        let a = self.retype(a, Type::py_int());
        let b = self.cast_scalar(b, DType::I64);
        let b = self.retype(b, Type::py_int());
        let zero = self.int_const(0);
        let one = self.int_const(1);
        let minus_one = self.int_const(-1);
        let nonnegative = self.add(Expr::Compare(CompareOp::Ge, b, zero), Type::py_bool());
        let int_base = self.add(Expr::Select(nonnegative, a, one), Type::py_int());
        let int_exponent = self.add(Expr::Select(nonnegative, b, zero), Type::py_int());
        let int_result = self.binary_op(BinaryOp::Pow, DType::I64, true, false, Value::Scalar(int_base), Value::Scalar(int_exponent));
        let float_base = self.add(Expr::Select(nonnegative, one, a), Type::py_int());
        let float_base = self.cast_scalar(float_base, DType::F64);
        let float_exponent = self.add(Expr::Select(nonnegative, minus_one, b), Type::py_int());
        let float_exponent = self.cast_scalar(float_exponent, DType::F64);
        let float_result =
            self.binary_op(BinaryOp::Pow, DType::F64, true, false, Value::Scalar(float_base), Value::Scalar(float_exponent));
        self.choose(nonnegative, int_result, float_result, span)
    }

    /// `l iop r` with both operands cast to `operand`: a lazy array or a host scalar.
    pub(super) fn binary_op(&mut self, iop: BinaryOp, operand: DType, both_weak: bool, is_array: bool, l: Value, r: Value) -> Value {
        if is_array {
            let (Some((ln, lnd)), Some((rn, rnd))) = (self.as_node(&l), self.as_node(&r)) else { return Value::Error };
            let node = Rc::new(LNode::Binary(iop, LNode::cast(ln, operand), LNode::cast(rn, operand), operand));
            return Value::Lazy(Lazy { node, ndim: lnd.max(rnd) });
        }
        let (Value::Scalar(a), Value::Scalar(b)) = (l, r) else { unreachable!("scalar operands") };
        let a = self.cast_scalar(a, operand);
        let b = self.cast_scalar(b, operand);
        let ty = Type::Scalar { dtype: operand, weak: both_weak };
        let a = self.retype(a, ty.clone());
        let b = self.retype(b, ty.clone());
        if iop == BinaryOp::Pow && both_weak && operand.is_float() {
            self.check_real_power(a, b);
        }
        Value::Scalar(self.add(Expr::Binary(iop, a, b), ty))
    }

    /// Python's `float ** float` is a complex number when the base is negative and the
    /// exponent finite and not an integer; legatec does not make one from floats (the
    /// result's type would be known only at run time), so that raises.
    fn check_real_power(&mut self, a: ExprId, b: ExprId) {
        let ty = self.expr_type(a);
        let zero = self.add(Expr::Const(Const::Float(0.0)), ty.clone());
        let negative = self.add(Expr::Compare(CompareOp::Lt, a, zero), Type::py_bool());
        let diff = self.add(Expr::Binary(BinaryOp::Sub, b, b), ty.clone());
        let finite = self.add(Expr::Compare(CompareOp::Eq, diff, zero), Type::py_bool());
        let floor = self.add(Expr::Math(MathFn::Floor, vec![b]), ty);
        let fractional = self.add(Expr::Compare(CompareOp::Ne, floor, b), Type::py_bool());
        let both = self.add(Expr::Logical(ir::LogicalOp::And, finite, fractional), Type::py_bool());
        let cond = self.add(Expr::Logical(ir::LogicalOp::And, negative, both), Type::py_bool());
        let message = "a negative number to a fractional power is a complex number in Python, which legatec does not make from a float power".to_string();
        let raise = ir::Stmt::new(StmtKind::Raise { kind: "ValueError".into(), message }, Span::default());
        self.emit(StmtKind::If { cond, then_body: vec![raise], else_body: vec![] }, Span::default());
    }

    /// The value of a Python int constant, beyond int64 or not.
    fn py_int_const(&self, v: &Value) -> Option<i128> {
        match v {
            Value::BigInt(b) => Some(*b),
            Value::Scalar(e) if self.f.expr_type(*e) == &Type::py_int() => match self.f.exprs[*e] {
                Expr::Const(Const::Int(i)) => Some(i as i128),
                _ => None,
            },
            _ => None,
        }
    }

    /// Python int arithmetic on constants whose result does not fit in int64 is done
    /// here, exactly; such a constant with a float becomes a float (`x * 10**30`).
    /// `None` when no constant beyond int64 is involved.
    fn big_int_binary(&mut self, op: ast::BinOp, l: &Value, r: &Value, span: Span) -> Option<Value> {
        use ast::BinOp as B;
        let big = matches!(l, Value::BigInt(_)) || matches!(r, Value::BigInt(_));
        if let (Some(a), Some(b)) = (self.py_int_const(l), self.py_int_const(r)) {
            let exact = match op {
                B::Add => a.checked_add(b),
                B::Sub => a.checked_sub(b),
                B::Mul => a.checked_mul(b),
                B::Pow if b >= 0 => u32::try_from(b).ok().and_then(|e| a.checked_pow(e)),
                B::FloorDiv if b != 0 => a.checked_div_euclid(b).map(|q| if b < 0 && a.rem_euclid(b) != 0 { q - 1 } else { q }),
                B::Mod if b != 0 => {
                    let m = a.rem_euclid(b);
                    Some(if b < 0 && m != 0 { m + b } else { m })
                }
                B::BitAnd => Some(a & b),
                B::BitOr => Some(a | b),
                B::BitXor => Some(a ^ b),
                B::LShift if b >= 0 => {
                    if a == 0 {
                        Some(0)
                    } else if b < 127 {
                        a.checked_shl(b as u32).filter(|shifted| shifted >> b == a)
                    } else {
                        None
                    }
                }
                B::RShift if b >= 0 => Some(a >> b.min(127)),
                _ if !big => return None,
                // True division and the rest: as floats.
                _ => {
                    let (x, y) = (self.float_const(a as f64), self.float_const(b as f64));
                    return Some(self.binary(op, x, y, span));
                }
            };
            return match exact {
                Some(x) => Some(match i64::try_from(x) {
                    Ok(small) => Value::Scalar(self.add(Expr::Const(Const::Int(small)), Type::py_int())),
                    Err(_) => Value::BigInt(x),
                }),
                None => {
                    self.error(diag::type_error(span, "this integer constant is too large for legatec", "legatec's Python ints are 64-bit; write the value as a float, e.g. `1e40`"));
                    Some(Value::Error)
                }
            };
        }
        if !big {
            return None;
        }
        // A constant beyond int64 with a float value or array: the float of the constant.
        let other = if matches!(l, Value::BigInt(_)) { r } else { l };
        if self.value_dtype(other).is_some_and(|d| d.is_float()) || matches!(op, B::Div) {
            let as_float = |fx: &mut Self, v: &Value| match v {
                Value::BigInt(b) => fx.float_const(*b as f64),
                other => other.clone(),
            };
            let (l, r) = (as_float(self, l), as_float(self, r));
            return Some(self.binary(op, l, r, span));
        }
        Some(self.big_int_error(if matches!(l, Value::BigInt(_)) { l } else { r }, span))
    }

    /// Comparisons with an int beyond int64: exact, and known at compile time against
    /// any 64-bit int; against floats, as floats.
    fn big_int_compare(&mut self, op: ast::CmpOp, l: Value, r: Value, span: Span) -> Value {
        use ast::CmpOp as C;
        let int_like = |fx: &Self, v: &Value| match v {
            Value::BigInt(_) => true,
            Value::Scalar(e) => fx.f.expr_type(*e).dtype().is_some_and(|d| !d.is_float()),
            _ => false,
        };
        if int_like(self, &l) && int_like(self, &r) {
            // The 64-bit side (if any) is never equal to the big one: compare with its bound.
            let value = |fx: &Self, v: &Value, other_big: i128| match v {
                Value::BigInt(b) => *b,
                _ => fx.py_int_const(v).unwrap_or(if other_big > 0 { i64::MAX as i128 } else { i64::MIN as i128 }),
            };
            let (lb, rb) = (value(self, &l, value(self, &r, 0)), value(self, &r, value(self, &l, 0)));
            let result = match op {
                C::Eq | C::Is => lb == rb,
                C::NotEq | C::IsNot => lb != rb,
                C::Lt => lb < rb,
                C::LtE => lb <= rb,
                C::Gt => lb > rb,
                C::GtE => lb >= rb,
                C::In | C::NotIn => return self.big_int_error(if matches!(l, Value::BigInt(_)) { &l } else { &r }, span),
            };
            return Value::Scalar(self.add(Expr::Const(Const::Bool(result)), Type::py_bool()));
        }
        let as_float = |fx: &mut Self, v: Value| match v {
            Value::BigInt(b) => fx.float_const(b as f64),
            other => other,
        };
        let other_is_float = [&l, &r].iter().any(|v| !matches!(v, Value::BigInt(_)) && self.value_dtype(v).is_some_and(|d| d.is_float()));
        if other_is_float {
            let (l, r) = (as_float(self, l), as_float(self, r));
            return self.compare(op, l, r, span);
        }
        let big = if matches!(l, Value::BigInt(_)) { l } else { r };
        self.big_int_error(&big, span)
    }

    fn float_const(&mut self, x: f64) -> Value {
        Value::Scalar(self.add(Expr::Const(Const::Float(x)), Type::py_float()))
    }

    /// A constant beyond int64 where legatec would need it as a 64-bit int.
    pub fn big_int_error(&mut self, v: &Value, span: Span) -> Value {
        let Value::BigInt(b) = v else { return Value::Error };
        self.error(diag::type_error(
            span,
            format!("the int {b} does not fit in 64 bits, and legatec's Python ints are 64-bit"),
            "use it as a float (write it as `1e30` or `float(...)`), or keep values within int64",
        ));
        Value::Error
    }

    /// An elementwise binary op with explicit IR op (maximum, minimum...).
    pub fn elementwise2(&mut self, iop: BinaryOp, l: Value, r: Value, span: Span) -> Value {
        let (Some(ld), Some(rd)) = (self.value_dtype(&l), self.value_dtype(&r)) else {
            if !matches!(l, Value::Error) && !matches!(r, Value::Error) {
                self.error(diag::type_error(span, "expected numbers or arrays", "pass numeric arguments"));
            }
            return Value::Error;
        };
        let operand = result_dtype((ld, self.is_weak(&l)), (rd, self.is_weak(&r)));
        let weak = self.is_weak(&l) && self.is_weak(&r);
        let (l, r) = (self.narrow_py_int(l, operand), self.narrow_py_int(r, operand));
        if let (Value::Scalar(a), Value::Scalar(b)) = (&l, &r) {
            let a = self.cast_scalar(*a, operand);
            let b = self.cast_scalar(*b, operand);
            let ty = Type::Scalar { dtype: operand, weak };
            let a = self.retype(a, ty.clone());
            let b = self.retype(b, ty.clone());
            return Value::Scalar(self.add(Expr::Binary(iop, a, b), Type::scalar(operand)));
        }
        let (Some((ln, lnd)), Some((rn, rnd))) = (self.as_node(&l), self.as_node(&r)) else { return Value::Error };
        let node = Rc::new(LNode::Binary(iop, LNode::cast(ln, operand), LNode::cast(rn, operand), operand));
        Value::Lazy(Lazy { node, ndim: lnd.max(rnd) })
    }

    pub fn unary(&mut self, op: ast::UnaryOp, v: Value, span: Span) -> Value {
        if matches!(v, Value::Error) {
            return Value::Error;
        }
        if let Value::Union(_) = v {
            return self.split1(v, span, &mut |fx, v| fx.unary(op, v, span));
        }
        if let Value::BigInt(b) = v {
            return match op {
                ast::UnaryOp::Pos => v,
                ast::UnaryOp::Neg => match i64::try_from(-b) {
                    Ok(small) => Value::Scalar(self.add(Expr::Const(Const::Int(small)), Type::py_int())),
                    Err(_) => Value::BigInt(-b),
                },
                ast::UnaryOp::Not => Value::Scalar(self.add(Expr::Const(Const::Bool(b == 0)), Type::py_bool())),
                ast::UnaryOp::Invert => Value::BigInt(!b),
            };
        }
        let Some(d) = self.value_dtype(&v) else {
            let message = match (&v, op) {
                (Value::None, ast::UnaryOp::Neg | ast::UnaryOp::Pos | ast::UnaryOp::Invert) => {
                    let sym = match op {
                        ast::UnaryOp::Neg => "-",
                        ast::UnaryOp::Pos => "+",
                        _ => "~",
                    };
                    format!("bad operand type for unary {sym}: 'NoneType'")
                }
                _ => format!("bad operand for a unary operator: {}", self.describe_value(&v)),
            };
            self.error(diag::type_error(span, message, "operate on numbers and arrays"));
            return Value::Error;
        };
        if op == ast::UnaryOp::Invert && (d.is_float() || d.is_complex()) {
            let what = if self.is_weak(&v) { format!("'{}'", if d.is_complex() { "complex" } else { "float" }) } else { d.numpy_name().to_string() };
            self.error(diag::type_error(span, format!("bad operand type for unary ~: {what} (NumPy's invert takes integers and booleans)"), "invert integers or booleans"));
            return Value::Error;
        }
        match op {
            ast::UnaryOp::Pos => v,
            ast::UnaryOp::Not => match self.truth(v, span) {
                Some(c) => Value::Scalar(self.add(Expr::Unary(UnaryOp::Not, c), Type::py_bool())),
                None => Value::Error,
            },
            ast::UnaryOp::Neg | ast::UnaryOp::Invert => {
                let weak = self.is_weak(&v);
                let iop = if op == ast::UnaryOp::Neg { UnaryOp::Neg } else { UnaryOp::Invert };
                if iop == UnaryOp::Invert && d.is_float() {
                    self.error(diag::type_error(span, "`~` needs an integer or boolean operand", "use `not` or `np.logical_not` semantics via `~(a > 0)`"));
                    return Value::Error;
                }
                if d == DType::Bool && !weak && iop == UnaryOp::Neg {
                    return self.raise_now("TypeError", "The numpy boolean negative, the `-` operator, is not supported, use the `~` operator or the logical_not function instead.", span);
                }
                // Python: -True is -1 and ~True is -2 (bools act as ints).
                let dtype = if d == DType::Bool && (weak || iop == UnaryOp::Neg) { DType::I64 } else { d };
                match v {
                    Value::Scalar(e) => {
                        let e = self.cast_scalar(e, dtype);
                        let ty = self.expr_type(e);
                        // Fold negative literals so they stay constants in kernels.
                        if iop == UnaryOp::Neg {
                            match self.f.exprs[e] {
                                // -(-2**63) leaves int64: a Python int constant beyond it.
                                Expr::Const(Const::Int(i)) if weak && i == i64::MIN => return Value::BigInt(-(i as i128)),
                                Expr::Const(Const::Int(i)) => return Value::Scalar(self.add(Expr::Const(Const::Int(i.wrapping_neg())), ty)),
                                Expr::Const(Const::Float(x)) => return Value::Scalar(self.add(Expr::Const(Const::Float(-x)), ty)),
                                _ => {}
                            }
                        }
                        Value::Scalar(self.add(Expr::Unary(iop, e), ty))
                    }
                    other => {
                        let Some((n, nd)) = self.as_node(&other) else { return Value::Error };
                        let node = Rc::new(LNode::Unary(iop, LNode::cast(n, dtype), dtype));
                        Value::Lazy(Lazy { node, ndim: nd })
                    }
                }
            }
        }
    }

    /// The boolean truth of a scalar condition (Python semantics).
    pub fn truth(&mut self, v: Value, span: Span) -> Option<ExprId> {
        if let Value::Union(_) = v {
            // Every branch gives a Python bool, so the joined condition is one value.
            let r = self.split1(v, span, &mut |fx, v| match fx.truth(v, span) {
                Some(c) => Value::Scalar(fx.retype(c, Type::py_bool())),
                None => Value::Error,
            });
            return match r {
                Value::Scalar(c) => Some(c),
                Value::Error => None,
                other => {
                    let what = self.describe_value(&other);
                    self.error(Diagnostic::internal("frontend", span, format!("a condition joined to {what}")));
                    None
                }
            };
        }
        match v {
            Value::Scalar(e) => {
                let ty = self.expr_type(e);
                let d = ty.dtype().expect("scalar");
                if d == DType::Bool {
                    return Some(e);
                }
                let zero = self.add(Expr::Const(super::lazy::convert_const(&Const::Int(0), d)), ty);
                Some(self.add(Expr::Compare(CompareOp::Ne, e, zero), Type::py_bool()))
            }
            Value::Array(_) | Value::Lazy(_) => {
                self.error(diag::ambiguous_truth(span));
                None
            }
            // A list is true when it holds items.
            Value::List(l) => {
                let n = self.list_len(l, span);
                let zero = self.add(Expr::Const(Const::Int(0)), Type::py_int());
                Some(self.add(Expr::Compare(CompareOp::Ne, n, zero), Type::py_bool()))
            }
            Value::Error => None,
            other => {
                let what = self.describe_value(&other);
                self.error(diag::type_error(span, format!("cannot use {what} as a condition"), "compare numbers to get a condition"));
                None
            }
        }
    }

    fn bool_op(&mut self, op: ast::BoolOp, values: &[ast::Expr], span: Span) -> Value {
        // `x or y` of a name that is None (an optional parameter left out) or a number that
        // is not a bool: Python's value, not a condition (`tol = tol or 1e-8`).
        let mut first = None;
        if values.len() >= 2 {
            let v = self.expr(&values[0]);
            let number = matches!(&v, Value::Scalar(e) if self.f.expr_type(*e).dtype() != Some(DType::Bool));
            if matches!(v, Value::None) || number {
                return self.bool_op_value(op, v, &values[1..], span);
            }
            first = Some(v);
        }
        let lop = if op == ast::BoolOp::And { ir::LogicalOp::And } else { ir::LogicalOp::Or };
        let mut acc: Option<ExprId> = None;
        for v in values {
            // An operand after the first runs only where the ones before did not decide
            // (Python's short circuit): where lowering it makes statements (a call, a
            // union's branches, a raise), they go under an `if` on the value so far; a pure
            // expression is combined as it is (`Logical` evaluates it lazily).
            let entry = self.flow.clone();
            let mut operand = None;
            let stmts = match first.take() {
                // The first operand, already lowered.
                Some(value) => {
                    operand = self.truth(value, v.span);
                    Vec::new()
                }
                None => self.block(|fx| operand = fx.bool_operand(v)),
            };
            let Some(c) = operand else {
                // The operand's statements still run where Python would evaluate it: a read
                // of a name no path assigned raises NameError there (dropping them lost the
                // raise, and `while x is None or ...` looped forever).
                match acc {
                    None => {
                        for st in stmts {
                            self.emit(st.kind, st.span);
                        }
                    }
                    Some(a) => {
                        let go_on = if lop == ir::LogicalOp::And { a } else { self.add(Expr::Unary(ir::UnaryOp::Not, a), Type::py_bool()) };
                        self.emit(StmtKind::If { cond: go_on, then_body: stmts, else_body: vec![] }, span);
                    }
                }
                return Value::Error;
            };
            acc = Some(match acc {
                None => {
                    for st in stmts {
                        self.emit(st.kind, st.span);
                    }
                    c
                }
                Some(a) if stmts.is_empty() && self.flow.is_some() => self.add(Expr::Logical(lop, a, c), Type::py_bool()),
                Some(a) => {
                    let tmp = self.temp(Type::py_bool());
                    self.emit(StmtKind::Assign { dst: tmp, value: a }, span);
                    let mut then_body = stmts;
                    then_body.push(ir::Stmt::new(StmtKind::Assign { dst: tmp, value: c }, span));
                    // `and` goes on where the value so far is true, `or` where it is false.
                    let go_on = if lop == ir::LogicalOp::And { a } else { self.add(Expr::Unary(ir::UnaryOp::Not, a), Type::py_bool()) };
                    self.emit(StmtKind::If { cond: go_on, then_body, else_body: vec![] }, span);
                    self.flow = super::flow::merge(&entry, &self.flow);
                    self.read(tmp)
                }
            });
        }
        acc.map(Value::Scalar).unwrap_or(Value::Error)
    }

    /// `first or rest...` / `first and rest...` as Python's value: None decides when
    /// compiling; a number decides by its truth, and the value given is the first one that
    /// decides, of one type with the others (the rest are evaluated only where needed).
    fn bool_op_value(&mut self, op: ast::BoolOp, first: Value, rest: &[ast::Expr], span: Span) -> Value {
        let the_rest = |fx: &mut Self| if rest.len() == 1 { fx.expr(&rest[0]) } else { fx.bool_op(op, rest, span) };
        let a = match first {
            Value::None if op == ast::BoolOp::Or => return the_rest(self),
            Value::None => return Value::None,
            Value::Scalar(a) => a,
            _ => return Value::Error,
        };
        let ty = self.expr_type(a);
        let tmp = self.temp(ty.clone());
        self.emit(StmtKind::Assign { dst: tmp, value: a }, span);
        let Some(c) = self.truth(Value::Scalar(a), span) else { return Value::Error };
        let go_on = if op == ast::BoolOp::And { c } else { self.add(Expr::Unary(ir::UnaryOp::Not, c), Type::py_bool()) };
        let entry = self.flow.clone();
        let mut failed = false;
        let then_body = self.block(|fx| match the_rest(fx) {
            Value::Scalar(e) if fx.expr_type(e) == ty => fx.emit(StmtKind::Assign { dst: tmp, value: e }, span),
            Value::Error => failed = true,
            other => {
                let (mine, theirs) = (super::describe(&ty), fx.describe_value(&other));
                fx.error(diag::type_error(span, format!("`and`/`or` giving {mine} or {theirs}, as the values decide"), "make the operands values of one type (`x or 1.0` of a float `x`), or compare explicitly"));
                failed = true;
            }
        });
        if failed {
            return Value::Error;
        }
        self.emit(StmtKind::If { cond: go_on, then_body, else_body: vec![] }, span);
        self.flow = super::flow::merge(&entry, &self.flow);
        Value::Scalar(self.read(tmp))
    }

    /// One operand of `and`/`or`, as a bool (`None` after an error).
    fn bool_operand(&mut self, v: &ast::Expr) -> Option<ExprId> {
        let val = self.expr(v);
        if let Value::Scalar(e) = &val {
            if self.f.expr_type(*e).dtype() != Some(DType::Bool) {
                self.error(diag::type_error(
                    v.span,
                    "`and`/`or` operands must be booleans in compiled code",
                    "compare explicitly, e.g. `n > 0 and m > 0`",
                ));
                return None;
            }
        }
        self.truth(val, v.span)
    }

    fn compare_chain(&mut self, left: &ast::Expr, ops: &[ast::CmpOp], comparators: &[ast::Expr], span: Span) -> Value {
        let mut lhs = self.expr(left);
        let mut acc: Option<Value> = None;
        for (k, (op, rhs_e)) in ops.iter().zip(comparators).enumerate() {
            let later: Vec<&ast::Expr> = comparators[k..].iter().collect();
            lhs = self.pin_before(lhs, &later, span);
            let mark = self.mark();
            let rhs = self.expr(rhs_e);
            lhs = self.read_at(lhs, mark, span);
            let rhs = if comparators.len() > 1 { self.stabilize(rhs, span) } else { rhs };
            let lspan = if acc.is_none() { left.span } else { span };
            if !self.check_broadcast(&lhs, lspan, &rhs, rhs_e.span, span) {
                return Value::Error;
            }
            let c = self.compare(*op, lhs, rhs.clone(), span);
            acc = Some(match acc {
                None => c,
                Some(prev) => match (prev, c) {
                    (Value::Scalar(a), Value::Scalar(b)) => Value::Scalar(self.add(Expr::Logical(ir::LogicalOp::And, a, b), Type::py_bool())),
                    _ => {
                        self.error(diag::type_error(span, "chained comparisons of arrays are ambiguous", "combine array comparisons with `&`"));
                        Value::Error
                    }
                },
            });
            lhs = rhs;
        }
        acc.unwrap_or(Value::Error)
    }

    /// The position an int index `k` names in a sequence of `len` items (negative from the
    /// end), held in a temporary; Python's IndexError(`message`) outside it.
    pub(crate) fn sequence_position(&mut self, k: ExprId, len: ExprId, message: String, span: Span) -> ExprId {
        let k = self.cast_scalar(k, DType::I64);
        let zero = self.const_i64(0);
        let negative = self.add(Expr::Compare(CompareOp::Lt, k, zero), Type::py_bool());
        let wrapped = self.add(Expr::Binary(ir::BinaryOp::Add, k, len), Type::py_int());
        let at = self.add(Expr::Select(negative, wrapped, k), Type::py_int());
        let held = self.temp(Type::py_int());
        self.emit(StmtKind::Assign { dst: held, value: at }, span);
        let at = self.read(held);
        let below = self.add(Expr::Compare(CompareOp::Lt, at, zero), Type::py_bool());
        let above = self.add(Expr::Compare(CompareOp::Ge, at, len), Type::py_bool());
        let outside = self.add(Expr::Binary(ir::BinaryOp::BitOr, below, above), Type::py_bool());
        self.raise_kind_if(outside, "IndexError", message, span);
        self.read(held)
    }

    pub fn compare(&mut self, op: ast::CmpOp, l: Value, r: Value, span: Span) -> Value {
        use ast::CmpOp as C;
        if matches!(l, Value::Error) || matches!(r, Value::Error) {
            return Value::Error;
        }
        // Tuples and lists (`a.shape == (n, n)`): equal where they have the same length and
        // equal items, as Python compares them (items that are numbers or strings).
        if let (Value::Tuple(x), Value::Tuple(y), C::Eq | C::NotEq) = (&l, &r, op) {
            let scalars = |s: &super::Seq| s.items.iter().all(|i| matches!(i, Value::Scalar(_) | Value::Str(_)));
            if x.list == y.list && scalars(x) && scalars(y) {
                let mut all = Value::Scalar(self.add(Expr::Const(Const::Bool(x.items.len() == y.items.len())), Type::py_bool()));
                if x.items.len() == y.items.len() {
                    for (a, b) in x.items.clone().into_iter().zip(y.items.clone()) {
                        let eq = self.compare(C::Eq, a, b, span);
                        if matches!(eq, Value::Error) {
                            return Value::Error;
                        }
                        all = self.binary(ast::BinOp::BitAnd, all, eq, span);
                    }
                }
                return if op == C::NotEq { self.unary(ast::UnaryOp::Not, all, span) } else { all };
            }
            // A list never equals a tuple.
            if x.list != y.list {
                return Value::Scalar(self.add(Expr::Const(Const::Bool(op == C::NotEq)), Type::py_bool()));
            }
        }
        let column = |v: &Value| matches!(v, Value::Series(s) if matches!(s.data, Value::Column(_)));
        if column(&l) || column(&r) {
            return self.column_compare(op, l, r, span);
        }
        if matches!(l, Value::Series(_)) || matches!(r, Value::Series(_)) {
            let Some((l, r, name, index)) = self.series_operands(l, r, span) else { return Value::Error };
            let v = self.compare(op, l, r, span);
            return self.as_series(v, name, index, span);
        }
        if matches!(l, Value::Union(_)) || matches!(r, Value::Union(_)) {
            let l2 = self.union_with_array(l.clone(), &r, span);
            let r = self.union_with_array(r, &l, span);
            let l = l2;
            return self.split(vec![l, r], span, &mut |fx, mut vs| {
                let r = vs.pop().expect("two");
                let l = vs.pop().expect("two");
                fx.compare(op, l, r, span)
            });
        }
        if matches!(l, Value::BigInt(_)) || matches!(r, Value::BigInt(_)) {
            return self.big_int_compare(op, l, r, span);
        }
        let cop = match op {
            C::Eq | C::Is => CompareOp::Eq,
            C::NotEq | C::IsNot => CompareOp::Ne,
            C::Lt => CompareOp::Lt,
            C::LtE => CompareOp::Le,
            C::Gt => CompareOp::Gt,
            C::GtE => CompareOp::Ge,
            C::In | C::NotIn => {
                let found = match r {
                    Value::Dict(items) => self.dict_contains(items, l, span),
                    // Of a list or tuple: whether an item equals it, as `==` compares them.
                    Value::Tuple(seq) if !seq.items.is_empty() && seq.items.iter().all(|i| matches!(i, Value::Scalar(_) | Value::Str(_))) => {
                        let mut any: Option<Value> = None;
                        for item in seq.items {
                            let eq = self.compare(C::Eq, l.clone(), item, span);
                            if matches!(eq, Value::Error) {
                                return Value::Error;
                            }
                            any = Some(match any {
                                None => eq,
                                Some(prev) => self.binary(crate::ast::BinOp::BitOr, prev, eq, span),
                            });
                        }
                        any.expect("items")
                    }
                    Value::Tuple(seq) if seq.items.is_empty() => Value::Scalar(self.add(Expr::Const(Const::Bool(false)), Type::py_bool())),
                    Value::Range(a, b, c) if matches!(l, Value::Scalar(_)) => self.range_contains(l, a, b, c, span),
                    // A substring of a str (known when compiling where both are).
                    Value::Str(s) => match l {
                        Value::Str(sub) if self.const_str(&Value::Str(s)).is_some() && self.const_str(&Value::Str(sub)).is_some() => {
                            let (text, part) = (self.const_str(&Value::Str(s)).unwrap_or_default(), self.const_str(&Value::Str(sub)).unwrap_or_default());
                            Value::Scalar(self.add(Expr::Const(Const::Bool(text.contains(part.as_str()))), Type::py_bool()))
                        }
                        Value::Str(sub) => {
                            let op = self.int_const(runtime_abi::STR_CONTAINS);
                            let Some(found) = self.runtime_call(runtime_abi::EntryPoint::StrFind, vec![s, sub, op], Some(Type::py_int()), span) else { return Value::Error };
                            Value::Scalar(self.add(Expr::Cast(DType::Bool, found), Type::py_bool()))
                        }
                        other => {
                            let what = self.describe_value(&other);
                            self.error(diag::type_error(span, format!("'in <string>' requires string as left operand, not {what}"), "test a str in a str"));
                            return Value::Error;
                        }
                    },
                    Value::List(list) if self.list_item_type(list) == Type::Str => match l {
                        Value::Str(x) => self.list_contains_str(list, x, span),
                        other => {
                            let what = self.describe_value(&other);
                            self.error(diag::unsupported_syntax(span, &format!("`in` tests of {what} in a list of strings"), "test a str"));
                            return Value::Error;
                        }
                    },
                    // Of a runtime list of numbers: whether an item equals it.
                    Value::List(list) if !self.list_item_type(list).is_array() && matches!(l, Value::Scalar(_)) => {
                        let items = self.list_to_array_of(list, span, false);
                        // Python tests `is` before `==`: a NaN is in a list holding that very
                        // object, which a compiled program cannot tell from another NaN.
                        if self.list_item_type(list).dtype().is_some_and(|d| d.is_float()) && self.value_dtype(&l).is_some_and(|d| d.is_float()) {
                            let x_nan = self.call_builtin("numpy.isnan", vec![(l.clone(), span)], vec![], span);
                            let items_nan = self.call_builtin("numpy.isnan", vec![(items.clone(), span)], vec![], span);
                            let any_nan = self.reduction(items_nan, "any", vec![], vec![], span);
                            let both = self.binary(ast::BinOp::BitAnd, x_nan, any_nan, span);
                            if let Some(c) = self.truth(both, span) {
                                self.raise_kind_if(c, "ValueError", "legatec: `in` of a NaN in a list that holds a NaN (Python's answer depends on whether they are the same object)".to_string(), span);
                            }
                        }
                        let eq = self.compare(C::Eq, l.clone(), items, span);
                        match self.reduction(eq, "any", vec![], vec![], span) {
                            Value::Scalar(e) => Value::Scalar(self.add(Expr::Cast(DType::Bool, e), Type::py_bool())),
                            other => other,
                        }
                    }
                    _ => {
                        self.error(diag::unsupported_syntax(span, "`in` tests of this container", "test dicts, and lists or tuples of numbers or strings"));
                        return Value::Error;
                    }
                };
                return if op == C::NotIn { self.unary(crate::ast::UnaryOp::Not, found, span) } else { found };
            }
        };
        // Compile-time comparisons: constant strings (`__name__ == "__main__"`), dtypes, None.
        let folded = match (&l, &r) {
            (Value::Str(a), Value::Str(b)) => match (&self.f.exprs[*a], &self.f.exprs[*b]) {
                (Expr::Const(Const::Str(x)), Expr::Const(Const::Str(y))) => Some(x == y),
                _ => None,
            },
            (Value::DType(a), Value::DType(b)) => Some(a == b),
            (Value::None, Value::None) => Some(true),
            // NumPy compares arrays with None element by element.
            (Value::None, arr @ (Value::Array(_) | Value::Lazy(_))) | (arr @ (Value::Array(_) | Value::Lazy(_)), Value::None)
                if matches!(cop, CompareOp::Eq | CompareOp::Ne) && matches!(op, C::Eq | C::NotEq) =>
            {
                let Some((n, nd)) = self.as_node(arr) else { return Value::Error };
                let value = Const::Bool(cop == CompareOp::Ne);
                let any = Rc::new(LNode::Compare(CompareOp::Eq, n.clone(), n));
                let c = Rc::new(LNode::Const { value, dtype: DType::Bool });
                let node = Rc::new(LNode::Select(any, c.clone(), c, DType::Bool));
                return Value::Lazy(Lazy { node, ndim: nd });
            }
            (Value::None, _) | (_, Value::None) => Some(false),
            // A string never equals a number (ordering them is Python's TypeError).
            (Value::Str(_), Value::Scalar(_)) | (Value::Scalar(_), Value::Str(_)) => Some(false),
            _ => None,
        };
        if let Some(eq) = folded {
            let result = match cop {
                CompareOp::Eq => eq,
                CompareOp::Ne => !eq,
                _ => {
                    let message = match (self.python_type_name(&l), self.python_type_name(&r), cmp_symbol(op)) {
                        (Some(a), Some(b), Some(sym)) => format!("'{sym}' not supported between instances of '{a}' and '{b}'"),
                        _ => "these values can only be compared for equality".to_string(),
                    };
                    self.error(diag::type_error(span, message, "use `==` or `!=`"));
                    return Value::Error;
                }
            };
            return Value::Scalar(self.add(Expr::Const(Const::Bool(result)), Type::py_bool()));
        }
        if matches!(op, C::Is | C::IsNot) {
            self.error(diag::unsupported_syntax(span, "`is` comparisons of values", "use `==`"));
            return Value::Error;
        }
        if let (Value::Str(a), Value::Str(b)) = (&l, &r) {
            return self.str_compare(cop, *a, *b, span);
        }
        // A list built at run time equals a list of the same items.
        let list = |v: &Value| matches!(v, Value::List(_) | Value::Tuple(super::Seq { list: true, .. }));
        if matches!(cop, CompareOp::Eq | CompareOp::Ne) && (matches!(l, Value::List(_)) || matches!(r, Value::List(_))) && list(&l) && list(&r) {
            let eq = self.list_equal(l, r, span);
            return if cop == CompareOp::Ne { self.unary(ast::UnaryOp::Not, eq, span) } else { eq };
        }
        let (Some(ld), Some(rd)) = (self.value_dtype(&l), self.value_dtype(&r)) else {
            let (a, b) = (self.describe_value(&l), self.describe_value(&r));
            self.error(diag::type_error(span, format!("cannot compare {a} and {b}"), "compare numbers or arrays"));
            return Value::Error;
        };
        let lw = self.is_weak(&l);
        let rw = self.is_weak(&r);
        let mut operand = result_dtype((ld, lw), (rd, rw));
        if operand.is_complex() && !matches!(cop, CompareOp::Eq | CompareOp::Ne) {
            self.error(diag::type_error(span, "complex numbers have no order (`<`, `<=`, `>`, `>=`)", "compare their `abs(...)` or `.real` parts"));
            return Value::Error;
        }
        // NumPy 2 compares a Python int with integer values exactly, even out of their
        // dtype's range: in int64 for the narrower dtypes; uint64 below.
        if operand.is_int() && operand.int_bits() != Some(64) && (lw || rw) {
            operand = DType::I64;
        }
        if operand == DType::U64 && (lw != rw) {
            let weak_side = if lw { &l } else { &r };
            if let Value::Scalar(y) = *weak_side {
                if self.expr_type(y) == Type::py_int() {
                    return self.compare_u64_with_py_int(cop, l, r, lw, y);
                }
            }
        }
        if let (Value::Scalar(a), Value::Scalar(b)) = (&l, &r) {
            // Python compares an int with a float exactly (`2**53 + 1 > 2.0**53`).
            if lw && rw && (ld, rd) == (DType::I64, DType::F64) {
                return Value::Scalar(self.compare_int_float(cop, *a, *b, true));
            }
            if lw && rw && (ld, rd) == (DType::F64, DType::I64) {
                return Value::Scalar(self.compare_int_float(cop, *b, *a, false));
            }
            let a = self.cast_scalar(*a, operand);
            let b = self.cast_scalar(*b, operand);
            let ty = self.expr_type(a);
            let b = self.retype(b, ty);
            let weak = lw && rw;
            return Value::Scalar(self.add(Expr::Compare(cop, a, b), Type::Scalar { dtype: DType::Bool, weak }));
        }
        let (Some((ln, lnd)), Some((rn, rnd))) = (self.as_node(&l), self.as_node(&r)) else { return Value::Error };
        let node = Rc::new(LNode::Compare(cop, LNode::cast(ln, operand), LNode::cast(rn, operand)));
        Value::Lazy(Lazy { node, ndim: lnd.max(rnd) })
    }

    /// `i cop f` (or `f cop i` unless `int_left`) of a Python int `i` and a Python float `f`,
    /// exactly, as Python compares them. Where `i` converted to a float differs from `f`,
    /// that order is the exact one (rounding keeps order); where they are equal, `f` is a
    /// whole number, compared as an int (or above every int64 at 2**63).
    fn compare_int_float(&mut self, cop: CompareOp, i: ExprId, f: ExprId, int_left: bool) -> ExprId {
        let (int_t, float_t, bool_t) = (Type::py_int(), Type::py_float(), Type::py_bool());
        let fi = self.add(Expr::Cast(DType::F64, i), float_t.clone());
        let f = self.retype(f, float_t.clone());
        let i = self.retype(i, int_t.clone());
        let ordered = |fx: &mut Self, a: ExprId, b: ExprId, ty: Type| if int_left { fx.add(Expr::Compare(cop, a, b), ty) } else { fx.add(Expr::Compare(cop, b, a), ty) };
        let by_floats = ordered(self, fi, f, bool_t.clone());
        let same = self.add(Expr::Compare(CompareOp::Eq, fi, f), bool_t.clone());
        let limit = self.add(Expr::Const(Const::Float(9223372036854775808.0)), float_t.clone());
        let beyond = self.add(Expr::Compare(CompareOp::Ge, f, limit), bool_t.clone());
        let in_range = self.add(Expr::Unary(ir::UnaryOp::Not, beyond), bool_t.clone());
        let whole = self.add(Expr::Logical(ir::LogicalOp::And, same, in_range), bool_t.clone());
        let zero = self.add(Expr::Const(Const::Float(0.0)), float_t.clone());
        let safe = self.add(Expr::Select(whole, f, zero), float_t);
        let as_int = self.add(Expr::Cast(DType::I64, safe), int_t);
        let by_ints = ordered(self, i, as_int, bool_t.clone());
        // At 2**63 the float is above every int64.
        let above = match cop {
            CompareOp::Eq => false,
            CompareOp::Ne => true,
            CompareOp::Lt | CompareOp::Le => int_left,
            CompareOp::Gt | CompareOp::Ge => !int_left,
        };
        let above = self.add(Expr::Const(Const::Bool(above)), bool_t.clone());
        let exact = self.add(Expr::Select(beyond, above, by_ints), bool_t.clone());
        self.add(Expr::Select(same, exact, by_floats), bool_t)
    }

    /// `x cop y` (or `y cop x` when `py_int_left`) of uint64 values `x` and a Python int
    /// `y`, exactly as NumPy 2 compares them: a negative `y` is below every uint64.
    fn compare_u64_with_py_int(&mut self, cop: CompareOp, l: Value, r: Value, py_int_left: bool, y: ExprId) -> Value {
        // The outcome when `y` is negative.
        let y_below = match cop {
            CompareOp::Eq => false,
            CompareOp::Ne => true,
            CompareOp::Lt | CompareOp::Le => py_int_left,
            CompareOp::Gt | CompareOp::Ge => !py_int_left,
        };
        let zero = self.int_const(0);
        let negative = self.add(Expr::Compare(CompareOp::Lt, y, zero), Type::py_bool());
        // The bits of `y` as a uint64 (a negative `y` is not used), unchecked.
        let y_bits = self.add(Expr::Cast(DType::U64, y), Type::scalar(DType::U64));
        let (l, r) = if py_int_left { (Value::Scalar(y_bits), r) } else { (l, Value::Scalar(y_bits)) };
        let fixed = self.add(Expr::Const(Const::Bool(y_below)), Type::scalar(DType::Bool));
        if let (Value::Scalar(a), Value::Scalar(b)) = (&l, &r) {
            let a = self.cast_scalar(*a, DType::U64);
            let b = self.cast_scalar(*b, DType::U64);
            let compared = self.add(Expr::Compare(cop, a, b), Type::scalar(DType::Bool));
            return Value::Scalar(self.add(Expr::Select(negative, fixed, compared), Type::scalar(DType::Bool)));
        }
        let (Some((ln, lnd)), Some((rn, rnd))) = (self.as_node(&l), self.as_node(&r)) else { return Value::Error };
        let compared = Rc::new(LNode::Compare(cop, LNode::cast(ln, DType::U64), LNode::cast(rn, DType::U64)));
        let negative = Rc::new(LNode::Scalar { expr: negative, dtype: DType::Bool });
        let fixed = Rc::new(LNode::Const { value: Const::Bool(y_below), dtype: DType::Bool });
        let node = Rc::new(LNode::Select(negative, fixed, compared, DType::Bool));
        Value::Lazy(Lazy { node, ndim: lnd.max(rnd) })
    }

    fn if_exp(&mut self, test: &ast::Expr, body: &ast::Expr, orelse: &ast::Expr, span: Span) -> Value {
        let c = self.expr(test);
        let Some(c) = self.truth(c, test.span) else { return Value::Error };
        if let Some(taken) = self.const_bool(c) {
            return self.expr(if taken { body } else { orelse });
        }
        // Evaluate only the taken branch, as Python does; the value keeps the type of the
        // branch taken (a union where the two differ).
        let entry = self.flow.clone();
        let mut then_v = Value::Error;
        let then_body = self.block(|fx| {
            let v = fx.expr(body);
            then_v = fx.stabilize(v, span);
        });
        let after_then = std::mem::replace(&mut self.flow, entry);
        let mut else_v = Value::Error;
        let else_body = self.block(|fx| {
            let v = fx.expr(orelse);
            else_v = fx.stabilize(v, span);
        });
        let results = [after_then.as_ref().map(|_| then_v), self.flow.as_ref().map(|_| else_v)];
        self.flow = super::flow::merge(&after_then, &self.flow);
        let mut blocks = [then_body, else_body];
        let joined = self.join(&results, &mut blocks, span);
        let [then_body, else_body] = blocks;
        self.emit(StmtKind::If { cond: c, then_body, else_body }, span);
        joined
    }

    /// The Python type name of a None, number or array value as Python's TypeErrors name
    /// it (`'NoneType'`, `'float'`, `'int'`, `'bool'`; an array by its elements), where one
    /// of the pair is None; `None` otherwise.
    fn python_type_name(&self, v: &Value) -> Option<&'static str> {
        match v {
            Value::None => Some("NoneType"),
            _ => match self.value_dtype(v)? {
                DType::Bool => Some("bool"),
                d if d.is_float() => Some("float"),
                _ => Some("int"),
            },
        }
    }

    /// An optional value (a union of None and one other type) where only the other can
    /// serve (an index, a subscripted or attributed value): that one, after a check that
    /// raises `kind: message` (Python's error) where it is None. Other values are returned
    /// as they are.
    pub(crate) fn unwrap_optional(&mut self, v: Value, kind: &str, message: &str, span: Span) -> Value {
        let Value::Union(u) = &v else { return v };
        let (none, other): (Vec<_>, Vec<_>) = u.variants.iter().partition(|(_, t, _)| *t == Type::None);
        let ([(code, _, _)], [(_, _, place)]) = (none.as_slice(), other.as_slice()) else { return v };
        let tag = self.read(u.tag);
        let c = self.add(Expr::Const(Const::Int(*code)), Type::py_int());
        let is_none = self.add(Expr::Compare(CompareOp::Eq, tag, c), Type::py_bool());
        self.raise_kind_if(is_none, kind, message.into(), span);
        let r = self.read(*place);
        self.value_of_read(r)
    }

    /// A number or an array (an accumulator that starts as `0`) indexed: its array, and
    /// Python's error where it holds a number (`'int' object is not subscriptable`).
    /// So for an attribute (`attr`), but for NumPy scalars, which have the arrays' ones.
    fn unwrap_array_union(&mut self, v: Value, usage: UnionUse, span: Span) -> Value {
        let Value::Union(u) = &v else { return v };
        let arrays: Vec<_> = u.variants.iter().filter(|(_, t, _)| matches!(t, Type::Array { .. })).collect();
        let [(_, _, place)] = arrays.as_slice() else { return v };
        if matches!(usage, UnionUse::Attribute(_)) && u.variants.iter().any(|(_, t, _)| matches!(t, Type::Scalar { weak: false, .. })) {
            return v;
        }
        for (code, t, _) in u.variants.iter() {
            let name = match t {
                Type::Array { .. } => continue,
                Type::None => "NoneType",
                Type::Scalar { dtype, .. } if *dtype == DType::Bool => "bool",
                Type::Scalar { dtype, .. } if dtype.is_float() => "float",
                Type::Scalar { dtype, .. } if dtype.is_complex() => "complex",
                Type::Scalar { .. } => "int",
                _ => return v,
            };
            let numpy_scalar = matches!(t, Type::Scalar { weak: false, .. });
            let (kind, message) = match usage {
                UnionUse::Subscript if numpy_scalar => ("IndexError", "invalid index to scalar variable.".to_string()),
                UnionUse::Subscript => ("TypeError", format!("'{name}' object is not subscriptable")),
                UnionUse::ItemStore if numpy_scalar => ("TypeError", format!("'numpy.{}' object does not support item assignment", t.dtype().map_or("float64", |d| d.numpy_name()))),
                UnionUse::ItemStore => ("TypeError", format!("'{name}' object does not support item assignment")),
                UnionUse::Attribute(a) => ("AttributeError", format!("'{name}' object has no attribute '{a}'")),
            };
            let tag = self.read(u.tag);
            let c = self.add(Expr::Const(Const::Int(*code)), Type::py_int());
            let is_it = self.add(Expr::Compare(CompareOp::Eq, tag, c), Type::py_bool());
            self.raise_kind_if(is_it, kind, message, span);
        }
        let r = self.read(*place);
        self.value_of_read(r)
    }

    /// A number of run-time type (a union of scalars) as an item of an array NumPy makes
    /// (`np.array([...])`, a comprehension's items): one scalar of the dtype every variant
    /// makes as an array item (a Python int and a NumPy int64 both make int64). Variants
    /// that make different dtypes (an int or a float) are a compile error: NumPy would
    /// choose the array's dtype by the type met at run time. Anything else is returned as
    /// it is.
    pub(crate) fn union_as_item(&mut self, v: Value, span: Span) -> Value {
        let Value::Union(u) = &v else { return v };
        let mut target: Option<DType> = None;
        for (_, t, _) in u.variants.iter() {
            let Type::Scalar { dtype, .. } = t else { return v };
            let d = if *dtype == DType::I32 { DType::I64 } else { *dtype };
            if target.is_some_and(|a| a != d) {
                let what = self.describe_value(&v);
                self.error(diag::type_error(
                    span,
                    format!("{what} as an array item: NumPy would choose the array's dtype by the type it has at run time"),
                    "convert it where it is made or here (`float(x)`, `int(x)`), so it has one type",
                ));
                return Value::Error;
            }
            target = Some(d);
        }
        let Some(target) = target else { return v };
        self.split1(v, span, &mut |fx, v| match v {
            Value::Scalar(e) => {
                let c = fx.cast_scalar(e, target);
                Value::Scalar(fx.retype(c, Type::scalar(target)))
            }
            other => other,
        })
    }

    /// A union scalar combined with an array becomes one scalar of the dtype every
    /// variant promotes to with the array (NEP 50); otherwise it stays a union.
    fn union_with_array(&mut self, v: Value, other: &Value, span: Span) -> Value {
        let (Value::Union(u), Some(other_dtype)) = (&v, self.value_dtype(other)) else { return v };
        if matches!(other, Value::Scalar(_) | Value::Union(_)) {
            return v;
        }
        // A union with None or an array in it stays one (each variant lowered alone).
        if u.variants.iter().any(|(_, t, _)| !matches!(t, Type::Scalar { .. })) {
            return v;
        }
        let mut dtypes = u.variants.iter().map(|(_, t, _)| {
            let Type::Scalar { dtype, weak } = t else { unreachable!("checked: scalars") };
            result_dtype((*dtype, *weak), (other_dtype, false))
        });
        let first = dtypes.next().expect("a variant");
        if !dtypes.all(|d| d == first) {
            return v;
        }
        self.split1(v, span, &mut |fx, v| match v {
            Value::Scalar(e) => {
                let c = fx.cast_scalar(e, first);
                Value::Scalar(fx.retype(c, Type::scalar(first)))
            }
            other => other,
        })
    }

    /// `xs[lo:hi:step]` of a list or tuple known when compiling (`sizes[:-1]`,
    /// `shape[1:]`, `t[::-1]`): a new list or tuple of the items Python's slice picks. The
    /// bounds must be known when compiling too (the result's length is its type).
    fn seq_slice(&mut self, items: super::Seq, bounds: [Option<&ast::Expr>; 3], span: Span) -> Value {
        let kind = if items.list { "list" } else { "tuple" };
        let mut folded = [None; 3];
        for (slot, bound) in folded.iter_mut().zip(bounds) {
            let Some(b) = bound else { continue };
            let v = self.expr(b);
            let v = match v {
                Value::Error => return Value::Error,
                Value::None => continue,
                Value::Scalar(e) => self.fold_int(e),
                _ => None,
            };
            let Some(v) = v else {
                self.error(diag::unsupported_syntax(b.span, &format!("{kind} slices with bounds that are not integers known when compiling"), "slice with integer constants (or values such as `len(xs) - 1`), or make the items an array"));
                return Value::Error;
            };
            *slot = Some(v);
        }
        let n = items.items.len() as i64;
        let step = folded[2].unwrap_or(1);
        if step == 0 {
            self.error(diag::type_error(span, "slice step cannot be zero", "Python raises ValueError here"));
            return Value::Error;
        }
        // Python's `slice.indices(len)`.
        let clamp = |v: Option<i64>, default: i64| -> i64 {
            match v {
                None => default,
                Some(v) if v < 0 => {
                    let v = v + n;
                    if v < 0 {
                        if step < 0 { -1 } else { 0 }
                    } else {
                        v
                    }
                }
                Some(v) if v >= n => {
                    if step < 0 { n - 1 } else { n }
                }
                Some(v) => v,
            }
        };
        let (start, stop) = if step > 0 { (clamp(folded[0], 0), clamp(folded[1], n)) } else { (clamp(folded[0], n - 1), clamp(folded[1], -1)) };
        let mut picked = Vec::new();
        let mut i = start;
        while (step > 0 && i < stop) || (step < 0 && i > stop) {
            picked.push(items.items[i as usize].clone());
            i += step;
        }
        Value::Tuple(super::Seq { items: picked, list: items.list, named: None, held: false })
    }

    /// `base[index]`: element reads, views, and tuple indexing.
    fn subscript(&mut self, base: Value, index: &[IndexExpr], span: Span) -> Value {
        match base {
            Value::Error => Value::Error,
            Value::Dict(items) => match index {
                [IndexExpr::Expr(e)] => {
                    let key = self.expr(e);
                    self.dict_get(items, key, e.span, None, span)
                }
                _ => {
                    self.error(diag::type_error(span, "a dict is read at one key", "write `d[key]`"));
                    Value::Error
                }
            },
            Value::Method(recv, m) if matches!(*recv, Value::Frame(_)) && (m == "iloc" || m == "loc") => {
                let Value::Frame(f) = *recv else { unreachable!() };
                if m == "iloc" {
                    self.frame_iloc(&f, index, span)
                } else {
                    self.frame_loc(f, index, span)
                }
            }
            Value::GroupBy(g) => match index {
                [IndexExpr::Expr(e)] => {
                    let key = self.expr(e);
                    self.groupby_subscript(g, key, e.span)
                }
                _ => {
                    self.error(diag::unsupported_syntax(span, "this groupby subscript", "select columns with `g[\"c\"]` or `g[[\"c\", \"d\"]]`"));
                    Value::Error
                }
            },
            Value::Series(s) if matches!(index, [IndexExpr::Expr(_)]) => {
                let [IndexExpr::Expr(e)] = index else { unreachable!("matched") };
                let key = self.expr(e);
                self.series_subscript(s, key, e.span, span)
            }
            Value::Frame(f) => match index {
                [IndexExpr::Expr(e)] => {
                    let key = self.expr(e);
                    self.frame_subscript(f, key, e.span, span)
                }
                _ => {
                    self.error(diag::unsupported_syntax(span, "this DataFrame subscript", "select with a label, a list of labels or a boolean Series; use `.head(n)` for leading rows"));
                    Value::Error
                }
            },
            Value::Tuple(items) => {
                let kind = if items.list { "list" } else { "tuple" };
                if let [IndexExpr::Slice { lower, upper, step, .. }] = index {
                    return self.seq_slice(items, [lower.as_ref(), upper.as_ref(), step.as_ref()], span);
                }
                let [IndexExpr::Expr(e)] = index else {
                    self.error(diag::unsupported_syntax(span, &format!("{kind} subscripts other than one index"), "index with one integer, such as `a.shape[0]`"));
                    return Value::Error;
                };
                let k = self.expr(e);
                let n = items.len() as i64;
                let Value::Scalar(k) = k else {
                    if !matches!(k, Value::Error) {
                        let what = self.describe_value(&k);
                        self.error(diag::type_error(e.span, format!("{kind} indices must be integers, not {what}"), "index with an integer"));
                    }
                    return Value::Error;
                };
                // An index known when compiling (a literal, `len(t) // 2`): the item itself.
                if let Some(i) = self.fold_int(k) {
                    let at = if i < 0 { i + n } else { i };
                    return match usize::try_from(at).ok().and_then(|at| items.items.get(at)) {
                        Some(v) => v.clone(),
                        None => {
                            self.error(diag::type_error(span, format!("{kind} index {i} out of range"), &format!("the {kind} has {n} items")));
                            Value::Error
                        }
                    };
                }
                // Known only when running: items that are numbers of one type, read from
                // their array (Python's IndexError outside them).
                let ty = match items.items.first() {
                    Some(Value::Scalar(x)) => self.expr_type(*x),
                    _ => Type::None,
                };
                let same = !matches!(ty, Type::None) && items.items.iter().all(|v| matches!(v, Value::Scalar(x) if self.expr_type(*x) == ty));
                let strs = items.items.iter().all(|v| matches!(v, Value::Str(_)));
                let int_index = self.expr_type(k).dtype().is_some_and(|d| d.is_int() || d == DType::Bool);
                if strs && int_index {
                    // Strings: the one at the index, chosen by comparing it with each position.
                    let len = self.const_i64(n);
                    let at = self.sequence_position(k, len, format!("{kind} index out of range"), span);
                    let out = self.temp(Type::Str);
                    for (i, item) in items.items.into_iter().enumerate() {
                        let Value::Str(text) = item else { unreachable!("strings") };
                        let position = self.const_i64(i as i64);
                        let here = self.add(Expr::Compare(CompareOp::Eq, at, position), Type::py_bool());
                        let then_body = vec![ir::Stmt::new(StmtKind::Assign { dst: out, value: text }, span)];
                        if i == 0 {
                            self.emit(StmtKind::Assign { dst: out, value: text }, span);
                        } else {
                            self.emit(StmtKind::If { cond: here, then_body, else_body: vec![] }, span);
                        }
                    }
                    return Value::Str(self.read(out));
                }
                if !same || !int_index {
                    self.error(diag::unsupported_syntax(span, &format!("{kind} indices known only when running, into items that are not numbers of one type"), "index with a constant, or make the items an array"));
                    return Value::Error;
                }
                let Value::Array(arr) = self.array_literal(Value::Tuple(items), None, span) else { return Value::Error };
                let len = self.const_i64(n);
                let at = self.sequence_position(k, len, format!("{kind} index out of range"), span);
                Value::Scalar(self.add(Expr::GetItem(arr, vec![at]), ty))
            }
            Value::Lazy(l) => {
                let e = self.materialize(l, span);
                self.subscript(Value::Array(e), index, span)
            }
            Value::Cli(c) => self.cli_subscript(c, index, span),
            Value::Range(a, b, c) => match index {
                [IndexExpr::Expr(e)] => {
                    let k = self.expr(e);
                    self.range_item(a, b, c, k, e.span, span)
                }
                _ => {
                    self.error(diag::unsupported_syntax(span, "slices of a range", "index a range with one integer, or slice `list(r)`"));
                    Value::Error
                }
            },
            Value::List(l) => self.list_subscript(l, index, span),
            Value::Str(s) => self.str_subscript(s, index, span),
            Value::Array(a) => {
                let Some(index) = self.expand_ellipsis(a, index, span) else { return Value::Error };
                let index = index.as_slice();
                let (items, ints) = match self.index_items(index, span) {
                    Some(Index::Basic(items, ints)) => (items, ints),
                    Some(Index::Array(idx)) => return self.fancy_get(a, idx, span),
                    Some(Index::Mixed(items, arrays)) => return self.mixed_get(super::MixedRead { base: a, items, arrays }, span),
                    None => return Value::Error,
                };
                let Type::Array { dtype, ndim } = self.expr_type(a) else { unreachable!() };
                let consumed = items.iter().filter(|i| !matches!(i, IndexItem::NewAxis)).count();
                if consumed > ndim {
                    self.error(diag::shape_error(span, format!("too many indices for array: array is {ndim}-dimensional, but {consumed} were indexed")));
                    return Value::Error;
                }
                if ints.len() == ndim && items.len() == ndim {
                    return Value::Scalar(self.add(Expr::GetItem(a, ints), Type::scalar(dtype)));
                }
                let newaxes = items.len() - consumed;
                let rank = ndim - ints.len() + newaxes;
                let tmp = self.temp(Type::array(dtype, rank));
                self.emit(StmtKind::View { dst: tmp, src: a, index: items }, span);
                Value::Array(self.read(tmp))
            }
            other => {
                let what = self.describe_value(&other);
                self.error(diag::type_error(span, format!("{what} cannot be indexed"), "index arrays or tuples"));
                Value::Error
            }
        }
    }

    /// A subscript of array `a` with its `...` replaced by as many full slices as the axes
    /// the other items leave (`None`/`np.newaxis` take none); NumPy's IndexError for two.
    fn expand_ellipsis(&mut self, a: ExprId, index: &[IndexExpr], span: Span) -> Option<Vec<IndexExpr>> {
        let is_ellipsis = |i: &IndexExpr| matches!(i, IndexExpr::Expr(ast::Expr { kind: ExprKind::Ellipsis, .. }));
        let count = index.iter().filter(|i| is_ellipsis(i)).count();
        if count == 0 {
            return Some(index.to_vec());
        }
        if count > 1 {
            self.raise_now("IndexError", "an index can only have a single ellipsis ('...')", span);
            return None;
        }
        let new_axis = |i: &IndexExpr| match i {
            IndexExpr::Expr(e) => match &e.kind {
                ExprKind::NoneLit => true,
                ExprKind::Attribute { attr, .. } => attr == "newaxis",
                _ => false,
            },
            IndexExpr::Slice { .. } => false,
        };
        let consumed = index.iter().filter(|i| !is_ellipsis(i) && !new_axis(i)).count();
        let ndim = match self.expr_type(a) {
            Type::Array { ndim, .. } => ndim,
            _ => 0,
        };
        let fill = ndim.saturating_sub(consumed);
        let mut out = Vec::with_capacity(index.len() + fill);
        for item in index {
            if is_ellipsis(item) {
                let span = match item {
                    IndexExpr::Expr(e) => e.span,
                    IndexExpr::Slice { span, .. } => *span,
                };
                out.extend((0..fill).map(|_| IndexExpr::Slice { lower: None, upper: None, step: None, span }));
            } else {
                out.push(item.clone());
            }
        }
        Some(out)
    }

    /// Lowers index expressions; also returns the integer indices (for element access).
    /// An index array (`a[mask]`, `a[idx]`, `a[[0, 2]]`) is the whole index or an error.
    fn index_items(&mut self, index: &[IndexExpr], span: Span) -> Option<Index> {
        let mut items = Vec::new();
        let mut ints = Vec::new();
        let mut mixed: Vec<(usize, ExprId)> = Vec::new();
        for item in index {
            match item {
                IndexExpr::Slice { lower, upper, step, .. } => {
                    let bound = |fx: &mut Self, e: &Option<ast::Expr>| -> Option<Option<ExprId>> {
                        match e {
                            None => Some(None),
                            Some(e) => {
                                let v = fx.expr(e);
                                if matches!(v, Value::None) {
                                    return Some(None);
                                }
                                fx.int_value(v, e.span).map(Some)
                            }
                        }
                    };
                    let start = bound(self, lower)?;
                    let stop = bound(self, upper)?;
                    let step = bound(self, step)?;
                    items.push(IndexItem::Slice { start, stop, step });
                }
                IndexExpr::Expr(e) => {
                    let v = self.expr(e);
                    // A tuple (not a list) is several indices: `a[np.nonzero(m)]`, `a[t]`.
                    let values = match v {
                        Value::Tuple(seq) if !seq.list => seq.items,
                        v => vec![v],
                    };
                    let whole = index.len() == 1 && values.len() == 1;
                    for v in values {
                        let v = self.unwrap_optional(v, "ValueError", "legatec: this index is None here (np.newaxis, a new axis) where the program was compiled for an integer", e.span);
                        let is_list = matches!(&v, Value::Tuple(seq) if seq.list);
                        match v {
                            Value::None => items.push(IndexItem::NewAxis),
                            Value::Scalar(b) if self.f.expr_type(b).dtype() == Some(DType::Bool) => {
                                // NumPy: a boolean scalar index adds an axis (a 0-d mask), not element 0 or 1.
                                self.error(diag::unsupported_index_array(e.span, "indexing with a boolean scalar", "index with an integer, or with a boolean array of the array's shape"));
                                return None;
                            }
                            // (A value of run-time type: an int or a NumPy integer, say.)
                            Value::Scalar(_) | Value::Union(_) => {
                                let i = self.int_value(v, e.span)?;
                                ints.push(i);
                                items.push(IndexItem::Index(i));
                            }
                            Value::Array(_) | Value::Lazy(_) if whole => return self.index_array(v, 1, e.span).map(Index::Array),
                            Value::Tuple(_) if is_list && whole => {
                                return self.index_array(v, 1, e.span).map(Index::Array);
                            }
                            Value::Array(_) | Value::Lazy(_) | Value::Tuple(_) if matches!(v, Value::Array(_) | Value::Lazy(_)) || is_list => {
                                let idx = self.index_array(v, 1, e.span)?;
                                let is_mask = matches!(self.expr_type(idx), Type::Array { dtype: DType::Bool, .. });
                                if matches!(self.expr_type(idx), Type::Array { dtype: DType::Bool, ndim } if ndim > 1) {
                                    self.error(diag::unsupported_index_array(e.span, "a boolean mask of more than one axis beside other indices", "select with the mask alone, or with a 1-D mask"));
                                    return None;
                                }
                                let masks = mixed.iter().filter(|(_, m)| matches!(self.expr_type(*m), Type::Array { dtype: DType::Bool, .. })).count();
                                if !mixed.is_empty() && (is_mask || masks > 0) {
                                    self.error(diag::unsupported_index_array(e.span, "a boolean mask beside another index array", "select with the mask in a separate step, or use integer index arrays"));
                                    return None;
                                }
                                mixed.push((items.len(), idx));
                                items.push(IndexItem::Slice { start: None, stop: None, step: None });
                            }
                            Value::Error => return None,
                            other => {
                                let what = self.describe_value(&other);
                                self.error(diag::type_error(e.span, format!("{what} cannot be used as an index"), "use integers and slices"));
                                return None;
                            }
                        }
                    }
                }
            }
        }
        let _ = span;
        if mixed.is_empty() {
            Some(Index::Basic(items, ints))
        } else {
            Some(Index::Mixed(items, mixed))
        }
    }

    /// `a[items]` with index arrays among integers, slices and new axes: the basic items
    /// applied first (a view), its axes the arrays index moved first, then one gather (one
    /// array: `lt_gather`/`lt_mask_get`; several, broadcast and stacked: `lt_gather_nd`).
    /// NumPy puts the axes the arrays make where the first advanced index (an array or an
    /// integer) was when those are next to each other, and first otherwise. Returns the
    /// moved view, the index (one array, or the stacked ones with the original axes they
    /// index), and the permutation from the gathered result's axes to NumPy's order.
    fn mixed_view(&mut self, a: ExprId, items: &[IndexItem], arrays: &[(usize, ExprId)], span: Span) -> Option<(ExprId, MixedIndex, Vec<i64>)> {
        let view = self.basic_view(a, items.to_vec(), span);
        let Type::Array { ndim, .. } = self.expr_type(view) else { return None };
        let axis_of = |position: usize| items[..position].iter().filter(|i| !matches!(i, IndexItem::Index(_))).count() as i64;
        let first: Vec<i64> = arrays.iter().map(|&(p, _)| axis_of(p)).collect();
        let mut order = first.clone();
        order.extend((0..ndim as i64).filter(|d| !first.contains(d)));
        let moved = if order.iter().enumerate().all(|(i, &d)| i as i64 == d) {
            view
        } else {
            match self.transpose(view, &order, span) {
                Value::Array(t) => t,
                _ => return None,
            }
        };
        let (index, made) = if let [(_, idx)] = arrays {
            let made = match self.expr_type(*idx) {
                Type::Array { dtype: DType::Bool, .. } => 1,
                Type::Array { ndim, .. } => ndim,
                _ => 1,
            };
            (MixedIndex::One(*idx), made)
        } else {
            // The arrays broadcast together, as int64, stacked along a new first axis.
            let list: Vec<ExprId> = arrays.iter().map(|&(_, i)| i).collect();
            let made = list.iter().map(|&i| match self.expr_type(i) {
                Type::Array { ndim, .. } => ndim,
                _ => 0,
            }).max().unwrap_or(0);
            let mut parts = Vec::new();
            for &i in &list {
                let out = self.temp(Type::array(DType::I64, made));
                self.emit(StmtKind::Alloc { dst: out, dtype: DType::I64, shape: ir::ShapeSpec::Broadcast { arrays: list.clone(), reuse: None } }, span);
                let dst = self.read(out);
                self.store_into(dst, DType::I64, made, Value::Array(i), span);
                parts.push(self.read(out));
            }
            let Value::Array(stacked) = self.stack(parts, 0, span) else { return None };
            // The original axes of `a` they index (new axes take none), for messages.
            let original: Vec<ExprId> = arrays
                .iter()
                .map(|&(p, _)| items[..p].iter().filter(|i| !matches!(i, IndexItem::NewAxis)).count() as i64)
                .map(|x| self.const_i64(x))
                .collect();
            let axes = self.int_list(&original, span);
            (MixedIndex::Stacked(stacked, axes), made)
        };
        let positions: Vec<usize> = arrays.iter().map(|&(p, _)| p).collect();
        let advanced: Vec<usize> = items.iter().enumerate().filter(|(i, item)| positions.contains(i) || matches!(item, IndexItem::Index(_))).map(|(i, _)| i).collect();
        let adjacent = advanced.windows(2).all(|w| w[1] == w[0] + 1);
        let first = advanced.first().copied().unwrap_or(0);
        let target = if adjacent { items[..first].iter().filter(|i| !matches!(i, IndexItem::Index(_))).count() } else { 0 };
        let rest = ndim - arrays.len();
        // Gathered: the arrays' axes, then the others; NumPy's: `target` others, the arrays', the rest.
        let mut perm: Vec<i64> = (made..made + target).map(|x| x as i64).collect();
        perm.extend((0..made).map(|x| x as i64));
        perm.extend((made + target..made + rest).map(|x| x as i64));
        Some((moved, index, perm))
    }

    /// `a[items]` with index arrays among the items (see `mixed_view`).
    pub(crate) fn mixed_get(&mut self, read: super::MixedRead, span: Span) -> Value {
        let (a, items, arrays) = (read.base, read.items.clone(), read.arrays.clone());
                let Some((moved, index, perm)) = self.mixed_view(a, &items, &arrays, span) else { return Value::Error };
                let got = match index {
                    MixedIndex::One(idx) => self.fancy_get(moved, idx, span),
                    MixedIndex::Stacked(stacked, axes) => {
                        let Type::Array { dtype, .. } = self.expr_type(moved) else { return Value::Error };
                        match self.runtime_call(ir::EntryPoint::GatherNd, vec![moved, stacked, axes], Some(Type::array(dtype, perm.len())), span) {
                            Some(e) => Value::Array(e),
                            None => Value::Error,
                        }
                    }
                };
                let Value::Array(got) = got else { return Value::Error };
                let got = if perm.iter().enumerate().all(|(i, &p)| i as i64 == p) {
                    got
                } else {
                    let Value::Array(t) = self.transpose(got, &perm, span) else { return Value::Error };
                    t
                };
                self.mixed_reads.insert(got, read);
                Value::Array(got)
    }

    /// `a[items] = v` with index arrays among the items (and `a[:, idx] op= v`).
    pub(crate) fn mixed_set(&mut self, read: super::MixedRead, v: Value, span: Span) {
        let super::MixedRead { base: a, items, arrays } = read;
        let Some((moved, index, perm)) = self.mixed_view(a, &items, &arrays, span) else { return };
                // The values in the gathered order: NumPy's order permuted back.
                let v = match v {
                    Value::Scalar(_) => v,
                    other if perm.iter().enumerate().all(|(i, &p)| i as i64 == p) => other,
                    other => {
                        let Some(values) = self.array_arg(other, span, "indexing") else { return };
                        let Type::Array { ndim, .. } = self.expr_type(values) else { return };
                        if ndim != perm.len() {
                            self.error(diag::unsupported_index_array(span, "assigning an array of another rank through an index array beside other indices", "assign a scalar, or values of the selection's full shape"));
                            return;
                        }
                        let mut inverse = vec![0i64; perm.len()];
                        for (i, &p) in perm.iter().enumerate() {
                            inverse[p as usize] = i as i64;
                        }
                        self.transpose(values, &inverse, span)
                    }
                };
                match index {
                    MixedIndex::One(idx) => self.fancy_set(moved, idx, v, span),
                    MixedIndex::Stacked(stacked, axes) => {
                        let Type::Array { dtype, .. } = self.expr_type(moved) else { return };
                        let Some(values) = self.values_as_array(v, dtype, span) else { return };
                        self.runtime_call(ir::EntryPoint::ScatterNd, vec![moved, stacked, values, axes], None, span);
                    }
                }
    }

    /// `base[index] = value`.
    pub fn store_subscript(&mut self, base: Value, index: &[IndexExpr], v: Value, tspan: Span, span: Span) {
        let base = self.unwrap_array_union(base, UnionUse::ItemStore, tspan);
        let Value::Array(a) = base else {
            if !matches!(base, Value::Error) {
                let what = self.describe_value(&base);
                self.error(diag::type_error(tspan, format!("cannot assign into {what}"), "assign into arrays"));
            }
            return;
        };
        // Complex values only into complex arrays, whatever the index (NumPy raises TypeError
        // for a complex scalar and drops the imaginary parts of an array, with a warning).
        if let (Type::Array { dtype, .. }, Some(vd)) = (self.expr_type(a), self.value_dtype(&v)) {
            if vd.is_complex() && !dtype.is_complex() {
                self.error(diag::unsupported_dtype(
                    span,
                    &format!("stores of complex values into arrays of {}", dtype.numpy_name()),
                    vd.numpy_name(),
                    "NumPy raises TypeError for a complex number and drops the imaginary parts of an array: store `.real` or `abs(...)` explicitly, or make the array complex",
                ));
                return;
            }
        }
        let Some(index) = self.expand_ellipsis(a, index, tspan) else { return };
        let index = index.as_slice();
        let (items, ints) = match self.index_items(index, tspan) {
            Some(Index::Basic(items, ints)) => (items, ints),
            Some(Index::Array(idx)) => return self.fancy_set(a, idx, v, span),
            Some(Index::Mixed(items, arrays)) => return self.mixed_set(super::MixedRead { base: a, items, arrays }, v, span),
            None => return,
        };
        let Type::Array { dtype, ndim } = self.expr_type(a) else { unreachable!() };
        let consumed = items.iter().filter(|i| !matches!(i, IndexItem::NewAxis)).count();
        if consumed > ndim {
            self.error(diag::shape_error(tspan, format!("too many indices for array: array is {ndim}-dimensional, but {consumed} were indexed")));
            return;
        }
        // A value that may be None: NumPy's TypeError where it is.
        let none_message = if dtype.is_float() {
            "float() argument must be a string or a real number, not 'NoneType'"
        } else {
            "int() argument must be a string, a bytes-like object or a real number, not 'NoneType'"
        };
        let v = self.unwrap_optional(v, "TypeError", none_message, span);
        // A scalar of run-time type is stored as the array's dtype whatever its type.
        let v = match v {
            Value::Union(_) => self.split1(v, span, &mut |fx, v| match v {
                Value::Scalar(e) => {
                    let c = fx.element_store_value(e, dtype);
                    Value::Scalar(fx.retype(c, Type::scalar(dtype)))
                }
                other => other,
            }),
            other => other,
        };
        if ints.len() == ndim && items.len() == ndim {
            match v {
                Value::Scalar(e) => {
                    // NumPy checks the index before it converts the value: where the
                    // conversion may raise (a Python int into a narrower integer dtype),
                    // the element is read first, which checks the index.
                    let checked = dtype.is_int() && dtype != DType::I64 && self.expr_type(e) == Type::py_int();
                    if checked && !matches!(self.f.exprs[e], Expr::Const(Const::Int(v)) if dtype.int_range().is_some_and(|(lo, hi)| (lo..=hi).contains(&i128::from(v)))) {
                        let read = self.add(Expr::GetItem(a, ints.clone()), Type::scalar(dtype));
                        let probe = self.temp(Type::scalar(dtype));
                        self.emit(StmtKind::Assign { dst: probe, value: read }, span);
                    }
                    let e = self.element_store_value(e, dtype);
                    self.emit(StmtKind::SetItem { array: a, indices: ints, value: e }, span);
                }
                Value::Error => {}
                other => {
                    let what = self.describe_value(&other);
                    self.error(diag::type_error(span, format!("cannot assign {what} to an array element"), "assign a number"));
                }
            }
            return;
        }
        // A scalar stored into a slice converts as into one element (NumPy converts it
        // once, before the assignment, even into an empty slice).
        let v = match v {
            Value::Scalar(e) if dtype.is_int() => Value::Scalar(self.element_store_value(e, dtype)),
            other => other,
        };
        let rank = ndim - ints.len() + (items.len() - consumed);
        let tmp = self.temp(Type::array(dtype, rank));
        self.emit(StmtKind::View { dst: tmp, src: a, index: items }, tspan);
        let dst = self.read(tmp);
        self.store_into(dst, dtype, rank, v, span);
    }

    fn attribute(&mut self, base: Value, attr: &str, span: Span) -> Value {
        match base {
            Value::Error => Value::Error,
            // A named tuple's fields (`np.linalg.eigh(a).eigenvalues`).
            Value::Tuple(seq) if seq.named.is_some_and(|(_, fields)| fields.contains(&attr)) => {
                let (_, fields) = seq.named.expect("named");
                let at = fields.iter().position(|f| *f == attr).expect("a field");
                seq.items.into_iter().nth(at).unwrap_or(Value::Error)
            }
            // Of numbers and arrays, real or complex (values: not views to assign to).
            Value::Scalar(_) | Value::Array(_) | Value::Lazy(_) if matches!(attr, "real" | "imag") => self.complex_part_function(attr, base, span),
            Value::Scalar(e) if matches!(attr, "conj" | "conjugate") => Value::Method(Box::new(Value::Scalar(e)), attr.to_string()),
            Value::Module(m) => self.module_attr(&m, attr, span),
            Value::Frame(f) => self.frame_attr(f, attr, span),
            Value::Series(s) => self.series_attr(s, attr, span),
            Value::Method(recv, acc) if matches!(*recv, Value::Series(_)) && ["str", "dt", "cat"].contains(&acc.as_str()) => {
                let Value::Series(s) = *recv else { unreachable!("matched") };
                self.accessor_attr(s, &acc, attr, span)
            }
            Value::Method(recv, acc) if acc == "index" && matches!(*recv, Value::Frame(_) | Value::Series(_)) => self.index_attr(*recv, attr, span),
            Value::Method(recv, kind) if (kind == "iinfo" || kind == "finfo") && matches!(*recv, Value::DType(_)) => {
                let Value::DType(d) = *recv else { unreachable!("matched") };
                self.type_info_attr(&kind, d, attr, span)
            }
            Value::GroupBy(g) => self.groupby_attr(g, attr, span),
            Value::Generator(handle) => self.generator_attr(handle, attr, span),
            // `.astype` of an expression converts as it computes (no array in between).
            Value::Lazy(l) if attr == "astype" => Value::Method(Box::new(Value::Lazy(l)), attr.to_string()),
            Value::Lazy(l) => {
                let e = self.materialize(l, span);
                self.attribute(Value::Array(e), attr, span)
            }
            Value::Array(a) => {
                let Type::Array { dtype, ndim } = self.expr_type(a) else { unreachable!() };
                match attr {
                    "shape" => Value::Tuple((0..ndim).map(|d| Value::Scalar(self.add(Expr::Dim(a, d), Type::py_int()))).collect()),
                    "ndim" => Value::Scalar(self.add(Expr::Const(Const::Int(ndim as i64)), Type::py_int())),
                    "size" => Value::Scalar(self.add(Expr::Size(a), Type::py_int())),
                    "dtype" => Value::DType(dtype),
                    "T" => self.transposed(a, span),
                    m if super::numpy::ARRAY_METHODS.contains(&m) || super::shape_ops::SHAPE_METHODS.contains(&m) => {
                        Value::Method(Box::new(Value::Array(a)), attr.to_string())
                    }
                    _ => {
                        let known = ["shape", "ndim", "size", "dtype", "T"]
                            .into_iter()
                            .chain(super::numpy::ARRAY_METHODS.iter().copied())
                            .chain(super::shape_ops::SHAPE_METHODS.iter().copied());
                        let nearest = diag::nearest(attr, known);
                        self.error(diag::unsupported_call(span, &format!("ndarray.{attr}"), nearest).with_hint(match nearest {
                            Some(n) => format!("the nearest supported attribute is `{n}`"),
                            None => "see the README for the supported array attributes and methods".to_string(),
                        }));
                        Value::Error
                    }
                }
            }
            Value::Cli(c) => self.cli_attribute(c, attr, span),
            Value::Scalar(e) => match attr {
                "dtype" if !self.is_weak(&Value::Scalar(e)) => Value::DType(self.expr_type(e).dtype().expect("scalar")),
                // NumPy scalars have `astype`; Python numbers do not.
                // NumPy scalars have `astype` and the reductions; Python numbers do not.
                "astype" | "sum" | "prod" | "mean" | "max" | "min" | "any" | "all" | "argmax" | "argmin" | "var" | "std" | "round" | "item" | "tolist"
                    if !self.is_weak(&Value::Scalar(e)) =>
                {
                    Value::Method(Box::new(Value::Scalar(e)), attr.to_string())
                }
                // Python's `int.bit_length()` and `float.is_integer()`.
                "bit_length" | "is_integer"
                    if self.is_weak(&Value::Scalar(e))
                        && self.expr_type(e).dtype().is_some_and(|d| if attr == "bit_length" { d.is_int() || d == DType::Bool } else { d.is_float() }) =>
                {
                    Value::Method(Box::new(Value::Scalar(e)), attr.to_string())
                }
                _ if self.is_weak(&Value::Scalar(e)) => {
                    let what = self.describe_value(&Value::Scalar(e));
                    self.error(diag::type_error(span, format!("{what} has no attribute `{attr}` (an AttributeError in Python)"), "Python numbers have no NumPy attributes; use `np.float64(x)` for a NumPy scalar"));
                    Value::Error
                }
                _ => {
                    self.error(diag::unsupported_call(span, &format!("scalar.{attr}"), None));
                    Value::Error
                }
            },
            Value::Builtin(path) if super::ufuncs::ufunc_method_of(&path, attr).is_some() => {
                Value::Method(Box::new(Value::Builtin(path)), attr.to_string())
            }
            // A ufunc method NumPy has for this ufunc but legatec does not.
            Value::Builtin(path) if matches!(attr, "reduce" | "accumulate" | "reduceat" | "outer" | "at") && super::ufuncs::UFUNC_NAMES.contains(&path.trim_start_matches("numpy.")) => {
                let name = format!("np.{}.{attr}", path.trim_start_matches("numpy."));
                let with: Vec<&str> = ["add", "subtract", "multiply", "maximum", "minimum", "logical_and", "logical_or", "bitwise_and", "bitwise_or", "bitwise_xor"]
                    .into_iter()
                    .filter(|u| super::ufuncs::ufunc_method_of(&format!("numpy.{u}"), attr).is_some())
                    .collect();
                self.error(diag::unsupported_call(span, &name, None).with_hint(format!("`.{attr}` is supported on np.{}", with.join(", np."))));
                Value::Error
            }
            Value::Str(e) if attr == "format" || attr == "join" || super::format::STR_METHODS.contains(&attr) => Value::Method(Box::new(Value::Str(e)), attr.to_string()),
            Value::List(e) if super::lists::LIST_METHODS.contains(&attr) => Value::Method(Box::new(Value::List(e)), attr.to_string()),
            Value::List(_) => {
                let nearest = diag::nearest(attr, super::lists::LIST_METHODS.iter().copied());
                self.error(diag::unsupported_call(span, &format!("list.{attr}"), nearest).with_hint(super::lists::list_methods_hint()));
                Value::Error
            }
            // `count` of a tuple or a list written out: of the list it makes at run time.
            Value::Tuple(seq) if attr == "count" && seq.named.is_none() => match self.list_from_items(seq, None, span) {
                Value::List(l) => Value::Method(Box::new(Value::List(l)), attr.to_string()),
                _ => Value::Error,
            },
            // A list written out is a compile-time sequence; one changed in place must be a
            // variable's (`lists::growing_names`).
            Value::Tuple(seq) if seq.list && super::lists::LIST_METHODS.contains(&attr) => {
                self.error(diag::unsupported_syntax(
                    span,
                    &format!("`list.{attr}` calls on a list that is not held by a variable"),
                    "bind the list to a name and call the method on that name (`xs = [...]; xs.append(x)`)",
                ));
                Value::Error
            }
            Value::Dict(items) => Value::Method(Box::new(Value::Dict(items)), attr.to_string()),
            Value::Str(_) => {
                let methods = ["format", "join"].iter().chain(super::format::STR_METHODS).map(|m| format!("`{m}`")).collect::<Vec<_>>().join(", ");
                self.error(diag::type_error(span, format!("a str has no attribute `{attr}` in legatec"), &format!("strs have the methods {methods}, and indexing, slices, `in`, `len` and `for` loops")));
                Value::Error
            }
            other => {
                let what = self.describe_value(&other);
                self.error(diag::type_error(span, format!("{what} has no attribute `{attr}`"), "check the attribute name"));
                Value::Error
            }
        }
    }

    fn call(&mut self, func: &ast::Expr, args: &[ast::Expr], keywords: &[ast::Keyword], span: Span) -> Value {
        let callee = self.expr(func);
        if matches!(callee, Value::Error) {
            // Still lower the arguments to report their own errors.
            for a in args {
                self.expr(a);
            }
            return Value::Error;
        }
        // Python evaluates the callee (a method's object), then the arguments in order: a
        // lazy one waits for none that may change arrays.
        let operands: Vec<&ast::Expr> = args.iter().chain(keywords.iter().map(|k| &k.value)).collect();
        let callee = match callee {
            Value::Method(recv, name) if matches!(*recv, Value::Lazy(_)) => Value::Method(Box::new(self.pin_before(*recv, &operands, func.span)), name),
            other => other,
        };
        // NumPy functions take a list comprehension as the array it makes.
        // So do Python's reductions (`sum(x * x for x in a)`), which iterate the array's
        // items as they would the list's.
        let numpy_call = matches!(&callee, Value::Builtin(path) if path.starts_with("numpy.") || ["len", "sum", "min", "max", "any", "all"].contains(&path.as_str()));
        // Consumers that do not read an empty list's dtype (they count, or raise for none).
        // (Python's `sum`, `min`, `max`, `any`, `all` of no items: the int 0, their
        // ValueError, False, True, whatever the items' type.)
        let any_empty = matches!(&callee, Value::Builtin(path) if ["len", "sum", "min", "max", "any", "all", "numpy.stack", "numpy.vstack", "numpy.hstack", "numpy.concatenate"].contains(&path.as_str()))
            || matches!(&callee, Value::Builtin(path) if ["numpy.array", "numpy.asarray"].contains(&path.as_str()) && keywords.iter().any(|k| k.name == "dtype"));
        // `sep.join(<comprehension or generator>)`: the strings joined as the loop makes them.
        if let (Value::Method(recv, name), [arg], []) = (&callee, args, keywords) {
            if let (Value::Str(sep), "join") = (recv.as_ref(), name.as_str()) {
                match &arg.kind {
                    ExprKind::ListComp { .. } => return self.str_join_comprehension(*sep, arg, span),
                    ExprKind::Generator(inner) => return self.str_join_comprehension(*sep, inner, span),
                    _ => {}
                }
            }
        }
        let mut argv = Vec::new();
        // Python's `sum`/`min`/`max` of Python numbers a comprehension makes: a Python number.
        let python_reduction = matches!(&callee, Value::Builtin(path) if ["sum", "min", "max"].contains(&path.as_str()));
        let mut weak_result = false;
        for (k, a) in args.iter().enumerate() {
            let v = match &a.kind {
                ExprKind::ListComp { .. } | ExprKind::Generator(_) if numpy_call => {
                    let comp = match &a.kind {
                        ExprKind::Generator(inner) => inner,
                        _ => a,
                    };
                    let v = self.list_comprehension(comp, any_empty);
                    weak_result |= python_reduction && k == 0 && self.comprehension_weak;
                    v
                }
                // `list(reversed(x))`, `sep.join(reversed(x))`...: a consumer that iterates
                // the reversed items once reads them as `x[::-1]` (a range keeps its refusal).
                ExprKind::Call { func: inner_f, args: inner, keywords: inner_kw }
                    if iterates_once(&callee)
                        && inner.len() == 1
                        && inner_kw.is_empty()
                        && matches!(&inner_f.kind, ExprKind::Name(n) if n == "reversed")
                        && !matches!(&inner[0].kind, ExprKind::Call { func: r, .. } if matches!(&r.kind, ExprKind::Name(n) if n == "range"))
                        && matches!(self.expr(inner_f), Value::Builtin(ref n) if n == "reversed") =>
                {
                    let base = self.expr(&inner[0]);
                    let minus_one = ast::Expr { kind: ExprKind::Int(-1), span: a.span };
                    self.subscript(base, &[IndexExpr::Slice { lower: None, upper: None, step: Some(minus_one), span: a.span }], a.span)
                }
                // `tuple(x * k for x in shape)`: the comprehension's items, as `[...]` has them.
                ExprKind::Generator(inner) if matches!(&callee, Value::Builtin(path) if path == "tuple" || path == "list") => {
                    self.unrolled_comprehension(inner)
                }
                // `f(*t)`: the items of a tuple or list are the arguments.
                ExprKind::Starred(inner) => match self.expr(inner) {
                    Value::Tuple(seq) => {
                        for item in seq.items {
                            argv.push((self.pin_before(item, &operands[k + 1..], a.span), self.mark(), a.span));
                        }
                        continue;
                    }
                    Value::Error => Value::Error,
                    other => {
                        let what = self.describe_value(&other);
                        self.error(diag::unsupported_syntax(a.span, "`*` unpacking of this value into a call's arguments", "unpack a tuple or a list").with_hint(format!("this is {what}; unpack a tuple or a list (`f(*t)`)")));
                        Value::Error
                    }
                },
                _ => self.expr(a),
            };
            argv.push((self.pin_before(v, &operands[k + 1..], a.span), self.mark(), a.span));
        }
        let args_len = argv.len();
        let mut kw = Vec::new();
        for (k, kwd) in keywords.iter().enumerate() {
            let v = self.expr(&kwd.value);
            argv.push((self.pin_before(v, &operands[args.len() + k + 1..], kwd.span), self.mark(), kwd.span));
            kw.push(kwd.name.clone());
        }
        // Elements read where Python reads them, before later arguments' statements.
        self.read_all_at(&mut argv);
        let kw: Vec<(String, Value, Span)> = kw.into_iter().zip(argv.drain(args_len..)).map(|(name, (v, _, span))| (name, v, span)).collect();
        let argv: Vec<(Value, Span)> = argv.into_iter().map(|(v, _, span)| (v, span)).collect();
        if argv.iter().any(|(v, _)| matches!(v, Value::Error)) || kw.iter().any(|(_, v, _)| matches!(v, Value::Error)) {
            return Value::Error;
        }
        // Arguments of run-time type: the call is lowered once per type.
        if argv.iter().any(|(v, _)| matches!(v, Value::Union(_))) || kw.iter().any(|(_, v, _)| matches!(v, Value::Union(_))) {
            let n = argv.len();
            let spans: Vec<Span> = argv.iter().map(|(_, s)| *s).collect();
            let names: Vec<(String, Span)> = kw.iter().map(|(k, _, s)| (k.clone(), *s)).collect();
            let values: Vec<Value> = argv.into_iter().map(|(v, _)| v).chain(kw.into_iter().map(|(_, v, _)| v)).collect();
            return self.split(values, span, &mut |fx, values| {
                let argv = values[..n].iter().cloned().zip(spans.iter().copied()).collect();
                let kw = values[n..].iter().cloned().zip(names.iter()).map(|(v, (k, s))| (k.clone(), v, *s)).collect();
                fx.call_value(callee.clone(), argv, kw, span)
            });
        }
        let r = self.call_value(callee, argv, kw, span);
        if !weak_result {
            return r;
        }
        self.split1(r, span, &mut |fx, v| match v {
            Value::Scalar(e) => {
                let d = fx.expr_type(e).dtype().expect("a scalar");
                let d = if d == DType::Bool || d.is_float() || d == DType::I64 { d } else { DType::I64 };
                let c = fx.cast_scalar(e, d);
                Value::Scalar(fx.retype(c, Type::Scalar { dtype: d, weak: true }))
            }
            other => other,
        })
    }

    pub(crate) fn call_value(&mut self, callee: Value, argv: Vec<(Value, Span)>, kw: Vec<(String, Value, Span)>, span: Span) -> Value {
        // A range is the list of its items to every function but those that tell it apart.
        let tells_ranges = matches!(&callee, Value::Builtin(p) if ["len", "print", "str", "repr", "isinstance", "type"].contains(&p.as_str()))
            || matches!(&callee, Value::Lambda(_));
        // A user function would see a list where its parameter is a range.
        if matches!(&callee, Value::UserFunc(_) | Value::Closure(_)) {
            if let Some((_, rspan)) = argv.iter().find(|(v, _)| matches!(v, Value::Range(..))) {
                self.error(diag::unsupported_syntax(*rspan, "ranges passed to functions", "pass `list(range(...))`, or the range's bounds"));
                return Value::Error;
            }
        }
        let (argv, kw) = if tells_ranges {
            (argv, kw)
        } else {
            let argv = argv.into_iter().map(|(v, s)| (self.range_as_list(v, s), s)).collect();
            let kw = kw.into_iter().map(|(k, v, s)| (k, self.range_as_list(v, s), s)).collect();
            (argv, kw)
        };
        if !self.complex_call_allowed(&callee, &argv, &kw, span) {
            return Value::Error;
        }
        if let Some(joined) = self.complex_by_parts(&callee, &argv, &kw, span) {
            return joined;
        }
        // A NumPy function takes a runtime list as the array it makes, and so a list or
        // tuple written out (or built when compiling) where it takes array-likes as its
        // leading operands (`np.mean(results)`, `np.sqrt([1, 4])`, `np.max([a, b])`).
        let (argv, kw) = match &callee {
            Value::Builtin(path) if path.starts_with("numpy.") => {
                let operands = super::numpy::array_like_operands(&path["numpy.".len()..]);
                let joins = matches!(path.as_str(), "numpy.concatenate" | "numpy.hstack" | "numpy.vstack");
                // An empty list's dtype matters only where no `dtype=` gives it.
                let strict = !(matches!(path.as_str(), "numpy.array" | "numpy.asarray") && kw.iter().any(|(k, ..)| k == "dtype"));
                let as_array = |fx: &mut Self, v: Value, vspan: Span| match v {
                    Value::List(l) => fx.list_to_array_of(l, vspan, strict),
                    other => other,
                };
                let argv = argv
                    .into_iter()
                    .enumerate()
                    .map(|(i, (v, vspan))| match v {
                        Value::Tuple(seq) if i < operands && !seq.is_empty() && seq.named.is_none() => (self.array_literal(Value::Tuple(seq), None, vspan), vspan),
                        // Joined as a sequence of arrays, whose lengths may differ.
                        Value::List(l) if i == 0 && joins && self.list_item_type(l).is_array() => (v, vspan),
                        v => (as_array(self, v, vspan), vspan),
                    })
                    .collect();
                let kw = kw.into_iter().map(|(k, v, vspan)| (k, as_array(self, v, vspan), vspan)).collect();
                (argv, kw)
            }
            _ => (argv, kw),
        };
        match callee {
            Value::Builtin(path) => self.call_builtin(&path, argv, kw, span),
            Value::Method(recv, name) => match *recv {
                Value::Generator(handle) => self.call_generator_method(handle, &name, argv, kw, span),
                recv @ (Value::Frame(_) | Value::Series(_) | Value::GroupBy(_)) => self.call_pandas_method(recv, &name, argv, kw, span),
                Value::Builtin(path) => self.call_ufunc_method(&path, &name, argv, kw, span),
                Value::List(l) => self.list_method(l, &name, argv, kw, span),
                recv => self.call_method(recv, &name, argv, kw, span),
            },
            Value::DType(d) => self.dtype_constructor(d, argv, kw, span),
            Value::UserFunc(name) => self.call_user(&name, argv, kw, span),
            Value::Lambda(l) => self.call_lambda(&l, argv, kw, span),
            Value::Vectorized(v) => self.call_vectorized(&v, argv, kw, span),
            Value::Closure(c) => {
                // The free names' values by their hidden (keyword-only) parameters.
                let mut kw = kw;
                for (name, v) in c.names.iter().zip(&c.values) {
                    kw.push((name.clone(), v.clone(), span));
                }
                self.call_user(&c.func, argv, kw, span)
            }
            other => {
                let what = self.describe_value(&other);
                self.error(diag::type_error(span, format!("{what} is not callable"), "call functions"));
                Value::Error
            }
        }
    }

    /// At a call of a user function from the module body: which globals are bound here
    /// (the function may read only those without a NameError check).
    fn note_globals_bound_at_call(&mut self) {
        if self.is_main && !self.lambda_globals_only {
            if let Some(map) = &self.flow {
                let bound: std::collections::HashSet<String> =
                    map.iter().filter(|(_, d)| !d.contains(&super::flow::Def::Unbound)).map(|(n, _)| n.clone()).collect();
                let all = &mut self.cx.summary_next.bound_at_calls;
                match all {
                    None => *all = Some(bound),
                    Some(b) => b.retain(|n| bound.contains(n)),
                }
            }
        }
    }

    /// Calls a callable value (for pandas' `map`/`apply`).
    pub(crate) fn call_value_pub(&mut self, callee: Value, argv: Vec<(Value, Span)>, kw: Vec<(String, Value, Span)>, span: Span) -> Value {
        self.call_value(callee, argv, kw, span)
    }

    /// The value of an int expression known at compile time (`-k` included).
    /// An int expression's value where it is made of constants (`len(t) // 2`), folded as
    /// Python computes it.
    pub(crate) fn fold_int(&self, e: ExprId) -> Option<i64> {
        if !self.expr_type(e).dtype().is_some_and(|d| d.is_int()) {
            return None;
        }
        match &self.f.exprs[e] {
            Expr::Const(Const::Int(i)) => Some(*i),
            Expr::Unary(ir::UnaryOp::Neg, x) => self.fold_int(*x)?.checked_neg(),
            Expr::Binary(op, a, b) => {
                let (a, b) = (self.fold_int(*a)?, self.fold_int(*b)?);
                match op {
                    ir::BinaryOp::Add => a.checked_add(b),
                    ir::BinaryOp::Sub => a.checked_sub(b),
                    ir::BinaryOp::Mul => a.checked_mul(b),
                    ir::BinaryOp::FloorDiv if b != 0 => Some(a.checked_div_euclid(b)? - i64::from(b < 0 && a.checked_rem_euclid(b)? != 0)),
                    _ => None,
                }
            }
            _ => None,
        }
    }

    pub(crate) fn const_int_of(&self, e: ExprId) -> Option<i64> {
        match &self.f.exprs[e] {
            Expr::Const(Const::Int(i)) => Some(*i),
            Expr::Unary(ir::UnaryOp::Neg, inner) => match &self.f.exprs[*inner] {
                Expr::Const(Const::Int(i)) => i.checked_neg(),
                _ => None,
            },
            _ => None,
        }
    }

    /// The value of a boolean expression known at compile time.
    pub(crate) fn const_bool(&self, e: ExprId) -> Option<bool> {
        match &self.f.exprs[e] {
            Expr::Const(Const::Bool(b)) => Some(*b),
            _ => None,
        }
    }

    /// Calls a lambda by lowering its body here with the parameters bound to the arguments.
    pub(crate) fn call_lambda(&mut self, l: &super::LambdaDef, argv: Vec<(Value, Span)>, kw: Vec<(String, Value, Span)>, span: Span) -> Value {
        let (params, body) = (&l.params, &l.body);
        if let Some((k, _, kspan)) = kw.first() {
            self.error(diag::bad_arguments(*kspan, format!("keyword argument `{k}` to a lambda: pass its arguments by position")));
            return Value::Error;
        }
        if argv.len() != params.len() {
            self.error(diag::bad_arguments(span, format!("the lambda takes {} arguments but {} were given", params.len(), argv.len())));
            return Value::Error;
        }
        let scope = params.iter().cloned().zip(argv.into_iter().map(|(v, _)| v)).collect();
        self.lambda_args.push(scope);
        let outer = self.lambda_globals_only;
        self.lambda_globals_only = outer || l.home != self.f.name;
        let v = self.expr(body);
        self.lambda_globals_only = outer;
        self.lambda_args.pop();
        v
    }

    /// How an argument of a user function is passed: a run-time value (pushed to `args`), a
    /// compile-time one, or a tuple or list of those, item by item; `key` grows by what
    /// tells its instance apart. None after a located error.
    fn bind_argument(&mut self, v: Value, vspan: Span, key: &mut String, args: &mut Vec<ExprId>) -> Option<ParamBinding> {
        if let Value::Lambda(l) = &v {
            if l.home != "__main__" {
                self.error(diag::unsupported_syntax(vspan, "passing lambdas defined inside a function to other functions", "define the lambda at module level, or call it where it is defined"));
                return None;
            }
        }
        Some(match v {
            // A string constant stays one in the callee (a column label, a path whose
            // schema is known when compiling): an instance per constant.
            Value::Str(_) if self.const_str(&v).is_some() => {
                let text = self.const_str(&v).unwrap_or_default();
                key.push_str(&format!("str {text:?};"));
                ParamBinding::ConstStr(text)
            }
            Value::Scalar(e) | Value::Str(e) | Value::Array(e) | Value::List(e) => {
                let ty = self.expr_type(e);
                key.push_str(&format!("{ty};"));
                args.push(e);
                ParamBinding::Runtime(ty, false)
            }
            Value::Module(_)
            | Value::DType(_)
            | Value::Builtin(_)
            | Value::UserFunc(_)
            | Value::None
            | Value::Lambda(_)
            | Value::Generator(_)
            | Value::Cli(_) => {
                key.push_str(&format!("{v:?};"));
                ParamBinding::Const(v)
            }
            // A nested function: the values of its free names one by one.
            Value::Closure(c) => {
                key.push_str(&format!("closure {}(", c.func));
                let mut values = Vec::new();
                for v in c.values.iter() {
                    let v = self.stabilize(v.clone(), vspan);
                    values.push(self.bind_argument(v, vspan, key, args)?);
                }
                key.push_str(");");
                ParamBinding::Closure { func: c.func.clone(), names: c.names.clone(), values }
            }
            // A tuple (a shape, several arrays) or a list: its items one by one.
            Value::Tuple(seq) => {
                key.push_str(&format!("{}{}{:?}(", if seq.held { "held " } else { "" }, if seq.list { "list" } else { "tuple" }, seq.named.map(|(n, _)| n)));
                let mut items = Vec::new();
                for item in seq.items {
                    let item = self.stabilize(item, vspan);
                    items.push(self.bind_argument(item, vspan, key, args)?);
                }
                key.push_str(");");
                ParamBinding::Tuple { items, list: seq.list, named: seq.named, held: seq.held }
            }
            // A dict of string keys: the keys known when compiling, its values one by one.
            Value::Dict(items) => {
                let entries = self.dict_entries(items);
                let mut keys = Vec::new();
                let mut values = Vec::new();
                key.push_str("dict(");
                for (k, v) in entries {
                    let Some(text) = self.const_str(&k) else {
                        self.error(diag::unsupported_syntax(vspan, "dicts with keys other than strings as function arguments", "use string keys, or pass the values"));
                        return None;
                    };
                    key.push_str(&format!("{text:?}:"));
                    let v = self.stabilize(v, vspan);
                    values.push(self.bind_argument(v, vspan, key, args)?);
                    keys.push(text);
                }
                key.push_str(");");
                ParamBinding::Dict { keys, values }
            }
            Value::Error => return None,
            // (A DataFrame or Series alone is passed as its record's places, by the caller.)
            Value::Frame(_) | Value::Series(_) => {
                self.error(diag::unsupported_syntax(vspan, "DataFrames and Series inside a tuple or list passed to a function", "pass each DataFrame or Series as an argument of its own"));
                return None;
            }
            other => {
                let what = self.describe_value(&other);
                self.error(diag::unsupported_syntax(vspan, "values of this kind as function arguments", "pass scalars, arrays, tuples or lists of them, modules, functions or None").with_hint(format!("this argument is {what}; pass scalars, arrays, tuples or lists of them, modules, functions or None")));
                return None;
            }
        })
    }

    /// Calls a user function, monomorphising it for the argument types.
    fn call_user(&mut self, name: &str, argv: Vec<(Value, Span)>, kw: Vec<(String, Value, Span)>, span: Span) -> Value {
        let def = self.cx.funcs[name].clone();
        let mut bound: Vec<Option<(Value, Span)>> = vec![None; def.params.len()];
        let positional = def.params.iter().filter(|p| p.kind != crate::ast::ParamKind::KeywordOnly).count();
        if argv.len() > positional {
            let keyword_only = if positional < def.params.len() { " positional" } else { "" };
            let plural = if positional == 1 { "" } else { "s" };
            self.error(diag::bad_arguments(span, format!("`{name}` takes {positional}{keyword_only} argument{plural} but {} were given", argv.len())));
            return Value::Error;
        }
        for (i, a) in argv.into_iter().enumerate() {
            bound[i] = Some(a);
        }
        for (k, v, kspan) in kw {
            match def.params.iter().position(|p| p.name == k) {
                Some(i) if def.params[i].kind == crate::ast::ParamKind::PositionalOnly => {
                    self.error(diag::bad_arguments(kspan, format!("`{name}` got a positional-only argument passed as the keyword argument `{k}`")));
                    return Value::Error;
                }
                Some(i) if bound[i].is_none() => bound[i] = Some((v, kspan)),
                Some(_) => {
                    self.error(diag::bad_arguments(kspan, format!("`{name}` got multiple values for argument `{k}`")));
                    return Value::Error;
                }
                None => {
                    self.error(diag::bad_arguments(kspan, format!("`{name}` has no parameter `{k}`")));
                    return Value::Error;
                }
            }
        }
        // Globals a function reads are those bound at every call, inlined or not.
        self.note_globals_bound_at_call();
        if let Some(v) = self.try_inline(&def, &bound, span) {
            return v;
        }
        let mut args = Vec::new();
        let mut params = Vec::new();
        let mut key = String::new();
        let mut lists = Vec::new();
        let calls_itself = super::effects::calls_name(&def.body, name);
        for (i, p) in def.params.iter().enumerate() {
            let (v, vspan) = match bound[i].take() {
                Some(b) => b,
                None => match &p.default {
                    // Python makes a default once, when the function is defined: a list
                    // default the function changes is shared by the calls.
                    Some(d) if matches!(d.kind, ExprKind::List(_) | ExprKind::ListComp { .. }) && self.cx.list_params.get(name).is_some_and(|(_, grows)| grows.contains(&p.name)) => {
                        self.error(diag::unsupported_syntax(
                            d.span,
                            &format!("a list default of `{}` that the function changes in place (Python makes one list for every call)", p.name),
                            &format!("default to None and make the list in the body (`if {0} is None: {0} = []`)", p.name),
                        ));
                        return Value::Error;
                    }
                    Some(d) => {
                        let v = self.expr(d);
                        (v, d.span)
                    }
                    None => {
                        self.error(diag::bad_arguments(span, format!("`{name}` is missing the argument `{}`", p.name)));
                        return Value::Error;
                    }
                },
            };
            if let Value::List(_) = &v {
                lists.push((p.name.clone(), v.clone()));
            }
            let v = self.stabilize(v, vspan);
            match v {
                Value::Frame(_) | Value::Series(_) => {
                    let Some((shape, places)) = self.record_of_value(&v, vspan) else { return Value::Error };
                    key.push_str(&format!("record {shape:?};"));
                    for place in places {
                        args.push(self.read(place));
                    }
                    params.push((p.name.clone(), ParamBinding::Record(shape)));
                }
                v => {
                    // An int argument known never to be negative stays so in the callee (an
                    // instance of its own), but for a function that calls itself, whose own
                    // calls pass what they compute.
                    let nonnegative = match &v {
                        Value::Scalar(e) => self.expr_type(*e).dtype().is_some_and(|d| d.is_int()) && self.never_negative(*e) && !calls_itself,
                        _ => false,
                    };
                    let Some(mut binding) = self.bind_argument(v, vspan, &mut key, &mut args) else { return Value::Error };
                    if let (ParamBinding::Runtime(_, flag), true) = (&mut binding, nonnegative) {
                        *flag = true;
                        key.push_str(">= 0;");
                    }
                    params.push((p.name.clone(), binding));
                }
            }
        }
        self.note_globals_bound_at_call();
        let mut recursive = false;
        let found = self.cx.instances.iter().find(|(n, k, ..)| n == name && *k == key).map(|(_, _, f, r, failed)| (*f, r.clone(), *failed));
        let (fid, slots, failed) = match found {
            Some(x) => x,
            None => {
                let same = self.cx.in_progress.iter().position(|(n, k, ..)| n == name && *k == key);
                let instances_in_progress = self.cx.in_progress.iter().filter(|(n, ..)| n == name).count();
                let direct = same.is_some_and(|pos| pos + 1 == self.cx.in_progress.len() && self.f.name == self.cx.in_progress[pos].3);
                // A function calling itself (directly, or through functions inlined into it)
                // with arguments of the same types calls the instance being lowered; with
                // other types, an instance of its own (a few deep: types that change at
                // every call would make instance after instance). Recursion through another
                // function's instance is refused.
                if same.is_some() && !direct || same.is_none() && instances_in_progress >= 3 {
                    self.error(diag::recursion(span, name, same.is_some()));
                    return Value::Error;
                }
                if let Some(pos) = same {
                    recursive = true;
                    let fid = self.cx.in_progress[pos].2;
                    self.next.recursive = true;
                    // The first pass knows no result types yet: the call is taken never to
                    // return (the path ends here, as at a raise), so the result types are
                    // those of the returns that do not call it, and the pass is redone
                    // (`Facts::recursive`).
                    if !self.facts.recursive {
                        self.flow = None;
                        return Value::Error;
                    }
                    // Only the returns that do not call the function tell its result's type.
                    if self.result_slots.is_empty() && super::returns_value(&def.body) {
                        self.error(diag::recursion_result(span, name));
                        return Value::Error;
                    }
                    (fid, self.result_slots.clone(), false)
                } else {
                    let count = self.cx.instances.iter().filter(|(n, ..)| n == name).count() + instances_in_progress;
                    let fname = if count == 0 { name.to_string() } else { format!("{name}.{count}") };
                    // The id is reserved first, for the body's calls of itself.
                    let fid = self.cx.module.functions.push(ir::Function::new(&fname));
                    self.cx.in_progress.push((name.to_string(), key.clone(), fid, fname.clone()));
                    let errors_before = self.cx.diags.iter().filter(|d| !d.is_internal()).count();
                    let (function, slots) = super::lower_body(self.cx, &fname, false, &params, &def.body, &[]);
                    let failed = self.cx.diags.iter().filter(|d| !d.is_internal()).count() > errors_before;
                    self.cx.in_progress.pop();
                    self.cx.module.functions[fid] = function;
                    self.cx.instances.push((name.to_string(), key, fid, slots.clone(), failed));
                    (fid, slots, failed)
                }
            }
        };
        self.note_list_arguments(name, &lists, span);
        // A body that met an error defines no result: its callers report nothing further.
        if failed {
            return Value::Error;
        }
        let mut places: Vec<Place> = Vec::new();
        let mut values: Vec<Value> = Vec::new();
        for slot in &slots {
            match slot {
                super::flow::ResultSlot::Single(t) => {
                    let p = self.temp(t.clone());
                    places.push(p);
                    let e = self.read(p);
                    values.push(self.value_of_read(e));
                }
                super::flow::ResultSlot::Record(shape) => {
                    let mut record = Vec::new();
                    for t in &shape.types {
                        let p = self.temp(t.clone());
                        places.push(p);
                        record.push(p);
                    }
                    values.push(self.record_value(shape, &record));
                }
                super::flow::ResultSlot::Union(types) => {
                    let tag = self.temp(Type::py_int());
                    places.push(tag);
                    let mut variants = Vec::new();
                    for t in types {
                        let p = self.temp(t.clone());
                        places.push(p);
                        let code = self.cx.tag_code(&super::flow::Def::Typed(t.clone()));
                        variants.push((code, t.clone(), p));
                    }
                    values.push(Value::Union(Rc::new(super::flow::UnionValue { tag, variants })));
                }
            }
        }
        // A call of the function by itself counts towards Python's recursion limit.
        if recursive {
            self.emit(StmtKind::Runtime { func: runtime_abi::EntryPoint::RecursionEnter, args: vec![], dst: None }, span);
        }
        self.emit(StmtKind::Call { func: fid, args, results: places }, span);
        if recursive {
            self.emit(StmtKind::Runtime { func: runtime_abi::EntryPoint::RecursionExit, args: vec![], dst: None }, span);
        }
        let seq = self.cx.seq_returns.get(&self.cx.module.functions[fid].name).copied();
        match (values.len(), seq) {
            (0, None) => self.cx.cli_results.get(&self.cx.module.functions[fid].name).cloned().unwrap_or(Value::None),
            (1, None) => values.pop().expect("one value"),
            // (A list returned may be one the function keeps too, its argument say.)
            (_, list) => Value::Tuple(super::Seq { items: values, list: list.unwrap_or(false), named: None, held: true }),
        }
    }

    /// An elementwise math function of a scalar or array.
    pub fn math(&mut self, f: MathFn, v: Value, span: Span) -> Value {
        let Some(d) = self.value_dtype(&v) else {
            if !matches!(v, Value::Error) {
                let what = self.describe_value(&v);
                self.error(diag::type_error(span, format!("expected a number or an array, found {what}"), "pass numeric values"));
            }
            return Value::Error;
        };
        if !matches!(f, MathFn::Abs | MathFn::IsNan | MathFn::Floor | MathFn::Ceil) && self.refuse_float16(&format!("{f:?}").to_lowercase(), d, span) {
            return Value::Error;
        }
        let out = match f {
            MathFn::Abs if d.is_complex() => d.real_part(),
            MathFn::Abs => if d == DType::Bool { DType::Bool } else { d },
            MathFn::IsNan => DType::Bool,
            // NumPy 2 keeps integer dtypes for floor and ceil.
            MathFn::Floor | MathFn::Ceil => d,
            _ => super::promote::float_of(d),
        };
        let operand = if f == MathFn::Abs || f == MathFn::IsNan { d } else { out };
        match v {
            Value::Scalar(e) => {
                let e = self.cast_scalar(e, operand);
                Value::Scalar(self.add(Expr::Math(f, vec![e]), Type::scalar(out)))
            }
            other => {
                let Some((n, nd)) = self.as_node(&other) else { return Value::Error };
                let node = Rc::new(LNode::Math(f, LNode::cast(n, operand), out));
                Value::Lazy(Lazy { node, ndim: nd })
            }
        }
    }
}

/// The index of a subscript with index arrays beside other items (see `mixed_view`).
enum MixedIndex {
    /// One array (integers or a 1-D mask).
    One(ExprId),
    /// Several integer arrays broadcast and stacked, and the original axes they index.
    Stacked(ExprId, ExprId),
}

/// Python's symbol of an ordering comparison (`None` for the others).
fn cmp_symbol(op: ast::CmpOp) -> Option<&'static str> {
    Some(match op {
        ast::CmpOp::Lt => "<",
        ast::CmpOp::LtE => "<=",
        ast::CmpOp::Gt => ">",
        ast::CmpOp::GtE => ">=",
        _ => return None,
    })
}

/// What a value of run-time type (a number or an array) is used for, where only its
/// array can serve (`FnCx::unwrap_array_union`).
#[derive(Clone, Copy)]
enum UnionUse<'a> {
    Subscript,
    Attribute(&'a str),
    ItemStore,
}

/// Whether `callee` iterates its first argument once, in order, keeping nothing of the
/// iterator itself (so `reversed(x)` there is `x[::-1]`).
fn iterates_once(callee: &Value) -> bool {
    match callee {
        Value::Builtin(path) => ["list", "tuple", "sorted", "sum", "min", "max", "any", "all"].contains(&path.as_str()),
        Value::Method(recv, name) => name == "join" && matches!(**recv, Value::Str(_)),
        _ => false,
    }
}
