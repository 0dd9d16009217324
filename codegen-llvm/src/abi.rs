//! Declarations of the runtime entry points, generated from
//! `runtime_abi::for_each_entry_point!` (the one list shared with `runtime-lib`).

use inkwell::attributes::AttributeLoc;
use inkwell::context::Context;
use inkwell::module::{Linkage, Module};
use inkwell::types::{BasicMetadataTypeEnum, BasicType, BasicTypeEnum};
use inkwell::values::FunctionValue;
use inkwell::AddressSpace;

use crate::{ice, R};

/// Maps a word of the ABI's type vocabulary to an LLVM type (`None` for `void`).
fn vocabulary_type<'ctx>(ctx: &'ctx Context, word: &str) -> R<Option<BasicTypeEnum<'ctx>>> {
    Ok(match word {
        "ptr" => Some(ctx.ptr_type(AddressSpace::default()).into()),
        "i64" | "u64" => Some(ctx.i64_type().into()),
        "f64" => Some(ctx.f64_type().into()),
        "void" => None,
        other => return Err(ice(format!("unknown type `{other}` in the runtime ABI"))),
    })
}

/// Declares one entry point. Every entry point is `nounwind`; the `lt_raise*`
/// ones do not return and are cold.
fn declare<'ctx>(ctx: &'ctx Context, module: &Module<'ctx>, name: &str, params: &[&str], ret: &str) -> R<FunctionValue<'ctx>> {
    let mut param_types: Vec<BasicMetadataTypeEnum> = Vec::new();
    for word in params {
        let ty = vocabulary_type(ctx, word)?.ok_or_else(|| ice(format!("void parameter in runtime entry point {name}")))?;
        param_types.push(ty.into());
    }
    let fn_type = match vocabulary_type(ctx, ret)? {
        Some(ty) => ty.fn_type(&param_types, false),
        None => ctx.void_type().fn_type(&param_types, false),
    };
    let function = module.add_function(name, fn_type, Some(Linkage::External));
    let mut attributes = vec!["nounwind"];
    if matches!(name, "lt_raise" | "lt_raise_int_overflow" | "lt_raise_float_to_int") {
        attributes.extend(["noreturn", "cold"]);
    }
    for attribute in attributes {
        let kind = inkwell::attributes::Attribute::get_named_enum_kind_id(attribute);
        function.add_attribute(AttributeLoc::Function, ctx.create_enum_attribute(kind, 0));
    }
    Ok(function)
}

macro_rules! runtime_table {
    ($( $(#[$doc:meta])* $name:ident ( $($arg:ident : $ty:ident),* $(,)? ) -> $ret:ident ; )*) => {
        /// The runtime entry points declared in the LLVM module, one field per
        /// entry point of `runtime_abi::for_each_entry_point!`, in its order.
        #[allow(dead_code)]
        pub(crate) struct Runtime<'ctx> {
            $( $(#[$doc])* pub $name: FunctionValue<'ctx>, )*
        }

        impl<'ctx> Runtime<'ctx> {
            pub fn declare(ctx: &'ctx Context, module: &Module<'ctx>) -> R<Self> {
                Ok(Runtime {
                    $( $name: declare(ctx, module, stringify!($name), &[$(stringify!($ty)),*], stringify!($ret))?, )*
                })
            }

            /// The entry point with this name (for `StmtKind::Runtime`).
            pub fn by_name(&self, name: &str) -> Option<FunctionValue<'ctx>> {
                match name {
                    $( stringify!($name) => Some(self.$name), )*
                    _ => None,
                }
            }

            /// The names of all entry points, in the ABI's order.
            #[cfg(test)]
            pub fn names() -> &'static [&'static str] {
                &[$(stringify!($name)),*]
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
        assert_eq!(names, Runtime::names());
        assert_eq!(rt.lt_array_get.get_type().get_param_types().len(), 3);
        assert!(rt.lt_perf_counter.get_type().get_return_type().unwrap().is_float_type());
        assert!(rt.lt_finalize.get_type().get_return_type().is_none());
    }
}
