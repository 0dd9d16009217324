//! Declarations of the runtime entry points, generated from
//! `runtime_abi::for_each_entry_point!` (the one list shared with `runtime-lib`).

use inkwell::attributes::AttributeLoc;
use inkwell::context::Context;
use inkwell::module::{Linkage, Module};
use inkwell::types::{BasicMetadataTypeEnum, BasicType, BasicTypeEnum};
use inkwell::values::FunctionValue;
use inkwell::AddressSpace;

use runtime_abi::{AbiType, EntryPoint};

use crate::R;

/// The LLVM type of an ABI type.
fn llvm_type(ctx: &Context, ty: AbiType) -> BasicTypeEnum<'_> {
    match ty {
        AbiType::Ptr => ctx.ptr_type(AddressSpace::default()).into(),
        AbiType::I64 | AbiType::U64 => ctx.i64_type().into(),
        AbiType::F64 => ctx.f64_type().into(),
    }
}

/// Declares one entry point with its ABI signature. Every entry point is
/// `nounwind`; those that never return (`lt_raise*`) are `noreturn` and cold.
fn declare<'ctx>(ctx: &'ctx Context, module: &Module<'ctx>, entry: EntryPoint) -> FunctionValue<'ctx> {
    let signature = entry.signature();
    let param_types: Vec<BasicMetadataTypeEnum> = signature.params.iter().map(|&(_, ty)| llvm_type(ctx, ty).into()).collect();
    let fn_type = match signature.ret {
        Some(ty) => llvm_type(ctx, ty).fn_type(&param_types, false),
        None => ctx.void_type().fn_type(&param_types, false),
    };
    let function = module.add_function(entry.name(), fn_type, Some(Linkage::External));
    let mut attributes = vec!["nounwind"];
    if entry.never_returns() {
        attributes.extend(["noreturn", "cold"]);
    }
    for attribute in attributes {
        let kind = inkwell::attributes::Attribute::get_named_enum_kind_id(attribute);
        function.add_attribute(AttributeLoc::Function, ctx.create_enum_attribute(kind, 0));
    }
    function
}

macro_rules! runtime_table {
    ($( $(#[$doc:meta])* $variant:ident = $name:ident ( $($arg:ident : $ty:ident),* $(,)? ) -> $ret:ident ; )*) => {
        /// The runtime entry points declared in the LLVM module, one field per
        /// entry point of `runtime_abi::for_each_entry_point!`, in its order.
        #[allow(dead_code)]
        pub(crate) struct Runtime<'ctx> {
            $( $(#[$doc])* pub $name: FunctionValue<'ctx>, )*
        }

        impl<'ctx> Runtime<'ctx> {
            pub fn declare(ctx: &'ctx Context, module: &Module<'ctx>) -> R<Self> {
                Ok(Runtime {
                    $( $name: declare(ctx, module, EntryPoint::$variant), )*
                })
            }

            /// The declaration of an entry point (for `StmtKind::Runtime`).
            pub fn get(&self, entry: EntryPoint) -> FunctionValue<'ctx> {
                match entry {
                    $( EntryPoint::$variant => self.$name, )*
                }
            }
        }
    };
}

runtime_abi::for_each_entry_point!(runtime_table);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declares_every_entry_point_in_order() {
        let ctx = Context::create();
        let module = ctx.create_module("abi");
        let rt = Runtime::declare(&ctx, &module).unwrap();
        let names: Vec<String> = module.get_functions().map(|f| f.get_name().to_string_lossy().into_owned()).collect();
        let expected: Vec<&str> = EntryPoint::ALL.iter().map(|e| e.name()).collect();
        assert_eq!(names, expected);
        for &entry in EntryPoint::ALL {
            assert_eq!(rt.get(entry).get_name().to_str(), Ok(entry.name()));
        }
        assert_eq!(rt.lt_array_get.get_type().get_param_types().len(), 3);
        assert!(rt.lt_perf_counter.get_type().get_return_type().unwrap().is_float_type());
        assert!(rt.lt_finalize.get_type().get_return_type().is_none());
    }
}
