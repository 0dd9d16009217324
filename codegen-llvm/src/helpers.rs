//! The scalar semantics as functions of their own, for another backend: the Cranelift
//! development backend (`codegen-cranelift`) emits control flow, memory accesses and the
//! plain operations itself and calls these for everything else (Python's and NumPy's
//! division, powers, conversions, math functions, complex numbers, the checks that raise
//! Python's errors). Each is [`scalar::Ops`](crate::scalar::Ops) wrapped in a function,
//! so the semantics exist once, here, whichever backend compiles the program.
//!
//! The calling convention (C): every scalar operand is one parameter of its register
//! type, a bool as a byte (0 or 1), a complex number as two parameters (real, imaginary);
//! the result is returned (a bool as a byte), a complex one written through a pointer
//! passed first.

use inkwell::attributes::AttributeLoc;
use inkwell::context::Context;
use inkwell::module::Linkage;
use inkwell::types::{BasicMetadataTypeEnum, BasicType, BasicTypeEnum};
use inkwell::values::BasicValueEnum;

use ir::{BinaryOp, CompareOp, DType, InternalError, MathFn, UnaryOp};

use crate::scalar::{reg_type, Ops, Semantics};
use crate::{ice, target, Cx, Emit, Flavor, OrIce, Options, R};

/// One operation of [`scalar::Ops`](crate::scalar::Ops) made a function.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Helper {
    Unary(UnaryOp, DType, Semantics),
    /// Operands of the dtype (`BinaryOp::Complex`: two floats, a complex result).
    Binary(BinaryOp, DType, Semantics),
    /// A bool result.
    Compare(CompareOp, DType),
    Cast { from: DType, to: DType },
    /// `python`: with CPython's `math` errors for a weak (Python) result.
    Math { f: MathFn, dtype: DType, python: bool },
    /// `int(x)` of a Python float: the checks (NaN, infinity, beyond int64), then the value.
    PythonInt(DType),
}

impl Helper {
    /// The symbol: the same operation always has the same name.
    pub fn name(&self) -> String {
        fn sem(s: Semantics) -> &'static str {
            match s {
                Semantics::NumPy => "np",
                Semantics::Python { int_operands: false } => "py",
                Semantics::Python { int_operands: true } => "pyint",
            }
        }
        match self {
            Helper::Unary(op, d, s) => format!("lt_sem_unary_{op:?}_{d}_{}", sem(*s)),
            Helper::Binary(op, d, s) => format!("lt_sem_binary_{op:?}_{d}_{}", sem(*s)),
            Helper::Compare(op, d) => format!("lt_sem_compare_{op:?}_{d}"),
            Helper::Cast { from, to } => format!("lt_sem_cast_{from}_{to}"),
            Helper::Math { f, dtype, python } => format!("lt_sem_math_{f:?}_{dtype}{}", if *python { "_py" } else { "" }),
            Helper::PythonInt(d) => format!("lt_sem_python_int_{d}"),
        }
    }

    /// The dtypes of the operands, in order.
    pub fn operands(&self) -> Vec<DType> {
        match *self {
            Helper::Unary(_, d, _) | Helper::Cast { from: d, .. } | Helper::Math { dtype: d, .. } | Helper::PythonInt(d) => vec![d],
            Helper::Binary(_, d, _) | Helper::Compare(_, d) => vec![d, d],
        }
    }

    /// The dtype of the result.
    pub fn result(&self) -> DType {
        match *self {
            Helper::Unary(UnaryOp::Not, _, _) | Helper::Compare(..) => DType::Bool,
            Helper::Unary(_, d, _) => d,
            Helper::Binary(BinaryOp::Complex, d, _) => d.complex_of(),
            Helper::Binary(_, d, _) => d,
            Helper::Cast { to, .. } => to,
            Helper::Math { f: MathFn::IsNan, .. } => DType::Bool,
            Helper::Math { f: MathFn::Real | MathFn::Imag | MathFn::Abs | MathFn::Angle, dtype, .. } if dtype.is_complex() => dtype.real_part(),
            Helper::Math { dtype, .. } => dtype,
            Helper::PythonInt(_) => DType::I64,
        }
    }
}

