//! Host code: IR functions, statements and host expressions, with the array
//! ownership rules of `ir::StmtKind` (retain, release, new references).
//!
//! Locals live in allocas in the entry block (mem2reg promotes them); array
//! and string locals start as null. A function returns its non-None results
//! directly (one) or as a struct (several).

use inkwell::basic_block::BasicBlock;
use inkwell::builder::Builder;
use inkwell::types::{BasicType, BasicTypeEnum};
use inkwell::values::{BasicMetadataValueEnum, BasicValue, BasicValueEnum, FunctionValue, IntValue, PointerValue};
use inkwell::{FloatPredicate, IntPredicate};

use ir::{
    ClockKind, Const, DType, Expr, ExprId, Function, IndexItem, KernelOutput, LibraryOp, LogicalOp, Place, ReduceOp,
    ShapeSpec, Stmt, StmtKind, Type,
};
use runtime_abi as abi;

use crate::scalar::{Ops, Semantics};
use crate::{ice, scalar_dtype, zero_value, Cx, OrIce, R};

/// Defines the LLVM body of one IR function.
pub(crate) fn define<'ctx>(cx: &Cx<'ctx, '_>, fid: ir::FuncId, f: &Function, llvm_fn: FunctionValue<'ctx>) -> R<()> {
    let entry = cx.ctx.append_basic_block(llvm_fn, "entry");
    let body = cx.ctx.append_basic_block(llvm_fn, "body");
    let releases = ir::liveness::releases(cx.ir, fid);
    let mut g =
        FnGen { cx, fid, f, llvm_fn, b: cx.ctx.create_builder(), entry, locals: Vec::new(), loops: Vec::new(), releases };
    g.prologue()?;
    g.b.position_at_end(body);
    g.block(&f.body)?;
    if !g.terminated() {
        // Falling off the end: Python returns None; any declared results get zeros.
        g.return_values(Vec::new())?;
    }
    // `return_values` leaves the builder in a fresh block with no predecessors.
    g.b.build_unreachable().ice()?;
    let alloca_builder = cx.ctx.create_builder();
    alloca_builder.position_at_end(entry);
    alloca_builder.build_unconditional_branch(body).ice()?;
    Ok(())
}

/// The state of lowering one IR function.
struct FnGen<'g, 'ctx, 'a> {
    cx: &'g Cx<'ctx, 'a>,
    fid: ir::FuncId,
    f: &'g Function,
    llvm_fn: FunctionValue<'ctx>,
    b: Builder<'ctx>,
    /// The entry block: allocas only, until its branch to `body` is added at the end.
    entry: BasicBlock<'ctx>,
    /// The alloca of each local (`None` for None-typed locals).
    locals: Vec<Option<PointerValue<'ctx>>>,
    /// Innermost last: (target of `continue`, target of `break`).
    loops: Vec<(BasicBlock<'ctx>, BasicBlock<'ctx>)>,
    /// The array places released after each statement, their last use (`ir::liveness`).
    releases: std::collections::HashMap<ir::StmtId, Vec<Place>>,
}

