//! Host code: IR functions, statements and host expressions, with the ownership rules
//! of `ir::StmtKind` (retain, release, new references), as `codegen_llvm`'s host code.
//! Locals are Cranelift variables (one per register; two for a complex local), zero or
//! null until assigned; globals are data objects.

use std::collections::HashMap;

use cranelift_codegen::ir::{types, Block, InstBuilder, MemFlagsData, Value};
use cranelift_frontend::Variable;

use codegen_llvm::Semantics;
use ir::{ClockKind, Const, DType, Expr, ExprId, Function, IndexItem, LogicalOp, Place, ShapeSpec, Stmt, StmtKind, Type};
use runtime_abi::{self as abi, EntryPoint};

use crate::sem::{ctype, Val};
use crate::{ice, value_types, Fx, PTR, R};

/// Defines the body of one IR function.
pub(crate) fn define(fx: Fx<'_, '_>, fid: ir::FuncId, f: &Function) -> R<()> {
    let releases = ir::liveness::releases(fx.cx.ir, fid);
    let mut g = FnGen { fx, fid, f, locals: Vec::new(), loops: Vec::new(), releases };
    g.prologue()?;
    g.block(&f.body)?;
    // Falling off the end: Python returns None; any declared results get zeros.
    g.return_values(Vec::new())?;
    g.fx.finish()
}

struct FnGen<'g, 'f, 'a> {
    fx: Fx<'f, 'a>,
    fid: ir::FuncId,
    f: &'g Function,
    /// The variables of each local (none for None-typed locals).
    locals: Vec<Vec<Variable>>,
    /// Innermost last: (target of `continue`, target of `break`).
    loops: Vec<(Block, Block)>,
    releases: HashMap<ir::StmtId, Vec<Place>>,
}

fn scalar_dtype(ty: &Type) -> R<DType> {
    match ty {
        Type::Scalar { dtype, .. } => Ok(*dtype),
        other => Err(ice(format!("expected a scalar, found {other}"))),
    }
}

