//! GPU kernels: for every IR kernel a PTX entry `lk{index}`, built through
//! LLVM's NVPTX backend beside the CPU version and embedded in the executable
//! as text (the driver compiles it for the card at load time).
//!
//! The parameters and the thread schedule are documented at
//! `runtime_abi::GPU_BLOCK`. The point body (loads, the expression tree, the
//! store or the accumulation) is the CPU kernel's [`KernelGen::point`]; only
//! the loops around it differ. A reduce-all kernel ends with a tree reduction
//! of its block's accumulators in shared memory and writes one partial per
//! block; the runtime combines the partials in block order.
//!
//! Math functions call CUDA's libdevice (`__nv_exp`, ...), linked in from
//! bitcode when a kernel needs it; [`GpuOptions::libdevice`] says where it is.

use std::path::PathBuf;

use inkwell::attributes::AttributeLoc;
use inkwell::builder::Builder;
use inkwell::context::Context;
use inkwell::module::{FlagBehavior, Linkage, Module};
use inkwell::targets::{CodeModel, FileType, InitializationConfig, RelocMode, Target, TargetTriple};
use inkwell::types::BasicMetadataTypeEnum;
use inkwell::values::{BasicMetadataValueEnum, FunctionValue, IntValue, PointerValue};
use inkwell::{AddressSpace, IntPredicate, OptimizationLevel};

use ir::{DType, Kernel, KernelOutput};
use runtime_abi::GPU_BLOCK;

use crate::kernel::{live_expressions, slot_dtypes, KernelGen, Slot};
use crate::scalar::{reg_type, Ops};
use crate::{ice, Cx, Flavor, OrIce, R};

/// Options of the GPU code generator.
#[derive(Clone, Debug)]
pub struct GpuOptions {
    /// The oldest architecture to support (`sm_80`); newer cards JIT the PTX.
    pub arch: String,
    /// LLVM optimisation level, 0 to 3.
    pub opt_level: u8,
    /// CUDA's `libdevice.10.bc`, needed only by kernels that call math functions.
    pub libdevice: Option<PathBuf>,
}

impl Default for GpuOptions {
    fn default() -> Self {
        GpuOptions { arch: "sm_80".to_string(), opt_level: 3, libdevice: None }
    }
}

/// Why the PTX of a module could not be made: an internal error, or a
/// missing libdevice (which the driver reports as a user-facing problem).
#[derive(Debug)]
pub enum PtxError {
    Internal(ir::InternalError),
    /// A kernel calls `function` and no libdevice was given.
    NeedsLibdevice { function: String },
}

impl From<ir::InternalError> for PtxError {
    fn from(e: ir::InternalError) -> Self {
        PtxError::Internal(e)
    }
}

/// The device global (`i64`) where a kernel records an error: 0, or the code
/// (1-based) of an entry of [`ERROR_TABLE`] (`runtime_abi::GPU_ERROR_FLAG`).
pub const ERROR_FLAG: &str = runtime_abi::GPU_ERROR_FLAG;
/// The error table (`runtime_abi::GPU_ERROR_TABLE`, text by `runtime_abi::gpu_error_table`).
pub const ERROR_TABLE: &str = runtime_abi::GPU_ERROR_TABLE;

/// The code of the error `(kind, message)` (interned).
pub(crate) fn error_code(cx: &Cx<'_, '_>, kind: i64, message: &str) -> u64 {
    let mut errors = cx.gpu_errors.borrow_mut();
    let position = errors.iter().position(|(k, m)| *k == kind && m == message).unwrap_or_else(|| {
        errors.push((kind, message.to_string()));
        errors.len() - 1
    });
    position as u64 + 1
}

/// The error flag global (made on first use).
pub(crate) fn error_flag<'ctx>(cx: &Cx<'ctx, '_>) -> PointerValue<'ctx> {
    if let Some(global) = cx.module.get_global(ERROR_FLAG) {
        return global.as_pointer_value();
    }
    let i64_type = cx.ctx.i64_type();
    let global = cx.module.add_global(i64_type, Some(AddressSpace::from(1u16)), ERROR_FLAG);
    global.set_initializer(&i64_type.const_zero());
    global.as_pointer_value()
}

/// The error table global, when some kernel may record an error.
fn emit_error_table(cx: &Cx<'_, '_>) {
    let errors = cx.gpu_errors.borrow();
    if errors.is_empty() {
        return;
    }
    let text = runtime_abi::gpu_error_table(&errors);
    let data = cx.ctx.const_string(text.as_bytes(), false);
    let global = cx.module.add_global(data.get_type(), Some(AddressSpace::from(1u16)), ERROR_TABLE);
    global.set_constant(true);
    global.set_initializer(&data);
}

