//! Complex numbers (`complex64`, `complex128`) on LLVM values: a struct of two floats
//! (real, imaginary), in registers and in memory alike, as NumPy stores them. The
//! formulas are NumPy's loops' (division by Smith's method, `sqrt` as C's `csqrt`) and,
//! for Python `complex` scalars, CPython's (its division, which raises on zero).
//!
//! Complex values never cross the runtime's one-word ABI: the frontend gives kernels their
//! complex scalars as two floats (`BinaryOp::Complex` joins them), reduces the real and
//! imaginary parts apart, and reads and writes elements part by part.

use inkwell::types::FloatType;
use inkwell::values::{BasicValueEnum, FloatValue};
use inkwell::FloatPredicate;

use ir::{BinaryOp, CompareOp, DType, MathFn, UnaryOp};
use runtime_abi::ERR_ZERO_DIVISION;

use crate::scalar::{Ops, Semantics};
use crate::{ice, OrIce, R};

impl<'ctx> Ops<'_, 'ctx, '_> {
    fn part_type(&self, dtype: DType) -> FloatType<'ctx> {
        if dtype == DType::C64 {
            self.cx.ctx.f32_type()
        } else {
            self.cx.ctx.f64_type()
        }
    }

    /// The real and imaginary parts of a complex value.
    pub fn parts(&self, v: BasicValueEnum<'ctx>) -> R<(FloatValue<'ctx>, FloatValue<'ctx>)> {
        let s = v.into_struct_value();
        let re = self.b.build_extract_value(s, 0, "re").ice()?.into_float_value();
        let im = self.b.build_extract_value(s, 1, "im").ice()?.into_float_value();
        Ok((re, im))
    }

    /// The complex value of two parts of `dtype`'s precision.
    pub fn make_complex(&self, dtype: DType, re: FloatValue<'ctx>, im: FloatValue<'ctx>) -> R<BasicValueEnum<'ctx>> {
        let ty = crate::scalar::reg_type(self.cx.ctx, dtype).into_struct_type();
        let v = self.b.build_insert_value(ty.get_undef(), re, 0, "c").ice()?;
        let v = self.b.build_insert_value(v, im, 1, "c").ice()?;
        Ok(v.into_struct_value().into())
    }

    fn fconst(&self, dtype: DType, x: f64) -> FloatValue<'ctx> {
        self.part_type(dtype).const_float(x)
    }

    fn fabs(&self, x: FloatValue<'ctx>) -> R<FloatValue<'ctx>> {
        let f = self.cx.intrinsic("llvm.fabs", &[x.get_type().into()])?;
        Ok(self.cx.call(self.b, f, &[x.into()])?.into_float_value())
    }

    fn libm2(&self, name: &str, dtype: DType, x: FloatValue<'ctx>, y: FloatValue<'ctx>) -> R<FloatValue<'ctx>> {
        let name = format!("{name}{}", if dtype == DType::C64 { "f" } else { "" });
        let f = self.cx.libm(&name, x.get_type().into(), 2);
        Ok(self.cx.call(self.b, f, &[x.into(), y.into()])?.into_float_value())
    }

    fn float_math(&self, f: MathFn, dtype: DType, x: FloatValue<'ctx>) -> R<FloatValue<'ctx>> {
        Ok(self.math(f, dtype.real_part(), x.into())?.into_float_value())
    }

    fn select_f(&self, c: inkwell::values::IntValue<'ctx>, a: FloatValue<'ctx>, b: FloatValue<'ctx>) -> R<FloatValue<'ctx>> {
        Ok(self.b.build_select(c, a, b, "sel").ice()?.into_float_value())
    }

    pub fn complex_unary(&self, op: UnaryOp, dtype: DType, v: BasicValueEnum<'ctx>) -> R<BasicValueEnum<'ctx>> {
        let (re, im) = self.parts(v)?;
        match op {
            UnaryOp::Neg => {
                let b = self.b;
                self.make_complex(dtype, b.build_float_neg(re, "neg").ice()?, b.build_float_neg(im, "neg").ice()?)
            }
            UnaryOp::Not => {
                // `not z`: both parts zero.
                let zero = self.fconst(dtype, 0.0);
                let re0 = self.b.build_float_compare(FloatPredicate::OEQ, re, zero, "re0").ice()?;
                let im0 = self.b.build_float_compare(FloatPredicate::OEQ, im, zero, "im0").ice()?;
                Ok(self.b.build_and(re0, im0, "not").ice()?.into())
            }
            UnaryOp::Invert => Err(ice(format!("~ of {dtype}"))),
        }
    }

    pub fn complex_binary(&self, op: BinaryOp, dtype: DType, x: BasicValueEnum<'ctx>, y: BasicValueEnum<'ctx>, sem: Semantics) -> R<BasicValueEnum<'ctx>> {
        let b = self.b;
        let (xr, xi) = self.parts(x)?;
        let (yr, yi) = self.parts(y)?;
        let (add, sub, mul) = (
            |p: FloatValue<'ctx>, q: FloatValue<'ctx>| b.build_float_add(p, q, "add").ice(),
            |p: FloatValue<'ctx>, q: FloatValue<'ctx>| b.build_float_sub(p, q, "sub").ice(),
            |p: FloatValue<'ctx>, q: FloatValue<'ctx>| b.build_float_mul(p, q, "mul").ice(),
        );
        let div = |p: FloatValue<'ctx>, q: FloatValue<'ctx>| b.build_float_div(p, q, "div").ice();
        match op {
            BinaryOp::Add => self.make_complex(dtype, add(xr, yr)?, add(xi, yi)?),
            BinaryOp::Sub => self.make_complex(dtype, sub(xr, yr)?, sub(xi, yi)?),
            BinaryOp::Mul => self.make_complex(dtype, sub(mul(xr, yr)?, mul(xi, yi)?)?, add(mul(xr, yi)?, mul(xi, yr)?)?),
            BinaryOp::TrueDiv => {
                let ar = self.fabs(yr)?;
                let ai = self.fabs(yi)?;
                let real_larger = b.build_float_compare(FloatPredicate::OGE, ar, ai, "rl").ice()?;
                let zero = self.fconst(dtype, 0.0);
                let one = self.fconst(dtype, 1.0);
                // |yr| >= |yi|: ratio yi / yr; otherwise yr / yi.
                let rat1 = div(yi, yr)?;
                let rat2 = div(yr, yi)?;
                match sem {
                    Semantics::Python { .. } => {
                        // CPython's `_Py_c_quot`: divided by the denominator; zero raises.
                        let both_zero = {
                            let r0 = b.build_float_compare(FloatPredicate::OEQ, yr, zero, "r0").ice()?;
                            let i0 = b.build_float_compare(FloatPredicate::OEQ, yi, zero, "i0").ice()?;
                            b.build_and(r0, i0, "z").ice()?
                        };
                        self.cx.raise_if(b, both_zero, ERR_ZERO_DIVISION, "complex division by zero")?;
                        let den1 = add(yr, mul(yi, rat1)?)?;
                        let re1 = div(add(xr, mul(xi, rat1)?)?, den1)?;
                        let im1 = div(sub(xi, mul(xr, rat1)?)?, den1)?;
                        let den2 = add(mul(yr, rat2)?, yi)?;
                        let re2 = div(add(mul(xr, rat2)?, xi)?, den2)?;
                        let im2 = div(sub(mul(xi, rat2)?, xr)?, den2)?;
                        // Neither comparison holds when a part of `y` is NaN: NaN.
                        let imag_larger = b.build_float_compare(FloatPredicate::OGE, ai, ar, "il").ice()?;
                        let nan = self.fconst(dtype, f64::NAN);
                        let re = self.select_f(real_larger, re1, self.select_f(imag_larger, re2, nan)?)?;
                        let im = self.select_f(real_larger, im1, self.select_f(imag_larger, im2, nan)?)?;
                        self.make_complex(dtype, re, im)
                    }
                    Semantics::NumPy => {
                        // NumPy's loop: times the reciprocal; by zero, each part over |yr|.
                        let scl1 = div(one, add(yr, mul(yi, rat1)?)?)?;
                        let re1 = mul(add(xr, mul(xi, rat1)?)?, scl1)?;
                        let im1 = mul(sub(xi, mul(xr, rat1)?)?, scl1)?;
                        let scl2 = div(one, add(yi, mul(yr, rat2)?)?)?;
                        let re2 = mul(add(mul(xr, rat2)?, xi)?, scl2)?;
                        let im2 = mul(sub(mul(xi, rat2)?, xr)?, scl2)?;
                        let denominator_zero = {
                            let r0 = b.build_float_compare(FloatPredicate::OEQ, ar, zero, "r0").ice()?;
                            let i0 = b.build_float_compare(FloatPredicate::OEQ, ai, zero, "i0").ice()?;
                            b.build_and(r0, i0, "z").ice()?
                        };
                        let re0 = div(xr, ar)?;
                        let im0 = div(xi, ar)?;
                        let re = self.select_f(real_larger, self.select_f(denominator_zero, re0, re1)?, re2)?;
                        let im = self.select_f(real_larger, self.select_f(denominator_zero, im0, im1)?, im2)?;
                        self.make_complex(dtype, re, im)
                    }
                }
            }
            _ => Err(ice(format!("{op:?} of {dtype}"))),
        }
    }

    /// `==` and `!=` of complex values (both parts equal).
    pub fn complex_compare(&self, op: CompareOp, x: BasicValueEnum<'ctx>, y: BasicValueEnum<'ctx>) -> R<inkwell::values::IntValue<'ctx>> {
        let b = self.b;
        let (xr, xi) = self.parts(x)?;
        let (yr, yi) = self.parts(y)?;
        match op {
            CompareOp::Eq => {
                let r = b.build_float_compare(FloatPredicate::OEQ, xr, yr, "req").ice()?;
                let i = b.build_float_compare(FloatPredicate::OEQ, xi, yi, "ieq").ice()?;
                b.build_and(r, i, "eq").ice()
            }
            CompareOp::Ne => {
                let r = b.build_float_compare(FloatPredicate::UNE, xr, yr, "rne").ice()?;
                let i = b.build_float_compare(FloatPredicate::UNE, xi, yi, "ine").ice()?;
                b.build_or(r, i, "ne").ice()
            }
            _ => Err(ice(format!("ordering {op:?} of complex numbers"))),
        }
    }

    /// Conversions to, from and between complex dtypes (to a real dtype: of the real part,
    /// as NumPy's `astype`; to bool: either part non-zero).
    pub fn complex_cast(&self, from: DType, to: DType, v: BasicValueEnum<'ctx>) -> R<BasicValueEnum<'ctx>> {
        let b = self.b;
        match (from.is_complex(), to.is_complex()) {
            (true, true) => {
                let (re, im) = self.parts(v)?;
                let re = self.cast(from.real_part(), to.real_part(), re.into())?.into_float_value();
                let im = self.cast(from.real_part(), to.real_part(), im.into())?.into_float_value();
                self.make_complex(to, re, im)
            }
            (false, true) => {
                let re = self.cast(from, to.real_part(), v)?.into_float_value();
                self.make_complex(to, re, self.fconst(to, 0.0))
            }
            (true, false) => {
                let (re, im) = self.parts(v)?;
                if to == DType::Bool {
                    let zero = self.fconst(from, 0.0);
                    let r = b.build_float_compare(FloatPredicate::UNE, re, zero, "r").ice()?;
                    let i = b.build_float_compare(FloatPredicate::UNE, im, zero, "i").ice()?;
                    return Ok(b.build_or(r, i, "nz").ice()?.into());
                }
                self.cast(from.real_part(), to, re.into())
            }
            (false, false) => Err(ice("complex_cast of real dtypes")),
        }
    }

    /// Math of a complex operand of `dtype`: `Real`, `Imag`, `Abs`, `Angle` give floats,
    /// the others complex values.
    pub fn complex_math(&self, f: MathFn, dtype: DType, v: BasicValueEnum<'ctx>) -> R<BasicValueEnum<'ctx>> {
        let b = self.b;
        let (re, im) = self.parts(v)?;
        let mul = |p: FloatValue<'ctx>, q: FloatValue<'ctx>| b.build_float_mul(p, q, "mul").ice();
        Ok(match f {
            MathFn::Real => re.into(),
            MathFn::Imag => im.into(),
            MathFn::Abs => self.libm2("hypot", dtype, re, im)?.into(),
            MathFn::Angle => self.libm2("atan2", dtype, im, re)?.into(),
            MathFn::Conj => self.make_complex(dtype, re, b.build_float_neg(im, "conj").ice()?)?,
            MathFn::Exp => {
                let e = self.float_math(MathFn::Exp, dtype, re)?;
                let c = self.float_math(MathFn::Cos, dtype, im)?;
                let s = self.float_math(MathFn::Sin, dtype, im)?;
                // A zero imaginary part stays itself (C's `cexp`), not `e * sin(0)`.
                let zero = self.fconst(dtype, 0.0);
                let im_zero = b.build_float_compare(FloatPredicate::OEQ, im, zero, "im0").ice()?;
                let out_im = self.select_f(im_zero, im, mul(e, s)?)?;
                self.make_complex(dtype, mul(e, c)?, out_im)?
            }
            MathFn::Log => {
                let magnitude = self.libm2("hypot", dtype, re, im)?;
                let angle = self.libm2("atan2", dtype, im, re)?;
                self.make_complex(dtype, self.float_math(MathFn::Log, dtype, magnitude)?, angle)?
            }
            MathFn::Sqrt => {
                // C's `csqrt` for finite values: t = sqrt((|re| + |z|) / 2); for re >= 0
                // (t, im / 2t), otherwise (|im| / 2t, t with im's sign); zero gives (0, im).
                let zero = self.fconst(dtype, 0.0);
                let half = self.fconst(dtype, 0.5);
                let magnitude = self.libm2("hypot", dtype, re, im)?;
                let sum = b.build_float_add(self.fabs(re)?, magnitude, "s").ice()?;
                let t = self.float_math(MathFn::Sqrt, dtype, mul(sum, half)?)?;
                let two_t = b.build_float_add(t, t, "2t").ice()?;
                let q = b.build_float_div(im, two_t, "q").ice()?;
                let copysign = self.cx.intrinsic("llvm.copysign", &[t.get_type().into()])?;
                let t_signed = self.cx.call(b, copysign, &[t.into(), im.into()])?.into_float_value();
                let nonnegative = b.build_float_compare(FloatPredicate::OGE, re, zero, "nn").ice()?;
                let out_re = self.select_f(nonnegative, t, self.fabs(q)?)?;
                let out_im = self.select_f(nonnegative, q, t_signed)?;
                let is_zero = b.build_float_compare(FloatPredicate::OEQ, magnitude, zero, "z").ice()?;
                let out_re = self.select_f(is_zero, zero, out_re)?;
                let out_im = self.select_f(is_zero, im, out_im)?;
                self.make_complex(dtype, out_re, out_im)?
            }
            other => return Err(ice(format!("{other:?} of {dtype}"))),
        })
    }
}
