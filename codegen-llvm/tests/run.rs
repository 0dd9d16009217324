//! End-to-end: compiles hand-built IR modules to objects, links them with
//! `runtime-lib` (`target/release/libruntime_lib.a`, or `$LEGATEC_RUNTIME`)
//! and checks what the executables print. Expected outputs are CPython 3.11 +
//! NumPy 2's for the equivalent script, shown in each test's doc comment.

mod common;

use std::path::PathBuf;
use std::process::Command;
use std::sync::OnceLock;

use codegen_llvm::{compile, Emit, Options};
use common::*;
use ir::*;

/// The runtime library, built on first use when it is missing.
fn runtime() -> PathBuf {
    static RUNTIME: OnceLock<PathBuf> = OnceLock::new();
    RUNTIME
        .get_or_init(|| {
            if let Ok(p) = std::env::var("LEGATEC_RUNTIME") {
                return PathBuf::from(p);
            }
            let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
            let lib = root.join("target/release/libruntime_lib.a");
            if !lib.exists() {
                let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
                let status = Command::new(cargo)
                    .args(["build", "--release", "-p", "runtime-lib"])
                    .current_dir(&root)
                    .status()
                    .expect("runs cargo");
                assert!(status.success(), "building runtime-lib failed");
            }
            lib
        })
        .clone()
}

struct Outcome {
    status: i32,
    stdout: String,
    stderr: String,
}

