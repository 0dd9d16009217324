//! Compiles small hand-built IR modules for every `Emit` kind and checks the
//! LLVM text: runtime declarations, kernels, launches, determinism, vectorisation.

mod common;

use codegen_llvm::{compile, Emit, Options};
use common::*;
use ir::*;

fn text(m: &Module, opt_level: u8) -> String {
    let options = Options { opt_level, target_cpu: "x86-64-v3".into(), ..Default::default() };
    String::from_utf8(compile(&numbered(m), &options, Emit::LlvmIr).expect("compiles")).unwrap()
}

fn asm(m: &Module, opt_level: u8, cpu: &str) -> String {
    let options = Options { opt_level, target_cpu: cpu.into(), ..Default::default() };
    String::from_utf8(compile(&numbered(m), &options, Emit::Asm).expect("compiles")).unwrap()
}

fn all_kinds(m: &Module) {
    for opt_level in 0..=3 {
        let options = Options { opt_level, target_cpu: "native".into(), ..Default::default() };
        for emit in [Emit::LlvmIr, Emit::Asm, Emit::Object] {
            let bytes = compile(&numbered(m), &options, emit).unwrap_or_else(|e| panic!("{e}"));
            assert!(!bytes.is_empty());
            if emit == Emit::Object {
                assert_eq!(&bytes[..4], b"\x7fELF");
            }
        }
    }
}

/// `print(42)`.
fn print_int_module() -> Module {
    let mut m = Module::new();
    let f = &mut m.functions[m.main];
    let c = int(f, 42);
    let p = print(f, vec![c]);
    f.body.push(p);
    m
}

/// `s = 0; for i in range(0, 10, 1): s = s + i; print(s, i)`.
fn loop_module() -> Module {
    let mut m = Module::new();
    let f = &mut m.functions[m.main];
    let s = local(f, "s", Type::py_int());
    let i = local(f, "i", Type::py_int());
    let zero = int(f, 0);
    let init = assign(f, s, zero);
    f.body.push(init);
    let (start, stop, step) = (int(f, 0), int(f, 10), int(f, 1));
    let rs = read(f, s);
    let ri = read(f, i);
    let sum = f.add_expr(Expr::Binary(BinaryOp::Add, rs, ri), Type::py_int());
    let update = assign(f, s, sum);
    f.body.push(stmt(StmtKind::For { var: Place::Local(i), start, stop, step, body: vec![update] }));
    let (rs, ri) = (read(f, s), read(f, i));
    let p = print(f, vec![rs, ri]);
    f.body.push(p);
    m
}

/// `def twice(x): y = x + x; return y` called from main on a fresh 2-D array.
fn call_module() -> Module {
    let mut m = Module::new();
    let add = binary_kernel(&mut m, BinaryOp::Add, 2, DType::F64);
    let iota = iota_kernel(&mut m, 2, DType::F64);
    let arr = Type::array(DType::F64, 2);
    let mut twice = Function::new("twice");
    let x = local(&mut twice, "x", arr.clone());
    twice.params.push(x);
    twice.results.push(arr.clone());
    let y = local(&mut twice, "y", arr.clone());
    let rx = read(&mut twice, x);
    twice.body.push(stmt(StmtKind::Alloc { dst: Place::Local(y), dtype: DType::F64, shape: ShapeSpec::Broadcast { arrays: vec![rx], reuse: None } }));
    let (rx1, rx2, ry) = (read(&mut twice, x), read(&mut twice, x), read(&mut twice, y));
    twice.body.push(stmt(StmtKind::Launch { kernel: add, dst: Some(ry), arrays: vec![rx1, rx2], scalars: vec![], result: None }));
    let ry = read(&mut twice, y);
    twice.body.push(stmt(StmtKind::Return { values: vec![ry] }));
    let twice = m.functions.push(twice);
    let f = &mut m.functions[m.main];
    let a = local(f, "a", arr.clone());
    let c = local(f, "c", arr.clone());
    let s = alloc(f, a, DType::F64, &[2, 3]);
    f.body.push(s);
    let ra = read(f, a);
    f.body.push(stmt(StmtKind::Launch { kernel: iota, dst: Some(ra), arrays: vec![], scalars: vec![], result: None }));
    let ra = read(f, a);
    f.body.push(stmt(StmtKind::Call { func: twice, args: vec![ra], results: vec![Place::Local(c)] }));
    let rc = read(f, c);
    let p = print(f, vec![rc]);
    f.body.push(p);
    m
}

