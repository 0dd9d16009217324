//! CPU kernels: one function per `ir::Kernel` with the `runtime_abi::KernelFn`
//! signature, a loop nest over the iteration space, as `codegen_llvm`'s kernels (axis 0
//! over `[begin, end)`, the others over the shape; a float sum over all points adds each
//! innermost row on its own first, so both backends add in the same order; a copy of
//! unit-stride rows is `memmove`). No vectorisation: this is the development backend.

use cranelift_codegen::ir::condcodes::IntCC;
use cranelift_codegen::ir::{types, InstBuilder, MemFlagsData, Value};
use cranelift_frontend::Variable;

use codegen_llvm::Semantics;
use ir::{DType, KExpr, Kernel, KernelOutput, ReduceOp};

use crate::sem::{ctype, Val};
use crate::{ice, Fx, R};

struct Slot {
    dtype: DType,
    base: Value,
    strides: Vec<Value>,
}

struct Gen<'k, 'f, 'a> {
    fx: Fx<'f, 'a>,
    k: &'k Kernel,
    live: Vec<bool>,
    shape: Vec<Value>,
    slots: Vec<Option<Slot>>,
    scalars: Vec<Val>,
    begin: Value,
    end: Value,
    /// Reduce-all: the operator, the accumulator's dtype and variable.
    reduce_all: Option<(ReduceOp, DType, Variable)>,
    /// A reduction along the innermost axis: the accumulator's variable.
    inner_acc: Option<Variable>,
    /// While the innermost loop of a float sum runs: the running sum of this point's lane.
    lane: Option<Variable>,
}

/// Defines the body of one kernel (`fx` is positioned nowhere yet).
pub(crate) fn define(mut fx: Fx<'_, '_>, k: &Kernel) -> R<()> {
    let entry = fx.b.create_block();
    fx.b.append_block_params_for_function_params(entry);
    fx.b.switch_to_block(entry);
    let params = fx.b.block_params(entry).to_vec();
    let [shape_ptr, ptrs, strides_ptr, scalars_ptr, begin, end, acc_ptr] = params[..] else {
        return Err(ice("kernel signature"));
    };
    let flags = MemFlagsData::trusted();
    let live = codegen_llvm::live_expressions(k);
    let ndim = k.ndim;
    let shape: Vec<Value> = (0..ndim).map(|d| fx.b.ins().load(types::I64, flags, shape_ptr, 8 * d as i32)).collect();
    let mut slots = Vec::new();
    for (s, dtype) in codegen_llvm::slot_dtypes(k, &live).into_iter().enumerate() {
        let Some(dtype) = dtype else {
            slots.push(None);
            continue;
        };
        let base = fx.b.ins().load(types::I64, flags, ptrs, 8 * s as i32);
        let strides = (0..ndim).map(|d| fx.b.ins().load(types::I64, flags, strides_ptr, 8 * (s * ndim + d) as i32)).collect();
        slots.push(Some(Slot { dtype, base, strides }));
    }
    let mut scalars = Vec::new();
    for (i, dtype) in k.scalars.iter().enumerate() {
        let bits = fx.b.ins().load(types::I64, flags, scalars_ptr, 8 * i as i32);
        scalars.push(Val::One(fx.from_bits(bits, *dtype)?));
    }
    let reduce_all = match k.output {
        KernelOutput::ReduceAll { op, dtype } | KernelOutput::StoreReduce { op, acc: dtype, .. } => {
            let var = fx.b.declare_var(ctype(dtype));
            let bits = fx.b.ins().load(types::I64, flags, acc_ptr, 0);
            let value = fx.from_bits(bits, dtype)?;
            fx.b.def_var(var, value);
            Some((op, dtype, var))
        }
        _ => None,
    };
    let inner_acc = match k.output {
        KernelOutput::ReduceAxis { dtype, axis, .. } if ndim > 0 && axis == ndim - 1 => Some(fx.b.declare_var(ctype(dtype))),
        _ => None,
    };
    let mut g = Gen { fx, k, live, shape, slots, scalars, begin, end, reduce_all, inner_acc, lane: None };
    let bases: Vec<Option<Value>> = g.slots.iter().map(|s| s.as_ref().map(|s| s.base)).collect();
    if ndim == 0 {
        let run = g.fx.b.create_block();
        let done = g.fx.b.create_block();
        let nonempty = g.fx.b.ins().icmp(IntCC::SignedLessThan, begin, end);
        g.fx.b.ins().brif(nonempty, run, &[], done, &[]);
        g.fx.b.switch_to_block(run);
        g.point(&bases, &[])?;
        g.fx.b.ins().jump(done, &[]);
        g.fx.b.switch_to_block(done);
    } else {
        g.axis(0, bases, &mut Vec::new())?;
    }
    if let Some((_, dtype, var)) = g.reduce_all {
        let value = g.fx.b.use_var(var);
        let bits = g.fx.to_bits(value, dtype)?;
        g.fx.b.ins().store(flags, bits, acc_ptr, 0);
    }
    g.fx.b.ins().return_(&[]);
    g.fx.finish()
}