/// Compiles at `opt_level`, links, runs.
fn run_at(m: &Module, opt_level: u8) -> Outcome {
    let options = Options { opt_level, target_cpu: "native".into(), ..Default::default() };
    let object = compile(&numbered(m), &options, Emit::Object).unwrap_or_else(|e| panic!("{e}"));
    let dir = tempfile::tempdir().unwrap();
    let obj = dir.path().join("program.o");
    let exe = dir.path().join("program");
    std::fs::write(&obj, object).unwrap();
    let link = Command::new("cc")
        .arg(&obj)
        .arg(runtime())
        .args(["-L/usr/lib/x86_64-linux-gnu/openmpi/lib", "-lmpi", "-lm", "-lpthread", "-ldl", "-lgcc_s", "-lc", "-o"])
        .arg(&exe)
        .output()
        .expect("runs cc");
    assert!(link.status.success(), "link failed: {}", String::from_utf8_lossy(&link.stderr));
    let out = Command::new(&exe).output().expect("runs the program");
    Outcome {
        status: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Runs at O0 and O2 and checks that both print `expected` and exit 0.
fn check(m: &Module, expected: &str) {
    for level in [0, 2] {
        let out = run_at(m, level);
        assert_eq!(out.stdout, expected, "at O{level}; stderr:\n{}", out.stderr);
        assert_eq!(out.status, 0, "at O{level}; stderr:\n{}", out.stderr);
    }
}

/// Runs and checks that the program fails like Python with `message` on stderr.
fn check_error(m: &Module, stdout: &str, message: &str) {
    for level in [0, 2] {
        let out = run_at(m, level);
        assert_eq!(out.status, 1, "at O{level}: stdout {:?} stderr {:?}", out.stdout, out.stderr);
        assert_eq!(out.stdout, stdout, "at O{level}");
        assert!(out.stderr.contains(message), "at O{level}: stderr {:?} lacks {message:?}", out.stderr);
    }
}

fn main_fn(m: &mut Module) -> &mut Function {
    let main = m.main;
    &mut m.functions[main]
}

fn strong(d: DType) -> Type {
    Type::scalar(d)
}

/// ```python
/// print(42)
/// print("hi", 1.5, True, None, sep="-")
/// print(7, end="")
/// ```
#[test]
fn prints_scalars_strings_and_none() {
    let mut m = Module::new();
    let f = main_fn(&mut m);
    let c = int(f, 42);
    let p = print(f, vec![c]);
    f.body.push(p);
    let hi = string(f, "hi");
    let x = float(f, 1.5);
    let t = f.add_expr(Expr::Const(Const::Bool(true)), Type::py_bool());
    let none = f.add_expr(Expr::Const(Const::None), Type::None);
    let sep = string(f, "-");
    let end = string(f, "\n");
    f.body.push(stmt(StmtKind::Print { args: vec![hi, x, t, none], sep, end }));
    let seven = int(f, 7);
    let sep = string(f, " ");
    let end = string(f, "");
    f.body.push(stmt(StmtKind::Print { args: vec![seven], sep, end }));
    check(&m, "42\nhi-1.5-True-None\n7");
}

/// ```python
/// s = 0
/// for i in range(0, 10):
///     s = s + i
/// print(s, i)
/// for j in range(10, 0, -3):
///     print(j)
/// for k in range(5, 5):
///     print(k)
/// print(j)
/// n = 0
/// while True:
///     if n >= 3: break
///     n = n + 1
///     if n == 2: continue
///     print(n)
/// ```
#[test]
fn for_and_while_loops() {
    let mut m = Module::new();
    let f = main_fn(&mut m);
    let s = local(f, "s", Type::py_int());
    let i = local(f, "i", Type::py_int());
    let j = local(f, "j", Type::py_int());
    let k = local(f, "k", Type::py_int());
    let n = local(f, "n", Type::py_int());
    let zero = int(f, 0);
    let st = assign(f, s, zero);
    f.body.push(st);
    let (start, stop, step) = (int(f, 0), int(f, 10), int(f, 1));
    let (rs, ri) = (read(f, s), read(f, i));
    let sum = bin(f, BinaryOp::Add, rs, ri, Type::py_int());
    let update = assign(f, s, sum);
    f.body.push(stmt(StmtKind::For { var: Place::Local(i), start, stop, step, body: vec![update] }));
    let (rs, ri) = (read(f, s), read(f, i));
    let p = print(f, vec![rs, ri]);
    f.body.push(p);
    let (start, stop, step) = (int(f, 10), int(f, 0), int(f, -3));
    let rj = read(f, j);
    let p = print(f, vec![rj]);
    f.body.push(stmt(StmtKind::For { var: Place::Local(j), start, stop, step, body: vec![p] }));
    let (start, stop, step) = (int(f, 5), int(f, 5), int(f, 1));
    let rk = read(f, k);
    let p = print(f, vec![rk]);
    f.body.push(stmt(StmtKind::For { var: Place::Local(k), start, stop, step, body: vec![p] }));
    let rj = read(f, j);
    let p = print(f, vec![rj]);
    f.body.push(p);
    let zero = int(f, 0);
    let st = assign(f, n, zero);
    f.body.push(st);
    let (rn, three) = (read(f, n), int(f, 3));
    let done = cmp(f, CompareOp::Ge, rn, three);
    let (rn, one) = (read(f, n), int(f, 1));
    let inc = bin(f, BinaryOp::Add, rn, one, Type::py_int());
    let inc = assign(f, n, inc);
    let (rn, two) = (read(f, n), int(f, 2));
    let is_two = cmp(f, CompareOp::Eq, rn, two);
    let rn = read(f, n);
    let p = print(f, vec![rn]);
    let body = vec![
        stmt(StmtKind::If { cond: done, then_body: vec![stmt(StmtKind::Break)], else_body: vec![] }),
        inc,
        stmt(StmtKind::If { cond: is_two, then_body: vec![stmt(StmtKind::Continue)], else_body: vec![] }),
        p,
    ];
    f.body.push(stmt(StmtKind::Loop { body }));
    check(&m, "45 9\n10\n7\n4\n1\n1\n1\n3\n");
}

/// ```python
/// print(-7 // 2, -7 % 2, 7 % -2, 2 ** 10, 7 // -2, 3 ** 0)
/// print(-7.0 // 2.0, -7.0 % 2.0, 1.0 % -3.0, 7.5 / 2.0, -0.0 // 1.0, 2.0 ** 0.5)
/// print(np.int64(7) // np.int64(0), np.int64(7) % np.int64(0), np.float64(1.0) / np.float64(0.0))
/// print(max(-0.0, 0.0), np.maximum(-0.0, 0.0), min(3, 2), -(5), ~5, not True)
/// print(np.float64(2.7).astype(np.int64), np.float64(-2.7).astype(np.int64), np.float64(np.nan) != np.float64(np.nan))
/// ```
#[test]
fn python_and_numpy_scalar_arithmetic() {
    let mut m = Module::new();
    let f = main_fn(&mut m);
    let pi = Type::py_int();
    let pf = Type::py_float();
    let mut ints = Vec::new();
    for (op, a, b) in [
        (BinaryOp::FloorDiv, -7, 2),
        (BinaryOp::Mod, -7, 2),
        (BinaryOp::Mod, 7, -2),
        (BinaryOp::Pow, 2, 10),
        (BinaryOp::FloorDiv, 7, -2),
        (BinaryOp::Pow, 3, 0),
    ] {
        // Read the operands from locals so LLVM cannot fold everything away at O0.
        let x = local(f, "x", pi.clone());
        let cx = int(f, a);
        let st = assign(f, x, cx);
        f.body.push(st);
        let rx = read(f, x);
        let cb = int(f, b);
        ints.push(bin(f, op, rx, cb, pi.clone()));
    }
    let p = print(f, ints);
    f.body.push(p);
    let mut floats = Vec::new();
    for (op, a, b) in [
        (BinaryOp::FloorDiv, -7.0, 2.0),
        (BinaryOp::Mod, -7.0, 2.0),
        (BinaryOp::Mod, 1.0, -3.0),
        (BinaryOp::TrueDiv, 7.5, 2.0),
        (BinaryOp::FloorDiv, -0.0, 1.0),
        (BinaryOp::Pow, 2.0, 0.5),
    ] {
        let x = local(f, "x", pf.clone());
        let cx = float(f, a);
        let st = assign(f, x, cx);
        f.body.push(st);
        let rx = read(f, x);
        let cb = float(f, b);
        floats.push(bin(f, op, rx, cb, pf.clone()));
    }
    let p = print(f, floats);
    f.body.push(p);
    let i64s = strong(DType::I64);
    let f64s = strong(DType::F64);
    let seven = f.add_expr(Expr::Const(Const::Int(7)), i64s.clone());
    let zero = f.add_expr(Expr::Const(Const::Int(0)), i64s.clone());
    let q = bin(f, BinaryOp::FloorDiv, seven, zero, i64s.clone());
    let r = bin(f, BinaryOp::Mod, seven, zero, i64s.clone());
    let one = f.add_expr(Expr::Const(Const::Float(1.0)), f64s.clone());
    let fzero = f.add_expr(Expr::Const(Const::Float(0.0)), f64s.clone());
    let inf = bin(f, BinaryOp::TrueDiv, one, fzero, f64s.clone());
    let p = print(f, vec![q, r, inf]);
    f.body.push(p);
    let (nz, z) = (float(f, -0.0), float(f, 0.0));
    let py_max = bin(f, BinaryOp::Max, nz, z, pf.clone());
    let nz = f.add_expr(Expr::Const(Const::Float(-0.0)), f64s.clone());
    let z = f.add_expr(Expr::Const(Const::Float(0.0)), f64s.clone());
    let np_max = bin(f, BinaryOp::Max, nz, z, f64s.clone());
    let (three, two) = (int(f, 3), int(f, 2));
    let py_min = bin(f, BinaryOp::Min, three, two, pi.clone());
    let five = int(f, 5);
    let neg = f.add_expr(Expr::Unary(UnaryOp::Neg, five), pi.clone());
    let inv = f.add_expr(Expr::Unary(UnaryOp::Invert, five), pi.clone());
    let t = f.add_expr(Expr::Const(Const::Bool(true)), Type::py_bool());
    let not = f.add_expr(Expr::Unary(UnaryOp::Not, t), Type::py_bool());
    let p = print(f, vec![py_max, np_max, py_min, neg, inv, not]);
    f.body.push(p);
    let a = f.add_expr(Expr::Const(Const::Float(2.7)), f64s.clone());
    let ca = f.add_expr(Expr::Cast(DType::I64, a), i64s.clone());
    let b = f.add_expr(Expr::Const(Const::Float(-2.7)), f64s.clone());
    let cb = f.add_expr(Expr::Cast(DType::I64, b), i64s.clone());
    let nan = f.add_expr(Expr::Const(Const::Float(f64::NAN)), f64s.clone());
    let ne = f.add_expr(Expr::Compare(CompareOp::Ne, nan, nan), strong(DType::Bool));
    let p = print(f, vec![ca, cb, ne]);
    f.body.push(p);
    check(
        &m,
        "-4 1 -1 1024 -4 1\n-4.0 1.0 -2.0 3.75 -0.0 1.4142135623730951\n0 0 inf\n-0.0 0.0 2 -5 -6 False\n2 -2 True\n",
    );
}

fn division_by_zero(op: BinaryOp, float_operands: bool) -> Module {
    let mut m = Module::new();
    let f = main_fn(&mut m);
    let ty = if float_operands { Type::py_float() } else { Type::py_int() };
    let x = local(f, "x", ty.clone());
    let zero = if float_operands { float(f, 0.0) } else { int(f, 0) };
    let st = assign(f, x, zero);
    f.body.push(st);
    let hello = string(f, "before");
    let p = print(f, vec![hello]);
    f.body.push(p);
    let one = if float_operands { float(f, 1.0) } else { int(f, 1) };
    let rx = read(f, x);
    let q = if op == BinaryOp::TrueDiv && !float_operands {
        let (a, b) = (
            f.add_expr(Expr::Cast(DType::F64, one), Type::py_float()),
            f.add_expr(Expr::Cast(DType::F64, rx), Type::py_float()),
        );
        bin(f, op, a, b, Type::py_float())
    } else {
        bin(f, op, one, rx, ty)
    };
    let p = print(f, vec![q]);
    f.body.push(p);
    m
}

/// `1 // 0`, `1 % 0`, `1 / 0`, `1.0 / 0.0`, `1.0 // 0.0`, `1.0 % 0.0` raise
/// ZeroDivisionError with CPython 3.11's messages.
#[test]
fn python_division_by_zero_raises() {
    for (op, float_operands, message) in [
        (BinaryOp::FloorDiv, false, "ZeroDivisionError: integer division or modulo by zero"),
        (BinaryOp::Mod, false, "ZeroDivisionError: integer modulo by zero"),
        (BinaryOp::TrueDiv, false, "ZeroDivisionError: division by zero"),
        (BinaryOp::TrueDiv, true, "ZeroDivisionError: float division by zero"),
        (BinaryOp::FloorDiv, true, "ZeroDivisionError: float floor division by zero"),
        (BinaryOp::Mod, true, "ZeroDivisionError: float modulo"),
    ] {
        check_error(&division_by_zero(op, float_operands), "before\n", message);
    }
}

/// `for i in range(0, 3, z)` with `z == 0` raises ValueError.
#[test]
fn range_step_zero_raises() {
    let mut m = Module::new();
    let f = main_fn(&mut m);
    let i = local(f, "i", Type::py_int());
    let z = local(f, "z", Type::py_int());
    let zero = int(f, 0);
    let st = assign(f, z, zero);
    f.body.push(st);
    let (start, stop, step) = (int(f, 0), int(f, 3), read(f, z));
    f.body.push(stmt(StmtKind::For { var: Place::Local(i), start, stop, step, body: vec![] }));
    check_error(&m, "", "ValueError: range() arg 3 must not be zero");
}

/// ```python
/// def twice(x):
///     y = np.empty_like(x); y[...] = x + x
///     return y
/// a = np.empty((2, 3)); a[...] = 10 * i + j
/// b = twice(a)
/// print(b)
/// print(b.sum(), b.max(axis=1), b.max(axis=0))
/// b[1, 2] = 5.5
/// print(b[1, 2], b.shape[1], b.size)
/// v = b[1, ::2]
/// print(v)
/// ```
#[test]
fn arrays_kernels_calls_and_views() {
    let mut m = Module::new();
    let add = binary_kernel(&mut m, BinaryOp::Add, 2, DType::F64);
    let iota = iota_kernel(&mut m, 2, DType::F64);
    let total = reduce_kernel(&mut m, 2, DType::F64, KernelOutput::ReduceAll { op: ReduceOp::Sum, dtype: DType::F64 });
    let max1 = reduce_kernel(&mut m, 2, DType::F64, KernelOutput::ReduceAxis { op: ReduceOp::Max, dtype: DType::F64, axis: 1 });
    let max0 = reduce_kernel(&mut m, 2, DType::F64, KernelOutput::ReduceAxis { op: ReduceOp::Max, dtype: DType::F64, axis: 0 });
    let arr2 = Type::array(DType::F64, 2);
    let arr1 = Type::array(DType::F64, 1);
    let mut twice = Function::new("twice");
    let x = local(&mut twice, "x", arr2.clone());
    twice.params.push(x);
    twice.results.push(arr2.clone());
    let y = local(&mut twice, "y", arr2.clone());
    let rx = read(&mut twice, x);
    twice.body.push(stmt(StmtKind::Alloc { dst: Place::Local(y), dtype: DType::F64, shape: ShapeSpec::Broadcast { arrays: vec![rx], reuse: None } }));
    let (rx1, rx2, ry) = (read(&mut twice, x), read(&mut twice, x), read(&mut twice, y));
    twice.body.push(launch(add, Some(ry), vec![rx1, rx2], vec![], None));
    let ry = read(&mut twice, y);
    twice.body.push(stmt(StmtKind::Return { values: vec![ry] }));
    let twice = m.functions.push(twice);

    let f = main_fn(&mut m);
    let a = local(f, "a", arr2.clone());
    let b = local(f, "b", arr2.clone());
    let s = local(f, "s", strong(DType::F64));
    let r1 = local(f, "r1", arr1.clone());
    let r0 = local(f, "r0", arr1.clone());
    let v = local(f, "v", arr1.clone());
    let st = alloc(f, a, DType::F64, &[2, 3]);
    f.body.push(st);
    let ra = read(f, a);
    f.body.push(launch(iota, Some(ra), vec![], vec![], None));
    let ra = read(f, a);
    f.body.push(stmt(StmtKind::Call { func: twice, args: vec![ra], results: vec![Place::Local(b)] }));
    let rb = read(f, b);
    let p = print(f, vec![rb]);
    f.body.push(p);
    let rb = read(f, b);
    f.body.push(launch(total, None, vec![rb], vec![], Some(s)));
    for (dst, axis, kernel) in [(r1, 1, max1), (r0, 0, max0)] {
        let rb = read(f, b);
        f.body.push(stmt(StmtKind::Alloc { dst: Place::Local(dst), dtype: DType::F64, shape: ShapeSpec::Reduced { array: rb, axis } }));
        let (rb, rd) = (read(f, b), read(f, dst));
        f.body.push(launch(kernel, Some(rd), vec![rb], vec![], None));
    }
    let (rs, rr1, rr0) = (read(f, s), read(f, r1), read(f, r0));
    let p = print(f, vec![rs, rr1, rr0]);
    f.body.push(p);
    let (rb, one, two, val) = (read(f, b), int(f, 1), int(f, 2), float(f, 5.5));
    f.body.push(stmt(StmtKind::SetItem { array: rb, indices: vec![one, two], value: val }));
    let (rb, one, two) = (read(f, b), int(f, 1), int(f, 2));
    let item = f.add_expr(Expr::GetItem(rb, vec![one, two]), strong(DType::F64));
    let rb = read(f, b);
    let dim = f.add_expr(Expr::Dim(rb, 1), Type::py_int());
    let rb = read(f, b);
    let size = f.add_expr(Expr::Size(rb), Type::py_int());
    let p = print(f, vec![item, dim, size]);
    f.body.push(p);
    let (rb, one, two) = (read(f, b), int(f, 1), int(f, 2));
    let index = vec![IndexItem::Index(one), IndexItem::Slice { start: None, stop: None, step: Some(two) }];
    f.body.push(stmt(StmtKind::View { dst: Place::Local(v), src: rb, index }));
    let rv = read(f, v);
    let p = print(f, vec![rv]);
    f.body.push(p);
    check(&m, "[[ 0.  2.  4.]\n [20. 22. 24.]]\n72.0 [ 4. 24.] [20. 22. 24.]\n5.5 3 6\n[20.   5.5]\n");
}

/// ```python
/// a = np.arange(-3.0, 3.0)            # via an index kernel: i - 3
/// y = np.where(a > s, a * 2.0, -a)     # s = 0.5 (a kernel scalar)
/// m = y > 2.0
/// print(y, m, m.any(), m.all(), y.astype(np.int32))   # -a gives -0.0 at a == 0
/// ```
#[test]
fn kernel_scalars_select_compare_and_bool_arrays() {
    let mut m = Module::new();
    let mut kb = KernelBuilder::new("arange", 1, KernelOutput::Store { dtype: DType::F64 });
    let i = kb.e(KExpr::Index(0), DType::I64);
    let fi = kb.e(KExpr::Cast(DType::F64, i), DType::F64);
    let three = kb.e(KExpr::Const(Const::Float(3.0)), DType::F64);
    let root = kb.e(KExpr::Binary(BinaryOp::Sub, fi, three), DType::F64);
    let arange = kb.finish(root, &mut m);
    let mut kb = KernelBuilder::new("where", 1, KernelOutput::Store { dtype: DType::F64 });
    let a = kb.array(DType::F64, 1);
    let s = kb.scalar(DType::F64);
    let cond = kb.e(KExpr::Compare(CompareOp::Gt, a, s), DType::Bool);
    let two = kb.e(KExpr::Const(Const::Float(2.0)), DType::F64);
    let doubled = kb.e(KExpr::Binary(BinaryOp::Mul, a, two), DType::F64);
    let negated = kb.e(KExpr::Unary(UnaryOp::Neg, a), DType::F64);
    let root = kb.e(KExpr::Select(cond, doubled, negated), DType::F64);
    let select = kb.finish(root, &mut m);
    let mut kb = KernelBuilder::new("gt", 1, KernelOutput::Store { dtype: DType::Bool });
    let a = kb.array(DType::F64, 1);
    let two = kb.e(KExpr::Const(Const::Float(2.0)), DType::F64);
    let root = kb.e(KExpr::Compare(CompareOp::Gt, a, two), DType::Bool);
    let gt = kb.finish(root, &mut m);
    let any = reduce_kernel(&mut m, 1, DType::Bool, KernelOutput::ReduceAll { op: ReduceOp::Any, dtype: DType::Bool });
    let all = reduce_kernel(&mut m, 1, DType::Bool, KernelOutput::ReduceAll { op: ReduceOp::All, dtype: DType::Bool });
    let mut kb = KernelBuilder::new("astype", 1, KernelOutput::Store { dtype: DType::I32 });
    let a = kb.array(DType::F64, 1);
    let root = kb.e(KExpr::Cast(DType::I32, a), DType::I32);
    let astype = kb.finish(root, &mut m);

    let f = main_fn(&mut m);
    let a = local(f, "a", Type::array(DType::F64, 1));
    let y = local(f, "y", Type::array(DType::F64, 1));
    let mk = local(f, "m", Type::array(DType::Bool, 1));
    let yi = local(f, "yi", Type::array(DType::I32, 1));
    let any_v = local(f, "any", strong(DType::Bool));
    let all_v = local(f, "all", strong(DType::Bool));
    for (v, dtype) in [(a, DType::F64), (y, DType::F64), (mk, DType::Bool), (yi, DType::I32)] {
        let st = alloc(f, v, dtype, &[6]);
        f.body.push(st);
    }
    let ra = read(f, a);
    f.body.push(launch(arange, Some(ra), vec![], vec![], None));
    let (ra, ry, half) = (read(f, a), read(f, y), float(f, 0.5));
    f.body.push(launch(select, Some(ry), vec![ra], vec![half], None));
    let (ry, rm) = (read(f, y), read(f, mk));
    f.body.push(launch(gt, Some(rm), vec![ry], vec![], None));
    let rm = read(f, mk);
    f.body.push(launch(any, None, vec![rm], vec![], Some(any_v)));
    let rm = read(f, mk);
    f.body.push(launch(all, None, vec![rm], vec![], Some(all_v)));
    let (ry, ryi) = (read(f, y), read(f, yi));
    f.body.push(launch(astype, Some(ryi), vec![ry], vec![], None));
    let (ry, rm, rany, rall, ryi) = (read(f, y), read(f, mk), read(f, any_v), read(f, all_v), read(f, yi));
    let p = print(f, vec![ry, rm, rany, rall, ryi]);
    f.body.push(p);
    check(&m, "[ 3.  2.  1. -0.  2.  4.] [ True False False False False  True] True False [3 2 1 0 2 4]\n");
}

/// NumPy's integer and float floor_divide / remainder, including zero divisors:
/// ```python
/// x = np.array([-7, 7, 5, -2**63]); y = np.array([2, -2, 0, -1])
/// print(x // y, x % y)
/// x = np.array([-7.0, 7.0, -0.0, 1.0, -1.0, 5.0]); y = np.array([2.0, -2.0, 3.0, 0.0, np.inf, -np.inf])
/// print(x // y, x % y)
/// ```
#[test]
fn numpy_division_semantics_in_kernels() {
    let mut m = Module::new();
    let idiv = binary_kernel(&mut m, BinaryOp::FloorDiv, 1, DType::I64);
    let imod = binary_kernel(&mut m, BinaryOp::Mod, 1, DType::I64);
    let fdiv = binary_kernel(&mut m, BinaryOp::FloorDiv, 1, DType::F64);
    let fmod = binary_kernel(&mut m, BinaryOp::Mod, 1, DType::F64);
    let f = main_fn(&mut m);
    let fill = |f: &mut Function, v: VarId, values: &[Const], dtype: DType| {
        for (i, c) in values.iter().enumerate() {
            let (rv, idx) = (read(f, v), int(f, i as i64));
            let value = f.add_expr(Expr::Const(c.clone()), strong(dtype));
            f.body.push(stmt(StmtKind::SetItem { array: rv, indices: vec![idx], value }));
        }
    };
    let ia = Type::array(DType::I64, 1);
    let fa = Type::array(DType::F64, 1);
    let (x, y, q, r) = (local(f, "x", ia.clone()), local(f, "y", ia.clone()), local(f, "q", ia.clone()), local(f, "r", ia.clone()));
    for v in [x, y, q, r] {
        let st = alloc(f, v, DType::I64, &[4]);
        f.body.push(st);
    }
    fill(f, x, &[Const::Int(-7), Const::Int(7), Const::Int(5), Const::Int(i64::MIN)], DType::I64);
    fill(f, y, &[Const::Int(2), Const::Int(-2), Const::Int(0), Const::Int(-1)], DType::I64);
    for (dst, kernel) in [(q, idiv), (r, imod)] {
        let (rx, ry, rd) = (read(f, x), read(f, y), read(f, dst));
        f.body.push(launch(kernel, Some(rd), vec![rx, ry], vec![], None));
    }
    let (rq, rr) = (read(f, q), read(f, r));
    let p = print(f, vec![rq, rr]);
    f.body.push(p);
    let (x, y, q, r) = (local(f, "x", fa.clone()), local(f, "y", fa.clone()), local(f, "q", fa.clone()), local(f, "r", fa.clone()));
    for v in [x, y, q, r] {
        let st = alloc(f, v, DType::F64, &[6]);
        f.body.push(st);
    }
    let fx = [-7.0, 7.0, -0.0, 1.0, -1.0, 5.0].map(Const::Float);
    let fy = [2.0, -2.0, 3.0, 0.0, f64::INFINITY, f64::NEG_INFINITY].map(Const::Float);
    fill(f, x, &fx, DType::F64);
    fill(f, y, &fy, DType::F64);
    for (dst, kernel) in [(q, fdiv), (r, fmod)] {
        let (rx, ry, rd) = (read(f, x), read(f, y), read(f, dst));
        f.body.push(launch(kernel, Some(rd), vec![rx, ry], vec![], None));
    }
    let (rq, rr) = (read(f, q), read(f, r));
    let p = print(f, vec![rq, rr]);
    f.body.push(p);
    check(
        &m,
        "[                  -4                   -4                    0\n -9223372036854775808] [ 1 -1  0  0]\n\
         [-4. -4. -0. inf -1. -1.] [  1.  -1.   0.  nan  inf -inf]\n",
    );
}

/// Large, strided and broadcast launches (parallel chunks, both inner-loop copies):
/// ```python
/// n = 1_000_000
/// a = np.arange(n, dtype=np.float64)
/// print(a.sum(), a[::2].sum(), (a.reshape(1000, 1000)[:, ::3] + row).sum())   # row = arange(334)
/// ```
#[test]
fn large_strided_and_broadcast_launches() {
    let mut m = Module::new();
    let mut kb = KernelBuilder::new("arange", 1, KernelOutput::Store { dtype: DType::F64 });
    let i = kb.e(KExpr::Index(0), DType::I64);
    let root = kb.e(KExpr::Cast(DType::F64, i), DType::F64);
    let arange = kb.finish(root, &mut m);
    let mut kb = KernelBuilder::new("grid", 2, KernelOutput::Store { dtype: DType::F64 });
    let i = kb.e(KExpr::Index(0), DType::I64);
    let j = kb.e(KExpr::Index(1), DType::I64);
    let thousand = kb.e(KExpr::Const(Const::Int(1000)), DType::I64);
    let scaled = kb.e(KExpr::Binary(BinaryOp::Mul, i, thousand), DType::I64);
    let flat = kb.e(KExpr::Binary(BinaryOp::Add, scaled, j), DType::I64);
    let root = kb.e(KExpr::Cast(DType::F64, flat), DType::F64);
    let grid = kb.finish(root, &mut m);
    let sum1 = reduce_kernel(&mut m, 1, DType::F64, KernelOutput::ReduceAll { op: ReduceOp::Sum, dtype: DType::F64 });
    let mut kb = KernelBuilder::new("sum_plus_row", 2, KernelOutput::ReduceAll { op: ReduceOp::Sum, dtype: DType::F64 });
    let a = kb.array(DType::F64, 2);
    let row = kb.array(DType::F64, 1);
    let root = kb.e(KExpr::Binary(BinaryOp::Add, a, row), DType::F64);
    let sum_plus_row = kb.finish(root, &mut m);

    let f = main_fn(&mut m);
    let a = local(f, "a", Type::array(DType::F64, 1));
    let evens = local(f, "evens", Type::array(DType::F64, 1));
    let g = local(f, "g", Type::array(DType::F64, 2));
    let gv = local(f, "gv", Type::array(DType::F64, 2));
    let row = local(f, "row", Type::array(DType::F64, 1));
    let (s1, s2, s3) = (local(f, "s1", strong(DType::F64)), local(f, "s2", strong(DType::F64)), local(f, "s3", strong(DType::F64)));
    let st = alloc(f, a, DType::F64, &[1_000_000]);
    f.body.push(st);
    let ra = read(f, a);
    f.body.push(launch(arange, Some(ra), vec![], vec![], None));
    let ra = read(f, a);
    f.body.push(launch(sum1, None, vec![ra], vec![], Some(s1)));
    let (ra, two) = (read(f, a), int(f, 2));
    f.body.push(stmt(StmtKind::View { dst: Place::Local(evens), src: ra, index: vec![IndexItem::Slice { start: None, stop: None, step: Some(two) }] }));
    let re = read(f, evens);
    f.body.push(launch(sum1, None, vec![re], vec![], Some(s2)));
    let st = alloc(f, g, DType::F64, &[1000, 1000]);
    f.body.push(st);
    let rg = read(f, g);
    f.body.push(launch(grid, Some(rg), vec![], vec![], None));
    let (rg, three) = (read(f, g), int(f, 3));
    let index = vec![IndexItem::Slice { start: None, stop: None, step: None }, IndexItem::Slice { start: None, stop: None, step: Some(three) }];
    f.body.push(stmt(StmtKind::View { dst: Place::Local(gv), src: rg, index }));
    let st = alloc(f, row, DType::F64, &[334]);
    f.body.push(st);
    let rr = read(f, row);
    f.body.push(launch(arange, Some(rr), vec![], vec![], None));
    let (rgv, rr) = (read(f, gv), read(f, row));
    f.body.push(launch(sum_plus_row, None, vec![rgv, rr], vec![], Some(s3)));
    let (r1, r2, r3) = (read(f, s1), read(f, s2), read(f, s3));
    let p = print(f, vec![r1, r2, r3]);
    f.body.push(p);
    // sum(range(n)); sum(range(0, n, 2)); sum over i<1000, j<334 of (1000 i + 3 j) + j.
    let expected3: f64 = (0..1000).map(|i| (0..334).map(|j| (1000 * i + 3 * j + j) as f64).sum::<f64>()).sum();
    check(&m, &format!("499999500000.0 249999500000.0 {expected3:.1}\n"));
}

/// ```python
/// def divmod_(a, b): return a // b, a % b
/// q, r = divmod_(17, 5)
/// z = np.empty(()); z[()] = 7       # a rank-0 kernel
/// print(q, r, z, f"x={1.23456:.2f}" + "!")
/// ```
#[test]
fn tuple_results_rank_zero_kernels_and_formatting() {
    let mut m = Module::new();
    let seven = iota_kernel(&mut m, 0, DType::F64);
    let pi = Type::py_int();
    let mut dm = Function::new("divmod_");
    let a = local(&mut dm, "a", pi.clone());
    let b = local(&mut dm, "b", pi.clone());
    dm.params = vec![a, b];
    dm.results = vec![pi.clone(), pi.clone()];
    let (ra, rb) = (read(&mut dm, a), read(&mut dm, b));
    let q = bin(&mut dm, BinaryOp::FloorDiv, ra, rb, pi.clone());
    let (ra, rb) = (read(&mut dm, a), read(&mut dm, b));
    let r = bin(&mut dm, BinaryOp::Mod, ra, rb, pi.clone());
    dm.body.push(stmt(StmtKind::Return { values: vec![q, r] }));
    let dm = m.functions.push(dm);
    let f = main_fn(&mut m);
    let q = local(f, "q", pi.clone());
    let r = local(f, "r", pi.clone());
    let z = local(f, "z", Type::array(DType::F64, 0));
    let (c17, c5) = (int(f, 17), int(f, 5));
    f.body.push(stmt(StmtKind::Call { func: dm, args: vec![c17, c5], results: vec![Place::Local(q), Place::Local(r)] }));
    let st = alloc(f, z, DType::F64, &[]);
    f.body.push(st);
    let rz = read(f, z);
    f.body.push(launch(seven, Some(rz), vec![], vec![], None));
    let value = float(f, 1.23456);
    let formatted = f.add_expr(Expr::Format(value, ".2f".into()), Type::Str);
    let prefix = string(f, "x=");
    let bang = string(f, "!");
    let text = f.add_expr(Expr::Concat(vec![prefix, formatted, bang]), Type::Str);
    let (rq, rr, rz) = (read(f, q), read(f, r), read(f, z));
    let p = print(f, vec![rq, rr, rz, text]);
    f.body.push(p);
    check(&m, "3 2 7.0 x=1.23!\n");
}

/// `math.sqrt(x)`, `math.log(x)`, `math.exp(x)`, `x ** y` and `int(x)` on Python floats
/// raise like CPython (a weakly typed `Math`, `Binary` or `Cast` has Python semantics).
#[test]
fn python_math_errors() {
    fn program(build: impl Fn(&mut Function, ExprId) -> ExprId, x: f64) -> Module {
        let mut m = Module::new();
        let f = main_fn(&mut m);
        let v = local(f, "x", Type::py_float());
        let c = float(f, x);
        let st = assign(f, v, c);
        f.body.push(st);
        let rv = read(f, v);
        let result = build(f, rv);
        let p = print(f, vec![result]);
        f.body.push(p);
        m
    }
    let math = |func: MathFn| move |f: &mut Function, x: ExprId| f.add_expr(Expr::Math(func, vec![x]), Type::py_float());
    check_error(&program(math(MathFn::Sqrt), -1.0), "", "ValueError: math domain error");
    check_error(&program(math(MathFn::Log), 0.0), "", "ValueError: math domain error");
    check_error(&program(math(MathFn::Cos), f64::INFINITY), "", "ValueError: math domain error");
    check_error(&program(math(MathFn::Exp), 1000.0), "", "OverflowError: math range error");
    check(&program(math(MathFn::Exp), f64::INFINITY), "inf\n");
    check(&program(math(MathFn::Sqrt), 2.25), "1.5\n");
    let pow = |f: &mut Function, x: ExprId| {
        let y = float(f, 400.0);
        bin(f, BinaryOp::Pow, x, y, Type::py_float())
    };
    check_error(&program(pow, 10.0), "", "OverflowError: (34, 'Numerical result out of range')");
    check(&program(pow, 1.0), "1.0\n");
    let to_int = |f: &mut Function, x: ExprId| f.add_expr(Expr::Cast(DType::I64, x), Type::py_int());
    check_error(&program(to_int, f64::NAN), "", "ValueError: cannot convert float NaN to integer");
    check_error(&program(to_int, f64::NEG_INFINITY), "", "OverflowError: cannot convert float infinity to integer");
    check(&program(to_int, -2.75), "-2\n");
}

/// Conditional expressions and `and`/`or` evaluate only what Python evaluates:
/// ```python
/// a = np.empty(2); a[0] = 1.5; a[1] = 2.5
/// i = 5
/// print(a[i] if i < 2 else -1.0, i > 2 or 1 // 0 == 0, i < 2 and 1 // 0 == 0)
/// ```
#[test]
fn conditional_expressions_short_circuit() {
    let mut m = Module::new();
    let f = main_fn(&mut m);
    let a = local(f, "a", Type::array(DType::F64, 1));
    let i = local(f, "i", Type::py_int());
    let st = alloc(f, a, DType::F64, &[2]);
    f.body.push(st);
    for (index, value) in [(0, 1.5), (1, 2.5)] {
        let (ra, idx, v) = (read(f, a), int(f, index), float(f, value));
        f.body.push(stmt(StmtKind::SetItem { array: ra, indices: vec![idx], value: v }));
    }
    let five = int(f, 5);
    let st = assign(f, i, five);
    f.body.push(st);
    let (ri, two) = (read(f, i), int(f, 2));
    let in_range = cmp(f, CompareOp::Lt, ri, two);
    let (ra, ri) = (read(f, a), read(f, i));
    let item = f.add_expr(Expr::GetItem(ra, vec![ri]), Type::scalar(DType::F64));
    let fallback = float(f, -1.0);
    let chosen = f.add_expr(Expr::Select(in_range, item, fallback), Type::scalar(DType::F64));
    let zero_division = |f: &mut Function| {
        let (one, zero) = (int(f, 1), int(f, 0));
        let q = bin(f, BinaryOp::FloorDiv, one, zero, Type::py_int());
        let z = int(f, 0);
        cmp(f, CompareOp::Eq, q, z)
    };
    let (ri, two) = (read(f, i), int(f, 2));
    let big = cmp(f, CompareOp::Gt, ri, two);
    let right = zero_division(f);
    let or = f.add_expr(Expr::Logical(LogicalOp::Or, big, right), Type::py_bool());
    let (ri, two) = (read(f, i), int(f, 2));
    let small = cmp(f, CompareOp::Lt, ri, two);
    let right = zero_division(f);
    let and = f.add_expr(Expr::Logical(LogicalOp::And, small, right), Type::py_bool());
    let p = print(f, vec![chosen, or, and]);
    f.body.push(p);
    check(&m, "-1.0 True False\n");
}

/// Copy kernels (`dst[...] = src`) on long rows (memmove), short rows (the
/// loop) and strided views:
/// ```python
/// for cols in (300, 10):
///     a = 1000 * i + j over (3, cols); b = np.empty((3, cols)); b[...] = a
///     c = np.zeros((3, cols)); c[:, 1:] = a[:, :-1]; c[:, ::2] = a[:, ::2]
///     print(b.sum(), c.sum())
/// ```
#[test]
fn copy_kernels() {
    let mut m = Module::new();
    let mut kb = KernelBuilder::new("grid", 2, KernelOutput::Store { dtype: DType::F64 });
    let i = kb.e(KExpr::Index(0), DType::I64);
    let j = kb.e(KExpr::Index(1), DType::I64);
    let thousand = kb.e(KExpr::Const(Const::Int(1000)), DType::I64);
    let scaled = kb.e(KExpr::Binary(BinaryOp::Mul, i, thousand), DType::I64);
    let flat = kb.e(KExpr::Binary(BinaryOp::Add, scaled, j), DType::I64);
    let root = kb.e(KExpr::Cast(DType::F64, flat), DType::F64);
    let grid = kb.finish(root, &mut m);
    let mut kb = KernelBuilder::new("copy", 2, KernelOutput::Store { dtype: DType::F64 });
    let a = kb.array(DType::F64, 2);
    let copy = kb.finish(a, &mut m);
    let mut kb = KernelBuilder::new("zero", 2, KernelOutput::Store { dtype: DType::F64 });
    let z = kb.e(KExpr::Const(Const::Float(0.0)), DType::F64);
    let zero = kb.finish(z, &mut m);
    let sum = reduce_kernel(&mut m, 2, DType::F64, KernelOutput::ReduceAll { op: ReduceOp::Sum, dtype: DType::F64 });
    let arr = Type::array(DType::F64, 2);
    let f = main_fn(&mut m);
    let mut expected = String::new();
    for cols in [300i64, 10] {
        let (a, b, c, cv, av) = (local(f, "a", arr.clone()), local(f, "b", arr.clone()), local(f, "c", arr.clone()), local(f, "cv", arr.clone()), local(f, "av", arr.clone()));
        let (sb, sc) = (local(f, "sb", Type::scalar(DType::F64)), local(f, "sc", Type::scalar(DType::F64)));
        for v in [a, b, c] {
            let st = alloc(f, v, DType::F64, &[3, cols]);
            f.body.push(st);
        }
        let ra = read(f, a);
        f.body.push(launch(grid, Some(ra), vec![], vec![], None));
        let (ra, rb) = (read(f, a), read(f, b));
        f.body.push(launch(copy, Some(rb), vec![ra], vec![], None));
        let rc = read(f, c);
        f.body.push(launch(zero, Some(rc), vec![], vec![], None));
        let all = || IndexItem::Slice { start: None, stop: None, step: None };
        let (rc, one) = (read(f, c), int(f, 1));
        f.body.push(stmt(StmtKind::View { dst: Place::Local(cv), src: rc, index: vec![all(), IndexItem::Slice { start: Some(one), stop: None, step: None }] }));
        let (ra, minus_one) = (read(f, a), int(f, -1));
        f.body.push(stmt(StmtKind::View { dst: Place::Local(av), src: ra, index: vec![all(), IndexItem::Slice { start: None, stop: Some(minus_one), step: None }] }));
        let (ra, rcv) = (read(f, av), read(f, cv));
        f.body.push(launch(copy, Some(rcv), vec![ra], vec![], None));
        let (rc, two) = (read(f, c), int(f, 2));
        f.body.push(stmt(StmtKind::View { dst: Place::Local(cv), src: rc, index: vec![all(), IndexItem::Slice { start: None, stop: None, step: Some(two) }] }));
        let (ra, two) = (read(f, a), int(f, 2));
        f.body.push(stmt(StmtKind::View { dst: Place::Local(av), src: ra, index: vec![all(), IndexItem::Slice { start: None, stop: None, step: Some(two) }] }));
        let (ra, rcv) = (read(f, av), read(f, cv));
        f.body.push(launch(copy, Some(rcv), vec![ra], vec![], None));
        for (array, total) in [(b, sb), (c, sc)] {
            let r = read(f, array);
            f.body.push(launch(sum, None, vec![r], vec![], Some(total)));
        }
        let (rsb, rsc) = (read(f, sb), read(f, sc));
        let p = print(f, vec![rsb, rsc]);
        f.body.push(p);
        let value = |i: i64, j: i64| (1000 * i + j) as f64;
        let b_sum: f64 = (0..3).flat_map(|i| (0..cols).map(move |j| value(i, j))).sum();
        let c_sum: f64 = (0..3)
            .flat_map(|i| (0..cols).map(move |j| if j % 2 == 0 { value(i, j) } else if j >= 1 { value(i, j - 1) } else { 0.0 }))
            .sum();
        expected.push_str(&format!("{b_sum:.1} {c_sum:.1}\n"));
    }
    check(&m, &expected);
}