/// `c = a + b` on 1-D float64 arrays of length 1000.
fn add_module() -> Module {
    let mut m = Module::new();
    let add = binary_kernel(&mut m, BinaryOp::Add, 1, DType::F64);
    let f = &mut m.functions[m.main];
    let arr = Type::array(DType::F64, 1);
    let (a, b, c) = (local(f, "a", arr.clone()), local(f, "b", arr.clone()), local(f, "c", arr.clone()));
    for v in [a, b, c] {
        let s = alloc(f, v, DType::F64, &[1000]);
        f.body.push(s);
    }
    let (ra, rb, rc) = (read(f, a), read(f, b), read(f, c));
    f.body.push(stmt(StmtKind::Launch { kernel: add, dst: Some(rc), arrays: vec![ra, rb], scalars: vec![], result: None }));
    m
}

/// `s = a.sum()` (reduce-all) and `r = a.sum(axis=1)` (reduce-axis) on a 2-D array.
fn reduce_module(axis: usize) -> Module {
    let mut m = Module::new();
    let all = reduce_kernel(&mut m, 2, DType::F64, KernelOutput::ReduceAll { op: ReduceOp::Sum, dtype: DType::F64 });
    let along = reduce_kernel(&mut m, 2, DType::F64, KernelOutput::ReduceAxis { op: ReduceOp::Max, dtype: DType::F64, axis });
    let f = &mut m.functions[m.main];
    let a = local(f, "a", Type::array(DType::F64, 2));
    let r = local(f, "r", Type::array(DType::F64, 1));
    let s = local(f, "s", Type::scalar(DType::F64));
    let st = alloc(f, a, DType::F64, &[4, 5]);
    f.body.push(st);
    let ra = read(f, a);
    f.body.push(stmt(StmtKind::Launch { kernel: all, dst: None, arrays: vec![ra], scalars: vec![], result: Some(Place::Local(s)) }));
    let ra = read(f, a);
    f.body.push(stmt(StmtKind::Alloc { dst: Place::Local(r), dtype: DType::F64, shape: ShapeSpec::Reduced { array: ra, axis } }));
    let (ra, rr) = (read(f, a), read(f, r));
    f.body.push(stmt(StmtKind::Launch { kernel: along, dst: Some(rr), arrays: vec![ra], scalars: vec![], result: None }));
    let (rs, rr) = (read(f, s), read(f, r));
    let p = print(f, vec![rs, rr]);
    f.body.push(p);
    m
}

#[test]
fn every_module_compiles_for_every_emit_kind_and_level() {
    for m in [print_int_module(), loop_module(), call_module(), add_module(), reduce_module(0), reduce_module(1)] {
        all_kinds(&m);
    }
}

#[test]
fn declares_the_runtime_and_defines_main() {
    let ir = text(&print_int_module(), 0);
    for name in ["lt_init", "lt_finalize", "lt_print", "lt_launch", "lt_array_new", "lt_str_new", "lt_raise"] {
        assert!(ir.contains(&format!("@{name}(")), "{name} missing:\n{ir}");
    }
    assert!(ir.contains("define i32 @main(i32"), "{ir}");
    assert!(ir.contains("call void @lt_init("), "{ir}");
    assert!(ir.contains("call void @lt_finalize()"), "{ir}");
    assert!(ir.contains("define internal void @f0.__main__()"), "{ir}");
    assert!(ir.contains("call void @lt_print(i64 1"), "{ir}");
}

#[test]
fn kernels_are_functions_passed_to_lt_launch() {
    let ir = text(&add_module(), 0);
    assert!(ir.contains("define internal void @k0.add(ptr noalias nocapture readonly"), "{ir}");
    assert!(ir.contains("call void @lt_launch(ptr @k0.add, i64 0"), "{ir}");
    assert!(ir.contains("llvm.loop.parallel_accesses"), "{ir}");
    assert!(ir.contains("!llvm.access.group"), "{ir}");
}

#[test]
fn reductions_use_their_modes() {
    let ir = text(&reduce_module(1), 0);
    assert!(ir.contains(&format!("@lt_launch(ptr @k0.reduce, i64 {}, i64 {}", runtime_abi::MODE_REDUCE_ALL, runtime_abi::REDUCE_SUM)), "{ir}");
    assert!(ir.contains(&format!("@lt_launch(ptr @k1.reduce, i64 {}, i64 {}", runtime_abi::MODE_REDUCE_AXIS, runtime_abi::REDUCE_MAX)), "{ir}");
    assert!(ir.contains("@lt_array_new_reduced(i64 4"), "{ir}");
}