impl Gen<'_, '_, '_> {
    fn slot(&self, s: usize) -> R<&Slot> {
        self.slots[s].as_ref().ok_or_else(|| ice("inactive slot"))
    }

    /// `base + offset` elements of slot `s`.
    fn advance(&mut self, s: usize, base: Value, offset: Value) -> R<Value> {
        let size = self.slot(s)?.dtype.size_bytes() as i64;
        let bytes = if size == 1 { offset } else { self.fx.b.ins().imul_imm_s(offset, size) };
        Ok(self.fx.b.ins().iadd(base, bytes))
    }

    /// The loop over axis `d`, given each slot's address at index 0 of axes `d..`.
    fn axis(&mut self, d: usize, bases: Vec<Option<Value>>, indices: &mut Vec<Value>) -> R<()> {
        let (lo, hi) = if d == 0 { (self.begin, self.end) } else { (self.fx.i64(0), self.shape[d]) };
        if d + 1 == self.k.ndim {
            return self.innermost(d, lo, hi, bases, indices);
        }
        let i = self.fx.b.declare_var(types::I64);
        self.fx.b.def_var(i, lo);
        let head = self.fx.b.create_block();
        let body = self.fx.b.create_block();
        let exit = self.fx.b.create_block();
        self.fx.b.ins().jump(head, &[]);
        self.fx.b.switch_to_block(head);
        let iv = self.fx.b.use_var(i);
        let more = self.fx.b.ins().icmp(IntCC::SignedLessThan, iv, hi);
        self.fx.b.ins().brif(more, body, &[], exit, &[]);
        self.fx.b.switch_to_block(body);
        let mut inner = Vec::new();
        for (s, base) in bases.iter().enumerate() {
            inner.push(match (base, &self.slots[s]) {
                (Some(base), Some(slot)) => {
                    let offset = self.fx.b.ins().imul(iv, slot.strides[d]);
                    Some(self.advance(s, *base, offset)?)
                }
                _ => None,
            });
        }
        indices.push(iv);
        self.axis(d + 1, inner, indices)?;
        indices.pop();
        let next = self.fx.b.ins().iadd_imm_s(iv, 1);
        self.fx.b.def_var(i, next);
        self.fx.b.ins().jump(head, &[]);
        self.fx.b.switch_to_block(exit);
        Ok(())
    }

    /// The innermost axis.
    fn innermost(&mut self, d: usize, lo: Value, hi: Value, bases: Vec<Option<Value>>, indices: &mut Vec<Value>) -> R<()> {
        let mut starts = Vec::new();
        for (s, base) in bases.iter().enumerate() {
            starts.push(match (base, &self.slots[s]) {
                (Some(base), Some(slot)) if d == 0 => {
                    let offset = self.fx.b.ins().imul(lo, slot.strides[d]);
                    Some(self.advance(s, *base, offset)?)
                }
                (base, _) => *base,
            });
        }
        if let Some(acc) = self.inner_acc {
            // Reduction along this axis: the destination element is fixed; keep it in a variable.
            let dst = starts[0].ok_or_else(|| ice("reduce-axis kernel without destination"))?;
            let dtype = self.slot(0)?.dtype;
            let value = self.fx.load_element(dst, dtype).one()?;
            self.fx.b.def_var(acc, value);
        }
        // A float sum over all points: each row from zero, then added to the running sum.
        let row_sum = match self.reduce_all {
            Some((ReduceOp::Sum, dtype, var)) if d > 0 && dtype.is_float() => {
                let before = self.fx.b.use_var(var);
                let zero = self.fx.constant(&ir::Const::Float(0.0), dtype)?.one()?;
                self.fx.b.def_var(var, zero);
                Some((before, dtype, var))
            }
            _ => None,
        };
        let n = self.fx.b.ins().isub(hi, lo);
        match self.copy_source() {
            Some(source) => {
                let mut unit = self.fx.iconst(types::I8, 1);
                for s in [0, source] {
                    let stride = self.slot(s)?.strides[d];
                    let is_one = self.fx.b.ins().icmp_imm_s(IntCC::Equal, stride, 1);
                    unit = self.fx.b.ins().band(unit, is_one);
                }
                let fast = self.fx.b.create_block();
                let strided = self.fx.b.create_block();
                let join = self.fx.b.create_block();
                self.fx.b.ins().brif(unit, fast, &[], strided, &[]);
                self.fx.b.switch_to_block(fast);
                let dst = starts[0].ok_or_else(|| ice("copy kernel without destination"))?;
                let src = starts[source].ok_or_else(|| ice("copy kernel without source"))?;
                let size = self.slot(0)?.dtype.size_bytes() as i64;
                let bytes = self.fx.b.ins().imul_imm_s(n, size);
                let memmove = self.fx.cx.memmove_id();
                self.fx.call_id(memmove, &[dst, src, bytes]);
                self.fx.b.ins().jump(join, &[]);
                self.fx.b.switch_to_block(strided);
                self.inner_loop(d, lo, n, &starts, indices)?;
                self.fx.b.ins().jump(join, &[]);
                self.fx.b.switch_to_block(join);
            }
            None => self.inner_loop(d, lo, n, &starts, indices)?,
        }
        if let Some((before, dtype, var)) = row_sum {
            let row = self.fx.b.use_var(var);
            let sum = self.fx.reduce(ReduceOp::Sum, dtype, Val::One(before), Val::One(row))?.one()?;
            self.fx.b.def_var(var, sum);
        }
        if let Some(acc) = self.inner_acc {
            let dst = starts[0].ok_or_else(|| ice("reduce-axis kernel without destination"))?;
            let dtype = self.slot(0)?.dtype;
            let value = self.fx.b.use_var(acc);
            self.fx.store_element(dst, Val::One(value), dtype)?;
        }
        Ok(())
    }

    /// For a kernel that only copies input `i` into a destination of the same dtype, its slot.
    fn copy_source(&self) -> Option<usize> {
        match (self.k.output, &self.k.exprs[self.k.root]) {
            (KernelOutput::Store { dtype }, KExpr::Array(i)) if self.k.arrays[*i].dtype == dtype && self.k.also.is_empty() => Some(1 + i),
            _ => None,
        }
    }

    /// The innermost loop, `i` in `0..n`. A float sum (over all points, or along this axis) keeps one running
    /// sum per lane of `LANES` consecutive points, added pairwise after the loop, as a
    /// vectorised loop does (and NumPy's pairwise sum): one running sum over a leaf of the
    /// runtime's pairwise sum would lose digits of a float32 sum.
    fn inner_loop(&mut self, d: usize, lo: Value, n: Value, starts: &[Option<Value>], indices: &mut Vec<Value>) -> R<()> {
        const LANES: usize = 32;
        const _: () = assert!(LANES.is_power_of_two());
        let sum = match (self.reduce_all, self.k.output, self.inner_acc) {
            (Some((ReduceOp::Sum, dtype, var)), _, _) if dtype.is_float() => Some((dtype, var)),
            (_, KernelOutput::ReduceAxis { op: ReduceOp::Sum, dtype, .. }, Some(var)) if dtype.is_float() => Some((dtype, var)),
            _ => None,
        };
        let i = self.fx.b.declare_var(types::I64);
        let zero = self.fx.i64(0);
        self.fx.b.def_var(i, zero);
        let exit = self.fx.b.create_block();
        let mut lanes = Vec::new();
        if let Some((dtype, _)) = sum {
            // The unrolled loop: LANES points a step, each into its lane.
            let zero_sum = self.fx.constant(&ir::Const::Float(0.0), dtype)?.one()?;
            for _ in 0..LANES {
                let lane = self.fx.b.declare_var(ctype(dtype));
                self.fx.b.def_var(lane, zero_sum);
                lanes.push(lane);
            }
            let head = self.fx.b.create_block();
            let body = self.fx.b.create_block();
            let tail = self.fx.b.create_block();
            self.fx.b.ins().jump(head, &[]);
            self.fx.b.switch_to_block(head);
            let iv = self.fx.b.use_var(i);
            let step_end = self.fx.b.ins().iadd_imm_s(iv, LANES as i64);
            let more = self.fx.b.ins().icmp(IntCC::SignedLessThanOrEqual, step_end, n);
            self.fx.b.ins().brif(more, body, &[], tail, &[]);
            self.fx.b.switch_to_block(body);
            for (j, lane) in lanes.iter().enumerate() {
                let k = self.fx.b.ins().iadd_imm_s(iv, j as i64);
                self.lane = Some(*lane);
                self.loop_point(d, lo, k, starts, indices)?;
            }
            self.fx.b.def_var(i, step_end);
            self.fx.b.ins().jump(head, &[]);
            self.fx.b.switch_to_block(tail);
            self.lane = Some(lanes[0]);
        }
        // The loop (after the unrolled one: the remaining points, into the first lane).
        let head = self.fx.b.create_block();
        let body = self.fx.b.create_block();
        self.fx.b.ins().jump(head, &[]);
        self.fx.b.switch_to_block(head);
        let iv = self.fx.b.use_var(i);
        let more = self.fx.b.ins().icmp(IntCC::SignedLessThan, iv, n);
        self.fx.b.ins().brif(more, body, &[], exit, &[]);
        self.fx.b.switch_to_block(body);
        self.loop_point(d, lo, iv, starts, indices)?;
        let next = self.fx.b.ins().iadd_imm_s(iv, 1);
        self.fx.b.def_var(i, next);
        self.fx.b.ins().jump(head, &[]);
        self.fx.b.switch_to_block(exit);
        if let Some((dtype, var)) = sum {
            self.lane = None;
            // LANES is a power of two: halve until one is left.
            let mut values: Vec<Value> = lanes.iter().map(|l| self.fx.b.use_var(*l)).collect();
            while values.len() > 1 {
                values = values.chunks(2).map(|pair| self.fx.b.ins().fadd(pair[0], pair[1])).collect();
            }
            let before = self.fx.b.use_var(var);
            let total = self.fx.reduce(ReduceOp::Sum, dtype, Val::One(before), Val::One(values[0]))?.one()?;
            self.fx.b.def_var(var, total);
        }
        Ok(())
    }

    /// Point `k` of the innermost loop: its addresses and index, then the point.
    fn loop_point(&mut self, d: usize, lo: Value, k: Value, starts: &[Option<Value>], indices: &mut Vec<Value>) -> R<()> {
        let mut addrs = Vec::new();
        for (s, start) in starts.iter().enumerate() {
            addrs.push(match (start, &self.slots[s]) {
                (Some(start), Some(slot)) => {
                    let offset = self.fx.b.ins().imul(k, slot.strides[d]);
                    Some(self.advance(s, *start, offset)?)
                }
                _ => None,
            });
        }
        let index = if d == 0 { self.fx.b.ins().iadd(lo, k) } else { k };
        indices.push(index);
        self.point(&addrs, indices)?;
        indices.pop();
        Ok(())
    }

    /// Evaluates the expression tree at one point and writes the outputs.
    fn point(&mut self, addrs: &[Option<Value>], indices: &[Value]) -> R<()> {
        let k = self.k;
        let mut values: Vec<Option<Val>> = vec![None; k.exprs.len()];
        for (e, expr) in k.exprs.iter() {
            if !self.live[e.index()] {
                continue;
            }
            let dtype = k.expr_dtype(e);
            let get = |x: ir::KExprId| values[x.index()].ok_or_else(|| ice(format!("kernel %{} used before definition", x.index())));
            let value = match expr {
                KExpr::Array(i) => {
                    let addr = addrs.get(1 + i).copied().flatten().ok_or_else(|| ice(format!("input a{i} has no address")))?;
                    self.fx.load_element(addr, k.arrays[*i].dtype)
                }
                KExpr::Scalar(i) => *self.scalars.get(*i).ok_or_else(|| ice(format!("scalar s{i} out of range")))?,
                KExpr::Const(c) => self.fx.constant(c, dtype)?,
                KExpr::Index(axis) => Val::One(*indices.get(*axis).ok_or_else(|| ice(format!("index {axis} out of range")))?),
                KExpr::Unary(op, a) => self.fx.unary(*op, k.expr_dtype(*a), get(*a)?, Semantics::NumPy)?,
                KExpr::Binary(op, a, c) => self.fx.binary(*op, k.expr_dtype(*a), get(*a)?, get(*c)?, Semantics::NumPy)?,
                KExpr::Compare(op, a, c) => Val::One(self.fx.compare(*op, k.expr_dtype(*a), get(*a)?, get(*c)?)?),
                KExpr::Cast(to, a) => self.fx.cast(k.expr_dtype(*a), *to, get(*a)?)?,
                KExpr::Select(c, t, o) => self.fx.select(get(*c)?.one()?, get(*t)?, get(*o)?)?,
                KExpr::Math(f, a) => self.fx.math(*f, k.expr_dtype(*a), get(*a)?, false)?,
            };
            values[e.index()] = Some(value);
        }
        let root = values[k.root.index()].ok_or_else(|| ice("kernel root not evaluated"))?;
        for (i, value) in k.outputs().zip(&k.also) {
            let addr = addrs.get(1 + i).copied().flatten().ok_or_else(|| ice(format!("output a{i} has no address")))?;
            let value = values[value.index()].ok_or_else(|| ice("further output not evaluated"))?;
            self.fx.store_element(addr, value, k.arrays[i].dtype)?;
        }
        match k.output {
            KernelOutput::Store { dtype } => {
                let dst = addrs[0].ok_or_else(|| ice("store kernel without destination"))?;
                self.fx.store_element(dst, root, dtype)?;
            }
            KernelOutput::ReduceAll { op, dtype } => {
                let (_, _, var) = self.reduce_all.ok_or_else(|| ice("reduce-all without accumulator"))?;
                let var = self.lane.unwrap_or(var);
                let acc = self.fx.b.use_var(var);
                let combined = self.fx.reduce(op, dtype, Val::One(acc), root)?.one()?;
                self.fx.b.def_var(var, combined);
            }
            KernelOutput::StoreReduce { dtype, op, acc: acc_dtype, value } => {
                let dst = addrs[0].ok_or_else(|| ice("store kernel without destination"))?;
                self.fx.store_element(dst, root, dtype)?;
                let reduced = values[value.index()].ok_or_else(|| ice("reduced value not evaluated"))?;
                let (_, _, var) = self.reduce_all.ok_or_else(|| ice("store-reduce without accumulator"))?;
                let var = self.lane.unwrap_or(var);
                let acc = self.fx.b.use_var(var);
                let combined = self.fx.reduce(op, acc_dtype, Val::One(acc), reduced)?.one()?;
                self.fx.b.def_var(var, combined);
            }
            KernelOutput::ReduceAxis { op, dtype, .. } => match self.inner_acc {
                Some(var) => {
                    let var = self.lane.unwrap_or(var);
                    let acc = self.fx.b.use_var(var);
                    let combined = self.fx.reduce(op, dtype, Val::One(acc), root)?.one()?;
                    self.fx.b.def_var(var, combined);
                }
                None => {
                    let dst = addrs[0].ok_or_else(|| ice("reduce-axis kernel without destination"))?;
                    let old = self.fx.load_element(dst, dtype);
                    let combined = self.fx.reduce(op, dtype, old, root)?;
                    self.fx.store_element(dst, combined, dtype)?;
                }
            },
        }
        Ok(())
    }
}
