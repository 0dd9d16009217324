//! `np.einsum`: the subscripts are read when compiling (they must be a constant string),
//! and the sum becomes NumPy operations the rest of the compiler already fuses: every
//! operand is viewed in one order of all the subscripts (its own axes permuted, a new axis
//! of extent 1 for each subscript it lacks), the views are multiplied (one lazy
//! expression, so one kernel), and the product is summed over the subscripts that are not
//! in the output. A subscript repeated within one operand takes that operand's diagonal
//! (2-D operands). `...` stands for the axes no letter names, broadcast across operands.

use ir::{DType, IndexItem};

use super::{FnCx, Value};
use crate::diagnostics as diag;
use ir::Span;

type Args = Vec<(Value, Span)>;
type Kwargs = Vec<(String, Value, Span)>;

/// A subscript: a letter, or the `k`-th axis an ellipsis stands for (counted from the
/// last, as broadcasting aligns them).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Label {
    Ellipsis(usize),
    Letter(char),
}

/// One side of the subscripts: letters, and where an ellipsis stands among them.
struct Term {
    before: Vec<char>,
    after: Vec<char>,
    ellipsis: bool,
}

fn parse_term(text: &str) -> Result<Term, String> {
    let (before, after, ellipsis) = match text.split_once("...") {
        Some((b, a)) => (b, a, true),
        None => (text, "", false),
    };
    let letters = |s: &str| -> Result<Vec<char>, String> {
        s.chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| {
                if c.is_ascii_alphabetic() {
                    Ok(c)
                } else if c == '.' {
                    Err("einstein sum subscripts string contains a '.' that is not part of an ellipsis ('...')".to_string())
                } else {
                    Err(format!("invalid subscript '{c}' in einstein sum subscripts string, subscripts must be letters"))
                }
            })
            .collect()
    };
    Ok(Term { before: letters(before)?, after: letters(after)?, ellipsis })
}

impl Term {
    /// The labels of an operand of `ndim` axes, or NumPy's error.
    fn labels(&self, ndim: usize, operand: usize) -> Result<Vec<Label>, String> {
        let named = self.before.len() + self.after.len();
        if named > ndim {
            return Err(format!("einstein sum subscripts string contains too many subscripts for operand {operand}"));
        }
        if !self.ellipsis && named != ndim {
            return Err("operand has more dimensions than subscripts given in einstein sum, but no '...' ellipsis provided to broadcast the extra dimensions.".into());
        }
        let covered = ndim - named;
        let mut out: Vec<Label> = self.before.iter().map(|&c| Label::Letter(c)).collect();
        out.extend((0..covered).rev().map(Label::Ellipsis));
        out.extend(self.after.iter().map(|&c| Label::Letter(c)));
        Ok(out)
    }
}

impl FnCx<'_, '_> {
    /// `np.einsum(subscripts, *operands)`.
    pub(crate) fn einsum(&mut self, args: Args, kw: Kwargs, span: Span) -> Value {
        // `optimize` picks an order of contraction; the result is the same sum.
        let Some(_) = self.keywords("np.einsum", kw, &["optimize"]) else { return Value::Error };
        let mut args = args.into_iter();
        let Some((subscripts, sspan)) = args.next() else {
            self.error(diag::bad_arguments(span, "np.einsum needs the subscripts and at least one operand"));
            return Value::Error;
        };
        let text = match &subscripts {
            Value::Str(e) => match &self.f.exprs[*e] {
                ir::Expr::Const(ir::Const::Str(s)) => Some(s.clone()),
                _ => None,
            },
            _ => None,
        };
        let Some(text) = text else {
            self.error(diag::type_error(sspan, "np.einsum's subscripts must be a constant string", "write the subscripts as a string literal"));
            return Value::Error;
        };
        let mut operands = Vec::new();
        for (v, vspan) in args {
            let Some(a) = self.array_arg(v, vspan, "np.einsum") else { return Value::Error };
            operands.push((a, vspan));
        }
        match self.einsum_plan(&text, &operands) {
            Ok(value) => value(self, span),
            Err(message) => self.raise_now("ValueError", &message, sspan),
        }
    }