#[test]
fn array_parameters_are_retained_and_locals_released() {
    let ir = text(&call_module(), 0);
    let twice = ir.split("define internal ptr @f1.twice").nth(1).expect("twice is defined");
    let twice = twice.split("\n}\n").next().unwrap();
    assert!(twice.contains("@lt_array_retain"), "{twice}");
    assert!(twice.matches("@lt_array_release").count() >= 2, "{twice}");
}

#[test]
fn output_is_deterministic() {
    for m in [call_module(), reduce_module(1), loop_module()] {
        for level in [0, 2] {
            assert_eq!(text(&m, level), text(&m, level));
        }
        let options = Options { opt_level: 2, target_cpu: "x86-64-v3".into(), ..Default::default() };
        assert_eq!(compile(&numbered(&m), &options, Emit::Object).unwrap(), compile(&numbered(&m), &options, Emit::Object).unwrap());
    }
}

#[test]
fn add_kernel_is_vectorised_at_o2() {
    let out = asm(&add_module(), 2, "x86-64-v3");
    let kernel = out.split("k0.add:").nth(1).expect("kernel in asm");
    let kernel = kernel.split(".Lfunc_end").next().unwrap();
    assert!(kernel.contains("vaddpd") && kernel.contains("ymm"), "{kernel}");
    let out = asm(&add_module(), 2, "x86-64");
    assert!(out.contains("addpd"), "{out}");
}

#[test]
fn invalid_ir_is_an_internal_error() {
    let mut m = Module::new();
    m.functions[m.main].body.push(stmt(StmtKind::Break));
    let error = compile(&m, &Options::default(), Emit::LlvmIr).unwrap_err();
    assert_eq!(error.pass, "codegen-llvm");
}

/// Prints the LLVM text of the sample modules (for inspection: `--nocapture`).
#[test]
fn dump_samples() {
    if std::env::var("DUMP").is_ok() {
        let level: u8 = std::env::var("DUMP").unwrap().parse().unwrap_or(2);
        println!("{}", text(&add_module(), level));
        println!("{}", text(&reduce_module(1), level));
        println!("{}", text(&reduce_module(0), level));
    }
}

/// `b = np.exp(a)` on float64 and float32 1-D arrays.
fn exp_module(dtype: DType) -> Module {
    let mut m = Module::new();
    let mut k = Kernel {
        name: "exp".into(),
        ndim: 1,
        arrays: vec![KernelArray { dtype, ndim: 1 }],
        scalars: vec![],
        output: KernelOutput::Store { dtype },
        exprs: Arena::new(),
        expr_types: HandleMap::default(),
        root: Handle::new(0),
        also: Vec::new(),
        span: Span::default(),
    };
    let a = k.add_expr(KExpr::Array(0), dtype);
    k.root = k.add_expr(KExpr::Math(MathFn::Exp, a), dtype);
    let kernel = m.kernels.push(k);
    let f = &mut m.functions[m.main];
    let arr = Type::array(dtype, 1);
    let (a, b) = (local(f, "a", arr.clone()), local(f, "b", arr));
    for v in [a, b] {
        let s = alloc(f, v, dtype, &[1000]);
        f.body.push(s);
    }
    let (ra, rb) = (read(f, a), read(f, b));
    f.body.push(stmt(StmtKind::Launch { kernel, dst: Some(rb), arrays: vec![ra], scalars: vec![], result: None }));
    m
}

#[test]
fn math_calls_use_libmvec_for_the_target_isa() {
    let avx2 = asm(&exp_module(DType::F64), 2, "x86-64-v3");
    assert!(avx2.contains("_ZGVdN4v_exp"), "{avx2}");
    assert!(!avx2.contains("_ZGVeN8v_exp"), "{avx2}");
    let avx2 = asm(&exp_module(DType::F32), 2, "x86-64-v3");
    assert!(avx2.contains("_ZGVdN8v_expf"), "{avx2}");
    let sse = asm(&exp_module(DType::F64), 2, "x86-64");
    assert!(sse.contains("_ZGVbN2v_exp") && !sse.contains("_ZGVd"), "{sse}");
    let o1 = text(&exp_module(DType::F64), 1);
    assert!(!o1.contains("_ZGV"), "{o1}");
}