/// The PTX entry name of kernel `index`.
pub fn entry_name(index: usize) -> String {
    format!("lk{index}")
}

/// The second entry of a reduction along the innermost axis: a block of threads per output
/// element, reading the row together (coalesced) and combining in shared memory. The
/// runtime takes it for long rows (`runtime_abi::GPU_ROWS_MIN`); the first entry gives each
/// output element a thread of its own.
pub fn rows_entry_name(index: usize) -> String {
    format!("lk{index}{}", runtime_abi::GPU_ROWS_SUFFIX)
}

fn has_rows_entry(k: &Kernel) -> bool {
    matches!(k.output, KernelOutput::ReduceAxis { axis, .. } if k.ndim > 0 && axis == k.ndim - 1)
}

/// The PTX text of every kernel of `module`.
/// Initialises LLVM's NVPTX target, once (registering targets is not thread-safe).
pub(crate) fn initialize() {
    static INIT: std::sync::Once = std::sync::Once::new();
    INIT.call_once(|| Target::initialize_nvptx(&InitializationConfig::default()));
}

pub fn ptx(module: &ir::Module, options: &GpuOptions) -> Result<String, PtxError> {
    let problems = ir::verify::verify(module);
    if !problems.is_empty() {
        return Err(ice(format!("the IR module given to codegen is invalid:\n{}", problems.join("\n"))).into());
    }
    initialize();
    let triple = TargetTriple::create("nvptx64-nvidia-cuda");
    let target = Target::from_triple(&triple).map_err(|e| ice(format!("no NVPTX target: {}", e.to_string_lossy())))?;
    let level = match options.opt_level {
        0 => OptimizationLevel::None,
        1 => OptimizationLevel::Less,
        2 => OptimizationLevel::Default,
        _ => OptimizationLevel::Aggressive,
    };
    let machine = target
        .create_target_machine(&triple, &options.arch, "", level, RelocMode::Default, CodeModel::Default)
        .ok_or_else(|| ice(format!("LLVM could not create an NVPTX target machine for {}", options.arch)))?;
    let context = Context::create();
    let llvm_module = context.create_module("legatec.gpu");
    llvm_module.set_triple(&triple);
    llvm_module.set_data_layout(&machine.get_target_data().get_data_layout());
    let mut kernels = Vec::new();
    {
        let cx = Cx::new(&context, &llvm_module, module, Flavor::Gpu)?;
        for (k, kernel) in module.kernels.iter() {
            let function = declare(&cx, kernel, &entry_name(k.index()));
            define(&cx, kernel, function, false)?;
            kernels.push(function);
            if has_rows_entry(kernel) {
                let function = declare(&cx, kernel, &rows_entry_name(k.index()));
                define(&cx, kernel, function, true)?;
                kernels.push(function);
            }
        }
        emit_error_table(&cx);
    }
    annotate_kernels(&context, &llvm_module, &kernels)?;
    llvm_module
        .verify()
        .map_err(|message| ice(format!("LLVM rejected the generated GPU module: {}", message.to_string_lossy())))?;
    // Optimise with the math intrinsics still visible (`pow(x, 2.0)` becomes `x * x`),
    // then send the remaining ones to libdevice and optimise again.
    crate::target::optimize(&llvm_module, &machine, options.opt_level.min(3))?;
    intrinsics_to_libdevice(&llvm_module);
    link_libdevice(&context, &llvm_module, options)?;
    crate::target::optimize(&llvm_module, &machine, options.opt_level.min(3))?;
    let buffer = machine
        .write_to_memory_buffer(&llvm_module, FileType::Assembly)
        .map_err(|e| ice(format!("NVPTX code emission: {}", e.to_string_lossy())))?;
    let text = String::from_utf8(buffer.as_slice().to_vec()).map_err(|_| ice("NVPTX emitted non-UTF-8 text"))?;
    Ok(text.trim_end_matches('\0').to_string())
}

