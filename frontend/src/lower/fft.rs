//! `np.fft`: `fft`, `ifft`, `rfft`, `irfft` along one axis, `fft2`, `ifft2`, `fftn`,
//! `ifftn` over several (one axis after another), each a runtime call (`lt_fft`, through
//! rustfft; an operand split over ranks is gathered, as the report says), and `fftfreq`,
//! `rfftfreq` (elementwise arrays). The result keeps float32's precision (complex64) as
//! NumPy 2's does, and is complex128 otherwise.

use ir::{DType, Span, Type};
use runtime_abi::EntryPoint;

use super::{FnCx, Value};
use crate::diagnostics as diag;

type Args = Vec<(Value, Span)>;
type Kwargs = Vec<(String, Value, Span)>;

/// Every supported `numpy.fft.*` name.
pub(crate) const FFT_NAMES: &[&str] =
    &["fft", "ifft", "rfft", "irfft", "fft2", "ifft2", "fftn", "ifftn", "rfft2", "irfft2", "rfftn", "irfftn", "fftfreq", "rfftfreq", "fftshift", "ifftshift"];

impl FnCx<'_, '_> {
    pub(super) fn fft_call(&mut self, name: &str, args: Args, kw: Kwargs, span: Span) -> Value {
        let fname = format!("np.fft.{name}");
        match name {
            "fftshift" | "ifftshift" => {
                // NumPy's: `roll(x, shift, axes)` with each axis's `n // 2` (negated to undo).
                let Some(p) = self.bind_params(&fname, args, kw, &["x", "axes"], 1, span) else { return Value::Error };
                let mut it = p.into_iter();
                let (x, xspan) = it.next().flatten().expect("x");
                let x = match x {
                    list @ Value::Tuple(_) => self.array_literal(list, None, xspan),
                    other => other,
                };
                let Some(a) = self.array_or_scalar(x, xspan, &fname) else { return Value::Error };
                let Type::Array { ndim, .. } = self.expr_type(a) else { return Value::Error };
                let Some(axes) = self.axes_arg(it.next().flatten(), ndim, "repeated axis in `axes`") else { return Value::Error };
                let mut v = Value::Array(a);
                for axis in axes {
                    let Value::Array(cur) = self.stabilize(v, span) else { return Value::Error };
                    let n = self.add(ir::Expr::Dim(cur, axis), Type::py_int());
                    let two = self.const_i64(2);
                    let half = self.int_binary(ir::BinaryOp::FloorDiv, n, two);
                    let shift = if name == "fftshift" {
                        half
                    } else {
                        let zero = self.const_i64(0);
                        self.int_binary(ir::BinaryOp::Sub, zero, half)
                    };
                    let axis_value = self.int_v(axis as i64);
                    v = self.np("roll", vec![Value::Array(cur), Value::Scalar(shift), axis_value], vec![], span);
                }
                v
            }
            "fftfreq" | "rfftfreq" => {
                let Some(p) = self.bind_params(&fname, args, kw, &["n", "d"], 1, span) else { return Value::Error };
                let mut it = p.into_iter();
                let (n, nspan) = it.next().flatten().expect("n");
                let Some(n) = self.int_value(n, nspan) else { return Value::Error };
                let d = it.next().flatten().map_or_else(|| Value::Scalar(self.add(ir::Expr::Const(ir::Const::Float(1.0)), Type::py_float())), |(v, _)| v);
                self.fft_frequencies(name == "rfftfreq", n, d, span)
            }
            _ => {
                let several = matches!(name, "fft2" | "ifft2" | "fftn" | "ifftn" | "rfft2" | "irfft2" | "rfftn" | "irfftn");
                let names: &[&str] = if several { &["a", "s", "axes", "norm"] } else { &["a", "n", "axis", "norm"] };
                let Some(p) = self.bind_params(&fname, args, kw, names, 1, span) else { return Value::Error };
                let mut it = p.into_iter();
                let (a, aspan) = it.next().flatten().expect("a");
                let points = it.next().flatten();
                let axes = it.next().flatten();
                let norm = it.next().flatten();
                let a = match a {
                    list @ Value::Tuple(_) => self.array_literal(list, None, aspan),
                    other => other,
                };
                let Some(a) = self.array_arg(a, aspan, &fname) else { return Value::Error };
                let Type::Array { dtype, ndim } = self.expr_type(a) else { return Value::Error };
                if ndim == 0 {
                    self.error(diag::shape_error(aspan, format!("`{fname}` needs an array of at least one axis")));
                    return Value::Error;
                }
                let Some(norm) = self.fft_norm(norm, &fname) else { return Value::Error };
                // The axes and the points along each.
                if name.ends_with('2') && ndim < 2 && axes.is_none() {
                    self.error(diag::shape_error(aspan, format!("`{fname}` transforms the last two axes, and this array has {ndim}")));
                    return Value::Error;
                }
                let axes: Vec<usize> = if several {
                    let default: Vec<usize> = if name.ends_with('2') { vec![ndim.saturating_sub(2), ndim - 1] } else { (0..ndim).collect() };
                    match axes {
                        None => default,
                        Some((v, vspan)) => match self.axes_arg(Some((v, vspan)), ndim, "repeated axis") {
                            Some(list) => list,
                            None => return Value::Error,
                        },
                    }
                } else {
                    let last = Value::Scalar(self.const_i64(-1));
                    match self.axis_arg(axes.or(Some((last, span))), ndim) {
                        Ok(Some(x)) => vec![x],
                        _ => return Value::Error,
                    }
                };
                if name.ends_with('2') && axes.len() != 2 {
                    self.error(diag::shape_error(span, format!("`{fname}` needs an array of at least two axes")));
                    return Value::Error;
                }
                let sizes: Vec<Option<ir::ExprId>> = match points {
                    None | Some((Value::None, _)) => vec![None; axes.len()],
                    Some((Value::Tuple(items), sspan)) if several => {
                        if items.len() != axes.len() {
                            self.error(diag::shape_error(sspan, "`s` and `axes` have different lengths"));
                            return Value::Error;
                        }
                        let mut out = Vec::new();
                        for item in items {
                            let Some(e) = self.int_value(item, sspan) else { return Value::Error };
                            out.push(Some(e));
                        }
                        out
                    }
                    Some((v, vspan)) if !several => match self.int_value(v, vspan) {
                        Some(e) => vec![Some(e)],
                        None => return Value::Error,
                    },
                    Some((_, vspan)) => {
                        self.error(diag::type_error(vspan, "`s` must be a tuple of ints", "pass one size per axis"));
                        return Value::Error;
                    }
                };
                let single = matches!(dtype, DType::F32 | DType::C64);
                let complex = if single { DType::C64 } else { DType::C128 };
                let real = if single { DType::F32 } else { DType::F64 };
                if name.starts_with("rfft") && dtype.is_complex() {
                    self.error(diag::type_error(aspan, format!("`{fname}` takes real values"), "use `np.fft.fft` (or `fft2`, `fftn`) of complex values"));
                    return Value::Error;
                }
                // The transforms in NumPy's order: `fftn` and `rfftn` from the last axis (a
                // real one first for `rfftn`), `irfftn` the complex axes in order, then the
                // real one last.
                let mut steps: Vec<(usize, Option<ir::ExprId>, i64, DType)> = Vec::new();
                let pairs: Vec<(usize, Option<ir::ExprId>)> = axes.iter().copied().zip(sizes).collect();
                match name {
                    "rfft" | "rfft2" | "rfftn" => {
                        let (&(last, size), rest) = pairs.split_last().expect("an axis");
                        steps.push((last, size, runtime_abi::FFT_REAL_FORWARD, complex));
                        steps.extend(rest.iter().rev().map(|&(axis, size)| (axis, size, runtime_abi::FFT_FORWARD, complex)));
                    }
                    "irfft" | "irfft2" | "irfftn" => {
                        let (&(last, size), rest) = pairs.split_last().expect("an axis");
                        steps.extend(rest.iter().map(|&(axis, size)| (axis, size, runtime_abi::FFT_INVERSE, complex)));
                        steps.push((last, size, runtime_abi::FFT_REAL_INVERSE, real));
                    }
                    n => {
                        let kind = if n.starts_with('i') { runtime_abi::FFT_INVERSE } else { runtime_abi::FFT_FORWARD };
                        steps.extend(pairs.iter().rev().map(|&(axis, size)| (axis, size, kind, complex)));
                    }
                }
                let mut current = a;
                for (axis, size, kind, out) in steps {
                    let axis = &axis;
                    let n = match size {
                        Some(e) => e,
                        // irfft's default: 2 (m - 1) points of m non-negative frequencies.
                        None if kind == runtime_abi::FFT_REAL_INVERSE => {
                            let m = self.add(ir::Expr::Dim(current, *axis), Type::py_int());
                            let one = self.const_i64(1);
                            let less = self.add(ir::Expr::Binary(ir::BinaryOp::Sub, m, one), Type::py_int());
                            let two = self.const_i64(2);
                            self.add(ir::Expr::Binary(ir::BinaryOp::Mul, two, less), Type::py_int())
                        }
                        None => self.add(ir::Expr::Dim(current, *axis), Type::py_int()),
                    };
                    let args = vec![current, n, self.const_i64(*axis as i64), self.const_i64(kind), self.const_i64(norm), self.const_i64(out.code())];
                    let Some(e) = self.runtime_call(EntryPoint::Fft, args, Some(Type::array(out, ndim)), span) else { return Value::Error };
                    current = e;
                }
                Value::Array(current)
            }
        }
    }

