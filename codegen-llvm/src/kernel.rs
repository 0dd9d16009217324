//! CPU kernels: one LLVM function per `ir::Kernel` with the
//! `runtime_abi::KernelFn` signature, a loop nest over the iteration space.
//!
//! Axis 0 runs over `[begin, end)`, the other axes over `shape[d]`. Each
//! slot's address is advanced per outer axis, so the innermost loop only
//! adds its own index. The innermost loop exists twice: a unit-stride copy,
//! taken when every slot it touches has innermost stride 1, and a strided
//! copy for everything else. Both carry `llvm.loop.parallel_accesses`
//! metadata: the runtime guarantees that the destination does not overlap an
//! input unless it is the very same view, so iterations are independent and
//! the vectoriser needs no run-time alias checks.

use inkwell::attributes::AttributeLoc;
use inkwell::builder::Builder;
use inkwell::types::BasicTypeEnum;
use inkwell::values::{BasicValueEnum, FunctionValue, IntValue, MetadataValue, PointerValue};
use inkwell::IntPredicate;

use ir::{DType, KExpr, Kernel, KernelOutput};

use crate::scalar::{mem_type, reg_type, Ops, Semantics};
use crate::{ice, Cx, OrIce, R};

/// Defines the body of one kernel function.
pub(crate) fn define<'ctx>(cx: &Cx<'ctx, '_>, k: &Kernel, llvm_fn: FunctionValue<'ctx>) -> R<()> {
    for i in 0..7u32 {
        if i == 4 || i == 5 {
            continue;
        }
        for attribute in ["noalias", "nocapture"] {
            llvm_fn.add_attribute(AttributeLoc::Param(i), cx.enum_attribute(attribute));
        }
        if i < 4 {
            llvm_fn.add_attribute(AttributeLoc::Param(i), cx.enum_attribute("readonly"));
        }
    }
    let param = |i: u32| llvm_fn.get_nth_param(i).ok_or_else(|| ice("kernel parameter missing"));
    let shape_ptr = param(0)?.into_pointer_value();
    let ptrs = param(1)?.into_pointer_value();
    let strides_ptr = param(2)?.into_pointer_value();
    let scalars_ptr = param(3)?.into_pointer_value();
    let begin = param(4)?.into_int_value();
    let end = param(5)?.into_int_value();
    let acc_ptr = param(6)?.into_pointer_value();

    let b = cx.ctx.create_builder();
    let entry = cx.ctx.append_basic_block(llvm_fn, "entry");
    b.position_at_end(entry);
    let i64_type = cx.ctx.i64_type();
    let ops = Ops::new(cx, &b);
    let load_word = |base: PointerValue<'ctx>, i: usize, ty: BasicTypeEnum<'ctx>, name: &str| -> R<BasicValueEnum<'ctx>> {
        // SAFETY: the runtime passes buffers of the documented sizes.
        let ptr = unsafe { b.build_in_bounds_gep(ty, base, &[i64_type.const_int(i as u64, false)], "p").ice()? };
        b.build_load(ty, ptr, name).ice()
    };

    let live = live_expressions(k);
    let ndim = k.ndim;
    let mut shape = Vec::new();
    for d in 0..ndim {
        shape.push(load_word(shape_ptr, d, i64_type.into(), &format!("n{d}"))?.into_int_value());
    }
    let mut slots: Vec<Option<Slot<'ctx>>> = Vec::new();
    for (s, dtype) in slot_dtypes(k, &live).into_iter().enumerate() {
        let Some(dtype) = dtype else {
            slots.push(None);
            continue;
        };
        let base = load_word(ptrs, s, cx.ptr_type().into(), &format!("ptr{s}"))?.into_pointer_value();
        let mut strides = Vec::new();
        for d in 0..ndim {
            strides.push(load_word(strides_ptr, s * ndim + d, i64_type.into(), &format!("st{s}.{d}"))?.into_int_value());
        }
        slots.push(Some(Slot { dtype, base, strides }));
    }
    let mut scalars = Vec::new();
    for (i, dtype) in k.scalars.iter().enumerate() {
        let bits = load_word(scalars_ptr, i, i64_type.into(), &format!("s{i}"))?.into_int_value();
        scalars.push(ops.scalar_from_bits(bits, *dtype)?);
    }
    let reduce_all = match k.output {
        KernelOutput::ReduceAll { op, dtype } | KernelOutput::StoreReduce { op, acc: dtype, .. } => {
            let slot = b.build_alloca(reg_type(cx.ctx, dtype), "acc").ice()?;
            let bits = b.build_load(i64_type, acc_ptr, "acc.bits").ice()?.into_int_value();
            b.build_store(slot, ops.scalar_from_bits(bits, dtype)?).ice()?;
            Some((op, dtype, slot))
        }
        _ => None,
    };
    let inner_acc = match k.output {
        KernelOutput::ReduceAxis { dtype, axis, .. } if ndim > 0 && axis == ndim - 1 => {
            Some(b.build_alloca(reg_type(cx.ctx, dtype), "inner.acc").ice()?)
        }
        _ => None,
    };

    let gen = KernelGen { cx, k, llvm_fn, b: &b, live, shape, slots, scalars, begin, end, reduce_all, inner_acc };
    let bases: Vec<Option<PointerValue<'ctx>>> = gen.slots.iter().map(|s| s.as_ref().map(|s| s.base)).collect();
    if ndim == 0 {
        let run = cx.ctx.append_basic_block(llvm_fn, "point");
        let done = cx.ctx.append_basic_block(llvm_fn, "done");
        let nonempty = b.build_int_compare(IntPredicate::SLT, begin, end, "nonempty").ice()?;
        b.build_conditional_branch(nonempty, run, done).ice()?;
        b.position_at_end(run);
        gen.point(&bases, &[], None)?;
        b.build_unconditional_branch(done).ice()?;
        b.position_at_end(done);
    } else {
        let mut indices = Vec::new();
        gen.axis(0, bases, &mut indices)?;
    }
    if let Some((_, dtype, slot)) = gen.reduce_all {
        let value = b.build_load(reg_type(cx.ctx, dtype), slot, "acc").ice()?;
        let bits = ops.scalar_to_bits(value, dtype)?;
        b.build_store(acc_ptr, bits).ice()?;
    }
    b.build_return(None).ice()?;
    Ok(())
}

