//! Scalar operations on Cranelift values. The plain ones (wrapping integer arithmetic,
//! IEEE float arithmetic, comparisons, widening and narrowing, NumPy's `maximum`) are
//! emitted here; every other one calls the function `codegen_llvm::helpers` makes of the
//! LLVM backend's own semantics (`codegen_llvm::Helper`), so Python's and NumPy's rules
//! are written once.
//!
//! Representation: bool is an `i8` holding 0 or 1 (what Cranelift's comparisons give),
//! an integer dtype the integer of its width, float32 `f32`, float64 `f64`, and a complex
//! number two floats ([`Val::Two`]). The runtime's words are `i64` bits as in the LLVM
//! backend (`codegen_llvm::scalar`).

use cranelift_codegen::ir::condcodes::{FloatCC, IntCC};
use cranelift_codegen::ir::{types, InstBuilder, MemFlagsData, Type as CType, Value};

use codegen_llvm::{Helper, Semantics};
use ir::{BinaryOp, CompareOp, Const, DType, MathFn, ReduceOp, UnaryOp};

use crate::{ice, Fx, R};

/// A scalar value: one register, or a complex number's two parts.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Val {
    One(Value),
    Two(Value, Value),
}

impl Val {
    pub fn one(self) -> R<Value> {
        match self {
            Val::One(v) => Ok(v),
            Val::Two(..) => Err(ice("a complex value where one register is needed")),
        }
    }

    pub fn parts(self) -> R<(Value, Value)> {
        match self {
            Val::Two(re, im) => Ok((re, im)),
            Val::One(_) => Err(ice("a real value where a complex one is needed")),
        }
    }

    /// The registers, in order (one, or real and imaginary).
    pub fn values(self) -> Vec<Value> {
        match self {
            Val::One(v) => vec![v],
            Val::Two(re, im) => vec![re, im],
        }
    }
}

/// The Cranelift type of a real dtype (of a complex one: of its parts).
pub(crate) fn ctype(dtype: DType) -> CType {
    match dtype {
        DType::Bool => types::I8,
        DType::F32 | DType::C64 => types::F32,
        DType::F64 | DType::C128 => types::F64,
        int => match int.int_bits() {
            Some(8) => types::I8,
            Some(16) => types::I16,
            Some(32) => types::I32,
            _ => types::I64,
        },
    }
}

/// The registers of a dtype's value: one type, or two for a complex dtype.
pub(crate) fn ctypes(dtype: DType) -> Vec<CType> {
    if dtype.is_complex() {
        vec![ctype(dtype); 2]
    } else {
        vec![ctype(dtype)]
    }
}

impl Fx<'_, '_> {
    pub fn iconst(&mut self, ty: CType, v: i64) -> Value {
        self.b.ins().iconst(ty, v)
    }

    pub fn i64(&mut self, v: i64) -> Value {
        self.b.ins().iconst(types::I64, v)
    }

    fn fconst(&mut self, dtype: DType, x: f64) -> Value {
        if ctype(dtype) == types::F32 {
            self.b.ins().f32const(x as f32)
        } else {
            self.b.ins().f64const(x)
        }
    }

    /// A call of the helper that computes `helper` of `args`.
    pub fn helper(&mut self, helper: Helper, args: &[Val]) -> R<Val> {
        let result = helper.result();
        let id = self.cx.helper_id(helper)?;
        let mut values = Vec::new();
        let out = if result.is_complex() {
            let slot = self.stack_buffer(16);
            values.push(slot);
            Some(slot)
        } else {
            None
        };
        for a in args {
            values.extend(a.values());
        }
        let results = self.call_id(id, &values);
        match out {
            Some(slot) => {
                let ty = ctype(result);
                let re = self.b.ins().load(ty, MemFlagsData::trusted(), slot, 0);
                let im = self.b.ins().load(ty, MemFlagsData::trusted(), slot, ty.bytes() as i32);
                Ok(Val::Two(re, im))
            }
            None => Ok(Val::One(*results.first().ok_or_else(|| ice("helper without a result"))?)),
        }
    }

    // ----- representation -----

