//! LLVM code generation: turns a legatec IR module into an LLVM module (host
//! functions, CPU kernels, a C `main`) and emits it as LLVM text, assembly or
//! an object file that links with `runtime-lib`.
//!
//! Layout: [`abi`] declares the runtime entry points, [`scalar`] holds the
//! operator semantics shared by host code and kernels, [`host`] lowers
//! functions and statements, [`kernel`] builds the kernel loop nests and
//! [`target`] owns the target machine, the optimisation pipeline and emission.
//!
//! Naming is by arena index (`f0.__main__`, `k3.add`, `g1.x`, `str.4`), and
//! nothing iterates a hash map while emitting, so the same IR module always
//! gives byte-identical LLVM text.

mod abi;
mod complex;
mod gpu;
mod helpers;
mod host;
mod kernel;
mod plan;
mod scalar;
mod target;

use std::cell::RefCell;
use std::collections::HashMap;

use inkwell::attributes::{Attribute, AttributeLoc};
use inkwell::builder::{Builder, BuilderError};
use inkwell::context::Context;
use inkwell::intrinsics::Intrinsic;
use inkwell::memory_buffer::MemoryBuffer;
use inkwell::module::{Linkage, Module};
use inkwell::types::{BasicMetadataTypeEnum, BasicType, BasicTypeEnum, FunctionType};
use inkwell::values::{BasicMetadataValueEnum, BasicValueEnum, FunctionValue, GlobalValue, IntValue, MetadataValue};
use inkwell::AddressSpace;

use ir::{DType, InternalError, Type};

/// Code generation options.
#[derive(Clone, Debug)]
pub struct Options {
    /// LLVM optimisation level, 0 to 3 (`default<O{n}>`).
    pub opt_level: u8,
    /// `"native"` for the host CPU and its features, or an LLVM CPU name such as `"x86-64-v3"`.
    pub target_cpu: String,
    /// The GPU code: none, PTX text (from [`ptx`]) to embed, or PTX that another object
    /// defines ([`ptx_object`]). With PTX, every kernel launch names its GPU entry
    /// `lk{index}`, which the runtime uses when a GPU is present.
    pub ptx: Ptx,
    /// The script's text: the plan table names each statement's source line (the
    /// profile reports by them); empty, every line is 0.
    pub source: String,
    /// The performance model's seconds per execution of statements, when built with
    /// `--machine` (the profile shows measured / predicted).
    pub predicted: std::collections::HashMap<ir::StmtRef, f64>,
    /// The run `predicted` is for (ranks, threads, device, arguments).
    pub predicted_for: Option<runtime_abi::plan_table::RunConfig>,
}

impl Default for Options {
    fn default() -> Self {
        Options { opt_level: 2, target_cpu: "native".to_string(), ptx: Ptx::None, source: String::new(), predicted: Default::default(), predicted_for: None }
    }
}

pub use gpu::{entry_name, ptx, GpuOptions, PtxError};
pub use helpers::{helpers_object, Helper};
pub use host::{int_origin, launch_mode, library_code, raise_code};
pub use scalar::reduce_operator;
pub use kernel::{live_expressions, slot_dtypes};
pub use plan::{build as plan_table, Table as PlanTable};
pub use scalar::Semantics;

/// Where a host module finds its GPU code.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Ptx {
    /// No GPU code: kernels run on the CPU.
    #[default]
    None,
    /// The PTX text, embedded in the host module.
    Embedded(String),
    /// The PTX text in another object ([`ptx_object`], symbol [`PTX_SYMBOL`]), made at the
    /// same time as the host module (empty text there: no GPU code after all).
    External,
}

/// The symbol of the PTX text that [`ptx_object`] defines.
pub const PTX_SYMBOL: &str = "legatec_ptx";

/// Initialises the LLVM targets (the host's and NVPTX) once, before threads use them.
pub fn initialize_targets() {
    target::initialize();
    gpu::initialize();
}