/// `!nvvm.annotations`: marks the entries as kernels of at most `GPU_BLOCK` threads.
fn annotate_kernels<'ctx>(ctx: &'ctx Context, module: &Module<'ctx>, kernels: &[FunctionValue<'ctx>]) -> R<()> {
    let i32_type = ctx.i32_type();
    for function in kernels {
        let pointer = function.as_global_value().as_pointer_value();
        for (key, value) in [("kernel", 1), ("maxntidx", GPU_BLOCK as u64)] {
            let node = ctx.metadata_node(&[
                pointer.into(),
                ctx.metadata_string(key).into(),
                i32_type.const_int(value, false).into(),
            ]);
            module.add_global_metadata("nvvm.annotations", &node).map_err(|e| ice(format!("nvvm.annotations: {e:?}")))?;
        }
    }
    Ok(())
}

/// Replaces the math intrinsics NVPTX cannot lower (`llvm.exp.f64`...) by the
/// libdevice functions of the same meaning (`__nv_exp`...).
fn intrinsics_to_libdevice(module: &Module<'_>) {
    const FUNCTIONS: &[&str] = &["exp", "exp2", "log", "log2", "log10", "sin", "cos", "tan", "pow", "ldexp"];
    let declarations: Vec<FunctionValue<'_>> = module.get_functions().filter(|f| f.count_basic_blocks() == 0).collect();
    for intrinsic in declarations {
        let name = intrinsic.get_name().to_string_lossy().into_owned();
        let mut parts = name.split('.');
        let (Some("llvm"), Some(function), Some(ty)) = (parts.next(), parts.next(), parts.next()) else { continue };
        if !FUNCTIONS.contains(&function) {
            continue;
        }
        let suffix = match ty {
            "f64" => "",
            "f32" => "f",
            _ => continue,
        };
        let target = format!("__nv_{function}{suffix}");
        let replacement = module
            .get_function(&target)
            .unwrap_or_else(|| module.add_function(&target, intrinsic.get_type(), Some(Linkage::External)));
        intrinsic.replace_all_uses_with(replacement);
        // SAFETY: the declaration has no uses left.
        unsafe { intrinsic.delete() };
    }
}

/// Links libdevice when a kernel calls one of its functions, and makes
/// everything but the entries internal so that unused functions disappear.
fn link_libdevice<'ctx>(ctx: &'ctx Context, module: &Module<'ctx>, options: &GpuOptions) -> Result<(), PtxError> {
    let needed: Vec<String> = module
        .get_functions()
        .filter(|f| f.count_basic_blocks() == 0)
        .map(|f| f.get_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with("__nv_"))
        .collect();
    if needed.is_empty() {
        return Ok(());
    }
    let Some(path) = &options.libdevice else {
        return Err(PtxError::NeedsLibdevice { function: needed[0].trim_start_matches("__nv_").to_string() });
    };
    let libdevice = Module::parse_bitcode_from_path(path, ctx)
        .map_err(|e| ice(format!("reading libdevice {}: {}", path.display(), e.to_string_lossy())))?;
    libdevice.set_triple(&module.get_triple());
    libdevice.set_data_layout(&module.get_data_layout());
    module
        .link_in_module(libdevice)
        .map_err(|e| ice(format!("linking libdevice {}: {}", path.display(), e.to_string_lossy())))?;
    for function in module.get_functions() {
        let name = function.get_name().to_string_lossy();
        if function.count_basic_blocks() > 0 && !name.starts_with("lk") && !name.starts_with("legatec") {
            function.set_linkage(Linkage::Internal);
        }
    }
    // libdevice asks `__nvvm_reflect("__CUDA_FTZ")`: keep denormals, as the CPU does.
    module.add_basic_value_flag("nvvm-reflect-ftz", FlagBehavior::Override, ctx.i32_type().const_zero());
    Ok(())
}

/// The entry's LLVM function with the parameters of `runtime_abi::GPU_BLOCK`'s list.
fn declare<'ctx>(cx: &Cx<'ctx, '_>, k: &Kernel, name: &str) -> FunctionValue<'ctx> {
    let slots = 1 + k.arrays.len();
    let ptr: BasicMetadataTypeEnum = cx.ptr_type().into();
    let word: BasicMetadataTypeEnum = cx.ctx.i64_type().into();
    let mut params = vec![ptr; slots];
    params.extend(std::iter::repeat_n(word, k.ndim + slots * k.ndim + k.scalars.len() + 3));
    params.push(ptr);
    let fn_type = cx.ctx.void_type().fn_type(&params, false);
    let function = cx.module.add_function(name, fn_type, Some(Linkage::External));
    // PTX_Kernel.
    function.set_call_conventions(71);
    function.add_attribute(AttributeLoc::Function, cx.enum_attribute("nounwind"));
    for s in 0..slots as u32 {
        // The runtime never passes a destination that overlaps an input unless it is
        // the very same view, so every element is read and written by one thread.
        for attribute in ["noalias", "nocapture"] {
            function.add_attribute(AttributeLoc::Param(s), cx.enum_attribute(attribute));
        }
        // Inputs are only read (further outputs, the last array operands, are written).
        if s > 0 && !k.is_output(s as usize - 1) {
            function.add_attribute(AttributeLoc::Param(s), cx.enum_attribute("readonly"));
        }
    }
    function
}