    /// The runtime's `u64` bits of a real scalar.
    pub fn to_bits(&mut self, v: Value, dtype: DType) -> R<Value> {
        let ins = self.b.ins();
        Ok(match dtype {
            DType::I64 | DType::U64 => v,
            DType::Bool => ins.uextend(types::I64, v),
            int if int.is_unsigned() => ins.uextend(types::I64, v),
            DType::I8 | DType::I16 | DType::I32 => ins.sextend(types::I64, v),
            DType::F32 => {
                let raw = ins.bitcast(types::I32, MemFlagsData::new(), v);
                self.b.ins().uextend(types::I64, raw)
            }
            DType::F64 => ins.bitcast(types::I64, MemFlagsData::new(), v),
            other => return Err(ice(format!("bits of {other}"))),
        })
    }

    /// A real scalar from the runtime's `u64` bits.
    pub fn from_bits(&mut self, bits: Value, dtype: DType) -> R<Value> {
        Ok(match dtype {
            DType::Bool => self.b.ins().icmp_imm_s(IntCC::NotEqual, bits, 0),
            DType::I64 | DType::U64 => bits,
            int if int.is_int() => self.b.ins().ireduce(ctype(int), bits),
            DType::F32 => {
                let raw = self.b.ins().ireduce(types::I32, bits);
                self.b.ins().bitcast(types::F32, MemFlagsData::new(), raw)
            }
            DType::F64 => self.b.ins().bitcast(types::F64, MemFlagsData::new(), bits),
            other => return Err(ice(format!("a scalar of {other} from bits"))),
        })
    }

    /// Loads an element of `dtype` at `addr` (bool as one byte, normalised to 0/1).
    pub fn load_element(&mut self, addr: Value, dtype: DType) -> Val {
        let ty = ctype(dtype);
        let flags = MemFlagsData::trusted();
        if dtype.is_complex() {
            let re = self.b.ins().load(ty, flags, addr, 0);
            let im = self.b.ins().load(ty, flags, addr, ty.bytes() as i32);
            return Val::Two(re, im);
        }
        let v = self.b.ins().load(ty, flags, addr, 0);
        if dtype == DType::Bool {
            return Val::One(self.b.ins().icmp_imm_s(IntCC::NotEqual, v, 0));
        }
        Val::One(v)
    }

    pub fn store_element(&mut self, addr: Value, v: Val, dtype: DType) -> R<()> {
        let flags = MemFlagsData::trusted();
        match v {
            Val::Two(re, im) => {
                self.b.ins().store(flags, re, addr, 0);
                self.b.ins().store(flags, im, addr, ctype(dtype).bytes() as i32);
            }
            Val::One(x) => {
                self.b.ins().store(flags, x, addr, 0);
            }
        }
        Ok(())
    }

    /// A constant converted to `dtype`, as `codegen_llvm::scalar`'s `constant`.
    pub fn constant(&mut self, c: &Const, dtype: DType) -> R<Val> {
        let (int, float) = match c {
            Const::Int(i) => (*i, *i as f64),
            Const::Float(f) => (*f as i64, *f),
            Const::Bool(b) => (*b as i64, *b as i64 as f64),
            Const::Str(_) | Const::None => return Err(ice(format!("constant {c:?} used as a {dtype} scalar"))),
        };
        Ok(match dtype {
            DType::Bool => Val::One(self.iconst(types::I8, (int != 0 || float != 0.0) as i64)),
            DType::F32 | DType::F64 => Val::One(self.fconst(dtype, float)),
            DType::C64 | DType::C128 => {
                let re = self.fconst(dtype, float);
                let im = self.fconst(dtype, 0.0);
                Val::Two(re, im)
            }
            int_dtype => {
                // The low bits of the value (a float is truncated first).
                let value: i128 = match c {
                    Const::Float(_) if int_dtype == DType::U64 && float >= 2f64.powi(63) => float as u64 as i128,
                    Const::Float(_) => float as i64 as i128,
                    _ => int as i128,
                };
                let ty = ctype(int_dtype);
                let bits = value as u64;
                let masked = if ty.bits() == 64 { bits } else { bits & ((1u64 << ty.bits()) - 1) };
                Val::One(self.iconst(ty, masked as i64))
            }
        })
    }

    // ----- operators -----