/// An object file for the host that defines [`PTX_SYMBOL`]: the NUL-terminated `ptx`
/// (empty: the program has no GPU code), for a host module compiled with [`Ptx::External`].
pub fn ptx_object(ptx: &str, options: &Options) -> Result<Vec<u8>, InternalError> {
    let machine = target::machine(options)?;
    let context = Context::create();
    let llvm_module = context.create_module("legatec.ptx");
    llvm_module.set_triple(&machine.get_triple());
    llvm_module.set_data_layout(&machine.get_target_data().get_data_layout());
    let data = context.const_string(ptx.as_bytes(), true);
    let global = llvm_module.add_global(data.get_type(), None, PTX_SYMBOL);
    global.set_constant(true);
    global.set_initializer(&data);
    target::emit(&llvm_module, &machine, Emit::Object)
}

/// What [`compile`] returns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Emit {
    /// Optimised LLVM IR as text.
    LlvmIr,
    /// Assembly text for the target.
    Asm,
    /// An ELF object file with a C `main`.
    Object,
}

/// Compiles the module; returns the bytes of the requested output. Errors are internal compiler errors.
pub fn compile(module: &ir::Module, options: &Options, emit: Emit) -> Result<Vec<u8>, InternalError> {
    let problems = ir::verify::verify(module);
    if !problems.is_empty() {
        return Err(ice(format!("the IR module given to codegen is invalid:\n{}", problems.join("\n"))));
    }
    let machine = target::machine(options)?;
    let context = Context::create();
    let llvm_module = context.create_module("legatec");
    llvm_module.set_triple(&machine.get_triple());
    llvm_module.set_data_layout(&machine.get_target_data().get_data_layout());
    {
        let mut cx = Cx::new(&context, &llvm_module, module, Flavor::Host)?;
        cx.plan = plan::build(module, &options.source, &options.predicted, options.predicted_for.as_ref());
        cx.ptx = options.ptx.clone();
        cx.vector_isa = target::vector_isa(options, &machine);
        cx.generate()?;
    }
    llvm_module
        .verify()
        .map_err(|message| ice(format!("LLVM rejected the generated module: {}", message.to_string_lossy())))?;
    target::optimize(&llvm_module, &machine, options.opt_level)?;
    target::emit(&llvm_module, &machine, emit)
}

pub(crate) type R<T> = Result<T, InternalError>;

/// An internal error of this crate.
pub(crate) fn ice(message: impl Into<String>) -> InternalError {
    InternalError { pass: "codegen-llvm", message: message.into() }
}

/// Turns inkwell builder failures (always a bug here) into internal errors.
pub(crate) trait OrIce<T> {
    fn ice(self) -> R<T>;
}

impl<T> OrIce<T> for Result<T, BuilderError> {
    fn ice(self) -> R<T> {
        self.map_err(|e| ice(format!("LLVM builder: {e:?}")))
    }
}

/// One interned string constant: its bytes and the global that caches the
/// runtime string made from them at start-up.
struct StringConst<'ctx> {
    text: String,
    bytes: GlobalValue<'ctx>,
    cache: GlobalValue<'ctx>,
}

/// Which module a [`Cx`] builds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Flavor {
    /// The host module: globals, host functions, CPU kernels, `main`.
    Host,
    /// The NVPTX module: GPU kernels only; math calls go to libdevice (`__nv_*`).
    Gpu,
}

/// Module-wide code generation state, shared by host functions and kernels.
pub(crate) struct Cx<'ctx, 'a> {
    pub flavor: Flavor,
    /// The PTX embedded in the host module, if any.
    pub ptx: Ptx,
    /// The plan table and each statement's entry (host flavour).
    pub plan: plan::Table,
    /// GPU flavour: the errors kernels may record, `(kind, message)`, code = index + 1.
    pub gpu_errors: RefCell<Vec<(i64, String)>>,
    pub ctx: &'ctx Context,
    pub module: &'a Module<'ctx>,
    pub ir: &'a ir::Module,
    pub rt: abi::Runtime<'ctx>,
    /// One LLVM global per IR global (`None` for None-typed globals, which hold nothing).
    pub globals: Vec<Option<GlobalValue<'ctx>>>,
    pub functions: Vec<FunctionValue<'ctx>>,
    pub kernels: Vec<FunctionValue<'ctx>>,
    strings: RefCell<Vec<StringConst<'ctx>>>,
    string_ids: RefCell<HashMap<String, usize>>,
    /// Modules parsed from text to obtain distinct metadata nodes; kept alive until the end.
    helper_modules: RefCell<Vec<Module<'ctx>>>,
    /// The libmvec variants kernels may call.
    pub vector_isa: target::VectorIsa,
    /// Declared libmvec functions, kept in `llvm.compiler.used` until the vectoriser has run.
    vector_functions: RefCell<Vec<FunctionValue<'ctx>>>,
    /// A module without `main` (the helpers): each use of a string constant makes the
    /// runtime string there, rather than reading the one `main` made at start-up.
    strings_at_use: bool,
}