    /// Reads the subscripts against the operands' ranks; the lowering, or NumPy's error.
    #[allow(clippy::type_complexity)]
    fn einsum_plan(&mut self, text: &str, operands: &[(ir::ExprId, Span)]) -> Result<Box<dyn FnOnce(&mut Self, Span) -> Value>, String> {
        let (inputs, output) = match text.split_once("->") {
            Some((i, o)) => (i, Some(o)),
            None => (text, None),
        };
        let terms: Vec<Term> = inputs.split(',').map(parse_term).collect::<Result<_, _>>()?;
        // (NumPy's two messages say the opposite of what happened; they are its words.)
        if terms.len() > operands.len() {
            return Err("more operands provided to einstein sum function than specified in the subscripts string".into());
        }
        if terms.len() < operands.len() {
            return Err("fewer operands provided to einstein sum function than specified in the subscripts string".into());
        }
        let mut labels: Vec<Vec<Label>> = Vec::new();
        for (k, (term, (a, _))) in terms.iter().zip(operands).enumerate() {
            let ndim = match self.expr_type(*a) {
                ir::Type::Array { ndim, .. } => ndim,
                _ => 0,
            };
            labels.push(term.labels(ndim, k)?);
        }
        // The output: as written, or the ellipsis axes then the letters seen once, sorted.
        let ellipsis_axes = labels.iter().flatten().filter_map(|l| if let Label::Ellipsis(k) = l { Some(*k + 1) } else { None }).max().unwrap_or(0);
        let out: Vec<Label> = match output {
            Some(o) => {
                let term = parse_term(o)?;
                let mut out: Vec<Label> = term.before.iter().map(|&c| Label::Letter(c)).collect();
                if term.ellipsis {
                    out.extend((0..ellipsis_axes).rev().map(Label::Ellipsis));
                } else if ellipsis_axes > 0 {
                    return Err("output has more dimensions than subscripts given in einstein sum, but no '...' ellipsis provided to broadcast the extra dimensions.".into());
                }
                out.extend(term.after.iter().map(|&c| Label::Letter(c)));
                for (i, l) in out.iter().enumerate() {
                    if let Label::Letter(c) = l {
                        if out[..i].contains(l) {
                            return Err(format!("einstein sum subscripts string includes output subscript '{c}' multiple times"));
                        }
                        if !labels.iter().flatten().any(|x| x == l) {
                            return Err(format!("einstein sum subscripts string included output subscript '{c}' which never appeared in an input"));
                        }
                    }
                }
                out
            }
            None => {
                let mut out: Vec<Label> = (0..ellipsis_axes).rev().map(Label::Ellipsis).collect();
                let mut once: Vec<char> = Vec::new();
                for l in labels.iter().flatten() {
                    if let Label::Letter(c) = l {
                        if labels.iter().flatten().filter(|x| *x == l).count() == 1 {
                            once.push(*c);
                        }
                    }
                }
                once.sort_unstable();
                out.extend(once.into_iter().map(Label::Letter));
                out
            }
        };
        // A letter repeated within an operand: its diagonal (2-D operands only).
        for (k, ls) in labels.iter().enumerate() {
            for (i, l) in ls.iter().enumerate() {
                if ls[..i].contains(l) && ls.len() != 2 {
                    let Label::Letter(c) = l else { continue };
                    return Err(format!(
                        "legatec: np.einsum takes the diagonal (subscript '{c}' repeated) of 2-D operands only; operand {k} has {} axes",
                        ls.len()
                    ));
                }
            }
        }
        // Every subscript in one order: the output's, then the summed ones as they appear.
        let mut order = out.clone();
        for l in labels.iter().flatten() {
            if !order.contains(l) {
                order.push(*l);
            }
        }
        let operands: Vec<(ir::ExprId, Span)> = operands.to_vec();
        if order.len() > runtime_abi::MAX_DIMS {
            // One product over every subscript would have more axes than an array may.
            return Ok(Box::new(move |fx: &mut Self, span: Span| fx.einsum_pairwise(labels, out, operands, span)));
        }
        let kept = out.len();
        Ok(Box::new(move |fx: &mut Self, span: Span| {
            let mut product: Option<Value> = None;
            for ((a, aspan), ls) in operands.into_iter().zip(labels) {
                let (mut a, mut ls) = (a, ls);
                if ls.len() == 2 && ls[0] == ls[1] {
                    a = match fx.call_value_pub(Value::Builtin("numpy.diag".into()), vec![(Value::Array(a), aspan)], vec![], span) {
                        Value::Array(d) => d,
                        _ => return Value::Error,
                    };
                    ls.truncate(1);
                }
                // Its axes in the order's order, then a new axis where it lacks a subscript.
                let mut present: Vec<(usize, usize)> = ls.iter().enumerate().map(|(axis, l)| (order.iter().position(|x| x == l).unwrap_or(0), axis)).collect();
                present.sort_unstable();
                let permutation: Vec<i64> = present.iter().map(|&(_, axis)| axis as i64).collect();
                if permutation.iter().enumerate().any(|(i, &p)| i as i64 != p) {
                    let axes: Vec<Value> = permutation.iter().map(|&p| Value::Scalar(fx.const_i64(p))).collect();
                    a = match fx.call_shape_method(Value::Array(a), "transpose", vec![(Value::Tuple(axes.into()), aspan)], vec![], aspan) {
                        Value::Array(t) => t,
                        _ => return Value::Error,
                    };
                }
                let positions: Vec<usize> = present.iter().map(|&(p, _)| p).collect();
                let index: Vec<IndexItem> = (0..order.len())
                    .map(|p| if positions.contains(&p) { IndexItem::Slice { start: None, stop: None, step: None } } else { IndexItem::NewAxis })
                    .collect();
                let view = if positions.len() == order.len() { a } else { fx.basic_view(a, index, aspan) };
                product = Some(match product {
                    None => Value::Array(view),
                    Some(p) => fx.binary(crate::ast::BinOp::Mul, p, Value::Array(view), span),
                });
            }
            let Some(product) = product else { return Value::Error };
            if order.len() == kept {
                // Nothing summed: one operand is a view of it (as NumPy's einsum returns),
                // several their product as a new array.
                return match product {
                    Value::Array(a) => Value::Array(a),
                    lazy => fx.stabilize(lazy, span),
                };
            }
            // einsum keeps the operands' dtype (np.sum would widen small ints); bools sum
            // as `or`s of `and`s.
            let Some(dtype) = fx.value_dtype(&product) else { return Value::Error };
            let summed: Vec<Value> = (kept..order.len()).map(|axis| Value::Scalar(fx.const_i64(axis as i64))).collect();
            let reduce = if dtype == DType::Bool { "any" } else { "sum" };
            let axes = vec![(Value::Tuple(summed.into()), span)];
            // A complex sum is the sums of its parts (no kernel reduces complex values).
            let total = if dtype.is_complex() { fx.complex_reduction(product, reduce, axes, vec![], span) } else { fx.reduction(product, reduce, axes, vec![], span) };
            match fx.value_dtype(&total) {
                Some(d) if d != dtype => match total {
                    // A NumPy scalar of the operands' dtype.
                    Value::Scalar(e) => {
                        let cast = fx.cast_scalar(e, dtype);
                        Value::Scalar(fx.add(ir::Expr::Cast(dtype, cast), ir::Type::scalar(dtype)))
                    }
                    array => {
                        let Some((node, ndim)) = fx.as_node(&array) else { return Value::Error };
                        Value::Array(fx.materialize(super::lazy::Lazy { node: super::lnode::LNode::cast(node, dtype), ndim }, span))
                    }
                },
                _ => total,
            }
        }))
    }

