//! Scalar operator semantics (Python and NumPy) on LLVM values, shared by
//! host expressions and kernel expressions so both compute the same results.
//!
//! Register representation: bool is `i1`, an integer dtype the LLVM integer of its
//! width (`i8` ... `i64`, signed and unsigned alike: the operations say which),
//! float32 `float`, float64 `double`. In memory (array elements) bool is `i8`.
//! The runtime exchanges scalars as `u64` bits: signed ints sign-extended, unsigned
//! ones zero-extended, bool 0/1, float32 as its bit pattern in the low 32 bits.

use inkwell::builder::Builder;
use inkwell::context::Context;
use inkwell::types::{BasicTypeEnum, FloatType, IntType};
use inkwell::values::{BasicValue, BasicValueEnum, FloatValue, FunctionValue, InstructionValue, IntValue, PointerValue};
use inkwell::{FloatPredicate, IntPredicate};

use ir::{BinaryOp, CompareOp, Const, DType, MathFn, ReduceOp, UnaryOp};
use runtime_abi::{ERR_OVERFLOW, ERR_VALUE, ERR_ZERO_DIVISION, INT_OP_ABS, INT_OP_ADD, INT_OP_FLOOR_DIV, INT_OP_MUL, INT_OP_NEG, INT_OP_POW, INT_OP_SUB};

use crate::{ice, Cx, OrIce, R};

/// The LLVM type of a dtype in registers.
pub(crate) fn reg_type(ctx: &Context, dtype: DType) -> BasicTypeEnum<'_> {
    match dtype {
        DType::Bool => ctx.bool_type().into(),
        DType::F32 => ctx.f32_type().into(),
        DType::F64 => ctx.f64_type().into(),
        // Complex numbers: two floats (real, imaginary), in registers as in memory.
        DType::C64 | DType::C128 => {
            let part = reg_type(ctx, dtype.real_part());
            ctx.struct_type(&[part, part], false).into()
        }
        int => int_type_of(ctx, int).into(),
    }
}

/// The LLVM integer type of an integer dtype (signed and unsigned alike).
fn int_type_of(ctx: &Context, dtype: DType) -> IntType<'_> {
    match dtype.int_bits() {
        Some(8) => ctx.i8_type(),
        Some(16) => ctx.i16_type(),
        Some(32) => ctx.i32_type(),
        _ => ctx.i64_type(),
    }
}

/// The bits of a constant `c` (`int`, or `float` for a float constant) as an integer
/// of `dtype`: the low bits of the integer value (a float is truncated first).
fn int_value_bits(dtype: DType, c: &Const, float: f64) -> u64 {
    let value: i128 = match c {
        Const::Float(_) if dtype == DType::U64 && float >= 2f64.powi(63) => float as u64 as i128,
        Const::Float(_) => float as i64 as i128,
        Const::Int(i) => *i as i128,
        Const::Bool(b) => *b as i128,
        Const::Str(_) | Const::None => 0,
    };
    value as u64
}

/// The LLVM type of a dtype in memory (array elements).
pub(crate) fn mem_type(ctx: &Context, dtype: DType) -> BasicTypeEnum<'_> {
    match dtype {
        DType::Bool => ctx.i8_type().into(),
        other => reg_type(ctx, other),
    }
}

/// The binary operator one step of a reduction applies (`acc + x` for a sum), but for
/// float max/min, which reductions take from `llvm.maximum`/`llvm.minimum`.
pub fn reduce_operator(op: ReduceOp, dtype: DType) -> R<BinaryOp> {
    Ok(match op {
        ReduceOp::Sum => BinaryOp::Add,
        ReduceOp::Prod => BinaryOp::Mul,
        ReduceOp::Max => BinaryOp::Max,
        ReduceOp::Min => BinaryOp::Min,
        ReduceOp::Any | ReduceOp::All if dtype != DType::Bool => {
            return Err(ice(format!("{op:?} reduction of {dtype} (the operand must be a bool)")))
        }
        ReduceOp::Any => BinaryOp::BitOr,
        ReduceOp::All => BinaryOp::BitAnd,
        ReduceOp::BitAnd | ReduceOp::BitOr | ReduceOp::BitXor if dtype.is_float() => return Err(ice(format!("{op:?} reduction of {dtype}"))),
        ReduceOp::BitAnd => BinaryOp::BitAnd,
        ReduceOp::BitOr => BinaryOp::BitOr,
        ReduceOp::BitXor => BinaryOp::BitXor,
    })
}

/// What division by zero (and other Python-only errors) does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Semantics {
    /// NumPy scalars and array elements: integer `x // 0` and `x % 0` are 0,
    /// floats follow IEEE; `max`/`min` are `np.maximum`/`np.minimum`.
    NumPy,
    /// Python `int`/`float` (weak scalars): division by zero raises
    /// `ZeroDivisionError` with CPython 3.11's message; `max`/`min` are the
    /// builtins. `int_operands` says that a true division's operands were
    /// Python ints before promotion (CPython then says "division by zero").
    /// Python ints are int64 and checked: an exact result outside int64 (where
    /// CPython makes a big int) raises `OverflowError` (`lt_raise_int_overflow`).
    Python { int_operands: bool },
}

/// Emits scalar operations with one builder.
pub(crate) struct Ops<'b, 'ctx, 'a> {
    pub cx: &'b Cx<'ctx, 'a>,
    pub b: &'b Builder<'ctx>,
}

impl<'b, 'ctx, 'a> Ops<'b, 'ctx, 'a> {
    pub fn new(cx: &'b Cx<'ctx, 'a>, b: &'b Builder<'ctx>) -> Self {
        Ops { cx, b }
    }