impl<'ctx, 'a> Cx<'ctx, 'a> {
    /// Only the runtime's declarations, nothing of `ir` (the GPU module, the helpers).
    fn runtime_only(ctx: &'ctx Context, module: &'a Module<'ctx>, ir: &'a ir::Module, flavor: Flavor) -> R<Self> {
        let rt = abi::Runtime::declare(ctx, module)?;
        Ok(Cx {
            flavor,
            ptx: Ptx::None,
            plan: plan::build(ir, "", &Default::default(), None),
            gpu_errors: RefCell::new(Vec::new()),
            ctx,
            module,
            ir,
            rt,
            globals: Vec::new(),
            functions: Vec::new(),
            kernels: Vec::new(),
            strings: RefCell::new(Vec::new()),
            string_ids: RefCell::new(HashMap::new()),
            helper_modules: RefCell::new(Vec::new()),
            vector_isa: target::VectorIsa::None,
            vector_functions: RefCell::new(Vec::new()),
            strings_at_use: false,
        })
    }

    fn new(ctx: &'ctx Context, module: &'a Module<'ctx>, ir: &'a ir::Module, flavor: Flavor) -> R<Self> {
        let mut cx = Self::runtime_only(ctx, module, ir, flavor)?;
        if flavor == Flavor::Gpu {
            return Ok(cx);
        }
        for (g, var) in ir.globals.iter() {
            let global = cx.value_type(&var.ty).map(|ty| {
                let global = module.add_global(ty, None, &format!("g{}.{}", g.index(), var.name));
                global.set_linkage(Linkage::Internal);
                global.set_initializer(&zero_value(ty));
                global
            });
            cx.globals.push(global);
        }
        let nounwind = cx.enum_attribute("nounwind");
        for (f, function) in ir.functions.iter() {
            let fn_type = cx.function_type(function);
            let value = module.add_function(&format!("f{}.{}", f.index(), function.name), fn_type, Some(Linkage::Internal));
            value.add_attribute(AttributeLoc::Function, nounwind);
            cx.functions.push(value);
        }
        for (k, kernel) in ir.kernels.iter() {
            let value = module.add_function(&format!("k{}.{}", k.index(), kernel.name), cx.kernel_type(), Some(Linkage::Internal));
            value.add_attribute(AttributeLoc::Function, nounwind);
            cx.kernels.push(value);
        }
        Ok(cx)
    }

    fn generate(&self) -> R<()> {
        for (k, kernel) in self.ir.kernels.iter() {
            kernel::define(self, kernel, self.kernels[k.index()])?;
        }
        for (f, function) in self.ir.functions.iter() {
            host::define(self, f, function, self.functions[f.index()])?;
        }
        self.define_c_main()?;
        self.keep_vector_functions();
        Ok(())
    }

    /// `@llvm.compiler.used` keeps the libmvec declarations alive until the
    /// loop vectoriser has had the chance to call them.
    fn keep_vector_functions(&self) {
        let functions = self.vector_functions.borrow();
        if functions.is_empty() {
            return;
        }
        let pointers: Vec<_> = functions.iter().map(|f| f.as_global_value().as_pointer_value()).collect();
        let array = self.ptr_type().const_array(&pointers);
        let used = self.module.add_global(array.get_type(), None, "llvm.compiler.used");
        used.set_linkage(Linkage::Appending);
        used.set_section(Some("llvm.metadata"));
        used.set_initializer(&array);
    }