    pub fn unary(&mut self, op: UnaryOp, dtype: DType, v: Val, sem: Semantics) -> R<Val> {
        let python_i64 = matches!(sem, Semantics::Python { .. }) && dtype == DType::I64;
        if dtype.is_complex() || (op == UnaryOp::Neg && python_i64) {
            return self.helper(Helper::Unary(op, dtype, sem), &[v]);
        }
        let x = v.one()?;
        Ok(Val::One(match (op, dtype) {
            (UnaryOp::Neg, DType::F32 | DType::F64) => self.b.ins().fneg(x),
            (UnaryOp::Neg, int) if int.is_int() => self.b.ins().ineg(x),
            (UnaryOp::Not | UnaryOp::Invert, DType::Bool) => self.b.ins().bxor_imm_s(x, 1),
            (UnaryOp::Invert, int) if int.is_int() => self.b.ins().bnot(x),
            (UnaryOp::Not, int) if int.is_int() => self.b.ins().icmp_imm_s(IntCC::Equal, x, 0),
            (UnaryOp::Not, DType::F32 | DType::F64) => {
                let zero = self.fconst(dtype, 0.0);
                self.b.ins().fcmp(FloatCC::Equal, x, zero)
            }
            _ => return Err(ice(format!("unary {op:?} on {dtype}"))),
        }))
    }

    pub fn binary(&mut self, op: BinaryOp, dtype: DType, x: Val, y: Val, sem: Semantics) -> R<Val> {
        if dtype.is_complex() {
            return self.helper(Helper::Binary(op, dtype, sem), &[x, y]);
        }
        let (a, c) = (x.one()?, y.one()?);
        let numpy = sem == Semantics::NumPy;
        let ins = self.b.ins();
        let plain = match dtype {
            DType::Bool => match op {
                BinaryOp::Add | BinaryOp::BitOr | BinaryOp::Max => Some(ins.bor(a, c)),
                BinaryOp::Mul | BinaryOp::BitAnd | BinaryOp::Min => Some(ins.band(a, c)),
                BinaryOp::BitXor => Some(ins.bxor(a, c)),
                _ => None,
            },
            DType::F32 | DType::F64 => match op {
                BinaryOp::Complex => return Ok(Val::Two(a, c)),
                BinaryOp::Add => Some(ins.fadd(a, c)),
                BinaryOp::Sub => Some(ins.fsub(a, c)),
                BinaryOp::Mul => Some(ins.fmul(a, c)),
                BinaryOp::TrueDiv if numpy => Some(ins.fdiv(a, c)),
                BinaryOp::Max | BinaryOp::Min => Some(self.float_max_min(op == BinaryOp::Max, a, c, numpy)),
                // The C library's, as LLVM's `llvm.pow`, `frem` and the backend's calls are.
                BinaryOp::Pow | BinaryOp::Atan2 | BinaryOp::Hypot | BinaryOp::Fmod | BinaryOp::Nextafter if numpy => {
                    let name = match op {
                        BinaryOp::Pow => "pow",
                        BinaryOp::Atan2 => "atan2",
                        BinaryOp::Hypot => "hypot",
                        BinaryOp::Fmod => "fmod",
                        _ => "nextafter",
                    };
                    return Ok(Val::One(self.libm(name, dtype, &[a, c])?));
                }
                _ => None,
            },
            _ => {
                // Python ints are checked int64; other integers wrap.
                let checked = !numpy && dtype == DType::I64;
                let unsigned = dtype.is_unsigned();
                match op {
                    BinaryOp::Add if !checked => Some(ins.iadd(a, c)),
                    BinaryOp::Sub if !checked => Some(ins.isub(a, c)),
                    BinaryOp::Mul if !checked => Some(ins.imul(a, c)),
                    BinaryOp::BitAnd => Some(ins.band(a, c)),
                    BinaryOp::BitOr => Some(ins.bor(a, c)),
                    BinaryOp::BitXor => Some(ins.bxor(a, c)),
                    BinaryOp::Max if unsigned => Some(ins.umax(a, c)),
                    BinaryOp::Max => Some(ins.smax(a, c)),
                    BinaryOp::Min if unsigned => Some(ins.umin(a, c)),
                    BinaryOp::Min => Some(ins.smin(a, c)),
                    _ => None,
                }
            }
        };
        match plain {
            Some(v) => Ok(Val::One(v)),
            None => self.helper(Helper::Binary(op, dtype, sem), &[x, y]),
        }
    }