    /// An einsum with more distinct subscripts than an array has axes, in steps that each
    /// stay within [`runtime_abi::MAX_DIMS`]: every operand is first summed over the
    /// subscripts no other operand nor the output has (its diagonal taken), then the
    /// operands are contracted two at a time from the left, each step keeping only the
    /// subscripts that the output or a later operand has, and the last result is put in the
    /// output's order. A step that would still need more axes is a located error.
    fn einsum_pairwise(&mut self, labels: Vec<Vec<Label>>, out: Vec<Label>, operands: Vec<(ir::ExprId, Span)>, span: Span) -> Value {
        // Each subscript as one letter (an ellipsis' axes get letters the text does not use).
        let mut unused = ('a'..='z').chain('A'..='Z').filter(|c| !labels.iter().flatten().any(|l| *l == Label::Letter(*c)));
        let mut letter_of: Vec<(Label, char)> = Vec::new();
        for l in labels.iter().flatten().chain(&out) {
            if letter_of.iter().any(|(x, _)| x == l) {
                continue;
            }
            let c = match l {
                Label::Letter(c) => *c,
                Label::Ellipsis(_) => match unused.next() {
                    Some(c) => c,
                    None => return self.error_value(span, "legatec: np.einsum with more than 52 distinct subscripts".into()),
                },
            };
            letter_of.push((*l, c));
        }
        let word = |ls: &[Label]| -> String { ls.iter().map(|l| letter_of.iter().find(|(x, _)| x == l).map_or('?', |(_, c)| *c)).collect() };
        let unique = |ls: &[Label]| -> Vec<Label> {
            let mut u: Vec<Label> = Vec::new();
            for l in ls {
                if !u.contains(l) {
                    u.push(*l);
                }
            }
            u
        };
        let too_many = |fx: &mut Self, ls: &[Label]| -> Value {
            let text = word(ls);
            fx.error(
                diag::unsupported_call(span, &format!("np.einsum whose contraction needs {} subscripts ({text}) at once, more than the {} axes an array may have", ls.len(), runtime_abi::MAX_DIMS), None)
                    .with_hint("split the sum into several np.einsum calls, each with at most 8 distinct subscripts"),
            );
            Value::Error
        };
        // Each operand summed over its own subscripts.
        let mut terms: Vec<(Value, Vec<Label>, Span)> = Vec::new();
        for (k, ((a, aspan), ls)) in operands.iter().zip(&labels).enumerate() {
            let needed = |l: &Label| out.contains(l) || labels.iter().enumerate().any(|(j, other)| j != k && other.contains(l));
            let kept: Vec<Label> = unique(ls).into_iter().filter(|l| needed(l)).collect();
            if kept.len() == ls.len() {
                terms.push((Value::Array(*a), ls.clone(), *aspan));
                continue;
            }
            if ls.len() > runtime_abi::MAX_DIMS {
                return too_many(self, ls);
            }
            let v = self.einsum_of(&format!("{}->{}", word(ls), word(&kept)), &[(*a, *aspan)], span);
            terms.push((v, kept, *aspan));
        }
        let mut terms = terms.into_iter();
        let Some((mut acc, mut acc_labels, _)) = terms.next() else { return Value::Error };
        let rest: Vec<(Value, Vec<Label>, Span)> = terms.collect();
        for (k, (v, ls, vspan)) in rest.iter().enumerate() {
            let mut union = acc_labels.clone();
            union.extend(ls.iter().filter(|l| !acc_labels.contains(l)));
            if union.len() > runtime_abi::MAX_DIMS {
                return too_many(self, &union);
            }
            let needed = |l: &Label| out.contains(l) || rest[k + 1..].iter().any(|(_, other, _)| other.contains(l));
            let kept: Vec<Label> = union.iter().copied().filter(|l| needed(l)).collect();
            let as_array = |fx: &mut Self, v: Value, vspan: Span| -> Option<ir::ExprId> {
                match fx.stabilize(v, vspan) {
                    s @ Value::Scalar(_) => fx.zero_d_array(s, vspan),
                    Value::Array(a) => Some(a),
                    _ => None,
                }
            };
            let (Some(x), Some(y)) = (as_array(self, acc, span), as_array(self, v.clone(), *vspan)) else { return Value::Error };
            acc = self.einsum_of(&format!("{},{}->{}", word(&acc_labels), word(ls), word(&kept)), &[(x, span), (y, *vspan)], span);
            acc_labels = kept;
        }
        if acc_labels == out {
            return acc;
        }
        let Some(x) = (match self.stabilize(acc, span) {
            s @ Value::Scalar(_) => self.zero_d_array(s, span),
            Value::Array(a) => Some(a),
            _ => None,
        }) else {
            return Value::Error;
        };
        self.einsum_of(&format!("{}->{}", word(&acc_labels), word(&out)), &[(x, span)], span)
    }