/// A special register (`tid.x`, `ctaid.y`, ...) as an i64.
fn sreg<'ctx>(cx: &Cx<'ctx, '_>, b: &Builder<'ctx>, name: &str) -> R<IntValue<'ctx>> {
    let f = cx.intrinsic(&format!("llvm.nvvm.read.ptx.sreg.{name}"), &[])?;
    let v = cx.call(b, f, &[])?.into_int_value();
    b.build_int_z_extend(v, cx.ctx.i64_type(), name).ice()
}

/// `for (i = from; i < bound; i += step) body(i)` with signed compares.
fn counted_loop<'ctx>(
    cx: &Cx<'ctx, '_>,
    b: &Builder<'ctx>,
    function: FunctionValue<'ctx>,
    from: IntValue<'ctx>,
    step: IntValue<'ctx>,
    bound: IntValue<'ctx>,
    name: &str,
    body: &mut dyn FnMut(IntValue<'ctx>) -> R<()>,
) -> R<()> {
    let pre = b.get_insert_block().ok_or_else(|| ice("no insert block"))?;
    let head = cx.ctx.append_basic_block(function, name);
    let exit = cx.ctx.append_basic_block(function, &format!("{name}.end"));
    let nonempty = b.build_int_compare(IntPredicate::SLT, from, bound, "nonempty").ice()?;
    b.build_conditional_branch(nonempty, head, exit).ice()?;
    b.position_at_end(head);
    let i = b.build_phi(cx.ctx.i64_type(), name).ice()?;
    let iv = i.as_basic_value().into_int_value();
    body(iv)?;
    let next = b.build_int_add(iv, step, "next").ice()?;
    let latch = b.get_insert_block().ok_or_else(|| ice("no insert block"))?;
    let more = b.build_int_compare(IntPredicate::SLT, next, bound, "more").ice()?;
    b.build_conditional_branch(more, head, exit).ice()?;
    i.add_incoming(&[(&from, pre), (&next, latch)]);
    b.position_at_end(exit);
    Ok(())
}

/// Defines the body of one GPU entry.
fn define<'ctx>(cx: &Cx<'ctx, '_>, k: &Kernel, function: FunctionValue<'ctx>, rows: bool) -> R<()> {
    let ndim = k.ndim;
    let n_slots = 1 + k.arrays.len();
    let param = |i: usize| function.get_nth_param(i as u32).ok_or_else(|| ice("GPU kernel parameter missing"));
    let mut next = 0usize;
    let mut take = || {
        next += 1;
        param(next - 1)
    };
    let mut pointers = Vec::new();
    for _ in 0..n_slots {
        pointers.push(take()?.into_pointer_value());
    }
    let mut shape = Vec::new();
    for _ in 0..ndim {
        shape.push(take()?.into_int_value());
    }
    let mut strides: Vec<Vec<IntValue<'ctx>>> = Vec::new();
    for _ in 0..n_slots {
        let mut row = Vec::new();
        for _ in 0..ndim {
            row.push(take()?.into_int_value());
        }
        strides.push(row);
    }
    let mut scalar_bits = Vec::new();
    for _ in 0..k.scalars.len() {
        scalar_bits.push(take()?.into_int_value());
    }
    let begin = take()?.into_int_value();
    let end = take()?.into_int_value();
    let init = take()?.into_int_value();
    let partials = take()?.into_pointer_value();

    let b = cx.ctx.create_builder();
    b.position_at_end(cx.ctx.append_basic_block(function, "entry"));
    let ops = Ops::new(cx, &b);
    let live = live_expressions(k);
    let slots: Vec<Option<Slot<'ctx>>> = slot_dtypes(k, &live)
        .into_iter()
        .enumerate()
        .map(|(s, dtype)| dtype.map(|dtype| Slot { dtype, base: pointers[s], strides: strides[s].clone() }))
        .collect();
    let mut scalars = Vec::new();
    for (bits, dtype) in scalar_bits.iter().zip(&k.scalars) {
        scalars.push(ops.scalar_from_bits(*bits, *dtype)?);
    }
    let (reduce_all, inner_acc, reduced_axis) = match k.output {
        KernelOutput::ReduceAll { op, dtype } | KernelOutput::StoreReduce { op, acc: dtype, .. } => {
            let slot = b.build_alloca(reg_type(cx.ctx, dtype), "acc").ice()?;
            b.build_store(slot, ops.scalar_from_bits(init, dtype)?).ice()?;
            (Some((op, dtype, slot)), None, None)
        }
        KernelOutput::ReduceAxis { dtype, axis, .. } => {
            (None, Some(b.build_alloca(reg_type(cx.ctx, dtype), "axis.acc").ice()?), Some(axis))
        }
        KernelOutput::Store { .. } => (None, None, None),
    };
    let gen = KernelGen { cx, k, llvm_fn: function, b: &b, live, shape, slots, scalars, begin, end, reduce_all, inner_acc };
    let schedule = Schedule { gen: &gen, init, reduced_axis };
    if rows {
        schedule.run_rows()?;
    } else {
        schedule.run()?;
    }
    if let Some((op, dtype, slot)) = reduce_all {
        block_reduce(cx, &b, function, op, dtype, slot, partials)?;
    }
    b.build_return(None).ice()?;
    Ok(())
}