    /// The `vector-function-abi-variant` attribute naming glibc libmvec's
    /// vector versions of `libm_name` (`exp`, `expf`, `pow`, ...) for the
    /// call of `callee`, declaring them; `None` when the target has none.
    pub fn vector_variants(&self, callee: FunctionValue<'ctx>, libm_name: &str, dtype: DType, arity: usize) -> Option<Attribute> {
        let base_lanes = match dtype {
            DType::F64 => 2,
            DType::F32 => 4,
            _ => return None,
        };
        let variants: &[(char, u32)] = match self.vector_isa {
            target::VectorIsa::None => return None,
            target::VectorIsa::Sse => &[('b', 1)],
            target::VectorIsa::Avx2 => &[('b', 1), ('d', 2)],
            target::VectorIsa::Avx512 => &[('b', 1), ('d', 2), ('e', 4)],
        };
        let scalar_name = callee.get_name().to_string_lossy().into_owned();
        let element = scalar::reg_type(self.ctx, dtype);
        let mut entries = Vec::new();
        for (isa, factor) in variants {
            let lanes = base_lanes * factor;
            let params = "v".repeat(arity);
            let vector_name = format!("_ZGV{isa}N{lanes}{params}_{libm_name}");
            let vector_type: BasicTypeEnum = match element {
                BasicTypeEnum::FloatType(t) => t.vec_type(lanes).into(),
                _ => return None,
            };
            if self.module.get_function(&vector_name).is_none() {
                let param_types: Vec<BasicMetadataTypeEnum> = (0..arity).map(|_| vector_type.into()).collect();
                let f = self.module.add_function(&vector_name, vector_type.fn_type(&param_types, false), Some(Linkage::External));
                for attr in ["nounwind", "willreturn", "nosync", "nofree", "memory"] {
                    f.add_attribute(AttributeLoc::Function, self.enum_attribute(attr));
                }
                self.vector_functions.borrow_mut().push(f);
            }
            entries.push(format!("_ZGV_LLVM_N{lanes}{params}_{scalar_name}({vector_name})"));
        }
        Some(self.ctx.create_string_attribute("vector-function-abi-variant", &entries.join(",")))
    }

    /// `int main(int argc, char **argv)`: initialises the runtime and the
    /// string constants, runs the module body, finalises.
    fn define_c_main(&self) -> R<()> {
        let i32_type = self.ctx.i32_type();
        let fn_type = i32_type.fn_type(&[i32_type.into(), self.ptr_type().into()], false);
        let main = self.module.add_function("main", fn_type, None);
        let builder = self.ctx.create_builder();
        builder.position_at_end(self.ctx.append_basic_block(main, "entry"));
        let argc = main.get_nth_param(0).ok_or_else(|| ice("main has no argc"))?.into_int_value();
        let argv = main.get_nth_param(1).ok_or_else(|| ice("main has no argv"))?;
        let argc = builder.build_int_s_extend(argc, self.ctx.i64_type(), "argc").ice()?;
        builder.build_call(self.rt.lt_init, &[argc.into(), argv.into()], "").ice()?;
        let table = self.c_string_global(&self.plan.text, "legatec.plan");
        builder.build_call(self.rt.lt_plan, &[table.as_pointer_value().into()], "").ice()?;
        let ptx = match &self.ptx {
            Ptx::None => None,
            Ptx::Embedded(text) => Some(self.c_string_global(text, "legatec.ptx")),
            // Declared here, defined by the object `ptx_object` makes.
            Ptx::External => Some(self.module.add_global(self.ctx.i8_type(), None, PTX_SYMBOL)),
        };
        if let Some(text) = ptx {
            builder.build_call(self.rt.lt_gpu_module, &[text.as_pointer_value().into()], "").ice()?;
        }
        for s in self.strings.borrow().iter() {
            let len = self.ctx.i64_type().const_int(s.text.len() as u64, false);
            let made = self.call(&builder, self.rt.lt_str_new, &[s.bytes.as_pointer_value().into(), len.into()])?;
            builder.build_store(s.cache.as_pointer_value(), made).ice()?;
        }
        builder.build_call(self.functions[self.ir.main.index()], &[], "").ice()?;
        builder.build_call(self.rt.lt_finalize, &[], "").ice()?;
        builder.build_return(Some(&i32_type.const_zero())).ice()?;
        Ok(())
    }

