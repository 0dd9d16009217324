//! The development backend: host code and CPU kernels of a legatec IR module as an
//! object file made by Cranelift, for `legatec run` and `-O0` builds, which want the
//! program soon rather than fast.
//!
//! Same IR in, same runtime ABI out as `codegen_llvm`: the same plan table, the same
//! kernel signature (`runtime_abi::KernelFn`), the same runtime entry points, and the
//! same scalar semantics. Those are not written again here: [`sem`] emits the plain
//! operations and calls, for every other one, a function made by `codegen_llvm`'s own
//! semantics (`codegen_llvm::helpers_object`, linked beside this object; [`Output`]
//! lists the ones the program needs). GPU kernels stay LLVM's (their PTX is linked in
//! as with the LLVM backend).
//!
//! Layout: [`host`] lowers functions and statements, [`kernel`] the loop nests, [`sem`]
//! scalar operations; this file owns the Cranelift module, its symbols and `main`.

mod host;
mod kernel;
mod sem;

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};

use cranelift_codegen::ir::{types, AbiParam, FuncRef, GlobalValue, InstBuilder, Signature, UserFuncName, Value};
use cranelift_codegen::settings::{self, Configurable};
use cranelift_frontend::{FunctionBuilder, FunctionBuilderContext};
use cranelift_module::{DataDescription, DataId, FuncId, Linkage, Module};
use cranelift_object::{ObjectBuilder, ObjectModule};

use codegen_llvm::{Helper, Options, Ptx};
use ir::{InternalError, Type};
use runtime_abi::{AbiType, EntryPoint};

pub(crate) type R<T> = Result<T, InternalError>;

pub(crate) fn ice(message: impl Into<String>) -> InternalError {
    InternalError { pass: "codegen-cranelift", message: message.into() }
}

/// What [`compile`] makes.
pub struct Output {
    /// The object file: host functions, kernels, `main`.
    pub object: Vec<u8>,
    /// The semantics helpers it calls, for `codegen_llvm::helpers_object`.
    pub helpers: Vec<Helper>,
}

/// Compiles the module's host code and CPU kernels.
pub fn compile(module: &ir::Module, options: &Options) -> Result<Output, InternalError> {
    let problems = ir::verify::verify(module);
    if !problems.is_empty() {
        return Err(ice(format!("the IR module given to codegen is invalid:\n{}", problems.join("\n"))));
    }
    let isa = isa(&options.target_cpu)?;
    let builder = ObjectBuilder::new(isa, "legatec", cranelift_module::default_libcall_names()).map_err(|e| ice(e.to_string()))?;
    let object = ObjectModule::new(builder);
    let cx = Cx::new(module, object, options)?;
    for (k, kernel) in module.kernels.iter() {
        cx.define(cx.kernels[k.index()], cx.kernel_signature(), |fx| kernel::define(fx, kernel))?;
    }
    for (f, function) in module.functions.iter() {
        let signature = cx.function_signature(function);
        cx.define(cx.functions[f.index()], signature, |fx| host::define(fx, f, function))?;
    }
    cx.define_c_main()?;
    cx.define_strings()?;
    let helpers = cx.helpers.borrow().values().map(|(h, _)| *h).collect();
    let object = cx.module.into_inner().finish().emit().map_err(|e| ice(format!("writing the object: {e}")))?;
    Ok(Output { object, helpers })
}

/// The target: this machine with its features (`native`), else x86-64 with the
/// features of the named level (`x86-64-v2`, `-v3`, `-v4`).
fn isa(target_cpu: &str) -> R<cranelift_codegen::isa::OwnedTargetIsa> {
    let mut flags = settings::builder();
    // A function returning more registers than the convention has goes through a hidden
    // pointer (`enable_multi_ret_implicit_sret`): IR functions return any number of results.
    for (name, value) in [("opt_level", "speed"), ("is_pic", "true"), ("enable_multi_ret_implicit_sret", "true")] {
        flags.set(name, value).map_err(|e| ice(format!("Cranelift setting {name}: {e}")))?;
    }
    let flags = settings::Flags::new(flags);
    let builder = if target_cpu == "native" {
        cranelift_native::builder().map_err(|e| ice(format!("Cranelift has no backend for this machine: {e}")))?
    } else {
        let mut builder = cranelift_codegen::isa::lookup_by_name("x86_64-unknown-linux-gnu").map_err(|e| ice(e.to_string()))?;
        let level = match target_cpu {
            "x86-64-v2" => 2,
            "x86-64-v3" => 3,
            "x86-64-v4" => 4,
            _ => 1,
        };
        let mut features = Vec::new();
        if level >= 2 {
            features.extend(["has_sse3", "has_ssse3", "has_sse41", "has_sse42", "has_popcnt"]);
        }
        if level >= 3 {
            features.extend(["has_avx", "has_avx2", "has_bmi1", "has_bmi2", "has_fma", "has_lzcnt"]);
        }
        for feature in features {
            builder.enable(feature).map_err(|e| ice(format!("Cranelift feature {feature}: {e}")))?;
        }
        builder
    };
    builder.finish(flags).map_err(|e| ice(format!("Cranelift target: {e}")))
}