impl<'g> FnGen<'g, '_, '_> {
    fn ty(&self, e: ExprId) -> R<&'g Type> {
        self.f.expr_types.get(e).ok_or_else(|| ice(format!("expression %{} of @{} has no type", e.index(), self.f.name)))
    }

    fn dtype(&self, e: ExprId) -> R<DType> {
        scalar_dtype(self.ty(e)?)
    }

    fn i64(&mut self, v: i64) -> Value {
        self.fx.i64(v)
    }

    fn prologue(&mut self) -> R<()> {
        let entry = self.fx.b.create_block();
        self.fx.b.append_block_params_for_function_params(entry);
        self.fx.b.switch_to_block(entry);
        for (_, var) in self.f.locals.iter() {
            let mut vars = Vec::new();
            for ty in value_types(&var.ty) {
                let v = self.fx.b.declare_var(ty);
                let zero = zero(&mut self.fx, ty);
                self.fx.b.def_var(v, zero);
                vars.push(v);
            }
            self.locals.push(vars);
        }
        let params = self.fx.b.block_params(entry).to_vec();
        let mut next = 0;
        for p in &self.f.params {
            let vars = self.locals[p.index()].clone();
            for v in &vars {
                self.fx.b.def_var(*v, params[next]);
                next += 1;
            }
            let ty = &self.f.locals[*p].ty;
            if ty.is_handle() {
                // Array and list parameters are borrowed from the caller; the local owns a reference.
                let handle = self.fx.b.use_var(vars[0]);
                self.retain(handle, ty)?;
            }
        }
        Ok(())
    }

    // ----- places and ownership -----

    fn place_type(&self, place: Place) -> Type {
        self.fx.cx.ir.place_type(self.f, place)
    }

    /// The value a place holds (`None` for None places).
    fn read_place(&mut self, place: Place) -> R<Option<Val>> {
        let types = value_types(&self.place_type(place));
        if types.is_empty() {
            return Ok(None);
        }
        let values: Vec<Value> = match place {
            Place::Local(v) => {
                let vars = self.locals.get(v.index()).ok_or_else(|| ice(format!("local %{} out of range", v.index())))?.clone();
                vars.iter().map(|var| self.fx.b.use_var(*var)).collect()
            }
            Place::Global(g) => {
                let id = self.fx.cx.globals.get(g.index()).copied().flatten().ok_or_else(|| ice(format!("global @{} has no storage", g.index())))?;
                let addr = self.fx.data_addr(id);
                let mut offset = 0;
                let mut values = Vec::new();
                for ty in types {
                    values.push(self.fx.b.ins().load(ty, MemFlagsData::trusted(), addr, offset));
                    offset += ty.bytes() as i32;
                }
                values
            }
        };
        Ok(Some(match values[..] {
            [one] => Val::One(one),
            [re, im] => Val::Two(re, im),
            _ => return Err(ice("a value of more than two registers")),
        }))
    }

    fn write_place(&mut self, place: Place, value: Val) -> R<()> {
        let values = value.values();
        match place {
            Place::Local(v) => {
                let vars = self.locals.get(v.index()).ok_or_else(|| ice(format!("local %{} out of range", v.index())))?.clone();
                if vars.len() != values.len() {
                    return Err(ice(format!("local %{} written with {} registers", v.index(), values.len())));
                }
                for (var, value) in vars.iter().zip(values) {
                    self.fx.b.def_var(*var, value);
                }
            }
            Place::Global(g) => {
                let Some(id) = self.fx.cx.globals.get(g.index()).copied().flatten() else { return Ok(()) };
                let addr = self.fx.data_addr(id);
                let mut offset = 0;
                for value in values {
                    self.fx.b.ins().store(MemFlagsData::trusted(), value, addr, offset);
                    offset += self.fx.b.func.dfg.value_type(value).bytes() as i32;
                }
            }
        }
        Ok(())
    }

    fn retain(&mut self, handle: Value, ty: &Type) -> R<()> {
        let entry = if matches!(ty, Type::List(_)) { EntryPoint::ListRetain } else { EntryPoint::ArrayRetain };
        self.fx.rt(entry, &[handle])?;
        Ok(())
    }

    fn release(&mut self, handle: Value, ty: &Type) -> R<()> {
        let entry = if matches!(ty, Type::List(_)) { EntryPoint::ListRelease } else { EntryPoint::ArrayRelease };
        self.fx.rt(entry, &[handle])?;
        Ok(())
    }

    /// Stores a value into a place. A handle is a reference the place takes over; the one
    /// it held before is released.
    fn store_owned(&mut self, place: Place, value: Option<Val>, value_type: &Type) -> R<()> {
        let place_type = self.place_type(place);
        let Some(value) = value else { return Ok(()) };
        if value_types(&place_type).is_empty() {
            return Ok(());
        }
        let value = match (&place_type, value_type) {
            (Type::Scalar { dtype: to, .. }, Type::Scalar { dtype: from, .. }) => self.fx.cast(*from, *to, value)?,
            _ => value,
        };
        if place_type.is_handle() {
            if let Some(Val::One(old)) = self.read_place(place)? {
                self.release(old, &place_type)?;
            }
        }
        self.write_place(place, value)
    }

    /// Releases every handle local (at function exit).
    fn release_locals(&mut self) -> R<()> {
        for (v, var) in self.f.locals.iter() {
            if var.ty.is_handle() {
                if let Some(&handle) = self.locals[v.index()].first() {
                    let handle = self.fx.b.use_var(handle);
                    self.release(handle, &var.ty)?;
                }
            }
        }
        Ok(())
    }

    /// Continues in a fresh block that nothing reaches (after break, continue, return, raise).
    fn start_dead_block(&mut self) {
        let dead = self.fx.b.create_block();
        self.fx.b.switch_to_block(dead);
    }

    // ----- statements -----

    fn block(&mut self, block: &[Stmt]) -> R<()> {
        for stmt in block {
            self.stmt(stmt)?;
            // Places last used here: released now (null until redefined).
            for &place in self.releases.get(&stmt.id).cloned().unwrap_or_default().iter() {
                if let Some(Val::One(handle)) = self.read_place(place)? {
                    let ty = self.place_type(place);
                    self.release(handle, &ty)?;
                    let null = self.i64(0);
                    self.write_place(place, Val::One(null))?;
                }
            }
        }
        Ok(())
    }

    fn stmt(&mut self, stmt: &Stmt) -> R<()> {
        if let Some(&entry) = self.fx.cx.plan.index.get(&ir::StmtRef { func: self.fid, stmt: stmt.id }) {
            let entry = self.i64(entry);
            self.fx.rt(EntryPoint::Stmt, &[entry])?;
        }
        match &stmt.kind {
            StmtKind::Assign { dst, value } => {
                let ty = self.ty(*value)?;
                let v = self.expr(*value)?;
                if let (true, Some(Val::One(handle))) = (ty.is_handle(), v) {
                    // Retain before releasing the old value: `a = a` must not free `a`.
                    self.retain(handle, ty)?;
                }
                self.store_owned(*dst, v, ty)
            }
            StmtKind::SetItem { array, indices, value } => {
                let array_dtype = match self.ty(*array)? {
                    Type::Array { dtype, .. } => *dtype,
                    other => return Err(ice(format!("setitem on a {other}"))),
                };
                let a = self.one(*array)?;
                let idx = self.index_buffer(indices)?;
                let v = self.scalar(*value)?;
                let v = self.fx.cast(self.dtype(*value)?, array_dtype, v)?;
                let n = self.i64(indices.len() as i64);
                match v {
                    Val::Two(re, im) => {
                        // Part by part: the runtime exchanges one word.
                        for (part, x) in [re, im].into_iter().enumerate() {
                            let bits = self.fx.to_bits(x, array_dtype.real_part())?;
                            let part = self.i64(part as i64);
                            self.fx.rt(EntryPoint::ArraySetPart, &[a, n, idx, part, bits])?;
                        }
                    }
                    Val::One(x) => {
                        let bits = self.fx.to_bits(x, array_dtype)?;
                        self.fx.rt(EntryPoint::ArraySet, &[a, n, idx, bits])?;
                    }
                }
                Ok(())
            }
            StmtKind::Alloc { dst, dtype, shape } => {
                let code = self.i64(dtype.code());
                let array = match shape {
                    ShapeSpec::Dims(dims) => {
                        let buffer = self.index_buffer(dims)?;
                        let n = self.i64(dims.len() as i64);
                        self.fx.rt(EntryPoint::ArrayNew, &[code, n, buffer])?[0]
                    }
                    ShapeSpec::Broadcast { arrays, reuse } => {
                        let buffer = self.pointer_buffer(arrays)?;
                        let n = self.i64(arrays.len() as i64);
                        let reuse = self.i64(reuse.map_or(-1, |i| i as i64));
                        self.fx.rt(EntryPoint::ArrayNewBroadcast, &[code, n, buffer, reuse])?[0]
                    }
                    ShapeSpec::Reduced { array, axis } => {
                        let src = self.one(*array)?;
                        let axis = self.i64(*axis as i64);
                        self.fx.rt(EntryPoint::ArrayNewReduced, &[code, src, axis])?[0]
                    }
                };
                let ty = self.place_type(*dst);
                self.store_owned(*dst, Some(Val::One(array)), &ty)
            }
            StmtKind::View { dst, src, index } => {
                let src = self.one(*src)?;
                let items = self.fx.stack_buffer(8 * 4 * index.len());
                for (i, item) in index.iter().enumerate() {
                    let words: [Value; 4] = match item {
                        IndexItem::Slice { start, stop, step } => {
                            let mut kind = abi::INDEX_SLICE;
                            let mut words = [None; 3];
                            for (w, (bound, flag)) in
                                [(start, abi::SLICE_HAS_START), (stop, abi::SLICE_HAS_STOP), (step, abi::SLICE_HAS_STEP)].into_iter().enumerate()
                            {
                                if let Some(e) = bound {
                                    kind |= flag;
                                    words[w] = Some(self.index_value(*e)?);
                                }
                            }
                            let mut word = |w: Option<Value>| w.unwrap_or_else(|| self.fx.i64(0));
                            let [a, b, c] = words;
                            let (a, b, c) = (word(a), word(b), word(c));
                            [self.i64(kind), a, b, c]
                        }
                        IndexItem::Index(e) => {
                            let v = self.index_value(*e)?;
                            [self.i64(abi::INDEX_INTEGER), v, self.i64(0), self.i64(0)]
                        }
                        IndexItem::NewAxis => [self.i64(abi::INDEX_NEWAXIS), self.i64(0), self.i64(0), self.i64(0)],
                    };
                    for (w, word) in words.iter().enumerate() {
                        self.fx.b.ins().store(MemFlagsData::trusted(), *word, items, (8 * (4 * i + w)) as i32);
                    }
                }
                let n = self.i64(index.len() as i64);
                let view = self.fx.rt(EntryPoint::ArrayView, &[src, n, items])?[0];
                let ty = self.place_type(*dst);
                self.store_owned(*dst, Some(Val::One(view)), &ty)
            }
            StmtKind::Launch { kernel, dst, arrays, scalars, result } => self.launch(*kernel, *dst, arrays, scalars, *result),
            StmtKind::Library { op, dst, args } => {
                let buffer = self.pointer_buffer(args)?;
                let (code, param) = codegen_llvm::library_code(op);
                let args = [self.i64(code), self.i64(param), self.i64(args.len() as i64), buffer];
                let array = self.fx.rt(EntryPoint::Library, &args)?[0];
                let ty = self.place_type(*dst);
                self.store_owned(*dst, Some(Val::One(array)), &ty)
            }
            StmtKind::Runtime { func, args, dst } => self.runtime_call(*func, args, *dst),
            StmtKind::Call { func, args, results } => self.call(*func, args, results),
            StmtKind::If { cond, then_body, else_body } => {
                let c = self.truth(*cond)?;
                let then_block = self.fx.b.create_block();
                let else_block = self.fx.b.create_block();
                let merge = self.fx.b.create_block();
                self.fx.b.ins().brif(c, then_block, &[], else_block, &[]);
                for (block, body) in [(then_block, then_body), (else_block, else_body)] {
                    self.fx.b.switch_to_block(block);
                    self.block(body)?;
                    self.fx.b.ins().jump(merge, &[]);
                }
                self.fx.b.switch_to_block(merge);
                Ok(())
            }
            StmtKind::For { var, start, stop, step, body } => self.for_range(*var, *start, *stop, *step, body),
            StmtKind::Loop { body } => {
                let head = self.fx.b.create_block();
                let exit = self.fx.b.create_block();
                self.fx.b.ins().jump(head, &[]);
                self.fx.b.switch_to_block(head);
                self.loops.push((head, exit));
                self.block(body)?;
                self.loops.pop();
                self.fx.b.ins().jump(head, &[]);
                self.fx.b.switch_to_block(exit);
                Ok(())
            }
            StmtKind::Break | StmtKind::Continue => {
                let &(continue_target, break_target) = self.loops.last().ok_or_else(|| ice("break/continue outside a loop"))?;
                let target = if matches!(stmt.kind, StmtKind::Break) { break_target } else { continue_target };
                self.fx.b.ins().jump(target, &[]);
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
                let kinds = self.fx.stack_buffer(8 * args.len());
                let values = self.fx.stack_buffer(8 * args.len());
                for (i, arg) in args.iter().enumerate() {
                    let (kind, bits) = self.kind_and_bits(*arg)?;
                    self.fx.b.ins().store(MemFlagsData::trusted(), kind, kinds, 8 * i as i32);
                    self.fx.b.ins().store(MemFlagsData::trusted(), bits, values, 8 * i as i32);
                }
                let sep = self.str_or_null(*sep)?;
                let end = self.str_or_null(*end)?;
                let n = self.i64(args.len() as i64);
                self.fx.rt(EntryPoint::Print, &[n, kinds, values, sep, end])?;
                Ok(())
            }
            StmtKind::Raise { kind, message } => {
                let code = codegen_llvm::raise_code(kind).ok_or_else(|| ice(format!("raise of unknown exception kind {kind:?}")))?;
                self.fx.raise(code, message)?;
                self.start_dead_block();
                Ok(())
            }
        }
    }

    /// Releases the locals and returns. Returned handles are retained first, so the
    /// caller receives a new reference even when the value is a local.
    fn return_values(&mut self, values: Vec<(Option<Val>, &Type)>) -> R<()> {
        let mut returned = Vec::new();
        for (i, result_type) in self.f.results.iter().enumerate() {
            let types = value_types(result_type);
            if types.is_empty() {
                continue;
            }
            match values.get(i) {
                Some((Some(v), ty)) => {
                    if result_type.is_handle() {
                        self.retain(v.one()?, result_type)?;
                    }
                    let v = match (ty, result_type) {
                        (Type::Scalar { dtype: from, .. }, Type::Scalar { dtype: to, .. }) => self.fx.cast(*from, *to, *v)?,
                        _ => *v,
                    };
                    returned.extend(v.values());
                }
                _ => {
                    for ty in types {
                        returned.push(zero(&mut self.fx, ty));
                    }
                }
            }
        }
        self.release_locals()?;
        self.fx.b.ins().return_(&returned);
        self.start_dead_block();
        Ok(())
    }

    fn call(&mut self, func: ir::FuncId, args: &[ExprId], results: &[Place]) -> R<()> {
        let callee = &self.fx.cx.ir.functions[func];
        if args.len() != callee.params.len() {
            return Err(ice(format!("call of @{} with {} arguments for {} parameters", callee.name, args.len(), callee.params.len())));
        }
        let mut values = Vec::new();
        for (arg, param) in args.iter().zip(&callee.params) {
            let value = self.expr(*arg)?;
            let param_type = &callee.locals[*param].ty;
            if let (Some(v), false) = (value, value_types(param_type).is_empty()) {
                let v = match (self.ty(*arg)?, param_type) {
                    (Type::Scalar { dtype: from, .. }, Type::Scalar { dtype: to, .. }) => self.fx.cast(*from, *to, v)?,
                    _ => v,
                };
                values.extend(v.values());
            }
        }
        let id = self.fx.cx.functions[func.index()];
        let out = self.fx.call_id(id, &values);
        let mut next = 0;
        for (i, result_type) in callee.results.iter().enumerate() {
            let n = value_types(result_type).len();
            if n == 0 {
                continue;
            }
            let value = match out[next..next + n] {
                [one] => Val::One(one),
                [re, im] => Val::Two(re, im),
                _ => return Err(ice("a result of more than two registers")),
            };
            next += n;
            match results.get(i) {
                Some(place) => self.store_owned(*place, Some(value), result_type)?,
                // An unused handle result is a reference nobody owns.
                None if result_type.is_handle() => self.release(value.one()?, result_type)?,
                None => {}
            }
        }
        Ok(())
    }

    fn launch(&mut self, kernel_id: ir::KernelId, dst: Option<ExprId>, arrays: &[ExprId], scalars: &[ExprId], result: Option<Place>) -> R<()> {
        let kernel = &self.fx.cx.ir.kernels[kernel_id];
        let ins = self.pointer_buffer(arrays)?;
        let scalar_buffer = self.fx.stack_buffer(8 * scalars.len());
        for (i, (s, dtype)) in scalars.iter().zip(&kernel.scalars).enumerate() {
            let v = self.scalar(*s)?;
            let v = self.fx.cast(self.dtype(*s)?, *dtype, v)?.one()?;
            let bits = self.fx.to_bits(v, *dtype)?;
            self.fx.b.ins().store(MemFlagsData::trusted(), bits, scalar_buffer, 8 * i as i32);
        }
        let acc = self.fx.stack_buffer(8);
        let zero = self.i64(0);
        self.fx.b.ins().store(MemFlagsData::trusted(), zero, acc, 0);
        let (mode, op, dtype, axis) = codegen_llvm::launch_mode(kernel.output);
        let dst_value = match dst {
            Some(d) => self.one(d)?,
            None => self.i64(0),
        };
        let function = self.fx.func_addr(self.fx.cx.kernels[kernel_id.index()]);
        let gpu_entry = match self.fx.cx.gpu_entry_name(kernel_id.index())? {
            Some(id) => self.fx.data_addr(id),
            None => self.i64(0),
        };
        let args = [
            function,
            self.i64(mode),
            self.i64(op),
            self.i64(dtype.code()),
            self.i64(axis),
            self.i64(kernel.ndim as i64),
            dst_value,
            self.i64(arrays.len() as i64),
            ins,
            scalar_buffer,
            acc,
            gpu_entry,
            self.i64(kernel.scalars.len() as i64),
            self.i64(kernel.also.len() as i64),
        ];
        self.fx.rt(EntryPoint::Launch, &args)?;
        if let Some(place) = result {
            let bits = self.fx.b.ins().load(types::I64, MemFlagsData::trusted(), acc, 0);
            let value = self.fx.from_bits(bits, dtype)?;
            self.store_owned(place, Some(Val::One(value)), &Type::scalar(dtype))?;
        }
        Ok(())
    }

    /// `for var in range(start, stop, step)`: the trip count is computed up front (no
    /// overflow); `var` is set from the counter at the top of each iteration.
    fn for_range(&mut self, var: Place, start: ExprId, stop: ExprId, step: ExprId, body: &[Stmt]) -> R<()> {
        let start = self.index_value(start)?;
        let stop = self.index_value(stop)?;
        let step = self.index_value(step)?;
        let step_zero = self.fx.b.ins().icmp_imm_s(cranelift_codegen::ir::condcodes::IntCC::Equal, step, 0);
        self.fx.raise_if(step_zero, abi::ERR_VALUE, "range() arg 3 must not be zero")?;
        use cranelift_codegen::ir::condcodes::IntCC;
        let ins = self.fx.b.ins();
        let positive = ins.icmp_imm_s(IntCC::SignedGreaterThan, step, 0);
        let hi = self.fx.b.ins().select(positive, stop, start);
        let lo = self.fx.b.ins().select(positive, start, stop);
        let negated = self.fx.b.ins().ineg(step);
        let magnitude = self.fx.b.ins().select(positive, step, negated);
        let nonempty = self.fx.b.ins().icmp(IntCC::SignedGreaterThan, hi, lo);
        let span = self.fx.b.ins().isub(hi, lo);
        let span = self.fx.b.ins().iadd_imm_s(span, -1);
        let steps = self.fx.b.ins().udiv(span, magnitude);
        let count = self.fx.b.ins().iadd_imm_s(steps, 1);
        let zero = self.i64(0);
        let count = self.fx.b.ins().select(nonempty, count, zero);
        let counter = self.fx.b.declare_var(types::I64);
        self.fx.b.def_var(counter, zero);
        let head = self.fx.b.create_block();
        let body_block = self.fx.b.create_block();
        let next = self.fx.b.create_block();
        let exit = self.fx.b.create_block();
        self.fx.b.ins().jump(head, &[]);
        self.fx.b.switch_to_block(head);
        let k = self.fx.b.use_var(counter);
        let more = self.fx.b.ins().icmp(IntCC::UnsignedLessThan, k, count);
        self.fx.b.ins().brif(more, body_block, &[], exit, &[]);
        self.fx.b.switch_to_block(body_block);
        let offset = self.fx.b.ins().imul(k, step);
        let value = self.fx.b.ins().iadd(start, offset);
        self.store_owned(var, Some(Val::One(value)), &Type::scalar(DType::I64))?;
        self.loops.push((next, exit));
        self.block(body)?;
        self.loops.pop();
        self.fx.b.ins().jump(next, &[]);
        self.fx.b.switch_to_block(next);
        let k = self.fx.b.use_var(counter);
        let k1 = self.fx.b.ins().iadd_imm_s(k, 1);
        self.fx.b.def_var(counter, k1);
        self.fx.b.ins().jump(head, &[]);
        self.fx.b.switch_to_block(exit);
        Ok(())
    }

    // ----- expressions -----

    /// Evaluates an expression; `None` for None values.
    fn expr(&mut self, e: ExprId) -> R<Option<Val>> {
        let ty = self.ty(e)?;
        if *ty == Type::None {
            // Evaluate for effects only (a None-typed read or constant has none).
            if let Expr::Select(c, t, o) = &self.f.exprs[e] {
                self.select(*c, *t, *o, ty)?;
            }
            return Ok(None);
        }
        let value = match &self.f.exprs[e] {
            Expr::Const(Const::Str(text)) => Val::One(self.fx.string(text)?),
            Expr::Const(c) => self.fx.constant(c, scalar_dtype(ty)?)?,
            Expr::Read(place) => {
                let v = self.read_place(*place)?.ok_or_else(|| ice("read of a None place as a value"))?;
                match (&self.place_type(*place), ty) {
                    (Type::Scalar { dtype: from, .. }, Type::Scalar { dtype: to, .. }) => self.fx.cast(*from, *to, v)?,
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
                self.fx.unary(*op, dtype, v, sem)?
            }
            Expr::Binary(op, a, b) => {
                let dtype = self.operand_dtype(e, *a, *b)?;
                let sem = match ty {
                    Type::Scalar { weak: true, .. } => Semantics::Python { int_operands: codegen_llvm::int_origin(self.f, *a) && codegen_llvm::int_origin(self.f, *b) },
                    _ => Semantics::NumPy,
                };
                let x = self.scalar(*a)?;
                let y = self.scalar(*b)?;
                self.fx.binary(*op, dtype, x, y, sem)?
            }
            Expr::Compare(op, a, b) => {
                let dtype = self.operand_dtype(e, *a, *b)?;
                let x = self.scalar(*a)?;
                let y = self.scalar(*b)?;
                Val::One(self.fx.compare(*op, dtype, x, y)?)
            }
            Expr::Logical(op, a, b) => self.logical(*op, *a, *b)?,
            Expr::Cast(to, a) => {
                let from = self.dtype(*a)?;
                let v = self.scalar(*a)?;
                match (from.is_float(), to.is_int(), ty) {
                    // `int(x)` of a Python float: with CPython's errors.
                    (true, true, Type::Scalar { weak: true, .. }) => {
                        let wide = self.fx.helper(codegen_llvm::Helper::PythonInt(from), &[v])?;
                        self.fx.cast(DType::I64, *to, wide)?
                    }
                    _ => self.fx.cast(from, *to, v)?,
                }
            }
            Expr::Select(c, t, o) => self.select(*c, *t, *o, ty)?.ok_or_else(|| ice("select produced no value"))?,
            Expr::Math(f, args) => {
                let a = *args.first().ok_or_else(|| ice(format!("{f:?} without an argument")))?;
                let dtype = self.dtype(a)?;
                let v = self.scalar(a)?;
                let python = matches!(ty, Type::Scalar { weak: true, .. });
                self.fx.math(*f, dtype, v, python)?
            }
            Expr::Dim(a, axis) => {
                let array = self.one(*a)?;
                let axis = self.i64(*axis as i64);
                Val::One(self.fx.rt(EntryPoint::ArrayDim, &[array, axis])?[0])
            }
            Expr::Size(a) => {
                let array = self.one(*a)?;
                Val::One(self.fx.rt(EntryPoint::ArraySize, &[array])?[0])
            }
            Expr::GetItem(a, indices) => {
                let array = self.one(*a)?;
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
                        let bits = self.fx.rt(EntryPoint::ArrayGetPart, &[array, n, idx, part])?[0];
                        parts.push(self.fx.from_bits(bits, element.real_part())?);
                    }
                    Val::Two(parts[0], parts[1])
                } else {
                    let bits = self.fx.rt(EntryPoint::ArrayGet, &[array, n, idx])?[0];
                    Val::One(self.fx.from_bits(bits, element)?)
                };
                self.fx.cast(element, scalar_dtype(ty)?, v)?
            }
            Expr::Format(a, spec) if spec == abi::FORMAT_COMPLEX_BARE => {
                let dtype = scalar_dtype(self.ty(*a)?)?;
                let (re, im) = self.scalar(*a)?.parts()?;
                let re = self.fx.to_bits(re, dtype.real_part())?;
                let im = self.fx.to_bits(im, dtype.real_part())?;
                let code = self.i64(dtype.code() | abi::COMPLEX_BARE);
                Val::One(self.fx.rt(EntryPoint::StrComplex, &[code, re, im])?[0])
            }
            Expr::Format(a, spec) => {
                let (kind, bits) = self.kind_and_bits(*a)?;
                let spec = self.fx.string(spec)?;
                Val::One(self.fx.rt(EntryPoint::StrFormat, &[kind, bits, spec])?[0])
            }
            Expr::Concat(parts) => {
                let mut acc: Option<Value> = None;
                for part in parts {
                    let v = self.one(*part)?;
                    acc = Some(match acc {
                        None => v,
                        Some(left) => self.fx.rt(EntryPoint::StrConcat, &[left, v])?[0],
                    });
                }
                Val::One(match acc {
                    Some(v) => v,
                    None => self.fx.string("")?,
                })
            }
            Expr::Clock(kind) => {
                let entry = match kind {
                    ClockKind::PerfCounter => EntryPoint::PerfCounter,
                    ClockKind::Time => EntryPoint::Time,
                };
                let seconds = self.fx.rt(entry, &[])?[0];
                self.fx.cast(DType::F64, scalar_dtype(ty)?, Val::One(seconds))?
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
    fn scalar(&mut self, e: ExprId) -> R<Val> {
        self.expr(e)?.ok_or_else(|| ice(format!("expression %{} of @{} is None where a value is needed", e.index(), self.f.name)))
    }

    /// A value of one register (a real scalar, a handle).
    fn one(&mut self, e: ExprId) -> R<Value> {
        self.scalar(e)?.one()
    }

    /// An integer expression as int64 (indices, extents, range bounds).
    fn index_value(&mut self, e: ExprId) -> R<Value> {
        let dtype = self.dtype(e)?;
        let v = self.scalar(e)?;
        self.fx.cast(dtype, DType::I64, v)?.one()
    }

    fn index_buffer(&mut self, indices: &[ExprId]) -> R<Value> {
        let buffer = self.fx.stack_buffer(8 * indices.len());
        for (i, index) in indices.iter().enumerate() {
            let v = self.index_value(*index)?;
            self.fx.b.ins().store(MemFlagsData::trusted(), v, buffer, 8 * i as i32);
        }
        Ok(buffer)
    }

    fn pointer_buffer(&mut self, arrays: &[ExprId]) -> R<Value> {
        let buffer = self.fx.stack_buffer(8 * arrays.len());
        for (i, array) in arrays.iter().enumerate() {
            let v = self.one(*array)?;
            self.fx.b.ins().store(MemFlagsData::trusted(), v, buffer, 8 * i as i32);
        }
        Ok(buffer)
    }

    /// `StmtKind::Runtime`: arguments by type (handles as pointers, floats as f64, integers
    /// and bools as i64), the result converted to `dst`'s type.
    fn runtime_call(&mut self, entry: EntryPoint, args: &[ExprId], dst: Option<Place>) -> R<()> {
        let name = entry.name();
        let signature = entry.signature();
        if signature.params.len() != args.len() {
            return Err(ice(format!("runtime call of {name} with {} arguments, the ABI has {}", args.len(), signature.params.len())));
        }
        let mut values = Vec::new();
        for (arg, (_, abi_type)) in args.iter().zip(signature.params) {
            let ty = self.ty(*arg)?;
            let v = match ty {
                Type::Scalar { dtype, .. } => {
                    let to = if dtype.is_float() { DType::F64 } else { DType::I64 };
                    let v = self.scalar(*arg)?;
                    self.fx.cast(*dtype, to, v)?.one()?
                }
                Type::Array { .. } | Type::Str | Type::List(_) => self.one(*arg)?,
                Type::None => return Err(ice(format!("None argument in a runtime call of {name}"))),
            };
            if self.fx.b.func.dfg.value_type(v) != crate::abi_type(*abi_type) {
                return Err(ice(format!("runtime call of {name}: argument of type {ty} does not match the ABI")));
            }
            values.push(v);
        }
        let results = self.fx.rt(entry, &values)?;
        let Some(dst) = dst else { return Ok(()) };
        let result = *results.first().ok_or_else(|| ice(format!("runtime call of {name} has no result")))?;
        let dst_type = self.place_type(dst);
        let value_type = match &dst_type {
            Type::Scalar { dtype, .. } if dtype.is_float() => Type::scalar(DType::F64),
            Type::Scalar { .. } => Type::scalar(DType::I64),
            _ => dst_type.clone(),
        };
        let expected = if value_type.is_scalar() { ctype(scalar_dtype(&value_type)?) } else { PTR };
        if self.fx.b.func.dfg.value_type(result) != expected {
            return Err(ice(format!("runtime call of {name}: result does not match a place of type {dst_type}")));
        }
        self.store_owned(dst, Some(Val::One(result)), &value_type)
    }

    /// The runtime's (kind, bits) encoding of a value for printing and formatting.
    fn kind_and_bits(&mut self, e: ExprId) -> R<(Value, Value)> {
        let ty = self.ty(e)?;
        Ok(match ty {
            Type::Scalar { dtype, .. } if dtype.is_complex() => {
                // As its text: the runtime exchanges one word.
                let dtype = *dtype;
                let (re, im) = self.scalar(e)?.parts()?;
                let re = self.fx.to_bits(re, dtype.real_part())?;
                let im = self.fx.to_bits(im, dtype.real_part())?;
                let code = self.i64(dtype.code());
                let text = self.fx.rt(EntryPoint::StrComplex, &[code, re, im])?[0];
                (self.i64(abi::KIND_STR), text)
            }
            Type::Scalar { dtype, .. } => {
                let v = self.one(e)?;
                let kind = self.i64(dtype.code());
                (kind, self.fx.to_bits(v, *dtype)?)
            }
            Type::Str | Type::Array { .. } => {
                let kind = if *ty == Type::Str { abi::KIND_STR } else { abi::KIND_ARRAY };
                let v = self.one(e)?;
                (self.i64(kind), v)
            }
            Type::None => {
                self.expr(e)?;
                (self.i64(abi::KIND_NONE), self.i64(0))
            }
            Type::List(_) => return Err(ice("a list printed without its text (the front end makes it)")),
        })
    }

    /// A string argument, or null for None (the runtime's default).
    fn str_or_null(&mut self, e: ExprId) -> R<Value> {
        Ok(match self.expr(e)? {
            Some(v) => v.one()?,
            None => self.i64(0),
        })
    }

    /// Python truthiness of a condition, as a bool.
    fn truth(&mut self, e: ExprId) -> R<Value> {
        let dtype = self.dtype(e)?;
        let v = self.one(e)?;
        Ok(self.fx.truth(dtype, v))
    }

    /// `a and b` / `a or b`: `b` is evaluated only when needed; the result is the last
    /// operand evaluated, as in Python.
    fn logical(&mut self, op: LogicalOp, a: ExprId, b: ExprId) -> R<Val> {
        let dtype = self.dtype(a)?;
        let x = self.scalar(a)?;
        let truth = self.fx.truth(dtype, x.one()?);
        let vars: Vec<Variable> = x.values().iter().map(|v| {
            let ty = self.fx.b.func.dfg.value_type(*v);
            self.fx.b.declare_var(ty)
        }).collect();
        for (var, v) in vars.iter().zip(x.values()) {
            self.fx.b.def_var(*var, v);
        }
        let right = self.fx.b.create_block();
        let merge = self.fx.b.create_block();
        match op {
            LogicalOp::And => self.fx.b.ins().brif(truth, right, &[], merge, &[]),
            LogicalOp::Or => self.fx.b.ins().brif(truth, merge, &[], right, &[]),
        };
        self.fx.b.switch_to_block(right);
        let y = self.scalar(b)?;
        let y = self.fx.cast(self.dtype(b)?, dtype, y)?;
        for (var, v) in vars.iter().zip(y.values()) {
            self.fx.b.def_var(*var, v);
        }
        self.fx.b.ins().jump(merge, &[]);
        self.fx.b.switch_to_block(merge);
        let values: Vec<Value> = vars.iter().map(|var| self.fx.b.use_var(*var)).collect();
        Ok(match values[..] {
            [one] => Val::One(one),
            [re, im] => Val::Two(re, im),
            _ => return Err(ice("a logical operand of no register")),
        })
    }

    /// `t if c else o` of type `ty`, evaluating only the chosen branch.
    fn select(&mut self, c: ExprId, t: ExprId, o: ExprId, ty: &Type) -> R<Option<Val>> {
        let types = value_types(ty);
        let vars: Vec<Variable> = types.iter().map(|t| self.fx.b.declare_var(*t)).collect();
        let cond = self.truth(c)?;
        let then_block = self.fx.b.create_block();
        let else_block = self.fx.b.create_block();
        let merge = self.fx.b.create_block();
        self.fx.b.ins().brif(cond, then_block, &[], else_block, &[]);
        for (block, e) in [(then_block, t), (else_block, o)] {
            self.fx.b.switch_to_block(block);
            let v = self.expr(e)?;
            let v = match (v, self.ty(e)?, ty) {
                (Some(v), Type::Scalar { dtype: from, .. }, Type::Scalar { dtype: to, .. }) => Some(self.fx.cast(*from, *to, v)?),
                (v, _, _) => v,
            };
            if !vars.is_empty() {
                let v = v.ok_or_else(|| ice("select branch has no value"))?;
                for (var, value) in vars.iter().zip(v.values()) {
                    self.fx.b.def_var(*var, value);
                }
            }
            self.fx.b.ins().jump(merge, &[]);
        }
        self.fx.b.switch_to_block(merge);
        let values: Vec<Value> = vars.iter().map(|var| self.fx.b.use_var(*var)).collect();
        Ok(match values[..] {
            [] => None,
            [one] => Some(Val::One(one)),
            [re, im] => Some(Val::Two(re, im)),
            _ => return Err(ice("a value of more than two registers")),
        })
    }
}

/// The zero (or null) of a register type.
fn zero(fx: &mut Fx<'_, '_>, ty: cranelift_codegen::ir::Type) -> Value {
    if ty == types::F32 {
        fx.b.ins().f32const(0.0)
    } else if ty == types::F64 {
        fx.b.ins().f64const(0.0)
    } else {
        fx.b.ins().iconst(ty, 0)
    }
}