    /// A private constant holding `text` and a terminating NUL.
    pub fn c_string_global(&self, text: &str, name: &str) -> GlobalValue<'ctx> {
        let data = self.ctx.const_string(text.as_bytes(), true);
        let global = self.module.add_global(data.get_type(), None, name);
        global.set_linkage(Linkage::Private);
        global.set_constant(true);
        global.set_initializer(&data);
        global
    }

    pub fn ptr_type(&self) -> inkwell::types::PointerType<'ctx> {
        self.ctx.ptr_type(AddressSpace::default())
    }

    /// The LLVM type of a value of IR type `ty` in registers; `None` for None.
    pub fn value_type(&self, ty: &Type) -> Option<BasicTypeEnum<'ctx>> {
        match ty {
            Type::Scalar { dtype, .. } => Some(scalar::reg_type(self.ctx, *dtype)),
            Type::Array { .. } | Type::Str | Type::List(_) => Some(self.ptr_type().into()),
            Type::None => None,
        }
    }

    /// The LLVM return type of a function's results: the non-None results,
    /// returned directly when there is one and as a struct when several.
    pub fn result_types(&self, function: &ir::Function) -> Vec<BasicTypeEnum<'ctx>> {
        function.results.iter().filter_map(|t| self.value_type(t)).collect()
    }

    fn function_type(&self, function: &ir::Function) -> FunctionType<'ctx> {
        let params: Vec<BasicMetadataTypeEnum> = function
            .params
            .iter()
            .filter_map(|p| self.value_type(&function.locals[*p].ty))
            .map(Into::into)
            .collect();
        let results = self.result_types(function);
        match results.len() {
            0 => self.ctx.void_type().fn_type(&params, false),
            1 => results[0].fn_type(&params, false),
            _ => self.ctx.struct_type(&results, false).fn_type(&params, false),
        }
    }

    /// `runtime_abi::KernelFn`.
    fn kernel_type(&self) -> FunctionType<'ctx> {
        let p = self.ptr_type().into();
        let i = self.ctx.i64_type().into();
        self.ctx.void_type().fn_type(&[p, p, p, p, i, i, p], false)
    }

    pub fn enum_attribute(&self, name: &str) -> Attribute {
        self.ctx.create_enum_attribute(Attribute::get_named_enum_kind_id(name), 0)
    }

    /// Calls a function that returns a value.
    pub fn call(&self, b: &Builder<'ctx>, f: FunctionValue<'ctx>, args: &[BasicMetadataValueEnum<'ctx>]) -> R<BasicValueEnum<'ctx>> {
        match b.build_call(f, args, "").ice()?.try_as_basic_value() {
            inkwell::values::ValueKind::Basic(v) => Ok(v),
            inkwell::values::ValueKind::Instruction(_) => Err(ice(format!("call of void function {:?} used as a value", f.get_name()))),
        }
    }

    /// Calls a function whose result, if any, is unused.
    pub fn call_void(&self, b: &Builder<'ctx>, f: FunctionValue<'ctx>, args: &[BasicMetadataValueEnum<'ctx>]) -> R<()> {
        b.build_call(f, args, "").ice()?;
        Ok(())
    }

    /// The declaration of an overloaded LLVM intrinsic.
    pub fn intrinsic(&self, name: &str, types: &[BasicTypeEnum<'ctx>]) -> R<FunctionValue<'ctx>> {
        Intrinsic::find(name)
            .and_then(|i| i.get_declaration(self.module, types))
            .ok_or_else(|| ice(format!("no LLVM intrinsic {name}")))
    }

    /// A pure libm function of `arity` float arguments (errno is ignored, so it
    /// is declared as not touching memory, which lets LLVM hoist and vectorise it).
    pub fn libm(&self, name: &str, ty: BasicTypeEnum<'ctx>, arity: usize) -> FunctionValue<'ctx> {
        let libdevice_name;
        let name = match self.flavor {
            Flavor::Host => name,
            Flavor::Gpu => {
                libdevice_name = format!("__nv_{name}");
                &libdevice_name
            }
        };
        if let Some(f) = self.module.get_function(name) {
            return f;
        }
        let params: Vec<BasicMetadataTypeEnum> = (0..arity).map(|_| ty.into()).collect();
        let f = self.module.add_function(name, ty.fn_type(&params, false), Some(Linkage::External));
        for attr in ["nounwind", "willreturn", "nosync", "nofree"] {
            f.add_attribute(AttributeLoc::Function, self.enum_attribute(attr));
        }
        // `memory(none)`: the MemoryEffects encoding of "no memory access" is 0.
        f.add_attribute(AttributeLoc::Function, self.enum_attribute("memory"));
        f
    }

    /// The runtime string for the constant `text` (made once at start-up by `main`).
    pub fn string(&self, b: &Builder<'ctx>, text: &str) -> R<inkwell::values::PointerValue<'ctx>> {
        let id = self.string_ids.borrow().get(text).copied();
        let id = match id {
            Some(id) => id,
            None => {
                let mut strings = self.strings.borrow_mut();
                let id = strings.len();
                let data = self.ctx.const_string(text.as_bytes(), false);
                let bytes = self.module.add_global(data.get_type(), None, &format!("str.{id}.bytes"));
                bytes.set_linkage(Linkage::Private);
                bytes.set_constant(true);
                bytes.set_unnamed_addr(true);
                bytes.set_initializer(&data);
                let cache = self.module.add_global(self.ptr_type(), None, &format!("str.{id}"));
                cache.set_linkage(Linkage::Internal);
                cache.set_initializer(&self.ptr_type().const_null());
                strings.push(StringConst { text: text.to_string(), bytes, cache });
                self.string_ids.borrow_mut().insert(text.to_string(), id);
                id
            }
        };
        if self.strings_at_use {
            let bytes = self.strings.borrow()[id].bytes;
            let len = self.ctx.i64_type().const_int(text.len() as u64, false);
            return Ok(self.call(b, self.rt.lt_str_new, &[bytes.as_pointer_value().into(), len.into()])?.into_pointer_value());
        }
        let cache = self.strings.borrow()[id].cache;
        Ok(b.build_load(self.ptr_type(), cache.as_pointer_value(), "str").ice()?.into_pointer_value())
    }

    /// Raises a Python exception (`runtime_abi::ERR_*`) and ends the block.
    pub fn raise(&self, b: &Builder<'ctx>, kind: i64, message: &str) -> R<()> {
        let message = self.string(b, message)?;
        let kind = self.ctx.i64_type().const_int(kind as u64, true);
        self.call_void(b, self.rt.lt_raise, &[kind.into(), message.into()])?;
        b.build_unreachable().ice()?;
        Ok(())
    }

    /// Raises when `cond` holds; the builder continues in the not-raised block.
    ///
    /// In a GPU kernel the thread records the error instead (see [`gpu::ERROR_FLAG`])
    /// and goes on; the runtime raises it before the program next observes anything.
    pub fn raise_if(&self, b: &Builder<'ctx>, cond: IntValue<'ctx>, kind: i64, message: &str) -> R<()> {
        let function = current_function(b)?;
        let raise_block = self.ctx.append_basic_block(function, "raise");
        let ok_block = self.ctx.append_basic_block(function, "ok");
        b.build_conditional_branch(cond, raise_block, ok_block).ice()?;
        b.position_at_end(raise_block);
        match self.flavor {
            Flavor::Host => self.raise(b, kind, message)?,
            Flavor::Gpu => {
                let code = gpu::error_code(self, kind, message);
                let flag = gpu::error_flag(self);
                b.build_store(flag, self.ctx.i64_type().const_int(code, false)).ice()?;
                b.build_unconditional_branch(ok_block).ice()?;
            }
        }
        b.position_at_end(ok_block);
        Ok(())
    }

    /// When `cond` holds, calls `raise`, a runtime entry point that raises a Python
    /// exception and does not return (`lt_raise_int_overflow`...), with `args`; the
    /// builder continues in the not-raised block. Those entry points are host code: in
    /// a GPU kernel the thread records `kind` with `message` instead, as `raise_if` does.
    pub fn raise_with_if(
        &self,
        b: &Builder<'ctx>,
        cond: IntValue<'ctx>,
        raise: FunctionValue<'ctx>,
        args: &[BasicMetadataValueEnum<'ctx>],
        (kind, message): (i64, &str),
    ) -> R<()> {
        if self.flavor == Flavor::Gpu {
            return self.raise_if(b, cond, kind, message);
        }
        let function = current_function(b)?;
        let raise_block = self.ctx.append_basic_block(function, "raise");
        let ok_block = self.ctx.append_basic_block(function, "ok");
        b.build_conditional_branch(cond, raise_block, ok_block).ice()?;
        b.position_at_end(raise_block);
        self.call_void(b, raise, args)?;
        b.build_unreachable().ice()?;
        b.position_at_end(ok_block);
        Ok(())
    }

    /// A fresh pair (access group, loop id) for one innermost kernel loop:
    /// `!g = distinct !{}` for its memory accesses and
    /// `!l = distinct !{!l, !{"llvm.loop.parallel_accesses", !g}}` for its latch.
    ///
    /// The LLVM C API cannot create distinct nodes, so they come from a tiny
    /// module parsed from text in the same context (metadata belongs to the context).
    pub fn parallel_loop_metadata(&self) -> R<(MetadataValue<'ctx>, MetadataValue<'ctx>)> {
        const SNIPPET: &str = "define void @f(ptr %p) {\n\
             entry:\n  br label %loop\n\
             loop:\n  %x = load i8, ptr %p, !llvm.access.group !0\n  br label %loop, !llvm.loop !1\n}\n\
             !0 = distinct !{}\n!1 = distinct !{!1, !2}\n!2 = !{!\"llvm.loop.parallel_accesses\", !0}\n";
        let buffer = MemoryBuffer::create_from_memory_range_copy(SNIPPET.as_bytes(), "parallel-loop-metadata");
        let helper = self
            .ctx
            .create_module_from_ir(buffer)
            .map_err(|e| ice(format!("parsing the loop metadata snippet: {}", e.to_string_lossy())))?;
        let missing = || ice("loop metadata snippet has an unexpected shape");
        let f = helper.get_function("f").ok_or_else(missing)?;
        let loop_block = f.get_last_basic_block().ok_or_else(missing)?;
        let load = loop_block.get_first_instruction().ok_or_else(missing)?;
        let latch = loop_block.get_terminator().ok_or_else(missing)?;
        let group = load.get_metadata(self.ctx.get_kind_id("llvm.access.group")).ok_or_else(missing)?;
        let loop_id = latch.get_metadata(self.ctx.get_kind_id("llvm.loop")).ok_or_else(missing)?;
        self.helper_modules.borrow_mut().push(helper);
        Ok((group, loop_id))
    }
}

/// The function the builder is emitting into.
pub(crate) fn current_function<'ctx>(b: &Builder<'ctx>) -> R<FunctionValue<'ctx>> {
    b.get_insert_block().and_then(|block| block.get_parent()).ok_or_else(|| ice("builder is not positioned in a function"))
}

/// The zero (or null) constant of a basic type.
pub(crate) fn zero_value(ty: BasicTypeEnum<'_>) -> BasicValueEnum<'_> {
    match ty {
        BasicTypeEnum::IntType(t) => t.const_zero().into(),
        BasicTypeEnum::FloatType(t) => t.const_zero().into(),
        BasicTypeEnum::PointerType(t) => t.const_null().into(),
        BasicTypeEnum::StructType(t) => t.const_zero().into(),
        BasicTypeEnum::ArrayType(t) => t.const_zero().into(),
        BasicTypeEnum::VectorType(t) => t.const_zero().into(),
        BasicTypeEnum::ScalableVectorType(t) => t.const_zero().into(),
    }
}

/// The dtype of a scalar IR type, or an internal error.
pub(crate) fn scalar_dtype(ty: &Type) -> R<DType> {
    match ty {
        Type::Scalar { dtype, .. } => Ok(*dtype),
        other => Err(ice(format!("expected a scalar, found {other}"))),
    }
}