/// The Cranelift type of a pointer-sized word.
pub(crate) const PTR: cranelift_codegen::ir::Type = types::I64;

/// Module-wide state.
pub(crate) struct Cx<'a> {
    pub ir: &'a ir::Module,
    module: RefCell<ObjectModule>,
    pub plan: codegen_llvm::PlanTable,
    ptx: Ptx,
    runtime: HashMap<&'static str, FuncId>,
    pub functions: Vec<FuncId>,
    pub kernels: Vec<FuncId>,
    /// One data object per IR global (`None` for None-typed globals).
    pub globals: Vec<Option<DataId>>,
    /// Interned strings: text, its bytes, the cache of the runtime string made by `main`.
    strings: RefCell<Vec<(String, DataId, DataId)>>,
    string_ids: RefCell<HashMap<String, usize>>,
    helpers: RefCell<BTreeMap<String, (Helper, FuncId)>>,
    /// The names of the kernels' GPU entries (`lk{index}`), as C strings.
    gpu_names: RefCell<HashMap<usize, DataId>>,
    memmove: FuncId,
}

fn module_error(e: cranelift_module::ModuleError) -> InternalError {
    ice(format!("Cranelift module: {e:?}"))
}

impl<'a> Cx<'a> {
    fn new(ir: &'a ir::Module, mut module: ObjectModule, options: &Options) -> R<Self> {
        let mut runtime = HashMap::new();
        for &entry in EntryPoint::ALL {
            let signature = entry.signature();
            let mut sig = module.make_signature();
            for &(_, ty) in signature.params {
                sig.params.push(AbiParam::new(abi_type(ty)));
            }
            if let Some(ty) = signature.ret {
                sig.returns.push(AbiParam::new(abi_type(ty)));
            }
            let id = module.declare_function(entry.name(), Linkage::Import, &sig).map_err(module_error)?;
            runtime.insert(entry.name(), id);
        }
        let mut memmove_sig = module.make_signature();
        memmove_sig.params.extend([AbiParam::new(PTR), AbiParam::new(PTR), AbiParam::new(types::I64)]);
        memmove_sig.returns.push(AbiParam::new(PTR));
        let memmove = module.declare_function("memmove", Linkage::Import, &memmove_sig).map_err(module_error)?;
        let mut globals = Vec::new();
        for (g, var) in ir.globals.iter() {
            let Some(size) = value_size(&var.ty) else {
                globals.push(None);
                continue;
            };
            let id = module.declare_data(&format!("g{}.{}", g.index(), var.name), Linkage::Local, true, false).map_err(module_error)?;
            let mut data = DataDescription::new();
            data.define_zeroinit(size);
            data.set_align(8);
            module.define_data(id, &data).map_err(module_error)?;
            globals.push(Some(id));
        }
        let mut cx = Cx {
            ir,
            plan: codegen_llvm::plan_table(ir, &options.source, &options.predicted, options.predicted_for.as_ref()),
            ptx: options.ptx.clone(),
            runtime,
            functions: Vec::new(),
            kernels: Vec::new(),
            globals,
            strings: RefCell::new(Vec::new()),
            string_ids: RefCell::new(HashMap::new()),
            helpers: RefCell::new(BTreeMap::new()),
            gpu_names: RefCell::new(HashMap::new()),
            memmove,
            module: RefCell::new(module),
        };
        for (f, function) in ir.functions.iter() {
            let sig = cx.function_signature(function);
            let id = cx.module.get_mut().declare_function(&format!("f{}.{}", f.index(), function.name), Linkage::Local, &sig).map_err(module_error)?;
            cx.functions.push(id);
        }
        for (k, kernel) in ir.kernels.iter() {
            let sig = cx.kernel_signature();
            let id = cx.module.get_mut().declare_function(&format!("k{}.{}", k.index(), kernel.name), Linkage::Local, &sig).map_err(module_error)?;
            cx.kernels.push(id);
        }
        Ok(cx)
    }