/// One array operand of the loop nest: its element type, data pointer and strides.
pub(crate) struct Slot<'ctx> {
    pub dtype: DType,
    pub base: PointerValue<'ctx>,
    pub strides: Vec<IntValue<'ctx>>,
}

/// The element type of every slot the kernel touches, `None` for the others.
/// Slot 0 is the destination (absent for reduce-all); slot 1 + i is array operand i
/// (absent when no live expression loads it and it is no further output).
pub fn slot_dtypes(k: &Kernel, live: &[bool]) -> Vec<Option<DType>> {
    let mut dtypes = vec![match k.output {
        KernelOutput::Store { dtype } | KernelOutput::ReduceAxis { dtype, .. } | KernelOutput::StoreReduce { dtype, .. } => Some(dtype),
        KernelOutput::ReduceAll { .. } => None,
    }];
    for (i, array) in k.arrays.iter().enumerate() {
        let used = k.is_output(i) || k.exprs.iter().any(|(e, x)| live[e.index()] && matches!(x, KExpr::Array(j) if *j == i));
        dtypes.push(used.then_some(array.dtype));
    }
    dtypes
}

/// Marks the expressions the root depends on (the arena is topologically ordered).
pub fn live_expressions(k: &Kernel) -> Vec<bool> {
    let mut live = vec![false; k.exprs.len()];
    if k.root.index() < live.len() {
        live[k.root.index()] = true;
    }
    if let KernelOutput::StoreReduce { value, .. } = k.output {
        if value.index() < live.len() {
            live[value.index()] = true;
        }
    }
    for value in &k.also {
        if value.index() < live.len() {
            live[value.index()] = true;
        }
    }
    for (e, expr) in k.exprs.iter().collect::<Vec<_>>().into_iter().rev() {
        if !live[e.index()] {
            continue;
        }
        let operands = match expr {
            KExpr::Unary(_, a) | KExpr::Cast(_, a) | KExpr::Math(_, a) => vec![*a],
            KExpr::Binary(_, a, b) | KExpr::Compare(_, a, b) => vec![*a, *b],
            KExpr::Select(c, a, b) => vec![*c, *a, *b],
            KExpr::Array(_) | KExpr::Scalar(_) | KExpr::Const(_) | KExpr::Index(_) => vec![],
        };
        for o in operands {
            live[o.index()] = true;
        }
    }
    live
}