    fn ctx(&self) -> &'ctx Context {
        self.cx.ctx
    }

    fn int_type(&self, dtype: DType) -> IntType<'ctx> {
        match dtype {
            DType::Bool => self.ctx().bool_type(),
            int => int_type_of(self.ctx(), int),
        }
    }

    fn float_type(&self, dtype: DType) -> FloatType<'ctx> {
        match dtype {
            DType::F32 => self.ctx().f32_type(),
            _ => self.ctx().f64_type(),
        }
    }

    pub fn i64_const(&self, v: i64) -> IntValue<'ctx> {
        self.ctx().i64_type().const_int(v as u64, true)
    }

    fn call1(&self, name: &str, v: BasicValueEnum<'ctx>) -> R<BasicValueEnum<'ctx>> {
        let f = self.cx.intrinsic(name, &[v.get_type()])?;
        self.cx.call(self.b, f, &[v.into()])
    }

    fn call2(&self, name: &str, a: BasicValueEnum<'ctx>, b: BasicValueEnum<'ctx>) -> R<BasicValueEnum<'ctx>> {
        let f = self.cx.intrinsic(name, &[a.get_type()])?;
        self.cx.call(self.b, f, &[a.into(), b.into()])
    }

    /// Calls an intrinsic that libm implements (`llvm.exp` is `exp`), telling
    /// the vectoriser about libmvec's vector versions.
    fn vectorisable_call(&self, intrinsic: &str, libm_name: &str, dtype: DType, args: &[BasicValueEnum<'ctx>]) -> R<BasicValueEnum<'ctx>> {
        let f = self.cx.intrinsic(intrinsic, &[args[0].get_type()])?;
        self.call_with_variants(f, libm_name, dtype, args)
    }

    fn call_with_variants(&self, f: FunctionValue<'ctx>, libm_name: &str, dtype: DType, args: &[BasicValueEnum<'ctx>]) -> R<BasicValueEnum<'ctx>> {
        let args: Vec<inkwell::values::BasicMetadataValueEnum> = args.iter().map(|a| (*a).into()).collect();
        let call = self.b.build_call(f, &args, "math").ice()?;
        if let Some(attribute) = self.cx.vector_variants(f, libm_name, dtype, args.len()) {
            call.add_attribute(inkwell::attributes::AttributeLoc::Function, attribute);
        }
        match call.try_as_basic_value() {
            inkwell::values::ValueKind::Basic(v) => Ok(v),
            inkwell::values::ValueKind::Instruction(_) => Err(ice("math call without a value")),
        }
    }

    // ----- representation -----

    /// The `u64` bits of a scalar as the runtime expects them.
    pub fn scalar_to_bits(&self, v: BasicValueEnum<'ctx>, dtype: DType) -> R<IntValue<'ctx>> {
        let i64_type = self.ctx().i64_type();
        let b = self.b;
        Ok(match dtype {
            DType::Bool => b.build_int_z_extend(v.into_int_value(), i64_type, "bits").ice()?,
            DType::I64 | DType::U64 => v.into_int_value(),
            int if int.is_unsigned() => b.build_int_z_extend(v.into_int_value(), i64_type, "bits").ice()?,
            DType::I8 | DType::I16 | DType::I32 => b.build_int_s_extend(v.into_int_value(), i64_type, "bits").ice()?,
            DType::F32 => {
                let raw = b.build_bit_cast(v, self.ctx().i32_type(), "raw").ice()?.into_int_value();
                b.build_int_z_extend(raw, i64_type, "bits").ice()?
            }
            DType::F64 => b.build_bit_cast(v, i64_type, "bits").ice()?.into_int_value(),
            other => return Err(ice(format!("bits of {other}"))),
        })
    }

    /// A scalar from `u64` bits.
    pub fn scalar_from_bits(&self, bits: IntValue<'ctx>, dtype: DType) -> R<BasicValueEnum<'ctx>> {
        let b = self.b;
        Ok(match dtype {
            DType::Bool => b.build_int_compare(IntPredicate::NE, bits, self.i64_const(0), "bool").ice()?.into(),
            DType::I64 | DType::U64 => bits.into(),
            int if int.is_int() => b.build_int_truncate(bits, self.int_type(int), "int").ice()?.into(),
            DType::F32 => {
                let raw = b.build_int_truncate(bits, self.ctx().i32_type(), "raw").ice()?;
                b.build_bit_cast(raw, self.ctx().f32_type(), "f32").ice()?
            }
            DType::F64 => b.build_bit_cast(bits, self.ctx().f64_type(), "f64").ice()?,
            other => return Err(ice(format!("a scalar of {other} from bits"))),
        })
    }

    /// Loads an array element (bool is stored as one byte).
    pub fn load_element(&self, ptr: PointerValue<'ctx>, dtype: DType) -> R<(BasicValueEnum<'ctx>, InstructionValue<'ctx>)> {
        let loaded = self.b.build_load(mem_type(self.ctx(), dtype), ptr, "elem").ice()?;
        let instruction = loaded.as_instruction_value().ok_or_else(|| ice("load is not an instruction"))?;
        instruction.set_alignment(dtype.real_part().size_bytes() as u32).map_err(|e| ice(e.to_string()))?;
        let value = if dtype == DType::Bool {
            self.b.build_int_compare(IntPredicate::NE, loaded.into_int_value(), self.ctx().i8_type().const_zero(), "b").ice()?.into()
        } else {
            loaded
        };
        Ok((value, instruction))
    }

    /// Stores an array element (bool as 0/1 in one byte).
    pub fn store_element(&self, ptr: PointerValue<'ctx>, v: BasicValueEnum<'ctx>, dtype: DType) -> R<InstructionValue<'ctx>> {
        let v = if dtype == DType::Bool {
            self.b.build_int_z_extend(v.into_int_value(), self.ctx().i8_type(), "byte").ice()?.into()
        } else {
            v
        };
        let store = self.b.build_store(ptr, v).ice()?;
        store.set_alignment(dtype.real_part().size_bytes() as u32).map_err(|e| ice(e.to_string()))?;
        Ok(store)
    }

    /// A constant of `dtype` (constants are converted to the dtype their expression has).
    pub fn constant(&self, c: &Const, dtype: DType) -> R<BasicValueEnum<'ctx>> {
        let (int, float) = match c {
            Const::Int(i) => (*i, *i as f64),
            Const::Float(f) => (*f as i64, *f),
            Const::Bool(b) => (*b as i64, *b as i64 as f64),
            Const::Str(_) | Const::None => return Err(ice(format!("constant {c:?} used as a {dtype} scalar"))),
        };
        Ok(match dtype {
            DType::Bool => self.ctx().bool_type().const_int((int != 0 || float != 0.0) as u64, false).into(),
            DType::F32 | DType::F64 => self.float_type(dtype).const_float(float).into(),
            DType::C64 | DType::C128 => {
                let part = self.float_type(dtype.real_part());
                self.make_complex(dtype, part.const_float(float), part.const_zero())?
            }
            // The low bits of the value: constants are in range (or wrap as NumPy's casts do).
            int_dtype => self.int_type(int_dtype).const_int(int_value_bits(int_dtype, c, float), false).into(),
        })
    }

    // ----- operators -----

    pub fn unary(&self, op: UnaryOp, dtype: DType, v: BasicValueEnum<'ctx>, sem: Semantics) -> R<BasicValueEnum<'ctx>> {
        let b = self.b;
        if dtype.is_complex() {
            return self.complex_unary(op, dtype, v);
        }
        if let (UnaryOp::Neg, DType::I64, Semantics::Python { .. }) = (op, dtype, sem) {
            let x = v.into_int_value();
            let is_min = b.build_int_compare(IntPredicate::EQ, x, self.i64_const(i64::MIN), "ismin").ice()?;
            self.int_overflow_if(is_min, INT_OP_NEG, x, self.i64_const(0))?;
        }
        Ok(match (op, dtype) {
            // Negation wraps (for unsigned integers too, as NumPy's does).
            (UnaryOp::Neg, int) if int.is_int() => b.build_int_neg(v.into_int_value(), "neg").ice()?.into(),
            (UnaryOp::Neg, DType::F32 | DType::F64) => b.build_float_neg(v.into_float_value(), "neg").ice()?.into(),
            (UnaryOp::Not | UnaryOp::Invert, DType::Bool) => b.build_not(v.into_int_value(), "not").ice()?.into(),
            (UnaryOp::Invert, int) if int.is_int() => b.build_not(v.into_int_value(), "inv").ice()?.into(),
            (UnaryOp::Not, int) if int.is_int() => {
                let zero = self.int_type(dtype).const_zero();
                b.build_int_compare(IntPredicate::EQ, v.into_int_value(), zero, "not").ice()?.into()
            }
            (UnaryOp::Not, DType::F32 | DType::F64) => {
                let zero = self.float_type(dtype).const_zero();
                b.build_float_compare(FloatPredicate::OEQ, v.into_float_value(), zero, "not").ice()?.into()
            }
            _ => return Err(ice(format!("unary {op:?} on {dtype}"))),
        })
    }

    pub fn binary(
        &self,
        op: BinaryOp,
        dtype: DType,
        x: BasicValueEnum<'ctx>,
        y: BasicValueEnum<'ctx>,
        sem: Semantics,
    ) -> R<BasicValueEnum<'ctx>> {
        match dtype {
            DType::Bool => self.bool_binary(op, x.into_int_value(), y.into_int_value()),
            DType::F32 | DType::F64 if op == BinaryOp::Complex => self.make_complex(dtype.complex_of(), x.into_float_value(), y.into_float_value()),
            DType::F32 | DType::F64 => self.float_binary(op, dtype, x.into_float_value(), y.into_float_value(), sem),
            DType::C64 | DType::C128 => self.complex_binary(op, dtype, x, y, sem),
            _ => self.int_binary(op, dtype, x.into_int_value(), y.into_int_value(), sem),
        }
    }

    /// NumPy's boolean arithmetic: `+` and `max` are or, `*` and `min` are and.
    fn bool_binary(&self, op: BinaryOp, x: IntValue<'ctx>, y: IntValue<'ctx>) -> R<BasicValueEnum<'ctx>> {
        let b = self.b;
        Ok(match op {
            BinaryOp::Add | BinaryOp::BitOr | BinaryOp::Max => b.build_or(x, y, "or").ice()?.into(),
            BinaryOp::Mul | BinaryOp::BitAnd | BinaryOp::Min => b.build_and(x, y, "and").ice()?.into(),
            BinaryOp::BitXor => b.build_xor(x, y, "xor").ice()?.into(),
            other => return Err(ice(format!("binary {other:?} on bool"))),
        })
    }

    fn int_binary(&self, op: BinaryOp, dtype: DType, x: IntValue<'ctx>, y: IntValue<'ctx>, sem: Semantics) -> R<BasicValueEnum<'ctx>> {
        let b = self.b;
        // Python ints (int64 only; NumPy integers wrap).
        let checked = matches!(sem, Semantics::Python { .. }) && dtype == DType::I64;
        let unsigned = dtype.is_unsigned();
        Ok(match op {
            BinaryOp::Add if checked => self.checked_arithmetic("llvm.sadd.with.overflow", INT_OP_ADD, x, y)?.into(),
            BinaryOp::Sub if checked => self.checked_arithmetic("llvm.ssub.with.overflow", INT_OP_SUB, x, y)?.into(),
            BinaryOp::Mul if checked => self.checked_arithmetic("llvm.smul.with.overflow", INT_OP_MUL, x, y)?.into(),
            BinaryOp::Add => b.build_int_add(x, y, "add").ice()?.into(),
            BinaryOp::Sub => b.build_int_sub(x, y, "sub").ice()?.into(),
            BinaryOp::Mul => b.build_int_mul(x, y, "mul").ice()?.into(),
            BinaryOp::BitAnd => b.build_and(x, y, "and").ice()?.into(),
            BinaryOp::BitOr => b.build_or(x, y, "or").ice()?.into(),
            BinaryOp::BitXor => b.build_xor(x, y, "xor").ice()?.into(),
            BinaryOp::Max => self.call2(if unsigned { "llvm.umax" } else { "llvm.smax" }, x.into(), y.into())?,
            BinaryOp::Min => self.call2(if unsigned { "llvm.umin" } else { "llvm.smin" }, x.into(), y.into())?,
            BinaryOp::LShift | BinaryOp::RShift => self.int_shift(op, dtype, x, y, checked)?.into(),
            BinaryOp::FloorDiv | BinaryOp::Mod => {
                if let Semantics::Python { .. } = sem {
                    let zero = b.build_int_compare(IntPredicate::EQ, y, x.get_type().const_zero(), "iszero").ice()?;
                    let message =
                        if op == BinaryOp::FloorDiv { "integer division or modulo by zero" } else { "integer modulo by zero" };
                    self.cx.raise_if(b, zero, ERR_ZERO_DIVISION, message)?;
                }
                if checked && op == BinaryOp::FloorDiv {
                    // -2**63 // -1 is 2**63; the remainder, 0, fits.
                    let is_min = b.build_int_compare(IntPredicate::EQ, x, self.i64_const(i64::MIN), "xmin").ice()?;
                    let minus_one = b.build_int_compare(IntPredicate::EQ, y, self.i64_const(-1), "ym1").ice()?;
                    let overflow = b.build_and(is_min, minus_one, "overflow").ice()?;
                    self.int_overflow_if(overflow, INT_OP_FLOOR_DIV, x, y)?;
                }
                let (quotient, remainder) = if unsigned { self.uint_divmod(x, y)? } else { self.int_divmod(x, y)? };
                if op == BinaryOp::FloorDiv { quotient.into() } else { remainder.into() }
            }
            BinaryOp::Pow => self.int_pow(dtype, x, y, checked)?.into(),
            BinaryOp::Fmod => {
                // C's remainder; NumPy's 0 for a zero divisor, and for MIN % -1 (LLVM's
                // `srem` of those is undefined): a divisor of 0 (or -1, signed) becomes 1.
                let ty = x.get_type();
                let mut bad = b.build_int_compare(IntPredicate::EQ, y, ty.const_zero(), "y0").ice()?;
                if !unsigned {
                    let minus_one = b.build_int_compare(IntPredicate::EQ, y, ty.const_all_ones(), "ym1").ice()?;
                    bad = b.build_or(bad, minus_one, "bad").ice()?;
                }
                let safe = b.build_select(bad, ty.const_int(1, false), y, "safe").ice()?.into_int_value();
                if unsigned { b.build_int_unsigned_rem(x, safe, "fmod").ice()?.into() } else { b.build_int_signed_rem(x, safe, "fmod").ice()?.into() }
            }
            BinaryOp::TrueDiv | BinaryOp::Atan2 | BinaryOp::Hypot | BinaryOp::Complex | BinaryOp::Copysign | BinaryOp::Nextafter => {
                return Err(ice(format!("{op:?} of {dtype} (operands must be cast to float)")))
            }
        })
    }

    /// Unsigned division and remainder with NumPy's results: `x // 0 == 0`, `x % 0 == 0`.
    fn uint_divmod(&self, x: IntValue<'ctx>, y: IntValue<'ctx>) -> R<(IntValue<'ctx>, IntValue<'ctx>)> {
        let b = self.b;
        let ty = x.get_type();
        let zero = ty.const_zero();
        let is_zero = b.build_int_compare(IntPredicate::EQ, y, zero, "y0").ice()?;
        let safe = b.build_select(is_zero, ty.const_int(1, false), y, "safe").ice()?.into_int_value();
        let q = b.build_int_unsigned_div(x, safe, "q").ice()?;
        let r = b.build_int_unsigned_rem(x, safe, "r").ice()?;
        let q = b.build_select(is_zero, zero, q, "q").ice()?.into_int_value();
        let r = b.build_select(is_zero, zero, r, "r").ice()?.into_int_value();
        Ok((q, r))
    }

    /// `x << y` and `x >> y` with NumPy's results for every shift (never LLVM's poison):
    /// a shift count that is negative or at least the width shifts everything out (0,
    /// or -1 for `>>` of a negative signed value). Python ints (`checked`) raise
    /// `ValueError` for a negative count and `OverflowError` where `<<` leaves int64.
    fn int_shift(&self, op: BinaryOp, dtype: DType, x: IntValue<'ctx>, y: IntValue<'ctx>, checked: bool) -> R<IntValue<'ctx>> {
        let b = self.b;
        let ty = x.get_type();
        let zero = ty.const_zero();
        let width = ty.const_int(u64::from(ty.get_bit_width()), false);
        if checked {
            let negative = b.build_int_compare(IntPredicate::SLT, y, zero, "negshift").ice()?;
            self.cx.raise_if(b, negative, ERR_VALUE, "negative shift count")?;
        }
        // Unsigned comparison: a negative count is a huge one.
        let in_range = b.build_int_compare(IntPredicate::ULT, y, width, "inrange").ice()?;
        let safe = b.build_select(in_range, y, zero, "safe").ice()?.into_int_value();
        Ok(if op == BinaryOp::LShift {
            let shifted = b.build_left_shift(x, safe, "shl").ice()?;
            if checked {
                // The shift lost bits when shifting back does not give `x`.
                let back = b.build_right_shift(shifted, safe, true, "back").ice()?;
                let lost = b.build_int_compare(IntPredicate::NE, back, x, "lost").ice()?;
                let nonzero = b.build_int_compare(IntPredicate::NE, x, zero, "nz").ice()?;
                let too_far = b.build_and(b.build_not(in_range, "far").ice()?, nonzero, "toofar").ice()?;
                let overflow = b.build_or(lost, too_far, "overflow").ice()?;
                self.int_overflow_if(overflow, runtime_abi::INT_OP_LSHIFT, x, y)?;
            }
            b.build_select(in_range, shifted, zero, "shl").ice()?.into_int_value()
        } else {
            let signed = !dtype.is_unsigned();
            let shifted = b.build_right_shift(x, safe, signed, "shr").ice()?;
            let out = if signed {
                let negative = b.build_int_compare(IntPredicate::SLT, x, zero, "xneg").ice()?;
                b.build_select(negative, ty.const_all_ones(), zero, "fill").ice()?.into_int_value()
            } else {
                zero
            };
            b.build_select(in_range, shifted, out, "shr").ice()?.into_int_value()
        })
    }

    /// Floor division and modulo with NumPy's results for every input:
    /// `x // 0 == 0`, `x % 0 == 0`, `MIN // -1 == MIN` (wrapping), `MIN % -1 == 0`.
    /// Branch-free, so it vectorises.
    fn int_divmod(&self, x: IntValue<'ctx>, y: IntValue<'ctx>) -> R<(IntValue<'ctx>, IntValue<'ctx>)> {
        let b = self.b;
        let ty = x.get_type();
        let zero = ty.const_zero();
        let one = ty.const_int(1, false);
        let minus_one = ty.const_all_ones();
        let is_zero = b.build_int_compare(IntPredicate::EQ, y, zero, "y0").ice()?;
        let is_minus_one = b.build_int_compare(IntPredicate::EQ, y, minus_one, "ym1").ice()?;
        let special = b.build_or(is_zero, is_minus_one, "special").ice()?;
        let safe = b.build_select(special, one, y, "safe").ice()?.into_int_value();
        let q = b.build_int_signed_div(x, safe, "q").ice()?;
        let r = b.build_int_signed_rem(x, safe, "r").ice()?;
        // Round towards negative infinity: when the remainder is non-zero and
        // its sign differs from the divisor's, step the quotient down.
        let r_nonzero = b.build_int_compare(IntPredicate::NE, r, zero, "rnz").ice()?;
        let signs = b.build_xor(r, y, "signs").ice()?;
        let differ = b.build_int_compare(IntPredicate::SLT, signs, zero, "differ").ice()?;
        let adjust = b.build_and(r_nonzero, differ, "adjust").ice()?;
        let q_adjusted = b.build_int_sub(q, one, "qa").ice()?;
        let r_adjusted = b.build_int_add(r, y, "ra").ice()?;
        let q = b.build_select(adjust, q_adjusted, q, "q").ice()?.into_int_value();
        let r = b.build_select(adjust, r_adjusted, r, "r").ice()?.into_int_value();
        let negated = b.build_int_neg(x, "negx").ice()?;
        let q = b.build_select(is_minus_one, negated, q, "q").ice()?.into_int_value();
        let q = b.build_select(is_zero, zero, q, "q").ice()?.into_int_value();
        let r = b.build_select(special, zero, r, "r").ice()?.into_int_value();
        Ok((q, r))
    }

    /// `op(x, y)` of Python ints with an LLVM `*.with.overflow` intrinsic, raising
    /// `OverflowError` when the exact result does not fit.
    fn checked_arithmetic(&self, intrinsic: &str, op: i64, x: IntValue<'ctx>, y: IntValue<'ctx>) -> R<IntValue<'ctx>> {
        let (value, overflow) = self.with_overflow(intrinsic, x, y)?;
        self.int_overflow_if(overflow, op, x, y)?;
        Ok(value)
    }

    /// The wrapped result of an LLVM `*.with.overflow` intrinsic and its overflow bit.
    fn with_overflow(&self, intrinsic: &str, x: IntValue<'ctx>, y: IntValue<'ctx>) -> R<(IntValue<'ctx>, IntValue<'ctx>)> {
        let f = self.cx.intrinsic(intrinsic, &[x.get_type().into()])?;
        let pair = self.cx.call(self.b, f, &[x.into(), y.into()])?.into_struct_value();
        let value = self.b.build_extract_value(pair, 0, "value").ice()?.into_int_value();
        let overflow = self.b.build_extract_value(pair, 1, "overflow").ice()?.into_int_value();
        Ok((value, overflow))
    }

    /// Raises `OverflowError` for the Python int operation `op` of `x` and `y` when `cond` holds.
    fn int_overflow_if(&self, cond: IntValue<'ctx>, op: i64, x: IntValue<'ctx>, y: IntValue<'ctx>) -> R<()> {
        let op = self.i64_const(op);
        let args = [op.into(), x.into(), y.into()];
        self.cx.raise_with_if(self.b, cond, self.cx.rt.lt_raise_int_overflow, &args, (ERR_OVERFLOW, "int too large (legatec's Python ints are 64-bit)"))
    }

    /// Integer power by repeated squaring: wrapping for NumPy integers; for Python ints
    /// (`checked`) an exact result outside int64 raises `OverflowError`. A negative
    /// exponent raises `ValueError` as NumPy does. Small constant exponents are unrolled.
    ///
    /// The checked version notes the overflow of every multiplication whose result is
    /// used: of the result when the exponent's bit is set, of the base when a higher bit
    /// is. With |x| >= 2 either makes the exact power larger than the one that overflowed
    /// (the other factors are non-zero integers), and with |x| <= 1 nothing overflows.
    fn int_pow(&self, dtype: DType, x: IntValue<'ctx>, y: IntValue<'ctx>, checked: bool) -> R<IntValue<'ctx>> {
        let b = self.b;
        let ty = self.int_type(dtype);
        let constant = if dtype.is_unsigned() { y.get_zero_extended_constant().map(|e| e.min(65) as i64) } else { y.get_sign_extended_constant() };
        if let Some(exponent) = constant {
            if (0..=64).contains(&exponent) {
                return self.int_pow_const(x, exponent as u64, checked);
            }
        }
        let zero = ty.const_zero();
        if !dtype.is_unsigned() {
            let negative = b.build_int_compare(IntPredicate::SLT, y, zero, "negexp").ice()?;
            self.cx.raise_if(b, negative, ERR_VALUE, "Integers to negative integer powers are not allowed.")?;
        }
        let function = crate::current_function(b)?;
        let entry = b.get_insert_block().ok_or_else(|| ice("no insert block"))?;
        let head = self.ctx().append_basic_block(function, "pow.head");
        let body = self.ctx().append_basic_block(function, "pow.body");
        let done = self.ctx().append_basic_block(function, "pow.done");
        b.build_unconditional_branch(head).ice()?;
        b.position_at_end(head);
        let result = b.build_phi(ty, "pow.result").ice()?;
        let base = b.build_phi(ty, "pow.base").ice()?;
        let exp = b.build_phi(ty, "pow.exp").ice()?;
        let overflowed = b.build_phi(self.ctx().bool_type(), "pow.overflowed").ice()?;
        let e = exp.as_basic_value().into_int_value();
        let finished = b.build_int_compare(IntPredicate::EQ, e, zero, "pow.finished").ice()?;
        b.build_conditional_branch(finished, done, body).ice()?;
        b.position_at_end(body);
        let r = result.as_basic_value().into_int_value();
        let base_v = base.as_basic_value().into_int_value();
        let overflowed_v = overflowed.as_basic_value().into_int_value();
        let low = b.build_and(e, ty.const_int(1, false), "pow.bit").ice()?;
        let odd = b.build_int_compare(IntPredicate::NE, low, zero, "pow.odd").ice()?;
        let next_exp = b.build_right_shift(e, ty.const_int(1, false), false, "pow.e").ice()?;
        let (next_result, next_base, next_overflowed) = if checked {
            let (multiplied, result_overflow) = self.with_overflow("llvm.smul.with.overflow", r, base_v)?;
            let (squared, base_overflow) = self.with_overflow("llvm.smul.with.overflow", base_v, base_v)?;
            let more = b.build_int_compare(IntPredicate::NE, next_exp, zero, "pow.more").ice()?;
            let result_overflow = b.build_and(odd, result_overflow, "pow.rov").ice()?;
            let base_overflow = b.build_and(more, base_overflow, "pow.bov").ice()?;
            let any = b.build_or(result_overflow, base_overflow, "pow.ov").ice()?;
            let next_overflowed = b.build_or(overflowed_v, any, "pow.overflowed").ice()?;
            (b.build_select(odd, multiplied, r, "pow.r").ice()?.into_int_value(), squared, next_overflowed)
        } else {
            let multiplied = b.build_int_mul(r, base_v, "pow.mul").ice()?;
            let squared = b.build_int_mul(base_v, base_v, "pow.sq").ice()?;
            (b.build_select(odd, multiplied, r, "pow.r").ice()?.into_int_value(), squared, overflowed_v)
        };
        b.build_unconditional_branch(head).ice()?;
        let no = self.ctx().bool_type().const_zero();
        result.add_incoming(&[(&ty.const_int(1, false), entry), (&next_result, body)]);
        base.add_incoming(&[(&x, entry), (&next_base, body)]);
        exp.add_incoming(&[(&y, entry), (&next_exp, body)]);
        overflowed.add_incoming(&[(&no, entry), (&next_overflowed, body)]);
        b.position_at_end(done);
        if checked {
            self.int_overflow_if(overflowed.as_basic_value().into_int_value(), INT_OP_POW, x, y)?;
        }
        Ok(r)
    }

    fn int_pow_const(&self, x: IntValue<'ctx>, mut exponent: u64, checked: bool) -> R<IntValue<'ctx>> {
        let b = self.b;
        let y = x.get_type().const_int(exponent, false);
        let mut overflowed: Option<IntValue<'ctx>> = None;
        let mut multiply = |p: IntValue<'ctx>, q: IntValue<'ctx>, name: &str| -> R<IntValue<'ctx>> {
            if !checked {
                return b.build_int_mul(p, q, name).ice();
            }
            let (value, overflow) = self.with_overflow("llvm.smul.with.overflow", p, q)?;
            overflowed = Some(match overflowed {
                None => overflow,
                Some(any) => b.build_or(any, overflow, "ov").ice()?,
            });
            Ok(value)
        };
        let mut result: Option<IntValue<'ctx>> = None;
        let mut base = x;
        while exponent > 0 {
            if exponent & 1 == 1 {
                result = Some(match result {
                    None => base,
                    Some(r) => multiply(r, base, "pow")?,
                });
            }
            exponent >>= 1;
            if exponent > 0 {
                base = multiply(base, base, "sq")?;
            }
        }
        if let Some(overflowed) = overflowed {
            self.int_overflow_if(overflowed, INT_OP_POW, x, y)?;
        }
        Ok(result.unwrap_or_else(|| x.get_type().const_int(1, false)))
    }

    fn float_binary(&self, op: BinaryOp, dtype: DType, x: FloatValue<'ctx>, y: FloatValue<'ctx>, sem: Semantics) -> R<BasicValueEnum<'ctx>> {
        let b = self.b;
        let python = matches!(sem, Semantics::Python { .. });
        let raise_on_zero = |message: &str| -> R<()> {
            if python {
                let zero = b.build_float_compare(FloatPredicate::OEQ, y, y.get_type().const_zero(), "iszero").ice()?;
                self.cx.raise_if(b, zero, ERR_ZERO_DIVISION, message)?;
            }
            Ok(())
        };
        Ok(match op {
            BinaryOp::Add => b.build_float_add(x, y, "add").ice()?.into(),
            BinaryOp::Sub => b.build_float_sub(x, y, "sub").ice()?.into(),
            BinaryOp::Mul => b.build_float_mul(x, y, "mul").ice()?.into(),
            BinaryOp::TrueDiv => {
                let message = match sem {
                    Semantics::Python { int_operands: true } => "division by zero",
                    _ => "float division by zero",
                };
                raise_on_zero(message)?;
                b.build_float_div(x, y, "div").ice()?.into()
            }
            BinaryOp::FloorDiv => {
                raise_on_zero("float floor division by zero")?;
                self.float_divmod(x, y)?.0.into()
            }
            BinaryOp::Mod => {
                raise_on_zero("float modulo")?;
                self.float_divmod(x, y)?.1.into()
            }
            BinaryOp::Pow => {
                if python {
                    // CPython: 0.0 ** negative raises.
                    let zero = y.get_type().const_zero();
                    let base_zero = b.build_float_compare(FloatPredicate::OEQ, x, zero, "x0").ice()?;
                    let exp_negative = b.build_float_compare(FloatPredicate::OLT, y, zero, "yneg").ice()?;
                    let bad = b.build_and(base_zero, exp_negative, "bad").ice()?;
                    self.cx.raise_if(b, bad, ERR_ZERO_DIVISION, "0.0 cannot be raised to a negative power")?;
                }
                let suffix = if dtype == DType::F32 { "f" } else { "" };
                let result = self.vectorisable_call("llvm.pow", &format!("pow{suffix}"), dtype, &[x.into(), y.into()])?;
                if python {
                    self.python_pow_checks(x, y, result.into_float_value())?;
                }
                result
            }
            BinaryOp::Max | BinaryOp::Min => self.float_max_min(op == BinaryOp::Max, x, y, sem)?.into(),
            BinaryOp::Fmod => self.fmod(x, y, dtype)?.into(),
            BinaryOp::Copysign => self.call2("llvm.copysign", x.into(), y.into())?,
            BinaryOp::Nextafter => {
                // libm's, called element by element: libmvec has no vector version.
                let name = if dtype == DType::F32 { "nextafterf" } else { "nextafter" };
                let function = self.cx.libm(name, x.get_type().into(), 2);
                self.cx.call(self.b, function, &[x.into(), y.into()])?
            }
            BinaryOp::Atan2 | BinaryOp::Hypot => {
                let name = format!("{}{}", if op == BinaryOp::Atan2 { "atan2" } else { "hypot" }, if dtype == DType::F32 { "f" } else { "" });
                let function = self.cx.libm(&name, x.get_type().into(), 2);
                self.call_with_variants(function, &name, dtype, &[x.into(), y.into()])?
            }
            BinaryOp::BitAnd | BinaryOp::BitOr | BinaryOp::BitXor | BinaryOp::LShift | BinaryOp::RShift | BinaryOp::Complex => {
                return Err(ice(format!("{op:?} on {dtype}")))
            }
        })
    }

    /// C's `fmod`, exact: LLVM's `frem` on the host (a call of libm's `fmod`); on the GPU
    /// libdevice's `__nv_fmod`, because NVPTX expands `frem` as `x - trunc(x / y) * y`,
    /// which loses the sign of a zero result and is inexact for large quotients (an H100
    /// printed 0.0 for `fmod(-0.0, 1.0)` and 512.0 for `fmod(-2**63, 2.5)`, -0.5).
    fn fmod(&self, x: FloatValue<'ctx>, y: FloatValue<'ctx>, dtype: DType) -> R<FloatValue<'ctx>> {
        if self.cx.flavor == crate::Flavor::Gpu {
            let name = if dtype == DType::F32 { "fmodf" } else { "fmod" };
            let function = self.cx.libm(name, x.get_type().into(), 2);
            return Ok(self.cx.call(self.b, function, &[x.into(), y.into()])?.into_float_value());
        }
        self.b.build_float_rem(x, y, "fmod").ice()
    }

    /// `np.maximum(x, y)` is `(x > y || isnan(x)) ? x : y`: NaN propagates and
    /// ties give `y`. Python's builtin `max(x, y)` is `y > x ? y : x`: ties and
    /// NaN comparisons give `x`. Minimum likewise.
    fn float_max_min(&self, max: bool, x: FloatValue<'ctx>, y: FloatValue<'ctx>, sem: Semantics) -> R<FloatValue<'ctx>> {
        let b = self.b;
        let strict = if max { FloatPredicate::OGT } else { FloatPredicate::OLT };
        Ok(match sem {
            Semantics::NumPy => {
                let better = b.build_float_compare(strict, x, y, "better").ice()?;
                let nan = b.build_float_compare(FloatPredicate::UNO, x, x, "xnan").ice()?;
                let take_x = b.build_or(better, nan, "takex").ice()?;
                b.build_select(take_x, x, y, "mm").ice()?.into_float_value()
            }
            Semantics::Python { .. } => {
                let take_y = b.build_float_compare(strict, y, x, "takey").ice()?;
                b.build_select(take_y, y, x, "mm").ice()?.into_float_value()
            }
        })
    }

    /// NumPy's `npy_divmod` (which is CPython's float divmod): floor quotient
    /// and remainder with the divisor's sign, including the signs of zeros.
    /// For a zero divisor the quotient is `x / y` and the remainder `fmod(x, y)` (NaN).
    fn float_divmod(&self, x: FloatValue<'ctx>, y: FloatValue<'ctx>) -> R<(FloatValue<'ctx>, FloatValue<'ctx>)> {
        let b = self.b;
        let ty = x.get_type();
        let zero = ty.const_zero();
        let one = ty.const_float(1.0);
        let half = ty.const_float(0.5);
        let copysign = |magnitude: FloatValue<'ctx>, sign: FloatValue<'ctx>| -> R<FloatValue<'ctx>> {
            Ok(self.call2("llvm.copysign", magnitude.into(), sign.into())?.into_float_value())
        };
        let select = |c: IntValue<'ctx>, t: FloatValue<'ctx>, f: FloatValue<'ctx>| -> R<FloatValue<'ctx>> {
            Ok(b.build_select(c, t, f, "sel").ice()?.into_float_value())
        };
        let dtype = if x.get_type() == self.ctx().f32_type() { DType::F32 } else { DType::F64 };
        let modulo = self.fmod(x, y, dtype)?;
        let quotient = b.build_float_div(x, y, "quot").ice()?;
        let difference = b.build_float_sub(x, modulo, "xm").ice()?;
        let div = b.build_float_div(difference, y, "div").ice()?;
        // `if (mod)`: true for non-zero and NaN.
        let mod_nonzero = b.build_float_compare(FloatPredicate::UNE, modulo, zero, "modnz").ice()?;
        let y_negative = b.build_float_compare(FloatPredicate::OLT, y, zero, "yneg").ice()?;
        let mod_negative = b.build_float_compare(FloatPredicate::OLT, modulo, zero, "modneg").ice()?;
        let signs_differ = b.build_xor(y_negative, mod_negative, "differ").ice()?;
        let adjust = b.build_and(mod_nonzero, signs_differ, "adjust").ice()?;
        let mod_adjusted = b.build_float_add(modulo, y, "moda").ice()?;
        let div_adjusted = b.build_float_sub(div, one, "diva").ice()?;
        let modulo_1 = select(adjust, mod_adjusted, modulo)?;
        let div = select(adjust, div_adjusted, div)?;
        let signed_zero_mod = copysign(zero, y)?;
        let modulo_2 = select(mod_nonzero, modulo_1, signed_zero_mod)?;
        // Snap the quotient to the nearest integral value.
        let floor = self.call1("llvm.floor", div.into())?.into_float_value();
        let fraction = b.build_float_sub(div, floor, "frac").ice()?;
        let round_up = b.build_float_compare(FloatPredicate::OGT, fraction, half, "roundup").ice()?;
        let floor_plus = b.build_float_add(floor, one, "floor1").ice()?;
        let floordiv = select(round_up, floor_plus, floor)?;
        let div_nonzero = b.build_float_compare(FloatPredicate::UNE, div, zero, "divnz").ice()?;
        let signed_zero_div = copysign(zero, quotient)?;
        let floordiv = select(div_nonzero, floordiv, signed_zero_div)?;
        // A zero divisor: the quotient is x / y and the remainder fmod(x, y).
        let y_zero = b.build_float_compare(FloatPredicate::OEQ, y, zero, "yzero").ice()?;
        let floordiv = select(y_zero, quotient, floordiv)?;
        let modulo = select(y_zero, modulo, modulo_2)?;
        Ok((floordiv, modulo))
    }

    /// Comparisons give `i1`. Floats compare ordered, except `!=` (true when either is NaN).
    pub fn compare(&self, op: CompareOp, dtype: DType, x: BasicValueEnum<'ctx>, y: BasicValueEnum<'ctx>) -> R<IntValue<'ctx>> {
        let b = self.b;
        if dtype.is_complex() {
            return self.complex_compare(op, x, y);
        }
        if dtype.is_float() {
            let predicate = match op {
                CompareOp::Eq => FloatPredicate::OEQ,
                CompareOp::Ne => FloatPredicate::UNE,
                CompareOp::Lt => FloatPredicate::OLT,
                CompareOp::Le => FloatPredicate::OLE,
                CompareOp::Gt => FloatPredicate::OGT,
                CompareOp::Ge => FloatPredicate::OGE,
            };
            return b.build_float_compare(predicate, x.into_float_value(), y.into_float_value(), "cmp").ice();
        }
        let unsigned = dtype == DType::Bool || dtype.is_unsigned();
        let predicate = match op {
            CompareOp::Eq => IntPredicate::EQ,
            CompareOp::Ne => IntPredicate::NE,
            CompareOp::Lt if unsigned => IntPredicate::ULT,
            CompareOp::Le if unsigned => IntPredicate::ULE,
            CompareOp::Gt if unsigned => IntPredicate::UGT,
            CompareOp::Ge if unsigned => IntPredicate::UGE,
            CompareOp::Lt => IntPredicate::SLT,
            CompareOp::Le => IntPredicate::SLE,
            CompareOp::Gt => IntPredicate::SGT,
            CompareOp::Ge => IntPredicate::SGE,
        };
        b.build_int_compare(predicate, x.into_int_value(), y.into_int_value(), "cmp").ice()
    }

    /// Conversions as NumPy's `astype`: float to int truncates towards zero
    /// (NaN and out-of-range give the minimum integer, as on x86); anything
    /// to bool is "non-zero" (NaN is true).
    pub fn cast(&self, from: DType, to: DType, v: BasicValueEnum<'ctx>) -> R<BasicValueEnum<'ctx>> {
        let b = self.b;
        if from == to {
            return Ok(v);
        }
        if from.is_complex() || to.is_complex() {
            return self.complex_cast(from, to, v);
        }
        Ok(match (from, to) {
            (DType::Bool, int) if int.is_int() => b.build_int_z_extend(v.into_int_value(), self.int_type(to), "cast").ice()?.into(),
            (DType::Bool, DType::F32 | DType::F64) => {
                b.build_unsigned_int_to_float(v.into_int_value(), self.float_type(to), "cast").ice()?.into()
            }
            (_, DType::Bool) if from.is_int() => {
                let zero = self.int_type(from).const_zero();
                b.build_int_compare(IntPredicate::NE, v.into_int_value(), zero, "cast").ice()?.into()
            }
            (_, _) if from.is_int() && to.is_int() => {
                let (from_bits, to_bits) = (from.int_bits().unwrap_or(64), to.int_bits().unwrap_or(64));
                let x = v.into_int_value();
                let ty = self.int_type(to);
                if to_bits > from_bits {
                    // Widening keeps the value: by the source's signedness.
                    if from.is_unsigned() {
                        b.build_int_z_extend(x, ty, "cast").ice()?.into()
                    } else {
                        b.build_int_s_extend(x, ty, "cast").ice()?.into()
                    }
                } else if to_bits < from_bits {
                    b.build_int_truncate(x, ty, "cast").ice()?.into()
                } else {
                    // Same width: the same bits.
                    x.into()
                }
            }
            (_, DType::F32 | DType::F64) if from.is_int() => {
                if from.is_unsigned() {
                    b.build_unsigned_int_to_float(v.into_int_value(), self.float_type(to), "cast").ice()?.into()
                } else {
                    b.build_signed_int_to_float(v.into_int_value(), self.float_type(to), "cast").ice()?.into()
                }
            }
            (DType::F32, DType::F64) => b.build_float_ext(v.into_float_value(), self.ctx().f64_type(), "cast").ice()?.into(),
            (DType::F64, DType::F32) => b.build_float_trunc(v.into_float_value(), self.ctx().f32_type(), "cast").ice()?.into(),
            (DType::F32 | DType::F64, DType::Bool) => {
                let zero = self.float_type(from).const_zero();
                b.build_float_compare(FloatPredicate::UNE, v.into_float_value(), zero, "cast").ice()?.into()
            }
            (DType::F32 | DType::F64, DType::I32 | DType::I64) => self.float_to_signed(v.into_float_value(), to)?.into(),
            (DType::F32 | DType::F64, DType::I8 | DType::I16 | DType::U8 | DType::U16) => {
                // As x86's C conversions that NumPy's loops compile to: through int32, then
                // the low bits (so -1.0 is 255 as uint8, 300.0 is 44 as int8).
                let wide = self.float_to_signed(v.into_float_value(), DType::I32)?;
                b.build_int_truncate(wide, self.int_type(to), "cast").ice()?.into()
            }
            (DType::F32 | DType::F64, DType::U32) => {
                let wide = self.float_to_signed(v.into_float_value(), DType::I64)?;
                b.build_int_truncate(wide, self.int_type(to), "cast").ice()?.into()
            }
            (DType::F32 | DType::F64, DType::U64) => {
                // Below 2**63 through int64 (negative values wrap); from 2**63 to 2**64
                // unsigned; beyond (and infinity) 0, as NumPy gives on x86.
                let x = v.into_float_value();
                let float_ty = x.get_type();
                let signed = self.float_to_signed(x, DType::I64)?;
                let high = b.build_float_compare(FloatPredicate::OGE, x, float_ty.const_float(2f64.powi(63)), "high").ice()?;
                let below_top = b.build_float_compare(FloatPredicate::OLT, x, float_ty.const_float(2f64.powi(64)), "belowtop").ice()?;
                let ty = self.ctx().i64_type();
                // In [2**63, 2**64) `fptoui` is defined; elsewhere its operand is clamped first.
                let clamped = b.build_select(below_top, x, float_ty.const_float(2f64.powi(63)), "clamped").ice()?.into_float_value();
                let unsigned = b.build_float_to_unsigned_int(clamped, ty, "fptoui").ice()?;
                let big = b.build_select(below_top, unsigned, ty.const_zero(), "big").ice()?.into_int_value();
                b.build_select(high, big, signed, "cast").ice()?
            }
            _ => return Err(ice(format!("cast from {from} to {to}"))),
        })
    }

    /// Float to int32 or int64 truncating towards zero; NaN and values out of range give
    /// the minimum integer, as x86's conversion does (never LLVM's poison).
    fn float_to_signed(&self, x: FloatValue<'ctx>, to: DType) -> R<IntValue<'ctx>> {
        let b = self.b;
        let ty = self.int_type(to);
        let bits = if to == DType::I32 { 31 } else { 63 };
        let limit = (2.0f64).powi(bits);
        let float_ty = x.get_type();
        let above_min = b.build_float_compare(FloatPredicate::OGE, x, float_ty.const_float(-limit), "gemin").ice()?;
        let below_max = b.build_float_compare(FloatPredicate::OLT, x, float_ty.const_float(limit), "ltmax").ice()?;
        let in_range = b.build_and(above_min, below_max, "inrange").ice()?;
        // The operand is made in range first: `fptosi` of an out-of-range value is poison.
        let safe = b.build_select(in_range, x, float_ty.const_zero(), "safe").ice()?.into_float_value();
        let truncated = b.build_float_to_signed_int(safe, ty, "trunc").ice()?;
        let min = ty.const_int(1u64 << bits, false);
        Ok(b.build_select(in_range, truncated, min, "cast").ice()?.into_int_value())
    }

    /// Math functions; `IsNan` gives `i1`, the others keep the dtype.
    pub fn math(&self, f: MathFn, dtype: DType, v: BasicValueEnum<'ctx>) -> R<BasicValueEnum<'ctx>> {
        let b = self.b;
        if dtype.is_complex() {
            return self.complex_math(f, dtype, v);
        }
        if dtype.is_float() {
            let suffix = if dtype == DType::F32 { "f" } else { "" };
            if let Some(name) = f.libm_name() {
                let function = self.cx.libm(&format!("{name}{suffix}"), v.get_type(), 1);
                return self.call_with_variants(function, &format!("{name}{suffix}"), dtype, &[v]);
            }
            let intrinsic = match f {
                MathFn::Sqrt => "llvm.sqrt",
                MathFn::Exp => return self.vectorisable_call("llvm.exp", &format!("exp{suffix}"), dtype, &[v]),
                MathFn::Log => return self.vectorisable_call("llvm.log", &format!("log{suffix}"), dtype, &[v]),
                MathFn::Sin => return self.vectorisable_call("llvm.sin", &format!("sin{suffix}"), dtype, &[v]),
                MathFn::Cos => return self.vectorisable_call("llvm.cos", &format!("cos{suffix}"), dtype, &[v]),
                MathFn::Abs => "llvm.fabs",
                MathFn::Floor => "llvm.floor",
                MathFn::Ceil => "llvm.ceil",
                MathFn::Rint => "llvm.rint",
                MathFn::IsNan => {
                    let x = v.into_float_value();
                    return Ok(b.build_float_compare(FloatPredicate::UNO, x, x, "isnan").ice()?.into());
                }
                other => return Err(ice(format!("no float implementation of {other:?}"))),
            };
            return self.call1(intrinsic, v);
        }
        Ok(match f {
            MathFn::Abs if dtype.is_unsigned() => v,
            MathFn::Abs if dtype != DType::Bool => {
                let f = self.cx.intrinsic("llvm.abs", &[v.get_type()])?;
                let poison_on_min = self.ctx().bool_type().const_zero();
                self.cx.call(b, f, &[v.into(), poison_on_min.into()])?
            }
            MathFn::Abs | MathFn::Floor | MathFn::Ceil | MathFn::Rint => v,
            MathFn::IsNan => self.ctx().bool_type().const_zero().into(),
            _ => return Err(ice(format!("{f:?} of {dtype} (the operand must be cast to float)"))),
        })
    }

    /// CPython's `math` module errors for a Python-float result `y = f(x)`:
    /// domain errors raise `ValueError`, overflow of `exp` raises `OverflowError`.
    /// `abs` of a Python int: `abs(-2**63)` does not fit in int64.
    pub fn python_math_checks(&self, f: MathFn, x: BasicValueEnum<'ctx>, y: BasicValueEnum<'ctx>) -> R<()> {
        let b = self.b;
        if let (MathFn::Abs, BasicValueEnum::IntValue(x)) = (f, x) {
            if x.get_type().get_bit_width() == 64 {
                let is_min = b.build_int_compare(IntPredicate::EQ, x, self.i64_const(i64::MIN), "ismin").ice()?;
                self.int_overflow_if(is_min, INT_OP_ABS, x, self.i64_const(0))?;
            }
            return Ok(());
        }
        let (BasicValueEnum::FloatValue(x), BasicValueEnum::FloatValue(y)) = (x, y) else { return Ok(()) };
        let ty = x.get_type();
        let zero = ty.const_zero();
        let infinity = ty.const_float(f64::INFINITY);
        let is_inf = |v: FloatValue<'ctx>| -> R<IntValue<'ctx>> {
            let magnitude = self.call1("llvm.fabs", v.into())?.into_float_value();
            b.build_float_compare(FloatPredicate::OEQ, magnitude, infinity, "isinf").ice()
        };
        match f {
            MathFn::Sqrt => {
                let bad = b.build_float_compare(FloatPredicate::OLT, x, zero, "domain").ice()?;
                self.cx.raise_if(b, bad, ERR_VALUE, "math domain error")?;
            }
            MathFn::Log => {
                let bad = b.build_float_compare(FloatPredicate::OLE, x, zero, "domain").ice()?;
                self.cx.raise_if(b, bad, ERR_VALUE, "math domain error")?;
            }
            MathFn::Sin | MathFn::Cos => {
                let bad = is_inf(x)?;
                self.cx.raise_if(b, bad, ERR_VALUE, "math domain error")?;
            }
            MathFn::Exp => {
                let overflow = is_inf(y)?;
                let finite_input = b.build_not(is_inf(x)?, "finite").ice()?;
                let bad = b.build_and(overflow, finite_input, "range").ice()?;
                self.cx.raise_if(b, bad, runtime_abi::ERR_OVERFLOW, "math range error")?;
            }
            MathFn::Log2 | MathFn::Log10 => {
                let bad = b.build_float_compare(FloatPredicate::OLE, x, zero, "domain").ice()?;
                self.cx.raise_if(b, bad, ERR_VALUE, "math domain error")?;
            }
            MathFn::Log1p => {
                let bad = b.build_float_compare(FloatPredicate::OLE, x, ty.const_float(-1.0), "domain").ice()?;
                self.cx.raise_if(b, bad, ERR_VALUE, "math domain error")?;
            }
            MathFn::Arcsin | MathFn::Arccos => {
                let magnitude = self.call1("llvm.fabs", x.into())?.into_float_value();
                let bad = b.build_float_compare(FloatPredicate::OGT, magnitude, ty.const_float(1.0), "domain").ice()?;
                self.cx.raise_if(b, bad, ERR_VALUE, "math domain error")?;
            }
            MathFn::Tan => {
                let bad = is_inf(x)?;
                self.cx.raise_if(b, bad, ERR_VALUE, "math domain error")?;
            }
            MathFn::Sinh | MathFn::Cosh | MathFn::Expm1 | MathFn::Exp2 => {
                let overflow = is_inf(y)?;
                let finite_input = b.build_not(is_inf(x)?, "finite").ice()?;
                let bad = b.build_and(overflow, finite_input, "range").ice()?;
                self.cx.raise_if(b, bad, runtime_abi::ERR_OVERFLOW, "math range error")?;
            }
            MathFn::Gamma | MathFn::Lgamma => {
                // CPython: a pole (an integer <= 0, or -inf for gamma) is a domain error; an
                // infinite result of a finite argument, a range error.
                let floor = self.call1("llvm.floor", x.into())?.into_float_value();
                let integral = b.build_float_compare(FloatPredicate::OEQ, floor, x, "integral").ice()?;
                let non_positive = b.build_float_compare(FloatPredicate::OLE, x, zero, "nonpos").ice()?;
                let pole = b.build_and(integral, non_positive, "pole").ice()?;
                let pole = if f == MathFn::Gamma {
                    let minus_inf = b.build_float_compare(FloatPredicate::OEQ, x, ty.const_float(f64::NEG_INFINITY), "neginf").ice()?;
                    let finite_pole = b.build_and(pole, b.build_not(is_inf(x)?, "finite").ice()?, "finitepole").ice()?;
                    b.build_or(finite_pole, minus_inf, "domain").ice()?
                } else {
                    b.build_and(pole, b.build_not(is_inf(x)?, "finite").ice()?, "domain").ice()?
                };
                self.cx.raise_if(b, pole, ERR_VALUE, "math domain error")?;
                let overflow = is_inf(y)?;
                let finite_input = b.build_not(is_inf(x)?, "finite").ice()?;
                let bad = b.build_and(overflow, finite_input, "range").ice()?;
                self.cx.raise_if(b, bad, runtime_abi::ERR_OVERFLOW, "math range error")?;
            }
            MathFn::Tanh
            | MathFn::Abs
            | MathFn::Floor
            | MathFn::Ceil
            | MathFn::IsNan
            | MathFn::Rint
            | MathFn::Arctan
            | MathFn::Erf
            | MathFn::Erfc
            | MathFn::Real
            | MathFn::Imag
            | MathFn::Angle
            | MathFn::Conj => {}
        }
        Ok(())
    }

    /// CPython's errors for a Python float power `x ** y = r`: an infinite
    /// result of finite operands raises `OverflowError`.
    pub fn python_pow_checks(&self, x: FloatValue<'ctx>, y: FloatValue<'ctx>, r: FloatValue<'ctx>) -> R<()> {
        let b = self.b;
        let infinity = x.get_type().const_float(f64::INFINITY);
        let finite = |v: FloatValue<'ctx>| -> R<IntValue<'ctx>> {
            let magnitude = self.call1("llvm.fabs", v.into())?.into_float_value();
            b.build_float_compare(FloatPredicate::OLT, magnitude, infinity, "finite").ice()
        };
        let r_inf = b.build_not(finite(r)?, "rinf").ice()?;
        let r_nan = b.build_float_compare(FloatPredicate::UNO, r, r, "rnan").ice()?;
        let r_inf = b.build_and(r_inf, b.build_not(r_nan, "notnan").ice()?, "rinf").ice()?;
        let operands_finite = b.build_and(finite(x)?, finite(y)?, "opsfinite").ice()?;
        let bad = b.build_and(r_inf, operands_finite, "overflow").ice()?;
        self.cx.raise_if(b, bad, runtime_abi::ERR_OVERFLOW, "(34, 'Numerical result out of range')")
    }

    /// CPython's `int(x)` errors for a float `x`: NaN raises `ValueError`,
    /// infinities raise `OverflowError`; and legatec's: a finite float outside int64
    /// (a big int in CPython) raises `OverflowError` (`lt_raise_float_to_int`).
    pub fn python_int_conversion_checks(&self, x: FloatValue<'ctx>) -> R<()> {
        let b = self.b;
        let nan = b.build_float_compare(FloatPredicate::UNO, x, x, "nan").ice()?;
        self.cx.raise_if(b, nan, ERR_VALUE, "cannot convert float NaN to integer")?;
        let magnitude = self.call1("llvm.fabs", x.into())?.into_float_value();
        let infinity = x.get_type().const_float(f64::INFINITY);
        let inf = b.build_float_compare(FloatPredicate::OEQ, magnitude, infinity, "inf").ice()?;
        self.cx.raise_if(b, inf, ERR_OVERFLOW, "cannot convert float infinity to integer")?;
        // Truncation fits exactly when -2**63 <= x < 2**63 (both bounds are floats).
        let limit = 2f64.powi(63);
        let below = b.build_float_compare(FloatPredicate::OLT, x, x.get_type().const_float(-limit), "below").ice()?;
        let above = b.build_float_compare(FloatPredicate::OGE, x, x.get_type().const_float(limit), "above").ice()?;
        let outside = b.build_or(below, above, "outside").ice()?;
        let wide = if x.get_type() == self.ctx().f64_type() { x } else { b.build_float_ext(x, self.ctx().f64_type(), "wide").ice()? };
        let message = (ERR_OVERFLOW, "int too large (legatec's Python ints are 64-bit)");
        self.cx.raise_with_if(b, outside, self.cx.rt.lt_raise_float_to_int, &[wide.into()], message)
    }

    /// One step of a reduction: `op(acc, x)`. Float sums and products may be
    /// reassociated (so the vectoriser can keep several partial accumulators).
    /// Float max/min use `llvm.maximum`/`llvm.minimum`, which LLVM vectorises
    /// as reductions: NaN propagates as in NumPy; the one difference from
    /// NumPy (which keeps the later of equal elements) is that +0.0 counts as
    /// greater than -0.0.
    pub fn reduce(&self, op: ReduceOp, dtype: DType, acc: BasicValueEnum<'ctx>, x: BasicValueEnum<'ctx>) -> R<BasicValueEnum<'ctx>> {
        if dtype.is_float() && matches!(op, ReduceOp::Max | ReduceOp::Min) {
            let name = if op == ReduceOp::Max { "llvm.maximum" } else { "llvm.minimum" };
            return self.call2(name, acc, x);
        }
        let value = self.binary(reduce_operator(op, dtype)?, dtype, acc, x, Semantics::NumPy)?;
        if dtype.is_float() && matches!(op, ReduceOp::Sum | ReduceOp::Prod) {
            if let Some(instruction) = value.as_instruction_value() {
                instruction
                    .set_fast_math_flags(inkwell::values::FastMathFlags::AllowReassoc)
                    .map_err(|e| ice(format!("{e:?}")))?;
            }
        }
        Ok(value)
    }
}