    /// `runtime_abi::KernelFn`.
    fn kernel_signature(&self) -> Signature {
        let mut sig = self.module.borrow().make_signature();
        for ty in [PTR, PTR, PTR, PTR, types::I64, types::I64, PTR] {
            sig.params.push(AbiParam::new(ty));
        }
        sig
    }

    /// An IR function's signature: its non-None parameters and results, a complex value
    /// as two registers.
    fn function_signature(&self, function: &ir::Function) -> Signature {
        let mut sig = self.module.borrow().make_signature();
        for p in &function.params {
            sig.params.extend(value_types(&function.locals[*p].ty).into_iter().map(AbiParam::new));
        }
        for t in &function.results {
            sig.returns.extend(value_types(t).into_iter().map(AbiParam::new));
        }
        sig
    }

    /// Builds the body of function `id` with `body` and defines it.
    fn define(&self, id: FuncId, signature: Signature, body: impl FnOnce(Fx<'_, 'a>) -> R<()>) -> R<()> {
        let mut ctx = self.module.borrow().make_context();
        ctx.func.signature = signature;
        ctx.func.name = UserFuncName::user(0, id.as_u32());
        let mut builder_context = FunctionBuilderContext::new();
        let fx = Fx {
            cx: self,
            b: FunctionBuilder::new(&mut ctx.func, &mut builder_context),
            funcs: HashMap::new(),
            datas: HashMap::new(),
        };
        body(fx)?;
        let mut module = self.module.borrow_mut();
        module.define_function(id, &mut ctx).map_err(|e| match e {
            cranelift_module::ModuleError::Compilation(error) => {
                ice(format!("Cranelift rejected a function: {}", cranelift_codegen::print_errors::pretty_error(&ctx.func, error)))
            }
            other => module_error(other),
        })?;
        module.clear_context(&mut ctx);
        Ok(())
    }

    fn runtime_id(&self, entry: EntryPoint) -> R<FuncId> {
        self.runtime.get(entry.name()).copied().ok_or_else(|| ice(format!("runtime entry {} not declared", entry.name())))
    }

    pub fn memmove_id(&self) -> FuncId {
        self.memmove
    }

    /// The C library's `name` (`exp`, `powf`...) of `arity` operands of type `ty`.
    pub fn libm_id(&self, name: &str, ty: cranelift_codegen::ir::Type, arity: usize) -> R<FuncId> {
        let mut module = self.module.borrow_mut();
        let mut sig = module.make_signature();
        sig.params.extend((0..arity).map(|_| AbiParam::new(ty)));
        sig.returns.push(AbiParam::new(ty));
        module.declare_function(name, Linkage::Import, &sig).map_err(module_error)
    }

    /// The helper computing `helper`, declared on first use.
    pub fn helper_id(&self, helper: Helper) -> R<FuncId> {
        let name = helper.name();
        if let Some((_, id)) = self.helpers.borrow().get(&name) {
            return Ok(*id);
        }
        let mut module = self.module.borrow_mut();
        let mut sig = module.make_signature();
        let result = helper.result();
        if result.is_complex() {
            sig.params.push(AbiParam::new(PTR));
        }
        for d in helper.operands() {
            sig.params.extend(sem::ctypes(d).into_iter().map(AbiParam::new));
        }
        if !result.is_complex() {
            sig.returns.push(AbiParam::new(sem::ctype(result)));
        }
        let id = module.declare_function(&name, Linkage::Import, &sig).map_err(module_error)?;
        self.helpers.borrow_mut().insert(name, (helper, id));
        Ok(id)
    }

    /// A read-only, NUL-terminated C string.
    fn c_string(&self, name: &str, text: &str, linkage: Linkage) -> R<DataId> {
        let mut module = self.module.borrow_mut();
        let id = module.declare_data(name, linkage, false, false).map_err(module_error)?;
        let mut data = DataDescription::new();
        let mut bytes = text.as_bytes().to_vec();
        bytes.push(0);
        data.define(bytes.into_boxed_slice());
        module.define_data(id, &data).map_err(module_error)?;
        Ok(id)
    }

    /// The data object caching the runtime string of `text` (made once by `main`).
    fn string_cache(&self, text: &str) -> R<DataId> {
        if let Some(&i) = self.string_ids.borrow().get(text) {
            return Ok(self.strings.borrow()[i].2);
        }
        let i = self.strings.borrow().len();
        let mut module = self.module.borrow_mut();
        let bytes = module.declare_data(&format!("str.{i}.bytes"), Linkage::Local, false, false).map_err(module_error)?;
        let cache = module.declare_data(&format!("str.{i}"), Linkage::Local, true, false).map_err(module_error)?;
        self.strings.borrow_mut().push((text.to_string(), bytes, cache));
        self.string_ids.borrow_mut().insert(text.to_string(), i);
        Ok(cache)
    }