impl<'g, 'ctx, 'a> FnGen<'g, 'ctx, 'a> {
    fn ops(&self) -> Ops<'_, 'ctx, 'a> {
        Ops::new(self.cx, &self.b)
    }

    fn i64(&self, v: i64) -> IntValue<'ctx> {
        self.cx.ctx.i64_type().const_int(v as u64, true)
    }

    fn ty(&self, e: ExprId) -> R<&'g Type> {
        self.f.expr_types.get(e).ok_or_else(|| ice(format!("expression %{} of @{} has no type", e.index(), self.f.name)))
    }

    fn dtype(&self, e: ExprId) -> R<DType> {
        scalar_dtype(self.ty(e)?)
    }

    /// An alloca in the entry block.
    fn alloca(&self, ty: BasicTypeEnum<'ctx>, name: &str) -> R<PointerValue<'ctx>> {
        let builder = self.cx.ctx.create_builder();
        builder.position_at_end(self.entry);
        builder.build_alloca(ty, name).ice()
    }

    /// An entry-block buffer of `n` elements of `ty` (at least one, so it is never empty).
    fn buffer(&self, ty: BasicTypeEnum<'ctx>, n: usize, name: &str) -> R<PointerValue<'ctx>> {
        self.alloca(ty.array_type(n.max(1) as u32).into(), name)
    }

    fn buffer_slot(&self, buffer: PointerValue<'ctx>, ty: BasicTypeEnum<'ctx>, i: usize) -> R<PointerValue<'ctx>> {
        // SAFETY: `i` is within the buffer, which `buffer` sized.
        unsafe { self.b.build_in_bounds_gep(ty, buffer, &[self.i64(i as i64)], "slot").ice() }
    }

    fn terminated(&self) -> bool {
        self.b.get_insert_block().and_then(|block| block.get_terminator()).is_some()
    }

    /// Continues in a fresh block with no predecessors (after break, continue, return).
    fn start_dead_block(&self) {
        let dead = self.cx.ctx.append_basic_block(self.llvm_fn, "dead");
        self.b.position_at_end(dead);
    }

    fn prologue(&mut self) -> R<()> {
        let builder = self.cx.ctx.create_builder();
        builder.position_at_end(self.entry);
        for (v, var) in self.f.locals.iter() {
            let slot = match self.cx.value_type(&var.ty) {
                Some(ty) => {
                    let slot = builder.build_alloca(ty, &format!("l{}.{}", v.index(), var.name)).ice()?;
                    builder.build_store(slot, zero_value(ty)).ice()?;
                    Some(slot)
                }
                None => None,
            };
            self.locals.push(slot);
        }
        let mut index = 0;
        for p in &self.f.params {
            let Some(slot) = self.locals[p.index()] else { continue };
            let value = self.llvm_fn.get_nth_param(index).ok_or_else(|| ice("missing LLVM parameter"))?;
            index += 1;
            builder.build_store(slot, value).ice()?;
            let ty = &self.f.locals[*p].ty;
            if ty.is_handle() {
                // Array and list parameters are borrowed from the caller; the local owns a reference.
                let retain = if matches!(ty, Type::List(_)) { self.cx.rt.lt_list_retain } else { self.cx.rt.lt_array_retain };
                builder.build_call(retain, &[value.into()], "").ice()?;
            }
        }
        Ok(())
    }

    // ----- places and ownership -----

    fn place_type(&self, place: Place) -> Type {
        self.cx.ir.place_type(self.f, place)
    }

    fn place_ptr(&self, place: Place) -> R<Option<PointerValue<'ctx>>> {
        Ok(match place {
            Place::Local(v) => *self.locals.get(v.index()).ok_or_else(|| ice(format!("local %{} out of range", v.index())))?,
            Place::Global(g) => self
                .cx
                .globals
                .get(g.index())
                .ok_or_else(|| ice(format!("global @{} out of range", g.index())))?
                .map(|global| global.as_pointer_value()),
        })
    }

    /// Adds a reference to a handle (an array or a list) of type `ty`.
    fn retain(&self, handle: BasicValueEnum<'ctx>, ty: &Type) -> R<()> {
        let f = if matches!(ty, Type::List(_)) { self.cx.rt.lt_list_retain } else { self.cx.rt.lt_array_retain };
        self.cx.call_void(&self.b, f, &[handle.into()])
    }

    /// Drops a reference to a handle (an array or a list) of type `ty`.
    fn release(&self, handle: BasicValueEnum<'ctx>, ty: &Type) -> R<()> {
        let f = if matches!(ty, Type::List(_)) { self.cx.rt.lt_list_release } else { self.cx.rt.lt_array_release };
        self.cx.call_void(&self.b, f, &[handle.into()])
    }

    /// Stores a value into a place. For arrays, `value` is a reference the
    /// place takes over; the array it held before is released.
    fn store_owned(&self, place: Place, value: Option<BasicValueEnum<'ctx>>, value_type: &Type) -> R<()> {
        let place_type = self.place_type(place);
        let (Some(ptr), Some(value)) = (self.place_ptr(place)?, value) else { return Ok(()) };
        let value = match (&place_type, value_type) {
            (Type::Scalar { dtype: to, .. }, Type::Scalar { dtype: from, .. }) => self.ops().cast(*from, *to, value)?,
            _ => value,
        };
        if place_type.is_handle() {
            let old = self.b.build_load(self.cx.ptr_type(), ptr, "old").ice()?;
            self.release(old, &place_type)?;
        }
        self.b.build_store(ptr, value).ice()?;
        Ok(())
    }

    /// Releases every array local (at function exit).
    fn release_locals(&self) -> R<()> {
        for (v, var) in self.f.locals.iter() {
            if let (true, Some(slot)) = (var.ty.is_handle(), self.locals[v.index()]) {
                let array = self.b.build_load(self.cx.ptr_type(), slot, "local").ice()?;
                self.release(array, &var.ty)?;
            }
        }
        Ok(())
    }

    // ----- statements -----

    fn block(&mut self, block: &[Stmt]) -> R<()> {
        for stmt in block {
            self.stmt(stmt)?;
            // Places last used here: released now (the slot keeps null until redefined).
            for &v in self.releases.get(&stmt.id).map(Vec::as_slice).unwrap_or(&[]) {
                if let Some(slot) = self.place_ptr(v)? {
                    let array = self.b.build_load(self.cx.ptr_type(), slot, "dead").ice()?;
                    self.release(array, &self.place_type(v))?;
                    self.b.build_store(slot, self.cx.ptr_type().const_null()).ice()?;
                }
            }
        }
        Ok(())
    }

    fn stmt(&mut self, stmt: &Stmt) -> R<()> {
        if let Some(&entry) = self.cx.plan.index.get(&ir::StmtRef { func: self.fid, stmt: stmt.id }) {
            let entry = self.i64(entry);
            self.cx.call_void(&self.b, self.cx.rt.lt_stmt, &[entry.into()])?;
        }
        match &stmt.kind {
            StmtKind::Assign { dst, value } => {
                let ty = self.ty(*value)?;
                let v = self.expr(*value)?;
                if let (true, Some(array)) = (ty.is_handle(), v) {
                    // Retain before releasing the old value: `a = a` must not free `a`.
                    self.retain(array, ty)?;
                }
                self.store_owned(*dst, v, ty)
            }
            StmtKind::SetItem { array, indices, value } => {
                let array_dtype = match self.ty(*array)? {
                    Type::Array { dtype, .. } => *dtype,
                    other => return Err(ice(format!("setitem on a {other}"))),
                };
                let a = self.scalar(*array)?;
                let idx = self.index_buffer(indices)?;
                let v = self.scalar(*value)?;
                let v = self.ops().cast(self.dtype(*value)?, array_dtype, v)?;
                let n = self.i64(indices.len() as i64);
                if array_dtype.is_complex() {
                    // Part by part: the runtime exchanges one word.
                    let (re, im) = self.ops().parts(v)?;
                    for (part, x) in [re, im].into_iter().enumerate() {
                        let bits = self.ops().scalar_to_bits(x.into(), array_dtype.real_part())?;
                        let part = self.i64(part as i64);
                        self.cx.call_void(&self.b, self.cx.rt.lt_array_set_part, &[a.into(), n.into(), idx.into(), part.into(), bits.into()])?;
                    }
                    return Ok(());
                }
                let bits = self.ops().scalar_to_bits(v, array_dtype)?;
                self.cx.call_void(&self.b, self.cx.rt.lt_array_set, &[a.into(), n.into(), idx.into(), bits.into()])
            }
            StmtKind::Alloc { dst, dtype, shape } => {
                // The runtime lays the array out as the statement's plan entry says.
                let dtype_code = self.i64(dtype.code());
                let array = match shape {
                    ShapeSpec::Dims(dims) => {
                        let buffer = self.index_buffer(dims)?;
                        let n = self.i64(dims.len() as i64);
                        self.cx.call(&self.b, self.cx.rt.lt_array_new, &[dtype_code.into(), n.into(), buffer.into()])?
                    }
                    ShapeSpec::Broadcast { arrays, reuse } => {
                        let buffer = self.pointer_buffer(arrays)?;
                        let n = self.i64(arrays.len() as i64);
                        let reuse = self.i64(reuse.map_or(-1, |i| i as i64));
                        self.cx.call(
                            &self.b,
                            self.cx.rt.lt_array_new_broadcast,
                            &[dtype_code.into(), n.into(), buffer.into(), reuse.into()],
                        )?
                    }
                    ShapeSpec::Reduced { array, axis } => {
                        let src = self.scalar(*array)?;
                        let axis = self.i64(*axis as i64);
                        self.cx.call(
                            &self.b,
                            self.cx.rt.lt_array_new_reduced,
                            &[dtype_code.into(), src.into(), axis.into()],
                        )?
                    }
                };
                self.store_owned(*dst, Some(array), &self.place_type(*dst))
            }
            StmtKind::View { dst, src, index } => {
                let src_value = self.scalar(*src)?;
                let i64_type: BasicTypeEnum = self.cx.ctx.i64_type().into();
                let items = self.buffer(i64_type, 4 * index.len(), "view.items")?;
                for (i, item) in index.iter().enumerate() {
                    let words: [IntValue<'ctx>; 4] = match item {
                        IndexItem::Slice { start, stop, step } => {
                            let mut kind = abi::INDEX_SLICE;
                            let mut word = |bound: &Option<ExprId>, flag: i64| -> R<IntValue<'ctx>> {
                                Ok(match bound {
                                    Some(e) => {
                                        kind |= flag;
                                        self.index_value(*e)?
                                    }
                                    None => self.i64(0),
                                })
                            };
                            let start = word(start, abi::SLICE_HAS_START)?;
                            let stop = word(stop, abi::SLICE_HAS_STOP)?;
                            let step = word(step, abi::SLICE_HAS_STEP)?;
                            [self.i64(kind), start, stop, step]
                        }
                        IndexItem::Index(e) => [self.i64(abi::INDEX_INTEGER), self.index_value(*e)?, self.i64(0), self.i64(0)],
                        IndexItem::NewAxis => [self.i64(abi::INDEX_NEWAXIS), self.i64(0), self.i64(0), self.i64(0)],
                    };
                    for (w, word) in words.iter().enumerate() {
                        let slot = self.buffer_slot(items, i64_type, 4 * i + w)?;
                        self.b.build_store(slot, *word).ice()?;
                    }
                }
                let n = self.i64(index.len() as i64);
                let view = self.cx.call(&self.b, self.cx.rt.lt_array_view, &[src_value.into(), n.into(), items.into()])?;
                self.store_owned(*dst, Some(view), &self.place_type(*dst))
            }
            StmtKind::Launch { kernel, dst, arrays, scalars, result } => self.launch(*kernel, *dst, arrays, scalars, *result),
            StmtKind::Library { op, dst, args } => {
                let buffer = self.pointer_buffer(args)?;
                let (code, param) = library_code(op);
                let args = [self.i64(code).into(), self.i64(param).into(), self.i64(args.len() as i64).into(), buffer.into()];
                let array = self.cx.call(&self.b, self.cx.rt.lt_library, &args)?;
                self.store_owned(*dst, Some(array), &self.place_type(*dst))
            }
            StmtKind::Runtime { func, args, dst } => self.runtime_call(*func, args, *dst),
            StmtKind::Call { func, args, results } => self.call(*func, args, results),
            StmtKind::If { cond, then_body, else_body } => {
                let c = self.truth(*cond)?;
                let then_block = self.cx.ctx.append_basic_block(self.llvm_fn, "then");
                let else_block = self.cx.ctx.append_basic_block(self.llvm_fn, "else");
                let merge = self.cx.ctx.append_basic_block(self.llvm_fn, "endif");
                self.b.build_conditional_branch(c, then_block, else_block).ice()?;
                for (block, body) in [(then_block, then_body), (else_block, else_body)] {
                    self.b.position_at_end(block);
                    self.block(body)?;
                    if !self.terminated() {
                        self.b.build_unconditional_branch(merge).ice()?;
                    }
                }
                self.b.position_at_end(merge);
                Ok(())
            }
            StmtKind::For { var, start, stop, step, body } => self.for_range(*var, *start, *stop, *step, body),
            StmtKind::Loop { body } => {
                let head = self.cx.ctx.append_basic_block(self.llvm_fn, "loop");
                let exit = self.cx.ctx.append_basic_block(self.llvm_fn, "endloop");
                self.b.build_unconditional_branch(head).ice()?;
                self.b.position_at_end(head);
                self.loops.push((head, exit));
                self.block(body)?;
                self.loops.pop();
                if !self.terminated() {
                    self.b.build_unconditional_branch(head).ice()?;
                }
                self.b.position_at_end(exit);
                Ok(())
            }
            StmtKind::Break | StmtKind::Continue => {
                let &(continue_target, break_target) = self.loops.last().ok_or_else(|| ice("break/continue outside a loop"))?;
                let target = if matches!(stmt.kind, StmtKind::Break) { break_target } else { continue_target };
                self.b.build_unconditional_branch(target).ice()?;
                self.start_dead_block();
                Ok(())
            }
            StmtKind::Return { values } => {
                let mut evaluated = Vec::new();
                for v in values {
                    evaluated.push((self.expr(*v)?, self.ty(*v)?));
                }
                self.return_values(evaluated)
            }
            StmtKind::Print { args, sep, end } => {
                let i64_type: BasicTypeEnum = self.cx.ctx.i64_type().into();
                let kinds = self.buffer(i64_type, args.len(), "print.kinds")?;
                let values = self.buffer(i64_type, args.len(), "print.values")?;
                for (i, arg) in args.iter().enumerate() {
                    let (kind, bits) = self.kind_and_bits(*arg)?;
                    let kind_slot = self.buffer_slot(kinds, i64_type, i)?;
                    self.b.build_store(kind_slot, kind).ice()?;
                    let value_slot = self.buffer_slot(values, i64_type, i)?;
                    self.b.build_store(value_slot, bits).ice()?;
                }
                let sep = self.str_or_null(*sep)?;
                let end = self.str_or_null(*end)?;
                let n = self.i64(args.len() as i64);
                self.cx.call_void(&self.b, self.cx.rt.lt_print, &[n.into(), kinds.into(), values.into(), sep.into(), end.into()])
            }
            StmtKind::Raise { kind, message } => {
                let code = raise_code(kind).ok_or_else(|| ice(format!("raise of unknown exception kind {kind:?}")))?;
                self.cx.raise(&self.b, code, message)?;
                self.start_dead_block();
                Ok(())
            }
        }
    }

    /// Releases the locals and returns. Returned arrays are retained first,
    /// so the caller receives a new reference even when the value is a local.
    fn return_values(&mut self, values: Vec<(Option<BasicValueEnum<'ctx>>, &Type)>) -> R<()> {
        let mut returned = Vec::new();
        for (i, result_type) in self.f.results.iter().enumerate() {
            let Some(llvm_type) = self.cx.value_type(result_type) else { continue };
            let value = match values.get(i) {
                Some((Some(v), ty)) => {
                    if result_type.is_handle() {
                        self.retain(*v, result_type)?;
                    }
                    match (ty, result_type) {
                        (Type::Scalar { dtype: from, .. }, Type::Scalar { dtype: to, .. }) => self.ops().cast(*from, *to, *v)?,
                        _ => *v,
                    }
                }
                _ => zero_value(llvm_type),
            };
            returned.push(value);
        }
        self.release_locals()?;
        match returned.len() {
            0 => self.b.build_return(None).ice()?,
            1 => self.b.build_return(Some(&returned[0])).ice()?,
            _ => {
                let types: Vec<BasicTypeEnum> = returned.iter().map(|v| v.get_type()).collect();
                let struct_type = self.cx.ctx.struct_type(&types, false);
                let mut aggregate = struct_type.get_undef();
                for (i, v) in returned.iter().enumerate() {
                    aggregate = self.b.build_insert_value(aggregate, *v, i as u32, "ret").ice()?.into_struct_value();
                }
                self.b.build_return(Some(&aggregate)).ice()?
            }
        };
        self.start_dead_block();
        Ok(())
    }

    fn call(&mut self, func: ir::FuncId, args: &[ExprId], results: &[Place]) -> R<()> {
        let callee = &self.cx.ir.functions[func];
        if args.len() != callee.params.len() {
            return Err(ice(format!("call of @{} with {} arguments for {} parameters", callee.name, args.len(), callee.params.len())));
        }
        let mut llvm_args: Vec<BasicMetadataValueEnum> = Vec::new();
        for (arg, param) in args.iter().zip(&callee.params) {
            let value = self.expr(*arg)?;
            let param_type = &callee.locals[*param].ty;
            if let (Some(v), Some(_)) = (value, self.cx.value_type(param_type)) {
                let v = match (self.ty(*arg)?, param_type) {
                    (Type::Scalar { dtype: from, .. }, Type::Scalar { dtype: to, .. }) => self.ops().cast(*from, *to, v)?,
                    _ => v,
                };
                llvm_args.push(v.into());
            }
        }
        let llvm_callee = self.cx.functions[func.index()];
        let call = self.b.build_call(llvm_callee, &llvm_args, "call").ice()?;
        let returned: Vec<(usize, &Type)> =
            callee.results.iter().enumerate().filter(|(_, t)| self.cx.value_type(t).is_some()).collect();
        for (position, (i, result_type)) in returned.iter().enumerate() {
            let whole = match call.try_as_basic_value() {
                inkwell::values::ValueKind::Basic(v) => v,
                inkwell::values::ValueKind::Instruction(_) => return Err(ice("void call has results")),
            };
            let value = if returned.len() == 1 {
                whole
            } else {
                self.b.build_extract_value(whole.into_struct_value(), position as u32, "result").ice()?
            };
            match results.get(*i) {
                Some(place) => self.store_owned(*place, Some(value), result_type)?,
                // An unused array result is a reference nobody owns.
                None if result_type.is_handle() => self.release(value, result_type)?,
                None => {}
            }
        }
        Ok(())
    }

    fn launch(
        &mut self,
        kernel_id: ir::KernelId,
        dst: Option<ExprId>,
        arrays: &[ExprId],
        scalars: &[ExprId],
        result: Option<Place>,
    ) -> R<()> {
        let kernel = &self.cx.ir.kernels[kernel_id];
        let i64_type: BasicTypeEnum = self.cx.ctx.i64_type().into();
        let ins = self.pointer_buffer(arrays)?;
        let scalar_buffer = self.buffer(i64_type, scalars.len(), "launch.scalars")?;
        for (i, (s, dtype)) in scalars.iter().zip(&kernel.scalars).enumerate() {
            let v = self.scalar(*s)?;
            let v = self.ops().cast(self.dtype(*s)?, *dtype, v)?;
            let bits = self.ops().scalar_to_bits(v, *dtype)?;
            let slot = self.buffer_slot(scalar_buffer, i64_type, i)?;
            self.b.build_store(slot, bits).ice()?;
        }
        let acc = self.alloca(i64_type, "launch.acc")?;
        self.b.build_store(acc, self.i64(0)).ice()?;
        let (mode, op, dtype, axis) = launch_mode(kernel.output);
        let dst_value: BasicValueEnum = match dst {
            Some(d) => self.scalar(d)?,
            None => self.cx.ptr_type().const_null().into(),
        };
        let function = self.cx.kernels[kernel_id.index()].as_global_value().as_pointer_value();
        let gpu_entry = match self.cx.ptx {
            crate::Ptx::Embedded(_) | crate::Ptx::External => {
                let name = crate::gpu::entry_name(kernel_id.index());
                match self.cx.module.get_global(&name) {
                    Some(global) => global,
                    None => self.cx.c_string_global(&name, &name),
                }
                .as_pointer_value()
            }
            crate::Ptx::None => self.cx.ptr_type().const_null(),
        };
        let args = [
            function.into(),
            self.i64(mode).into(),
            self.i64(op).into(),
            self.i64(dtype.code()).into(),
            self.i64(axis).into(),
            self.i64(kernel.ndim as i64).into(),
            dst_value.into(),
            self.i64(arrays.len() as i64).into(),
            ins.into(),
            scalar_buffer.into(),
            acc.into(),
            gpu_entry.into(),
            self.i64(kernel.scalars.len() as i64).into(),
            self.i64(kernel.also.len() as i64).into(),
        ];
        self.cx.call_void(&self.b, self.cx.rt.lt_launch, &args)?;
        if let Some(place) = result {
            let bits = self.b.build_load(i64_type, acc, "acc").ice()?.into_int_value();
            let value = self.ops().scalar_from_bits(bits, dtype)?;
            self.store_owned(place, Some(value), &Type::scalar(dtype))?;
        }
        Ok(())
    }

    /// `for var in range(start, stop, step)`: the bounds are evaluated once;
    /// the trip count is computed up front (no overflow), and `var` is set
    /// from the counter at the top of each iteration, so it keeps the last
    /// value after the loop and assignments to it in the body do not affect
    /// the iteration.
    fn for_range(&mut self, var: Place, start: ExprId, stop: ExprId, step: ExprId, body: &[Stmt]) -> R<()> {
        let start = self.index_value(start)?;
        let stop = self.index_value(stop)?;
        let step = self.index_value(step)?;
        let b = &self.b;
        let ctx = self.cx.ctx;
        let zero = self.i64(0);
        let one = self.i64(1);
        let step_zero = b.build_int_compare(IntPredicate::EQ, step, zero, "step0").ice()?;
        self.cx.raise_if(b, step_zero, abi::ERR_VALUE, "range() arg 3 must not be zero")?;
        // count = step > 0 ? (stop > start ? (stop - start - 1) / step + 1 : 0)
        //                  : (start > stop ? (start - stop - 1) / -step + 1 : 0), unsigned.
        let positive = b.build_int_compare(IntPredicate::SGT, step, zero, "up").ice()?;
        let hi = b.build_select(positive, stop, start, "hi").ice()?.into_int_value();
        let lo = b.build_select(positive, start, stop, "lo").ice()?.into_int_value();
        let negated_step = b.build_int_neg(step, "negstep").ice()?;
        let magnitude = b.build_select(positive, step, negated_step, "mag").ice()?.into_int_value();
        let nonempty = b.build_int_compare(IntPredicate::SGT, hi, lo, "nonempty").ice()?;
        let span = b.build_int_sub(hi, lo, "span").ice()?;
        let span = b.build_int_sub(span, one, "span1").ice()?;
        let steps = b.build_int_unsigned_div(span, magnitude, "steps").ice()?;
        let count = b.build_int_add(steps, one, "count").ice()?;
        let count = b.build_select(nonempty, count, zero, "count").ice()?.into_int_value();
        let counter = self.alloca(ctx.i64_type().into(), "for.k")?;
        b.build_store(counter, zero).ice()?;
        let head = ctx.append_basic_block(self.llvm_fn, "for.head");
        let body_block = ctx.append_basic_block(self.llvm_fn, "for.body");
        let next = ctx.append_basic_block(self.llvm_fn, "for.next");
        let exit = ctx.append_basic_block(self.llvm_fn, "for.end");
        b.build_unconditional_branch(head).ice()?;
        b.position_at_end(head);
        let k = b.build_load(ctx.i64_type(), counter, "k").ice()?.into_int_value();
        let more = b.build_int_compare(IntPredicate::ULT, k, count, "more").ice()?;
        b.build_conditional_branch(more, body_block, exit).ice()?;
        b.position_at_end(body_block);
        let offset = b.build_int_mul(k, step, "off").ice()?;
        let value = b.build_int_add(start, offset, "i").ice()?;
        self.store_owned(var, Some(value.into()), &Type::scalar(DType::I64))?;
        self.loops.push((next, exit));
        self.block(body)?;
        self.loops.pop();
        let b = &self.b;
        if !self.terminated() {
            b.build_unconditional_branch(next).ice()?;
        }
        b.position_at_end(next);
        let k = b.build_load(ctx.i64_type(), counter, "k").ice()?.into_int_value();
        let k1 = b.build_int_add(k, one, "k1").ice()?;
        b.build_store(counter, k1).ice()?;
        b.build_unconditional_branch(head).ice()?;
        b.position_at_end(exit);
        Ok(())
    }

    // ----- expressions -----

    /// Evaluates an expression; `None` for None values.
    fn expr(&mut self, e: ExprId) -> R<Option<BasicValueEnum<'ctx>>> {
        let ty = self.ty(e)?;
        if *ty == Type::None {
            // Evaluate for effects only (a None-typed read or constant has none).
            return match &self.f.exprs[e] {
                Expr::Select(c, t, o) => {
                    self.select(*c, *t, *o, ty)?;
                    Ok(None)
                }
                _ => Ok(None),
            };
        }
        let value: BasicValueEnum<'ctx> = match &self.f.exprs[e] {
            Expr::Const(Const::Str(text)) => self.cx.string(&self.b, text)?.into(),
            Expr::Const(c) => self.ops().constant(c, scalar_dtype(ty)?)?,
            Expr::Read(place) => {
                let llvm_type = self.cx.value_type(&self.place_type(*place)).ok_or_else(|| ice("read of a None place as a value"))?;
                let ptr = self.place_ptr(*place)?.ok_or_else(|| ice("read of a place without storage"))?;
                let v = self.b.build_load(llvm_type, ptr, "read").ice()?;
                match (&self.place_type(*place), ty) {
                    (Type::Scalar { dtype: from, .. }, Type::Scalar { dtype: to, .. }) => self.ops().cast(*from, *to, v)?,
                    _ => v,
                }
            }
            Expr::Unary(op, a) => {
                let dtype = self.dtype(*a)?;
                let v = self.scalar(*a)?;
                let sem = match ty {
                    Type::Scalar { weak: true, .. } => Semantics::Python { int_operands: true },
                    _ => Semantics::NumPy,
                };
                self.ops().unary(*op, dtype, v, sem)?
            }
            Expr::Binary(op, a, b) => {
                let dtype = self.operand_dtype(e, *a, *b)?;
                let sem = match ty {
                    Type::Scalar { weak: true, .. } => Semantics::Python { int_operands: int_origin(self.f, *a) && int_origin(self.f, *b) },
                    _ => Semantics::NumPy,
                };
                let x = self.scalar(*a)?;
                let y = self.scalar(*b)?;
                self.ops().binary(*op, dtype, x, y, sem)?
            }
            Expr::Compare(op, a, b) => {
                let dtype = self.operand_dtype(e, *a, *b)?;
                let x = self.scalar(*a)?;
                let y = self.scalar(*b)?;
                self.ops().compare(*op, dtype, x, y)?.into()
            }
            Expr::Logical(op, a, b) => self.logical(*op, *a, *b)?,
            Expr::Cast(to, a) => {
                let from = self.dtype(*a)?;
                let v = self.scalar(*a)?;
                if let (true, true, Type::Scalar { weak: true, .. }) = (from.is_float(), to.is_int(), ty) {
                    // `int(x)` of a float.
                    self.ops().python_int_conversion_checks(v.into_float_value())?;
                }
                self.ops().cast(from, *to, v)?
            }
            Expr::Select(c, t, o) => self.select(*c, *t, *o, ty)?.ok_or_else(|| ice("select produced no value"))?,
            Expr::Math(f, args) => {
                let a = *args.first().ok_or_else(|| ice(format!("{f:?} without an argument")))?;
                let dtype = self.dtype(a)?;
                let v = self.scalar(a)?;
                let result = self.ops().math(*f, dtype, v)?;
                if let Type::Scalar { weak: true, .. } = ty {
                    self.ops().python_math_checks(*f, v, result)?;
                }
                result
            }
            Expr::Dim(a, axis) => {
                let array = self.scalar(*a)?;
                let axis = self.i64(*axis as i64);
                self.cx.call(&self.b, self.cx.rt.lt_array_dim, &[array.into(), axis.into()])?
            }
            Expr::Size(a) => {
                let array = self.scalar(*a)?;
                self.cx.call(&self.b, self.cx.rt.lt_array_size, &[array.into()])?
            }
            Expr::GetItem(a, indices) => {
                let array = self.scalar(*a)?;
                let idx = self.index_buffer(indices)?;
                let n = self.i64(indices.len() as i64);
                let element = match self.ty(*a)? {
                    Type::Array { dtype, .. } => *dtype,
                    other => return Err(ice(format!("getitem on a {other}"))),
                };
                let v = if element.is_complex() {
                    let mut parts = Vec::new();
                    for part in 0..2 {
                        let part = self.i64(part);
                        let bits = self.cx.call(&self.b, self.cx.rt.lt_array_get_part, &[array.into(), n.into(), idx.into(), part.into()])?;
                        parts.push(self.ops().scalar_from_bits(bits.into_int_value(), element.real_part())?.into_float_value());
                    }
                    self.ops().make_complex(element, parts[0], parts[1])?
                } else {
                    let bits = self.cx.call(&self.b, self.cx.rt.lt_array_get, &[array.into(), n.into(), idx.into()])?;
                    self.ops().scalar_from_bits(bits.into_int_value(), element)?
                };
                self.ops().cast(element, scalar_dtype(ty)?, v)?
            }
            Expr::Format(a, spec) if spec == abi::FORMAT_COMPLEX_BARE => {
                let dtype = scalar_dtype(self.ty(*a)?)?;
                let v = self.scalar(*a)?;
                let (re, im) = self.ops().parts(v)?;
                let re = self.ops().scalar_to_bits(re.into(), dtype.real_part())?;
                let im = self.ops().scalar_to_bits(im.into(), dtype.real_part())?;
                let code = self.i64(dtype.code() | abi::COMPLEX_BARE);
                self.cx.call(&self.b, self.cx.rt.lt_str_complex, &[code.into(), re.into(), im.into()])?
            }
            Expr::Format(a, spec) => {
                let (kind, bits) = self.kind_and_bits(*a)?;
                let spec = self.cx.string(&self.b, spec)?;
                self.cx.call(&self.b, self.cx.rt.lt_str_format, &[kind.into(), bits.into(), spec.into()])?
            }
            Expr::Concat(parts) => {
                let mut acc: Option<BasicValueEnum<'ctx>> = None;
                for part in parts {
                    let v = self.scalar(*part)?;
                    acc = Some(match acc {
                        None => v,
                        Some(left) => self.cx.call(&self.b, self.cx.rt.lt_str_concat, &[left.into(), v.into()])?,
                    });
                }
                match acc {
                    Some(v) => v,
                    None => self.cx.string(&self.b, "")?.into(),
                }
            }
            Expr::Clock(kind) => {
                let f = match kind {
                    ClockKind::PerfCounter => self.cx.rt.lt_perf_counter,
                    ClockKind::Time => self.cx.rt.lt_time,
                };
                let seconds = self.cx.call(&self.b, f, &[])?;
                self.ops().cast(DType::F64, scalar_dtype(ty)?, seconds)?
            }
        };
        Ok(Some(value))
    }

    /// The common dtype of a binary operation's operands (promotion is explicit in the IR).
    fn operand_dtype(&self, e: ExprId, a: ExprId, b: ExprId) -> R<DType> {
        let (x, y) = (self.dtype(a)?, self.dtype(b)?);
        if x != y {
            return Err(ice(format!("operands of %{} in @{} have dtypes {x} and {y}", e.index(), self.f.name)));
        }
        Ok(x)
    }

    /// A value that must exist (scalars, strings, arrays).
    fn scalar(&mut self, e: ExprId) -> R<BasicValueEnum<'ctx>> {
        self.expr(e)?.ok_or_else(|| ice(format!("expression %{} of @{} is None where a value is needed", e.index(), self.f.name)))
    }

    /// An integer expression as int64 (indices, extents, range bounds).
    fn index_value(&mut self, e: ExprId) -> R<IntValue<'ctx>> {
        let dtype = self.dtype(e)?;
        let v = self.scalar(e)?;
        Ok(self.ops().cast(dtype, DType::I64, v)?.into_int_value())
    }

    fn index_buffer(&mut self, indices: &[ExprId]) -> R<PointerValue<'ctx>> {
        let i64_type: BasicTypeEnum = self.cx.ctx.i64_type().into();
        let buffer = self.buffer(i64_type, indices.len(), "idx")?;
        for (i, index) in indices.iter().enumerate() {
            let v = self.index_value(*index)?;
            let slot = self.buffer_slot(buffer, i64_type, i)?;
            self.b.build_store(slot, v).ice()?;
        }
        Ok(buffer)
    }

    /// `StmtKind::Runtime`: arguments by type (arrays and strings as pointers, floats
    /// as f64, integers and bools as i64), the result converted to `dst`'s type.
    fn runtime_call(&mut self, entry: abi::EntryPoint, args: &[ExprId], dst: Option<Place>) -> R<()> {
        let name = entry.name();
        let function = self.cx.rt.get(entry);
        let params = function.get_type().get_param_types();
        if params.len() != args.len() {
            return Err(ice(format!("runtime call of {name} with {} arguments, the ABI has {}", args.len(), params.len())));
        }
        let mut values: Vec<BasicMetadataValueEnum> = Vec::new();
        for (arg, param) in args.iter().zip(&params) {
            let ty = self.ty(*arg)?;
            let v = match ty {
                Type::Scalar { dtype, .. } => {
                    let to = if dtype.is_float() { DType::F64 } else { DType::I64 };
                    let v = self.scalar(*arg)?;
                    self.ops().cast(*dtype, to, v)?
                }
                Type::Array { .. } | Type::Str | Type::List(_) => self.scalar(*arg)?,
                Type::None => return Err(ice(format!("None argument in a runtime call of {name}"))),
            };
            let param_type: BasicTypeEnum = (*param).try_into().map_err(|_| ice("metadata parameter type"))?;
            if v.get_type() != param_type {
                return Err(ice(format!("runtime call of {name}: argument of type {ty} does not match the ABI")));
            }
            values.push(v.into());
        }
        let Some(dst) = dst else {
            return self.cx.call_void(&self.b, function, &values);
        };
        let result = self.cx.call(&self.b, function, &values)?;
        let dst_type = self.place_type(dst);
        let (value, value_type) = match &dst_type {
            Type::Scalar { dtype, .. } if dtype.is_float() => (result, Type::scalar(DType::F64)),
            Type::Scalar { .. } => (result, Type::scalar(DType::I64)),
            _ => (result, dst_type.clone()),
        };
        let expected = if value_type.is_scalar() {
            self.cx.value_type(&value_type)
        } else {
            Some(self.cx.ptr_type().into())
        };
        if Some(value.get_type()) != expected {
            return Err(ice(format!("runtime call of {name}: result does not match a place of type {dst_type}")));
        }
        self.store_owned(dst, Some(value), &value_type)
    }

    fn pointer_buffer(&mut self, arrays: &[ExprId]) -> R<PointerValue<'ctx>> {
        let ptr_type: BasicTypeEnum = self.cx.ptr_type().into();
        let buffer = self.buffer(ptr_type, arrays.len(), "arrays")?;
        for (i, array) in arrays.iter().enumerate() {
            let v = self.scalar(*array)?;
            let slot = self.buffer_slot(buffer, ptr_type, i)?;
            self.b.build_store(slot, v).ice()?;
        }
        Ok(buffer)
    }

    /// The runtime's (kind, bits) encoding of a value for printing and formatting.
    fn kind_and_bits(&mut self, e: ExprId) -> R<(IntValue<'ctx>, IntValue<'ctx>)> {
        let ty = self.ty(e)?;
        let i64_type = self.cx.ctx.i64_type();
        Ok(match ty {
            Type::Scalar { dtype, .. } if dtype.is_complex() => {
                // As its text: the runtime exchanges one word.
                let dtype = *dtype;
                let v = self.scalar(e)?;
                let (re, im) = self.ops().parts(v)?;
                let re = self.ops().scalar_to_bits(re.into(), dtype.real_part())?;
                let im = self.ops().scalar_to_bits(im.into(), dtype.real_part())?;
                let code = self.i64(dtype.code());
                let text = self.cx.call(&self.b, self.cx.rt.lt_str_complex, &[code.into(), re.into(), im.into()])?;
                (self.i64(abi::KIND_STR), self.b.build_ptr_to_int(text.into_pointer_value(), i64_type, "bits").ice()?)
            }
            Type::Scalar { dtype, .. } => {
                let v = self.scalar(e)?;
                (self.i64(dtype.code()), self.ops().scalar_to_bits(v, *dtype)?)
            }
            Type::Str | Type::Array { .. } => {
                let kind = if *ty == Type::Str { abi::KIND_STR } else { abi::KIND_ARRAY };
                let v = self.scalar(e)?.into_pointer_value();
                (self.i64(kind), self.b.build_ptr_to_int(v, i64_type, "bits").ice()?)
            }
            Type::None => {
                self.expr(e)?;
                (self.i64(abi::KIND_NONE), self.i64(0))
            }
            Type::List(_) => return Err(ice("a list printed without its text (the front end makes it)")),
        })
    }

    /// A string argument, or null for None (the runtime's default).
    fn str_or_null(&mut self, e: ExprId) -> R<PointerValue<'ctx>> {
        Ok(match self.expr(e)? {
            Some(v) => v.into_pointer_value(),
            None => self.cx.ptr_type().const_null(),
        })
    }

    /// Python truthiness of a condition, as `i1`.
    fn truth(&mut self, e: ExprId) -> R<IntValue<'ctx>> {
        let dtype = self.dtype(e)?;
        let v = self.scalar(e)?;
        self.truth_of(dtype, v)
    }

    fn truth_of(&self, dtype: DType, v: BasicValueEnum<'ctx>) -> R<IntValue<'ctx>> {
        Ok(match dtype {
            DType::Bool => v.into_int_value(),
            DType::F32 | DType::F64 => {
                let zero = v.into_float_value().get_type().const_zero();
                self.b.build_float_compare(FloatPredicate::UNE, v.into_float_value(), zero, "truth").ice()?
            }
            _ => {
                let zero = v.into_int_value().get_type().const_zero();
                self.b.build_int_compare(IntPredicate::NE, v.into_int_value(), zero, "truth").ice()?
            }
        })
    }

    /// `a and b` / `a or b`: `b` is evaluated only when needed; the result is
    /// the last operand evaluated, as in Python.
    fn logical(&mut self, op: LogicalOp, a: ExprId, b: ExprId) -> R<BasicValueEnum<'ctx>> {
        let dtype = self.dtype(a)?;
        let x = self.scalar(a)?;
        let truth = self.truth_of(dtype, x)?;
        let from_left = self.b.get_insert_block().ok_or_else(|| ice("no insert block"))?;
        let right = self.cx.ctx.append_basic_block(self.llvm_fn, "logic.rhs");
        let merge = self.cx.ctx.append_basic_block(self.llvm_fn, "logic.end");
        match op {
            LogicalOp::And => self.b.build_conditional_branch(truth, right, merge).ice()?,
            LogicalOp::Or => self.b.build_conditional_branch(truth, merge, right).ice()?,
        };
        self.b.position_at_end(right);
        let y = self.scalar(b)?;
        let y = self.ops().cast(self.dtype(b)?, dtype, y)?;
        let from_right = self.b.get_insert_block().ok_or_else(|| ice("no insert block"))?;
        self.b.build_unconditional_branch(merge).ice()?;
        self.b.position_at_end(merge);
        let phi = self.b.build_phi(x.get_type(), "logic").ice()?;
        phi.add_incoming(&[(&x as &dyn BasicValue, from_left), (&y as &dyn BasicValue, from_right)]);
        Ok(phi.as_basic_value())
    }

    /// `t if c else o` of type `ty`, evaluating only the chosen branch.
    fn select(&mut self, c: ExprId, t: ExprId, o: ExprId, ty: &Type) -> R<Option<BasicValueEnum<'ctx>>> {
        let llvm_type = self.cx.value_type(ty);
        let cond = self.truth(c)?;
        let then_block = self.cx.ctx.append_basic_block(self.llvm_fn, "sel.then");
        let else_block = self.cx.ctx.append_basic_block(self.llvm_fn, "sel.else");
        let merge = self.cx.ctx.append_basic_block(self.llvm_fn, "sel.end");
        self.b.build_conditional_branch(cond, then_block, else_block).ice()?;
        let mut incoming = Vec::new();
        for (block, e) in [(then_block, t), (else_block, o)] {
            self.b.position_at_end(block);
            let v = self.expr(e)?;
            let v = match (v, self.ty(e)?, ty) {
                (Some(v), Type::Scalar { dtype: from, .. }, Type::Scalar { dtype: to, .. }) => Some(self.ops().cast(*from, *to, v)?),
                (v, _, _) => v,
            };
            incoming.push((v, self.b.get_insert_block().ok_or_else(|| ice("no insert block"))?));
            self.b.build_unconditional_branch(merge).ice()?;
        }
        self.b.position_at_end(merge);
        let Some(llvm_type) = llvm_type else { return Ok(None) };
        let phi = self.b.build_phi(llvm_type, "sel").ice()?;
        for (v, block) in incoming {
            let v = v.ok_or_else(|| ice("select branch has no value"))?;
            phi.add_incoming(&[(&v as &dyn BasicValue, block)]);
        }
        Ok(Some(phi.as_basic_value()))
    }
}