    /// `np.maximum`: `(x > y || isnan(x)) ? x : y`; the builtin `max`: `y > x ? y : x`
    /// (minimum likewise), as `codegen_llvm::scalar`.
    fn float_max_min(&mut self, max: bool, x: Value, y: Value, numpy: bool) -> Value {
        let strict = if max { FloatCC::GreaterThan } else { FloatCC::LessThan };
        if numpy {
            let better = self.b.ins().fcmp(strict, x, y);
            let nan = self.b.ins().fcmp(FloatCC::Unordered, x, x);
            let take_x = self.b.ins().bor(better, nan);
            self.b.ins().select(take_x, x, y)
        } else {
            let take_y = self.b.ins().fcmp(strict, y, x);
            self.b.ins().select(take_y, y, x)
        }
    }

    /// Comparisons give a bool (`i8`). Floats compare ordered, except `!=`.
    pub fn compare(&mut self, op: CompareOp, dtype: DType, x: Val, y: Val) -> R<Value> {
        if dtype.is_complex() {
            return self.helper(Helper::Compare(op, dtype), &[x, y])?.one();
        }
        let (a, c) = (x.one()?, y.one()?);
        if dtype.is_float() {
            let cc = match op {
                CompareOp::Eq => FloatCC::Equal,
                CompareOp::Ne => FloatCC::NotEqual,
                CompareOp::Lt => FloatCC::LessThan,
                CompareOp::Le => FloatCC::LessThanOrEqual,
                CompareOp::Gt => FloatCC::GreaterThan,
                CompareOp::Ge => FloatCC::GreaterThanOrEqual,
            };
            return Ok(self.b.ins().fcmp(cc, a, c));
        }
        let unsigned = dtype == DType::Bool || dtype.is_unsigned();
        let cc = match op {
            CompareOp::Eq => IntCC::Equal,
            CompareOp::Ne => IntCC::NotEqual,
            CompareOp::Lt if unsigned => IntCC::UnsignedLessThan,
            CompareOp::Le if unsigned => IntCC::UnsignedLessThanOrEqual,
            CompareOp::Gt if unsigned => IntCC::UnsignedGreaterThan,
            CompareOp::Ge if unsigned => IntCC::UnsignedGreaterThanOrEqual,
            CompareOp::Lt => IntCC::SignedLessThan,
            CompareOp::Le => IntCC::SignedLessThanOrEqual,
            CompareOp::Gt => IntCC::SignedGreaterThan,
            CompareOp::Ge => IntCC::SignedGreaterThanOrEqual,
        };
        Ok(self.b.ins().icmp(cc, a, c))
    }

    /// Conversions as NumPy's `astype` (`codegen_llvm::scalar`'s `cast`); float to
    /// integer and anything complex through the helper.
    pub fn cast(&mut self, from: DType, to: DType, v: Val) -> R<Val> {
        if from == to {
            return Ok(v);
        }
        if from.is_complex() || to.is_complex() || (from.is_float() && to.is_int()) {
            return self.helper(Helper::Cast { from, to }, &[v]);
        }
        let x = v.one()?;
        let ty = ctype(to);
        Ok(Val::One(match (from, to) {
            (DType::Bool, int) if int.is_int() && ty.bits() == 8 => x,
            (DType::Bool, int) if int.is_int() => self.b.ins().uextend(ty, x),
            (DType::Bool, _) => self.b.ins().fcvt_from_uint(ty, x),
            (_, DType::Bool) if from.is_int() => self.b.ins().icmp_imm_s(IntCC::NotEqual, x, 0),
            (_, DType::Bool) => {
                let zero = self.fconst(from, 0.0);
                self.b.ins().fcmp(FloatCC::NotEqual, x, zero)
            }
            (_, _) if from.is_int() && to.is_int() => {
                let (from_bits, to_bits) = (ctype(from).bits(), ty.bits());
                if to_bits > from_bits {
                    if from.is_unsigned() {
                        self.b.ins().uextend(ty, x)
                    } else {
                        self.b.ins().sextend(ty, x)
                    }
                } else if to_bits < from_bits {
                    self.b.ins().ireduce(ty, x)
                } else {
                    x
                }
            }
            (_, _) if from.is_int() => {
                if from.is_unsigned() {
                    self.b.ins().fcvt_from_uint(ty, x)
                } else {
                    self.b.ins().fcvt_from_sint(ty, x)
                }
            }
            (DType::F32, DType::F64) => self.b.ins().fpromote(types::F64, x),
            (DType::F64, DType::F32) => self.b.ins().fdemote(types::F32, x),
            _ => return Err(ice(format!("cast from {from} to {to}"))),
        }))
    }