    /// The strings' bytes and caches (after every function that names one).
    fn define_strings(&self) -> R<()> {
        let mut module = self.module.borrow_mut();
        for (text, bytes, cache) in self.strings.borrow().iter() {
            let mut data = DataDescription::new();
            data.define(text.as_bytes().to_vec().into_boxed_slice());
            module.define_data(*bytes, &data).map_err(module_error)?;
            let mut data = DataDescription::new();
            data.define_zeroinit(8);
            data.set_align(8);
            module.define_data(*cache, &data).map_err(module_error)?;
        }
        Ok(())
    }

    /// The C string naming kernel `k`'s GPU entry, when the program has GPU code.
    fn gpu_entry_name(&self, k: usize) -> R<Option<DataId>> {
        if self.ptx == Ptx::None {
            return Ok(None);
        }
        if let Some(id) = self.gpu_names.borrow().get(&k) {
            return Ok(Some(*id));
        }
        let name = codegen_llvm::entry_name(k);
        let id = self.c_string(&name, &name, Linkage::Local)?;
        self.gpu_names.borrow_mut().insert(k, id);
        Ok(Some(id))
    }

    /// `int main(int argc, char **argv)`, as the LLVM backend's.
    fn define_c_main(&self) -> R<()> {
        let table = self.c_string("legatec.plan", &self.plan.text, Linkage::Local)?;
        let ptx = match &self.ptx {
            Ptx::None => None,
            Ptx::Embedded(text) => Some(self.c_string("legatec.ptx", text, Linkage::Local)?),
            Ptx::External => {
                Some(self.module.borrow_mut().declare_data(codegen_llvm::PTX_SYMBOL, Linkage::Import, false, false).map_err(module_error)?)
            }
        };
        let mut sig = self.module.borrow().make_signature();
        sig.params.extend([AbiParam::new(types::I32), AbiParam::new(PTR)]);
        sig.returns.push(AbiParam::new(types::I32));
        let id = self.module.borrow_mut().declare_function("main", Linkage::Export, &sig).map_err(module_error)?;
        // Every string the program uses is known now: `main` makes them first.
        let strings: Vec<(usize, DataId, DataId)> = self.strings.borrow().iter().map(|(t, b, c)| (t.len(), *b, *c)).collect();
        self.define(id, sig, |mut fx| {
            let entry = fx.b.create_block();
            fx.b.append_block_params_for_function_params(entry);
            fx.b.switch_to_block(entry);
            let params = fx.b.block_params(entry).to_vec();
            let argc = fx.b.ins().sextend(types::I64, params[0]);
            fx.rt(EntryPoint::Init, &[argc, params[1]])?;
            let table = fx.data_addr(table);
            fx.rt(EntryPoint::Plan, &[table])?;
            if let Some(ptx) = ptx {
                let text = fx.data_addr(ptx);
                fx.rt(EntryPoint::GpuModule, &[text])?;
            }
            for (len, bytes, cache) in strings {
                let bytes = fx.data_addr(bytes);
                let len = fx.i64(len as i64);
                let made = fx.rt(EntryPoint::StrNew, &[bytes, len])?[0];
                let cache = fx.data_addr(cache);
                fx.b.ins().store(cranelift_codegen::ir::MemFlagsData::trusted(), made, cache, 0);
            }
            let body = self.functions[self.ir.main.index()];
            fx.call_id(body, &[]);
            fx.rt(EntryPoint::Finalize, &[])?;
            let zero = fx.iconst(types::I32, 0);
            fx.b.ins().return_(&[zero]);
            fx.finish()
        })
    }
}

fn abi_type(ty: AbiType) -> cranelift_codegen::ir::Type {
    match ty {
        AbiType::Ptr | AbiType::I64 | AbiType::U64 => types::I64,
        AbiType::F64 => types::F64,
    }
}

/// The registers of a value of IR type `ty` (none for None).
pub(crate) fn value_types(ty: &Type) -> Vec<cranelift_codegen::ir::Type> {
    match ty {
        Type::Scalar { dtype, .. } => sem::ctypes(*dtype),
        Type::Array { .. } | Type::Str | Type::List(_) => vec![PTR],
        Type::None => Vec::new(),
    }
}