/// The runtime's code (`runtime_abi::ERR_*`) of the exception `StmtKind::Raise` names.
pub fn raise_code(kind: &str) -> Option<i64> {
    Some(match kind {
        "ZeroDivisionError" => abi::ERR_ZERO_DIVISION,
        "IndexError" => abi::ERR_INDEX,
        "ValueError" => abi::ERR_VALUE,
        "OverflowError" => abi::ERR_OVERFLOW,
        "NameError" => abi::ERR_NAME,
        "UnboundLocalError" => abi::ERR_UNBOUND_LOCAL,
        "TypeError" => abi::ERR_TYPE,
        "numpy.linalg.LinAlgError" => abi::ERR_LINALG,
        "numpy.exceptions.AxisError" => abi::ERR_AXIS,
        "AttributeError" => abi::ERR_ATTRIBUTE,
        "AssertionError" => abi::ERR_ASSERTION,
        "KeyError" => abi::ERR_KEY,
        _ => return None,
    })
}

/// Whether a true division operand was a Python int before promotion (`1 / 0` says
/// "division by zero", `1.0 / 0` "float division by zero").
pub fn int_origin(f: &Function, e: ExprId) -> bool {
    let is_float = |e: ExprId| f.expr_type(e).dtype().is_some_and(|d| d.is_float());
    match &f.exprs[e] {
        Expr::Const(Const::Int(_) | Const::Bool(_)) => true,
        Expr::Cast(_, inner) => !is_float(*inner),
        _ => !is_float(e),
    }
}

