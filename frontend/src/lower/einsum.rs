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
                    a = match fx.call_shape_method(Value::Array(a), "transpose", vec![(Value::Tuple(axes), aspan)], vec![], aspan) {
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
            let total = fx.reduction(product, reduce, vec![(Value::Tuple(summed), span)], vec![], span);
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
}