pub(crate) struct KernelGen<'g, 'ctx, 'a> {
    pub cx: &'g Cx<'ctx, 'a>,
    pub k: &'g Kernel,
    pub llvm_fn: FunctionValue<'ctx>,
    pub b: &'g Builder<'ctx>,
    pub live: Vec<bool>,
    pub shape: Vec<IntValue<'ctx>>,
    pub slots: Vec<Option<Slot<'ctx>>>,
    pub scalars: Vec<BasicValueEnum<'ctx>>,
    pub begin: IntValue<'ctx>,
    pub end: IntValue<'ctx>,
    /// For reduce-all: the operator, dtype and the accumulator's alloca.
    pub reduce_all: Option<(ir::ReduceOp, DType, PointerValue<'ctx>)>,
    /// For a reduction along the innermost axis: the register accumulator's alloca.
    pub inner_acc: Option<PointerValue<'ctx>>,
}

impl<'g, 'ctx, 'a> KernelGen<'g, 'ctx, 'a> {
    fn ops(&self) -> Ops<'_, 'ctx, 'a> {
        Ops::new(self.cx, self.b)
    }

    fn i64(&self, v: i64) -> IntValue<'ctx> {
        self.cx.ctx.i64_type().const_int(v as u64, true)
    }

    /// `base + offset` elements of the slot's dtype.
    fn advance(&self, slot: usize, base: PointerValue<'ctx>, offset: IntValue<'ctx>) -> R<PointerValue<'ctx>> {
        let dtype = self.slots[slot].as_ref().ok_or_else(|| ice("inactive slot"))?.dtype;
        // SAFETY: every address formed is an element of the slot's view.
        unsafe { self.b.build_in_bounds_gep(mem_type(self.cx.ctx, dtype), base, &[offset], "addr").ice() }
    }

    /// The loop over axis `d`, given each slot's address at index 0 of axes `d..`.
    fn axis(&self, d: usize, bases: Vec<Option<PointerValue<'ctx>>>, indices: &mut Vec<IntValue<'ctx>>) -> R<()> {
        let (lo, hi) = if d == 0 { (self.begin, self.end) } else { (self.i64(0), self.shape[d]) };
        if d + 1 == self.k.ndim {
            return self.innermost(d, lo, hi, bases, indices);
        }
        let b = self.b;
        let ctx = self.cx.ctx;
        let pre = b.get_insert_block().ok_or_else(|| ice("no insert block"))?;
        let body = ctx.append_basic_block(self.llvm_fn, &format!("axis{d}"));
        let exit = ctx.append_basic_block(self.llvm_fn, &format!("axis{d}.end"));
        let nonempty = b.build_int_compare(IntPredicate::SLT, lo, hi, "nonempty").ice()?;
        b.build_conditional_branch(nonempty, body, exit).ice()?;
        b.position_at_end(body);
        let i = b.build_phi(ctx.i64_type(), &format!("i{d}")).ice()?;
        let iv = i.as_basic_value().into_int_value();
        let mut inner_bases = Vec::new();
        for (s, base) in bases.iter().enumerate() {
            inner_bases.push(match (base, &self.slots[s]) {
                (Some(base), Some(slot)) => {
                    let offset = b.build_int_mul(iv, slot.strides[d], "off").ice()?;
                    Some(self.advance(s, *base, offset)?)
                }
                _ => None,
            });
        }
        indices.push(iv);
        self.axis(d + 1, inner_bases, indices)?;
        indices.pop();
        let next = b.build_int_add(iv, self.i64(1), "next").ice()?;
        let latch = b.get_insert_block().ok_or_else(|| ice("no insert block"))?;
        let more = b.build_int_compare(IntPredicate::SLT, next, hi, "more").ice()?;
        b.build_conditional_branch(more, body, exit).ice()?;
        i.add_incoming(&[(&lo, pre), (&next, latch)]);
        b.position_at_end(exit);
        Ok(())
    }

    /// The innermost axis: picks the unit-stride or the strided copy at run time.
    fn innermost(
        &self,
        d: usize,
        lo: IntValue<'ctx>,
        hi: IntValue<'ctx>,
        bases: Vec<Option<PointerValue<'ctx>>>,
        indices: &mut Vec<IntValue<'ctx>>,
    ) -> R<()> {
        let b = self.b;
        let ctx = self.cx.ctx;
        let mut starts = Vec::new();
        for (s, base) in bases.iter().enumerate() {
            starts.push(match (base, &self.slots[s]) {
                (Some(base), Some(slot)) if d == 0 => {
                    let offset = b.build_int_mul(lo, slot.strides[d], "off").ice()?;
                    Some(self.advance(s, *base, offset)?)
                }
                (base, _) => *base,
            });
        }
        if let Some(acc) = self.inner_acc {
            // Reduction along this axis: the destination element is fixed; keep it in a register.
            let dst = starts[0].ok_or_else(|| ice("reduce-axis kernel without destination"))?;
            let dtype = self.slots[0].as_ref().ok_or_else(|| ice("no destination slot"))?.dtype;
            let (value, _) = self.ops().load_element(dst, dtype)?;
            b.build_store(acc, value).ice()?;
        }
        // A float sum over all points sums each row on its own first (from zero), then adds
        // the row to the running sum: with short rows a leaf of the runtime's pairwise sum
        // (`launch::pairwise_sum`) is otherwise one long chain of additions.
        let row_sum = match self.reduce_all {
            Some((ir::ReduceOp::Sum, dtype, slot)) if d > 0 && dtype.is_float() => {
                let ty = reg_type(ctx, dtype);
                let before = b.build_load(ty, slot, "acc.before").ice()?;
                b.build_store(slot, ty.const_zero()).ice()?;
                Some((before, dtype, slot))
            }
            _ => None,
        };
        let mut unit = self.cx.ctx.bool_type().const_int(1, false);
        for (s, slot) in self.slots.iter().enumerate() {
            let Some(slot) = slot else { continue };
            if s == 0 && self.inner_acc.is_some() {
                continue;
            }
            let is_one = b.build_int_compare(IntPredicate::EQ, slot.strides[d], self.i64(1), "unit").ice()?;
            unit = b.build_and(unit, is_one, "unit").ice()?;
        }
        let n = b.build_int_sub(hi, lo, "count").ice()?;
        let fast = ctx.append_basic_block(self.llvm_fn, "inner.unit");
        let strided = ctx.append_basic_block(self.llvm_fn, "inner.strided");
        let join = ctx.append_basic_block(self.llvm_fn, "inner.end");
        b.build_conditional_branch(unit, fast, strided).ice()?;
        for (block, unit_stride) in [(fast, true), (strided, false)] {
            b.position_at_end(block);
            match self.copy_source() {
                Some(source) if unit_stride => self.copy_row(n, &starts, source, d, lo, indices)?,
                _ => self.inner_loop(d, lo, n, &starts, unit_stride, indices)?,
            }
            b.build_unconditional_branch(join).ice()?;
        }
        b.position_at_end(join);
        if let Some((before, dtype, slot)) = row_sum {
            let row = b.build_load(reg_type(ctx, dtype), slot, "acc.row").ice()?;
            let sum = self.ops().reduce(ir::ReduceOp::Sum, dtype, before, row)?;
            b.build_store(slot, sum).ice()?;
        }
        if let Some(acc) = self.inner_acc {
            let dst = starts[0].ok_or_else(|| ice("reduce-axis kernel without destination"))?;
            let dtype = self.slots[0].as_ref().ok_or_else(|| ice("no destination slot"))?.dtype;
            let value = b.build_load(reg_type(ctx, dtype), acc, "acc").ice()?;
            self.ops().store_element(dst, value, dtype)?;
        }
        Ok(())
    }

    /// For a kernel that only copies input `i` into a destination of the same
    /// dtype (`a[...] = b`), the slot of that input.
    fn copy_source(&self) -> Option<usize> {
        match (self.k.output, &self.k.exprs[self.k.root]) {
            // Not with further outputs, which a copy of the row would not write.
            (KernelOutput::Store { dtype }, KExpr::Array(i)) if self.k.arrays[*i].dtype == dtype && self.k.also.is_empty() => Some(1 + i),
            _ => None,
        }
    }

    /// A unit-stride row of a copy kernel: `memmove` for long rows (the C
    /// library's copy avoids reading the destination into the cache first),
    /// the loop for short ones.
    fn copy_row(
        &self,
        n: IntValue<'ctx>,
        starts: &[Option<PointerValue<'ctx>>],
        source: usize,
        d: usize,
        lo: IntValue<'ctx>,
        indices: &mut Vec<IntValue<'ctx>>,
    ) -> R<()> {
        const MIN_MEMMOVE_ELEMENTS: i64 = 256;
        let b = self.b;
        let ctx = self.cx.ctx;
        let dtype = self.slots[0].as_ref().ok_or_else(|| ice("copy kernel without destination"))?.dtype;
        let dst = starts[0].ok_or_else(|| ice("copy kernel without destination"))?;
        let src = starts[source].ok_or_else(|| ice("copy kernel without source"))?;
        let long = b.build_int_compare(IntPredicate::SGE, n, self.i64(MIN_MEMMOVE_ELEMENTS), "long").ice()?;
        let bulk = ctx.append_basic_block(self.llvm_fn, "copy.bulk");
        let short = ctx.append_basic_block(self.llvm_fn, "copy.short");
        let done = ctx.append_basic_block(self.llvm_fn, "copy.end");
        b.build_conditional_branch(long, bulk, short).ice()?;
        b.position_at_end(bulk);
        let bytes = b.build_int_mul(n, self.i64(dtype.size_bytes() as i64), "bytes").ice()?;
        let align = dtype.size_bytes() as u32;
        b.build_memmove(dst, align, src, align, bytes).ice()?;
        b.build_unconditional_branch(done).ice()?;
        b.position_at_end(short);
        self.inner_loop(d, lo, n, starts, true, indices)?;
        b.build_unconditional_branch(done).ice()?;
        b.position_at_end(done);
        Ok(())
    }

    /// One copy of the innermost loop, `i` in `0..n`, in rotated form.
    fn inner_loop(
        &self,
        d: usize,
        lo: IntValue<'ctx>,
        n: IntValue<'ctx>,
        starts: &[Option<PointerValue<'ctx>>],
        unit_stride: bool,
        indices: &mut Vec<IntValue<'ctx>>,
    ) -> R<()> {
        let b = self.b;
        let ctx = self.cx.ctx;
        let (group, loop_id) = self.cx.parallel_loop_metadata()?;
        let suffix = if unit_stride { "u" } else { "s" };
        let pre = b.get_insert_block().ok_or_else(|| ice("no insert block"))?;
        let body = ctx.append_basic_block(self.llvm_fn, &format!("loop.{suffix}"));
        let exit = ctx.append_basic_block(self.llvm_fn, &format!("loop.{suffix}.end"));
        let nonempty = b.build_int_compare(IntPredicate::SGT, n, self.i64(0), "nonempty").ice()?;
        b.build_conditional_branch(nonempty, body, exit).ice()?;
        b.position_at_end(body);
        let i = b.build_phi(ctx.i64_type(), "i").ice()?;
        let iv = i.as_basic_value().into_int_value();
        let mut addrs = Vec::new();
        for (s, start) in starts.iter().enumerate() {
            addrs.push(match (start, &self.slots[s]) {
                (Some(start), Some(slot)) => {
                    if unit_stride {
                        Some(self.advance(s, *start, iv)?)
                    } else {
                        let offset = b.build_int_mul(iv, slot.strides[d], "off").ice()?;
                        Some(self.advance(s, *start, offset)?)
                    }
                }
                _ => None,
            });
        }
        let index = if d == 0 { b.build_int_add(lo, iv, "idx").ice()? } else { iv };
        indices.push(index);
        self.point(&addrs, indices, Some(group))?;
        indices.pop();
        let next = b.build_int_add(iv, self.i64(1), "next").ice()?;
        let latch = b.get_insert_block().ok_or_else(|| ice("no insert block"))?;
        let more = b.build_int_compare(IntPredicate::SLT, next, n, "more").ice()?;
        let branch = b.build_conditional_branch(more, body, exit).ice()?;
        branch.set_metadata(loop_id, ctx.get_kind_id("llvm.loop")).map_err(|e| ice(format!("{e:?}")))?;
        i.add_incoming(&[(&self.i64(0), pre), (&next, latch)]);
        b.position_at_end(exit);
        Ok(())
    }

    /// Evaluates the expression tree at one point and writes the output.
    pub fn point(&self, addrs: &[Option<PointerValue<'ctx>>], indices: &[IntValue<'ctx>], group: Option<MetadataValue<'ctx>>) -> R<()> {
        let b = self.b;
        let ops = self.ops();
        let k = self.k;
        let tag = |instruction: inkwell::values::InstructionValue<'ctx>| -> R<()> {
            if let Some(group) = group {
                instruction
                    .set_metadata(group, self.cx.ctx.get_kind_id("llvm.access.group"))
                    .map_err(|e| ice(format!("{e:?}")))?;
            }
            Ok(())
        };
        let mut values: Vec<Option<BasicValueEnum<'ctx>>> = vec![None; k.exprs.len()];
        for (e, expr) in k.exprs.iter() {
            if !self.live[e.index()] {
                continue;
            }
            let dtype = k.expr_dtype(e);
            let get = |x: ir::KExprId| values[x.index()].ok_or_else(|| ice(format!("kernel %{} used before definition", x.index())));
            let value = match expr {
                KExpr::Array(i) => {
                    let addr = addrs.get(1 + i).copied().flatten().ok_or_else(|| ice(format!("input a{i} has no address")))?;
                    let (value, load) = ops.load_element(addr, k.arrays[*i].dtype)?;
                    tag(load)?;
                    value
                }
                KExpr::Scalar(i) => *self.scalars.get(*i).ok_or_else(|| ice(format!("scalar s{i} out of range")))?,
                KExpr::Const(c) => ops.constant(c, dtype)?,
                KExpr::Index(axis) => (*indices.get(*axis).ok_or_else(|| ice(format!("index {axis} out of range")))?).into(),
                KExpr::Unary(op, a) => ops.unary(*op, k.expr_dtype(*a), get(*a)?, Semantics::NumPy)?,
                KExpr::Binary(op, a, c) => ops.binary(*op, k.expr_dtype(*a), get(*a)?, get(*c)?, Semantics::NumPy)?,
                KExpr::Compare(op, a, c) => ops.compare(*op, k.expr_dtype(*a), get(*a)?, get(*c)?)?.into(),
                KExpr::Cast(to, a) => ops.cast(k.expr_dtype(*a), *to, get(*a)?)?,
                KExpr::Select(c, t, o) => b.build_select(get(*c)?.into_int_value(), get(*t)?, get(*o)?, "select").ice()?,
                KExpr::Math(f, a) => ops.math(*f, k.expr_dtype(*a), get(*a)?)?,
            };
            values[e.index()] = Some(value);
        }
        let root = values[k.root.index()].ok_or_else(|| ice("kernel root not evaluated"))?;
        for (i, value) in k.outputs().zip(&k.also) {
            let addr = addrs.get(1 + i).copied().flatten().ok_or_else(|| ice(format!("output a{i} has no address")))?;
            let value = values[value.index()].ok_or_else(|| ice("further output not evaluated"))?;
            tag(ops.store_element(addr, value, k.arrays[i].dtype)?)?;
        }
        match k.output {
            KernelOutput::Store { dtype } => {
                let dst = addrs[0].ok_or_else(|| ice("store kernel without destination"))?;
                tag(ops.store_element(dst, root, dtype)?)?;
            }
            KernelOutput::ReduceAll { op, dtype } => {
                let (_, _, slot) = self.reduce_all.ok_or_else(|| ice("reduce-all without accumulator"))?;
                let acc = b.build_load(reg_type(self.cx.ctx, dtype), slot, "acc").ice()?;
                let combined = ops.reduce(op, dtype, acc, root)?;
                b.build_store(slot, combined).ice()?;
            }
            KernelOutput::StoreReduce { dtype, op, acc: acc_dtype, value } => {
                let dst = addrs[0].ok_or_else(|| ice("store kernel without destination"))?;
                tag(ops.store_element(dst, root, dtype)?)?;
                let reduced = values[value.index()].ok_or_else(|| ice("reduced value not evaluated"))?;
                let (_, _, slot) = self.reduce_all.ok_or_else(|| ice("store-reduce without accumulator"))?;
                let acc = b.build_load(reg_type(self.cx.ctx, acc_dtype), slot, "acc").ice()?;
                let combined = ops.reduce(op, acc_dtype, acc, reduced)?;
                b.build_store(slot, combined).ice()?;
            }
            KernelOutput::ReduceAxis { op, dtype, .. } => match self.inner_acc {
                Some(slot) => {
                    let acc = b.build_load(reg_type(self.cx.ctx, dtype), slot, "acc").ice()?;
                    let combined = ops.reduce(op, dtype, acc, root)?;
                    b.build_store(slot, combined).ice()?;
                }
                None => {
                    let dst = addrs[0].ok_or_else(|| ice("reduce-axis kernel without destination"))?;
                    let (old, load) = ops.load_element(dst, dtype)?;
                    tag(load)?;
                    let combined = ops.reduce(op, dtype, old, root)?;
                    tag(ops.store_element(dst, combined, dtype)?)?;
                }
            },
        }
        Ok(())
    }
}