/// An object file defining `helpers` (and, with `ptx`, the PTX text as [`crate::PTX_SYMBOL`],
/// as [`crate::ptx_object`] does), for the host of `options`.
pub fn helpers_object(helpers: &[Helper], ptx: Option<&str>, options: &Options) -> Result<Vec<u8>, InternalError> {
    let machine = target::machine(options)?;
    let context = Context::create();
    let llvm_module = context.create_module("legatec.helpers");
    llvm_module.set_triple(&machine.get_triple());
    llvm_module.set_data_layout(&machine.get_target_data().get_data_layout());
    let empty = ir::Module::new();
    {
        let mut cx = Cx::runtime_only(&context, &llvm_module, &empty, Flavor::Host)?;
        cx.strings_at_use = true;
        for helper in helpers {
            define(&cx, helper)?;
        }
        if let Some(ptx) = ptx {
            let data = context.const_string(ptx.as_bytes(), true);
            let global = llvm_module.add_global(data.get_type(), None, crate::PTX_SYMBOL);
            global.set_constant(true);
            global.set_initializer(&data);
        }
    }
    llvm_module.verify().map_err(|message| ice(format!("LLVM rejected the helper module: {}", message.to_string_lossy())))?;
    target::optimize(&llvm_module, &machine, 2)?;
    target::emit(&llvm_module, &machine, Emit::Object)
}

/// The parameter types of a dtype's operand (a bool as a byte, a complex as two floats).
fn param_types(ctx: &Context, dtype: DType) -> Vec<BasicTypeEnum<'_>> {
    match dtype {
        DType::Bool => vec![ctx.i8_type().into()],
        d if d.is_complex() => vec![reg_type(ctx, d.real_part()); 2],
        d => vec![reg_type(ctx, d)],
    }
}

fn define(cx: &Cx<'_, '_>, helper: &Helper) -> R<()> {
    let ctx = cx.ctx;
    let result = helper.result();
    let mut params: Vec<BasicMetadataTypeEnum> = Vec::new();
    if result.is_complex() {
        params.push(cx.ptr_type().into());
    }
    for d in helper.operands() {
        params.extend(param_types(ctx, d).into_iter().map(BasicMetadataTypeEnum::from));
    }
    let fn_type = match result {
        DType::Bool => ctx.i8_type().fn_type(&params, false),
        d if d.is_complex() => ctx.void_type().fn_type(&params, false),
        d => reg_type(ctx, d).fn_type(&params, false),
    };
    let function = cx.module.add_function(&helper.name(), fn_type, Some(Linkage::External));
    function.add_attribute(AttributeLoc::Function, cx.enum_attribute("nounwind"));
    let b = ctx.create_builder();
    b.position_at_end(ctx.append_basic_block(function, "entry"));
    let ops = Ops::new(cx, &b);
    let mut next = usize::from(result.is_complex());
    let mut param = || -> R<BasicValueEnum> {
        let p = function.get_nth_param(next as u32).ok_or_else(|| ice("helper parameter missing"))?;
        next += 1;
        Ok(p)
    };
    let mut operands = Vec::new();
    for d in helper.operands() {
        operands.push(match d {
            DType::Bool => {
                let byte = param()?.into_int_value();
                b.build_int_compare(inkwell::IntPredicate::NE, byte, ctx.i8_type().const_zero(), "b").ice()?.into()
            }
            d if d.is_complex() => {
                let re = param()?.into_float_value();
                let im = param()?.into_float_value();
                ops.make_complex(d, re, im)?
            }
            _ => param()?,
        });
    }
    let value = match *helper {
        Helper::Unary(op, d, sem) => ops.unary(op, d, operands[0], sem)?,
        Helper::Binary(op, d, sem) => ops.binary(op, d, operands[0], operands[1], sem)?,
        Helper::Compare(op, d) => ops.compare(op, d, operands[0], operands[1])?.into(),
        Helper::Cast { from, to } => ops.cast(from, to, operands[0])?,
        Helper::Math { f, dtype, python } => {
            let value = ops.math(f, dtype, operands[0])?;
            if python {
                ops.python_math_checks(f, operands[0], value)?;
            }
            value
        }
        Helper::PythonInt(d) => {
            ops.python_int_conversion_checks(operands[0].into_float_value())?;
            ops.cast(d, DType::I64, operands[0])?
        }
    };
    match result {
        DType::Bool => {
            let byte = b.build_int_z_extend(value.into_int_value(), ctx.i8_type(), "byte").ice()?;
            b.build_return(Some(&byte)).ice()?;
        }
        d if d.is_complex() => {
            let out = function.get_nth_param(0).ok_or_else(|| ice("helper output missing"))?.into_pointer_value();
            let (re, im) = ops.parts(value)?;
            let part = reg_type(ctx, d.real_part());
            b.build_store(out, re).ice()?;
            // SAFETY: the caller passes room for two parts.
            let second = unsafe { b.build_in_bounds_gep(part, out, &[ctx.i64_type().const_int(1, false)], "im").ice()? };
            b.build_store(second, im).ice()?;
            b.build_return(None).ice()?;
        }
        _ => {
            b.build_return(Some(&value as &dyn inkwell::values::BasicValue)).ice()?;
        }
    }
    Ok(())
}