/// The loops of one GPU thread around the point body.
struct Schedule<'s, 'g, 'ctx, 'a> {
    gen: &'s KernelGen<'g, 'ctx, 'a>,
    /// The identity's bits (reduce-axis accumulators start from it).
    init: IntValue<'ctx>,
    reduced_axis: Option<usize>,
}

impl<'ctx> Schedule<'_, '_, 'ctx, '_> {
    fn i64(&self, v: i64) -> IntValue<'ctx> {
        self.gen.cx.ctx.i64_type().const_int(v as u64, true)
    }

    /// `[lo, hi)` of axis `d`: axis 0 is limited to `[begin, end)`.
    fn bounds(&self, d: usize) -> (IntValue<'ctx>, IntValue<'ctx>) {
        if d == 0 {
            (self.gen.begin, self.gen.end)
        } else {
            (self.i64(0), self.gen.shape[d])
        }
    }

    /// Every slot's address advanced by `index` along axis `d`.
    fn advance(&self, addrs: &[Option<PointerValue<'ctx>>], d: usize, index: IntValue<'ctx>) -> R<Vec<Option<PointerValue<'ctx>>>> {
        let b = self.gen.b;
        let mut out = Vec::new();
        for (s, addr) in addrs.iter().enumerate() {
            out.push(match (addr, &self.gen.slots[s]) {
                (Some(addr), Some(slot)) => {
                    let offset = b.build_int_mul(index, slot.strides[d], "off").ice()?;
                    let ty = crate::scalar::mem_type(self.gen.cx.ctx, slot.dtype);
                    // SAFETY: every address formed is an element of the slot's view.
                    Some(unsafe { b.build_in_bounds_gep(ty, *addr, &[offset], "addr").ice()? })
                }
                _ => None,
            });
        }
        Ok(out)
    }

    fn run(&self) -> R<()> {
        let gen = self.gen;
        let (cx, b) = (gen.cx, gen.b);
        let function = gen.llvm_fn;
        let bases: Vec<Option<PointerValue<'ctx>>> = gen.slots.iter().map(|s| s.as_ref().map(|s| s.base)).collect();
        let parallel: Vec<usize> = (0..gen.k.ndim).filter(|d| Some(*d) != self.reduced_axis).collect();
        let mut indices = vec![self.i64(0); gen.k.ndim];
        let Some((&x_axis, outer)) = parallel.split_last() else {
            // Nothing to spread over threads: thread 0 of block 0 does all.
            let mut first = b.build_int_compare(IntPredicate::EQ, sreg(cx, b, "tid.x")?, self.i64(0), "t0").ice()?;
            for reg in ["ctaid.x", "ctaid.y"] {
                let zero = b.build_int_compare(IntPredicate::EQ, sreg(cx, b, reg)?, self.i64(0), "b0").ice()?;
                first = b.build_and(first, zero, "first").ice()?;
            }
            let nonempty = b.build_int_compare(IntPredicate::SLT, gen.begin, gen.end, "nonempty").ice()?;
            let run = cx.ctx.append_basic_block(function, "single");
            let done = cx.ctx.append_basic_block(function, "single.end");
            b.build_conditional_branch(b.build_and(first, nonempty, "go").ice()?, run, done).ice()?;
            b.position_at_end(run);
            self.point(&bases, &mut indices)?;
            b.build_unconditional_branch(done).ice()?;
            b.position_at_end(done);
            return Ok(());
        };
        // Rows: the outer parallel axes flattened, over y.
        let mut rows = self.i64(1);
        let mut extents = Vec::new();
        for &d in outer {
            let (lo, hi) = self.bounds(d);
            let extent = b.build_int_sub(hi, lo, "extent").ice()?;
            rows = b.build_int_mul(rows, extent, "rows").ice()?;
            extents.push((d, lo, extent));
        }
        // Block row y takes the rows [y * c, min((y + 1) * c, rows)), c = ceil(rows / ny):
        // consecutive rows in one block, so a stencil's neighbour rows are still in its cache.
        let ny = sreg(cx, b, "nctaid.y")?;
        let y = sreg(cx, b, "ctaid.y")?;
        let chunk = b.build_int_unsigned_div(b.build_int_add(rows, b.build_int_sub(ny, self.i64(1), "ny1").ice()?, "rows.up").ice()?, ny, "chunk").ice()?;
        let row_start = b.build_int_mul(y, chunk, "row.lo").ice()?;
        let row_next = b.build_int_add(row_start, chunk, "row.next").ice()?;
        let row_end = b.build_select(b.build_int_compare(IntPredicate::SLT, row_next, rows, "inside").ice()?, row_next, rows, "row.hi").ice()?.into_int_value();
        let row_step = self.i64(1);
        let (x_lo, x_hi) = self.bounds(x_axis);
        let block = b.build_int_mul(sreg(cx, b, "ctaid.x")?, sreg(cx, b, "ntid.x")?, "block").ice()?;
        let lane = b.build_int_add(block, sreg(cx, b, "tid.x")?, "lane").ice()?;
        let x_start = b.build_int_add(x_lo, lane, "x0").ice()?;
        let x_step = b.build_int_mul(sreg(cx, b, "nctaid.x")?, sreg(cx, b, "ntid.x")?, "xstep").ice()?;
        counted_loop(cx, b, function, row_start, row_step, row_end, "row", &mut |r| {
            let addrs = self.at_flat(&bases, &extents, r, &mut indices)?;
            counted_loop(cx, b, function, x_start, x_step, x_hi, "x", &mut |x| {
                indices[x_axis] = x;
                let point = self.advance(&addrs, x_axis, x)?;
                self.point(&point, &mut indices)
            })
        })
    }

    /// The slots' addresses at flat index `flat` of the axes `extents` lists (axis, lower
    /// bound, extent; the last varies fastest), with `indices` set for those axes.
    fn at_flat(
        &self,
        bases: &[Option<PointerValue<'ctx>>],
        extents: &[(usize, IntValue<'ctx>, IntValue<'ctx>)],
        flat: IntValue<'ctx>,
        indices: &mut [IntValue<'ctx>],
    ) -> R<Vec<Option<PointerValue<'ctx>>>> {
        let b = self.gen.b;
        let mut addrs = bases.to_vec();
        let mut rest = flat;
        for (i, &(d, lo, extent)) in extents.iter().enumerate().rev() {
            let within = if i == 0 { rest } else { b.build_int_signed_rem(rest, extent, "within").ice()? };
            if i > 0 {
                rest = b.build_int_signed_div(rest, extent, "rest").ice()?;
            }
            let index = b.build_int_add(lo, within, "i").ice()?;
            indices[d] = index;
            addrs = self.advance(&addrs, d, index)?;
        }
        Ok(addrs)
    }

    /// The rows entry (see [`rows_entry_name`]): block `ctaid.x` takes output elements
    /// `ctaid.x, ctaid.x + nctaid.x, ...`; its threads read the row at `tid.x, tid.x +
    /// ntid.x, ...` into their accumulators, which a tree in shared memory combines; thread
    /// 0 stores the result.
    fn run_rows(&self) -> R<()> {
        let gen = self.gen;
        let (cx, b) = (gen.cx, gen.b);
        let function = gen.llvm_fn;
        let axis = self.reduced_axis.ok_or_else(|| ice("rows entry without a reduced axis"))?;
        let acc = gen.inner_acc.ok_or_else(|| ice("rows entry without accumulator"))?;
        let dtype = gen.slots[0].as_ref().ok_or_else(|| ice("rows entry without destination"))?.dtype;
        let KernelOutput::ReduceAxis { op, .. } = gen.k.output else { return Err(ice("rows entry of a kernel that reduces no axis")) };
        let ops = Ops::new(cx, b);
        let bases: Vec<Option<PointerValue<'ctx>>> = gen.slots.iter().map(|s| s.as_ref().map(|s| s.base)).collect();
        let mut indices = vec![self.i64(0); gen.k.ndim];
        let mut outputs = self.i64(1);
        let mut extents = Vec::new();
        for d in (0..gen.k.ndim).filter(|&d| d != axis) {
            let (lo, hi) = self.bounds(d);
            let extent = b.build_int_sub(hi, lo, "extent").ice()?;
            outputs = b.build_int_mul(outputs, extent, "outputs").ice()?;
            extents.push((d, lo, extent));
        }
        let shared = shared_block(cx, function)?;
        counted_loop(cx, b, function, sreg(cx, b, "ctaid.x")?, sreg(cx, b, "nctaid.x")?, outputs, "out", &mut |o| {
            let addrs = self.at_flat(&bases, &extents, o, &mut indices)?;
            b.build_store(acc, ops.scalar_from_bits(self.init, dtype)?).ice()?;
            let (lo, hi) = self.bounds(axis);
            let first = b.build_int_add(lo, sreg(cx, b, "tid.x")?, "j0").ice()?;
            counted_loop(cx, b, function, first, sreg(cx, b, "ntid.x")?, hi, "red", &mut |j| {
                indices[axis] = j;
                let at = self.advance(&addrs, axis, j)?;
                gen.point(&at, indices.as_slice(), None)
            })?;
            let total = block_tree(cx, b, function, shared, op, dtype, acc)?;
            let is_first = b.build_int_compare(IntPredicate::EQ, sreg(cx, b, "tid.x")?, self.i64(0), "t0").ice()?;
            let write = cx.ctx.append_basic_block(function, "row.store");
            let done = cx.ctx.append_basic_block(function, "row.end");
            b.build_conditional_branch(is_first, write, done).ice()?;
            b.position_at_end(write);
            let dst = addrs[0].ok_or_else(|| ice("rows entry without destination"))?;
            let bits = b.build_load(cx.ctx.i64_type(), total, "total").ice()?.into_int_value();
            ops.store_element(dst, ops.scalar_from_bits(bits, dtype)?, dtype)?;
            b.build_unconditional_branch(done).ice()?;
            b.position_at_end(done);
            Ok(())
        })
    }

    /// One point of the parallel axes: the body, or for reduce-axis the
    /// sequential loop over the reduced axis and the store of its result.
    fn point(&self, addrs: &[Option<PointerValue<'ctx>>], indices: &mut Vec<IntValue<'ctx>>) -> R<()> {
        let gen = self.gen;
        let Some(axis) = self.reduced_axis else {
            return gen.point(addrs, indices, None);
        };
        let (cx, b) = (gen.cx, gen.b);
        let acc = gen.inner_acc.ok_or_else(|| ice("reduce-axis kernel without accumulator"))?;
        let dtype = gen.slots[0].as_ref().ok_or_else(|| ice("reduce-axis kernel without destination"))?.dtype;
        let ops = Ops::new(cx, b);
        b.build_store(acc, ops.scalar_from_bits(self.init, dtype)?).ice()?;
        let (lo, hi) = self.bounds(axis);
        counted_loop(cx, b, gen.llvm_fn, lo, self.i64(1), hi, "red", &mut |j| {
            indices[axis] = j;
            let at = self.advance(addrs, axis, j)?;
            gen.point(&at, indices, None)
        })?;
        let dst = addrs[0].ok_or_else(|| ice("reduce-axis kernel without destination"))?;
        let value = b.build_load(reg_type(cx.ctx, dtype), acc, "acc").ice()?;
        ops.store_element(dst, value, dtype)?;
        Ok(())
    }
}

/// Tree reduction of the block's accumulators in shared memory; thread 0
/// writes the block's partial (as bits) to `partials[blockIdx.y * gridDim.x + blockIdx.x]`.
fn block_reduce<'ctx>(
    cx: &Cx<'ctx, '_>,
    b: &Builder<'ctx>,
    function: FunctionValue<'ctx>,
    op: ir::ReduceOp,
    dtype: DType,
    slot: PointerValue<'ctx>,
    partials: PointerValue<'ctx>,
) -> R<()> {
    let i64_type = cx.ctx.i64_type();
    let shared = shared_block(cx, function)?;
    let total = block_tree(cx, b, function, shared, op, dtype, slot)?;
    let tid = sreg(cx, b, "tid.x")?;
    let first = b.build_int_compare(IntPredicate::EQ, tid, i64_type.const_zero(), "first").ice()?;
    let write = cx.ctx.append_basic_block(function, "partial");
    let done = cx.ctx.append_basic_block(function, "partial.end");
    b.build_conditional_branch(first, write, done).ice()?;
    b.position_at_end(write);
    let block_row = b.build_int_mul(sreg(cx, b, "ctaid.y")?, sreg(cx, b, "nctaid.x")?, "brow").ice()?;
    let block = b.build_int_add(block_row, sreg(cx, b, "ctaid.x")?, "block").ice()?;
    // SAFETY: the runtime allocates one word per block.
    let out = unsafe { b.build_in_bounds_gep(i64_type, partials, &[block], "out").ice()? };
    let total = b.build_load(i64_type, total, "total").ice()?;
    b.build_store(out, total).ice()?;
    b.build_unconditional_branch(done).ice()?;
    b.position_at_end(done);
    Ok(())
}