    /// `norm=`: None, `"backward"`, `"ortho"` or `"forward"`, as a constant.
    fn fft_norm(&mut self, v: Option<(Value, Span)>, fname: &str) -> Option<i64> {
        let Some((v, vspan)) = v else { return Some(runtime_abi::FFT_NORM_BACKWARD) };
        let text = match &v {
            Value::None => return Some(runtime_abi::FFT_NORM_BACKWARD),
            Value::Str(e) => match &self.f.exprs[*e] {
                ir::Expr::Const(ir::Const::Str(s)) => Some(s.clone()),
                _ => None,
            },
            _ => None,
        };
        match text.as_deref() {
            Some("backward") => Some(runtime_abi::FFT_NORM_BACKWARD),
            Some("ortho") => Some(runtime_abi::FFT_NORM_ORTHO),
            Some("forward") => Some(runtime_abi::FFT_NORM_FORWARD),
            _ => {
                self.error(diag::type_error(vspan, format!("`{fname}`'s `norm=` must be None, \"backward\", \"ortho\" or \"forward\" (a constant)"), "write the string literally"));
                None
            }
        }
    }

    /// `np.fft.fftfreq(n, d)`: `[0, 1, ..., (n - 1) // 2, -(n // 2), ..., -1] / (d * n)`;
    /// `rfftfreq`: `[0, 1, ..., n // 2] / (d * n)`.
    fn fft_frequencies(&mut self, half: bool, n: ir::ExprId, d: Value, span: Span) -> Value {
        use crate::ast::BinOp as B;
        let count = if half {
            let two = self.const_i64(2);
            let halved = self.add(ir::Expr::Binary(ir::BinaryOp::FloorDiv, n, two), Type::py_int());
            let one = self.const_i64(1);
            self.add(ir::Expr::Binary(ir::BinaryOp::Add, halved, one), Type::py_int())
        } else {
            n
        };
        let k = self.np("arange", vec![Value::Scalar(count)], vec![], span);
        let k = if half {
            k
        } else {
            // Indices past (n - 1) // 2 are the negative frequencies k - n.
            let one = self.const_i64(1);
            let less = self.add(ir::Expr::Binary(ir::BinaryOp::Sub, n, one), Type::py_int());
            let two = self.const_i64(2);
            let last = self.add(ir::Expr::Binary(ir::BinaryOp::FloorDiv, less, two), Type::py_int());
            let k = self.stabilize(k, span);
            let above = self.compare(crate::ast::CmpOp::Gt, k.clone(), Value::Scalar(last), span);
            let shifted = self.binary(B::Sub, k.clone(), Value::Scalar(n), span);
            self.np("where", vec![above, shifted, k], vec![], span)
        };
        // NumPy's: `k * (1.0 / (n * d))`.
        let nd = self.binary(B::Mul, Value::Scalar(n), d, span);
        let one = Value::Scalar(self.add(ir::Expr::Const(ir::Const::Float(1.0)), Type::py_float()));
        let scale = self.binary(B::Div, one, nd, span);
        self.binary(B::Mul, k, scale, span)
    }
}