    /// `np.einsum(text, ...)` of operands already checked, from the functions built on it.
    fn einsum_of(&mut self, text: &str, operands: &[(ir::ExprId, Span)], span: Span) -> Value {
        match self.einsum_plan(text, operands) {
            Ok(value) => value(self, span),
            Err(message) => self.error_value(span, message),
        }
    }

    fn error_value(&mut self, span: Span, message: String) -> Value {
        self.error(diag::bad_arguments(span, message));
        Value::Error
    }

    fn rank_of(&self, a: ir::ExprId) -> usize {
        match self.expr_type(a) {
            ir::Type::Array { ndim, .. } => ndim,
            _ => 0,
        }
    }

    /// `np.tensordot`, `np.kron`, `np.vdot` and `np.inner`, as sums of products.
    pub(crate) fn product_function(&mut self, name: &str, args: Args, kw: Kwargs, span: Span) -> Value {
        let fname = format!("np.{name}");
        let params: &[&str] = if name == "tensordot" { &["a", "b", "axes"] } else { &["a", "b"] };
        let Some(p) = self.bind_params(&fname, args, kw, params, 2, span) else { return Value::Error };
        let mut it = p.into_iter();
        let (a, aspan) = it.next().flatten().expect("a");
        let (b, bspan) = it.next().flatten().expect("b");
        let axes = it.next().flatten();
        // Scalars: 0-d arrays.
        let operand = |fx: &mut Self, v: Value, vspan: Span| -> Option<ir::ExprId> {
            match v {
                Value::Scalar(_) => fx.zero_d_array(v, vspan),
                other => fx.array_arg(other, vspan, &fname),
            }
        };
        let Some(a) = operand(self, a, aspan) else { return Value::Error };
        let Some(b) = operand(self, b, bspan) else { return Value::Error };
        let letters: Vec<char> = ('a'..='z').chain('A'..='Z').collect();
        let (ra, rb) = (self.rank_of(a), self.rank_of(b));
        if ra + rb > letters.len() {
            return self.error_value(span, format!("legatec: {fname} of operands with more than {} axes in all", letters.len()));
        }
        let word = |range: std::ops::Range<usize>| -> String { range.map(|i| letters[i]).collect() };
        match name {
            "tensordot" => {
                // `axes`: n (the last n of a with the first n of b) or two lists of axes.
                let pairs: Vec<(usize, usize)> = match axes {
                    None => match (ra.checked_sub(2), rb >= 2) {
                        (Some(first), true) => (0..2).map(|i| (first + i, i)).collect(),
                        _ => return self.error_value(span, "shape-mismatch for sum".into()),
                    },
                    Some((v, vspan)) => {
                        let int = |fx: &Self, v: &Value| match v {
                            Value::Scalar(e) => match fx.f.exprs[*e] {
                                ir::Expr::Const(ir::Const::Int(n)) => Some(n),
                                _ => None,
                            },
                            _ => None,
                        };
                        let list = |fx: &Self, v: &Value| -> Option<Vec<i64>> {
                            match v {
                                Value::Tuple(items) => items.iter().map(|i| int(fx, i)).collect(),
                                other => int(fx, other).map(|n| vec![n]),
                            }
                        };
                        let normal = |x: i64, r: usize| -> Option<usize> {
                            let x = if x < 0 { x + r as i64 } else { x };
                            (0..r as i64).contains(&x).then_some(x as usize)
                        };
                        let parsed: Option<Vec<(usize, usize)>> = match &v {
                            Value::Tuple(two) if two.len() == 2 => match (list(self, &two[0]), list(self, &two[1])) {
                                (Some(x), Some(y)) if x.len() == y.len() => x.iter().zip(&y).map(|(&i, &j)| Some((normal(i, ra)?, normal(j, rb)?))).collect(),
                                _ => None,
                            },
                            other => int(self, other).filter(|&n| n >= 0 && n as usize <= ra.min(rb)).map(|n| (0..n as usize).map(|i| (ra - n as usize + i, i)).collect()),
                        };
                        match parsed {
                            Some(pairs) => pairs,
                            None => {
                                self.error(diag::type_error(vspan, "np.tensordot's axes must be a constant int or two constant lists of axes of the operands", "write the axes as literals"));
                                return Value::Error;
                            }
                        }
                    }
                };
                // The summed axes' extents must agree (NumPy's message).
                for &(i, j) in &pairs {
                    let di = self.add(ir::Expr::Dim(a, i), ir::Type::py_int());
                    let dj = self.add(ir::Expr::Dim(b, j), ir::Type::py_int());
                    let differ = self.add(ir::Expr::Compare(ir::CompareOp::Ne, di, dj), ir::Type::scalar(DType::Bool));
                    self.raise_kind_if(differ, "ValueError", "shape-mismatch for sum".into(), span);
                }
                let a_word = word(0..ra);
                let mut b_word: Vec<char> = (ra..ra + rb).map(|i| letters[i]).collect();
                for &(i, j) in &pairs {
                    b_word[j] = letters[i];
                }
                let out: String = (0..ra)
                    .filter(|i| !pairs.iter().any(|p| p.0 == *i))
                    .map(|i| letters[i])
                    .chain((0..rb).filter(|j| !pairs.iter().any(|p| p.1 == *j)).map(|j| b_word[j]))
                    .collect();
                let text = format!("{a_word},{}->{out}", b_word.iter().collect::<String>());
                let r = self.einsum_of(&text, &[(a, aspan), (b, bspan)], span);
                // A full contraction is a 0-d array.
                match r {
                    Value::Scalar(_) => self.zero_d_array(r, span).map_or(Value::Error, Value::Array),
                    other => other,
                }
            }
            "inner" => {
                // The last axes summed; a's other axes, then b's.
                if ra == 0 || rb == 0 {
                    return self.binary(crate::ast::BinOp::Mul, Value::Array(a), Value::Array(b), span);
                }
                let a_word = word(0..ra);
                let mut b_word: Vec<char> = (ra..ra + rb).map(|i| letters[i]).collect();
                b_word[rb - 1] = letters[ra - 1];
                let out: String = letters[..ra - 1].iter().chain(&b_word[..rb - 1]).collect();
                let da = self.add(ir::Expr::Dim(a, ra - 1), ir::Type::py_int());
                let db = self.add(ir::Expr::Dim(b, rb - 1), ir::Type::py_int());
                let differ = self.add(ir::Expr::Compare(ir::CompareOp::Ne, da, db), ir::Type::scalar(DType::Bool));
                self.raise_kind_if(differ, "ValueError", "shapes of np.inner's operands are not aligned along their last axes".into(), span);
                let text = format!("{a_word},{}->{out}", b_word.iter().collect::<String>());
                self.einsum_of(&text, &[(a, aspan), (b, bspan)], span)
            }
            "vdot" => {
                let fa = self.call_shape_method(Value::Array(a), "ravel", vec![], vec![], aspan);
                let fb = self.call_shape_method(Value::Array(b), "ravel", vec![], vec![], bspan);
                let (Value::Array(fa), Value::Array(fb)) = (fa, fb) else { return Value::Error };
                let na = self.add(ir::Expr::Size(fa), ir::Type::py_int());
                let nb = self.add(ir::Expr::Size(fb), ir::Type::py_int());
                let differ = self.add(ir::Expr::Compare(ir::CompareOp::Ne, na, nb), ir::Type::scalar(DType::Bool));
                self.raise_kind_if(differ, "ValueError", "np.vdot's operands have different sizes".into(), span);
                let complex = [fa, fb].iter().any(|&x| matches!(self.expr_type(x), ir::Type::Array { dtype, .. } if dtype.is_complex()));
                if complex {
                    // The first conjugated; a sum of complex products (by parts).
                    let conj = self.complex_part_function("conj", Value::Array(fa), aspan);
                    let product = self.binary(crate::ast::BinOp::Mul, conj, Value::Array(fb), span);
                    return self.call_method(product, "sum", vec![], vec![], span);
                }
                self.einsum_of("i,i", &[(fa, aspan), (fb, bspan)], span)
            }
            _ => {
                // kron: every product a[i...] * b[j...] at (i * b.shape + j)...; ranks up to 2,
                // the lower one padded with leading axes of one.
                if ra > 2 || rb > 2 {
                    return self.error_value(span, "legatec: np.kron of operands of more than two axes is not supported".into());
                }
                let rank = ra.max(rb).max(1);
                let pad = |fx: &mut Self, x: ir::ExprId, r: usize, xspan: Span| -> ir::ExprId {
                    let mut x = x;
                    for _ in r..rank {
                        x = fx.expand(x, 0, xspan);
                    }
                    x
                };
                let a = pad(self, a, ra, aspan);
                let b = pad(self, b, rb, bspan);
                let text = if rank == 1 { "i,k->ik" } else { "ij,kl->ikjl" };
                let Value::Array(p) = self.einsum_of(text, &[(a, aspan), (b, bspan)], span) else { return Value::Error };
                let mut dims = Vec::new();
                for axis in 0..rank {
                    let da = self.add(ir::Expr::Dim(a, axis), ir::Type::py_int());
                    let db = self.add(ir::Expr::Dim(b, axis), ir::Type::py_int());
                    dims.push(self.int_binary(ir::BinaryOp::Mul, da, db));
                }
                self.reshape(p, &dims, span)
            }
        }
    }
}