/// The block's shared array of `GPU_BLOCK` words.
fn shared_block<'ctx>(cx: &Cx<'ctx, '_>, function: FunctionValue<'ctx>) -> R<PointerValue<'ctx>> {
    let shared_type = cx.ctx.i64_type().array_type(GPU_BLOCK);
    let name = format!("{}.shared", function.get_name().to_string_lossy());
    let shared = cx.module.add_global(shared_type, Some(AddressSpace::from(3u16)), &name);
    shared.set_linkage(Linkage::Internal);
    shared.set_initializer(&shared_type.get_undef());
    Ok(shared.as_pointer_value())
}

/// Combines every thread's accumulator (`slot`) in the block's shared array by a tree; the
/// total (as bits) is then at the returned address, for every thread after the last barrier.
fn block_tree<'ctx>(
    cx: &Cx<'ctx, '_>,
    b: &Builder<'ctx>,
    function: FunctionValue<'ctx>,
    shared: PointerValue<'ctx>,
    op: ir::ReduceOp,
    dtype: DType,
    slot: PointerValue<'ctx>,
) -> R<PointerValue<'ctx>> {
    let i64_type = cx.ctx.i64_type();
    let ops = Ops::new(cx, b);
    let shared_type = i64_type.array_type(GPU_BLOCK);
    let at = |index: IntValue<'ctx>| -> R<PointerValue<'ctx>> {
        // SAFETY: `index` is below GPU_BLOCK.
        unsafe { b.build_in_bounds_gep(shared_type, shared, &[i64_type.const_zero(), index], "shared.at").ice() }
    };
    let barrier = cx.intrinsic("llvm.nvvm.barrier0", &[])?;
    let tid = sreg(cx, b, "tid.x")?;
    let value = b.build_load(reg_type(cx.ctx, dtype), slot, "acc").ice()?;
    b.build_store(at(tid)?, ops.scalar_to_bits(value, dtype)?).ice()?;
    let no_args: [BasicMetadataValueEnum<'ctx>; 0] = [];
    cx.call_void(b, barrier, &no_args)?;
    let mut half = GPU_BLOCK / 2;
    while half > 0 {
        let h = i64_type.const_int(half as u64, false);
        let active = b.build_int_compare(IntPredicate::ULT, tid, h, "active").ice()?;
        let combine = cx.ctx.append_basic_block(function, &format!("tree{half}"));
        let joined = cx.ctx.append_basic_block(function, &format!("tree{half}.end"));
        b.build_conditional_branch(active, combine, joined).ice()?;
        b.position_at_end(combine);
        let mine = at(tid)?;
        let other = at(b.build_int_add(tid, h, "other").ice()?)?;
        let left = b.build_load(i64_type, mine, "left").ice()?.into_int_value();
        let right = b.build_load(i64_type, other, "right").ice()?.into_int_value();
        let combined = ops.reduce(op, dtype, ops.scalar_from_bits(left, dtype)?, ops.scalar_from_bits(right, dtype)?)?;
        b.build_store(mine, ops.scalar_to_bits(combined, dtype)?).ice()?;
        b.build_unconditional_branch(joined).ice()?;
        b.position_at_end(joined);
        cx.call_void(b, barrier, &no_args)?;
        half /= 2;
    }
    at(i64_type.const_zero())
}