/// `lt_library`'s operation code and parameter for a library statement.
pub fn library_code(op: &LibraryOp) -> (i64, i64) {
    match op {
        LibraryOp::MatMul { stacked } => (abi::LIB_MATMUL, i64::from(*stacked)),
        LibraryOp::ArgMax { axis } => (abi::LIB_ARGMAX, axis.map_or(abi::AXIS_FLATTENED, |a| a as i64)),
        LibraryOp::ArgMin { axis } => (abi::LIB_ARGMIN, axis.map_or(abi::AXIS_FLATTENED, |a| a as i64)),
        LibraryOp::Diagonal { k } => (abi::LIB_DIAGONAL, *k),
        LibraryOp::Copy => (abi::LIB_COPY, 0),
    }
}

/// `lt_launch`'s mode, reduction code, dtype (of the result or accumulator) and axis for a
/// kernel's output.
pub fn launch_mode(output: KernelOutput) -> (i64, i64, DType, i64) {
    match output {
        KernelOutput::Store { dtype } => (abi::MODE_STORE, 0, dtype, 0),
        KernelOutput::ReduceAll { op, dtype } => (abi::MODE_REDUCE_ALL, reduce_code(op), dtype, 0),
        KernelOutput::ReduceAxis { op, dtype, axis } => (abi::MODE_REDUCE_AXIS, reduce_code(op), dtype, axis as i64),
        KernelOutput::StoreReduce { op, acc, .. } => (abi::MODE_STORE_REDUCE, reduce_code(op), acc, 0),
    }
}

/// The runtime's code (`runtime_abi::REDUCE_*`) of a reduction.
pub fn reduce_code(op: ReduceOp) -> i64 {
    match op {
        ReduceOp::Sum => abi::REDUCE_SUM,
        ReduceOp::Prod => abi::REDUCE_PROD,
        ReduceOp::Max => abi::REDUCE_MAX,
        ReduceOp::Min => abi::REDUCE_MIN,
        ReduceOp::Any => abi::REDUCE_ANY,
        ReduceOp::All => abi::REDUCE_ALL,
        ReduceOp::BitAnd => abi::REDUCE_BIT_AND,
        ReduceOp::BitOr => abi::REDUCE_BIT_OR,
        ReduceOp::BitXor => abi::REDUCE_BIT_XOR,
    }
}