    /// Math functions (`python`: with CPython's `math` errors for a Python result).
    pub fn math(&mut self, f: MathFn, dtype: DType, v: Val, python: bool) -> R<Val> {
        if dtype.is_complex() || python {
            return self.helper(Helper::Math { f, dtype, python }, &[v]);
        }
        let x = v.one()?;
        let ins = self.b.ins();
        let plain = if dtype.is_float() {
            match f {
                MathFn::Sqrt => Some(ins.sqrt(x)),
                MathFn::Abs => Some(ins.fabs(x)),
                MathFn::Floor => Some(ins.floor(x)),
                MathFn::Ceil => Some(ins.ceil(x)),
                MathFn::Rint => Some(ins.nearest(x)),
                MathFn::IsNan => Some(ins.fcmp(FloatCC::Unordered, x, x)),
                _ => None,
            }
        } else {
            match f {
                MathFn::Abs if dtype.is_unsigned() || dtype == DType::Bool => Some(x),
                MathFn::Abs => Some(ins.iabs(x)),
                MathFn::Floor | MathFn::Ceil | MathFn::Rint => Some(x),
                MathFn::IsNan => Some(ins.iconst(types::I8, 0)),
                _ => None,
            }
        };
        if let Some(v) = plain {
            return Ok(Val::One(v));
        }
        // A function of the C library, as the helper would call it (without Python's checks).
        let name = match f {
            MathFn::Exp => Some("exp"),
            MathFn::Log => Some("log"),
            MathFn::Sin => Some("sin"),
            MathFn::Cos => Some("cos"),
            other => other.libm_name(),
        };
        match name {
            Some(name) if dtype.is_float() => Ok(Val::One(self.libm(name, dtype, &[x])?)),
            _ => self.helper(Helper::Math { f, dtype, python }, &[v]),
        }
    }

    /// A call of the C library's `name` (`f` added for float32).
    fn libm(&mut self, name: &str, dtype: DType, args: &[Value]) -> R<Value> {
        let name = if dtype == DType::F32 { format!("{name}f") } else { name.to_string() };
        let id = self.cx.libm_id(&name, ctype(dtype), args.len())?;
        Ok(self.call_id(id, args)[0])
    }

    /// One step of a reduction, `op(acc, x)`. Float max/min propagate NaN and order
    /// -0.0 below +0.0 (`fmax`/`fmin`, as `llvm.maximum`/`llvm.minimum`).
    pub fn reduce(&mut self, op: ReduceOp, dtype: DType, acc: Val, x: Val) -> R<Val> {
        if dtype.is_float() && matches!(op, ReduceOp::Max | ReduceOp::Min) {
            let (a, c) = (acc.one()?, x.one()?);
            return Ok(Val::One(if op == ReduceOp::Max { self.b.ins().fmax(a, c) } else { self.b.ins().fmin(a, c) }));
        }
        let binary = codegen_llvm::reduce_operator(op, dtype)?;
        self.binary(binary, dtype, acc, x, Semantics::NumPy)
    }

    /// Python truthiness of a real scalar, as a bool.
    pub fn truth(&mut self, dtype: DType, v: Value) -> Value {
        match dtype {
            DType::Bool => v,
            DType::F32 | DType::F64 => {
                let zero = self.fconst(dtype, 0.0);
                self.b.ins().fcmp(FloatCC::NotEqual, v, zero)
            }
            _ => self.b.ins().icmp_imm_s(IntCC::NotEqual, v, 0),
        }
    }
}