/// The bytes a value of type `ty` takes in memory (a global), `None` for None.
fn value_size(ty: &Type) -> Option<usize> {
    let types = value_types(ty);
    (!types.is_empty()).then(|| types.iter().map(|t| t.bytes() as usize).sum::<usize>().max(8))
}

/// The state of building one function.
pub(crate) struct Fx<'f, 'a> {
    pub cx: &'f Cx<'a>,
    pub b: FunctionBuilder<'f>,
    funcs: HashMap<FuncId, FuncRef>,
    datas: HashMap<DataId, GlobalValue>,
}

impl Fx<'_, '_> {
    /// Calls a function of the module (or an import); its results.
    pub fn call_id(&mut self, id: FuncId, args: &[Value]) -> Vec<Value> {
        let func = match self.funcs.get(&id) {
            Some(f) => *f,
            None => {
                let f = self.cx.module.borrow_mut().declare_func_in_func(id, self.b.func);
                self.funcs.insert(id, f);
                f
            }
        };
        let call = self.b.ins().call(func, args);
        self.b.inst_results(call).to_vec()
    }

    /// Calls a runtime entry point.
    pub fn rt(&mut self, entry: EntryPoint, args: &[Value]) -> R<Vec<Value>> {
        let id = self.cx.runtime_id(entry)?;
        Ok(self.call_id(id, args))
    }

    /// The address of a function of the module.
    pub fn func_addr(&mut self, id: FuncId) -> Value {
        let func = self.cx.module.borrow_mut().declare_func_in_func(id, self.b.func);
        self.b.ins().func_addr(PTR, func)
    }

    /// The address of a data object.
    pub fn data_addr(&mut self, id: DataId) -> Value {
        let gv = match self.datas.get(&id) {
            Some(gv) => *gv,
            None => {
                let gv = self.cx.module.borrow().declare_data_in_func(id, self.b.func);
                self.datas.insert(id, gv);
                gv
            }
        };
        self.b.ins().symbol_value(PTR, gv)
    }

    /// A stack buffer of `bytes` bytes (at least 8), 8-aligned; its address.
    pub fn stack_buffer(&mut self, bytes: usize) -> Value {
        use cranelift_codegen::ir::{StackSlotData, StackSlotKind};
        let slot = self.b.create_sized_stack_slot(StackSlotData::new(StackSlotKind::ExplicitSlot, bytes.max(8) as u32, 3));
        self.b.ins().stack_addr(PTR, slot, 0)
    }

    /// The runtime string of a constant.
    pub fn string(&mut self, text: &str) -> R<Value> {
        let cache = self.cx.string_cache(text)?;
        let addr = self.data_addr(cache);
        Ok(self.b.ins().load(PTR, cranelift_codegen::ir::MemFlagsData::trusted(), addr, 0))
    }

    /// Raises a Python exception (`runtime_abi::ERR_*`); the block ends there.
    pub fn raise(&mut self, kind: i64, message: &str) -> R<()> {
        let message = self.string(message)?;
        let kind = self.i64(kind);
        self.rt(EntryPoint::Raise, &[kind, message])?;
        self.b.ins().trap(cranelift_codegen::ir::TrapCode::unwrap_user(1));
        Ok(())
    }

    /// Raises when `cond` holds; the builder continues where it does not.
    pub fn raise_if(&mut self, cond: Value, kind: i64, message: &str) -> R<()> {
        let raise = self.b.create_block();
        let ok = self.b.create_block();
        self.b.ins().brif(cond, raise, &[], ok, &[]);
        self.b.switch_to_block(raise);
        self.raise(kind, message)?;
        self.b.switch_to_block(ok);
        Ok(())
    }

    /// `t` or `o` by `c`, part by part.
    pub fn select(&mut self, c: Value, t: sem::Val, o: sem::Val) -> R<sem::Val> {
        Ok(match (t, o) {
            (sem::Val::One(a), sem::Val::One(b)) => sem::Val::One(self.b.ins().select(c, a, b)),
            (sem::Val::Two(ar, ai), sem::Val::Two(br, bi)) => {
                let re = self.b.ins().select(c, ar, br);
                let im = self.b.ins().select(c, ai, bi);
                sem::Val::Two(re, im)
            }
            _ => return Err(ice("select of a real and a complex value")),
        })
    }

    /// Seals the blocks and ends the function.
    pub fn finish(mut self) -> R<()> {
        self.b.seal_all_blocks();
        let config = self.cx.module.borrow().target_config();
        self.b.finalize(config);
        Ok(())
    }
}
