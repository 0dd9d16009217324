//! `.npy` files: `np.save(path, a)` and `np.load(path)`, run by the runtime.
//!
//! The dtype and rank of what `np.load` returns must be known at compile
//! time. They come from, in order:
//! 1. the latest `np.save` to the same constant path lowered before the load
//!    (program order within a pass; `np.save("x", a)` counts as `"x.npy"`, as
//!    NumPy appends the suffix);
//! 2. the header of the file itself, if it exists when compiling. A relative
//!    path is resolved against the directory `legatec` runs in, which is where
//!    the compiled program will resolve it if it runs from the same place;
//! 3. otherwise the load is a compile error with a hint.
//!
//! At run time the runtime checks the file's header against the compiled
//! dtype and rank and raises a ValueError if they differ.

use std::io::Read;

use super::{FnCx, Value};
use crate::diagnostics as diag;
use ir::{Const, DType, Expr, ExprId, ShapeSpec, Span, StmtKind, Type};
use runtime_abi::EntryPoint;

type Args = Vec<(Value, Span)>;
type Kwargs = Vec<(String, Value, Span)>;

impl FnCx<'_, '_> {
    /// `np.save(path, a)`.
    pub(super) fn np_save(&mut self, args: Args, kw: Kwargs, span: Span) -> Value {
        let Some(_) = self.keywords("np.save", kw, &[]) else { return Value::Error };
        if !self.arity("np.save", &args, 2, 2, span) {
            return Value::Error;
        }
        let mut it = args.into_iter();
        let (path, pspan) = it.next().expect("two arguments");
        let (value, vspan) = it.next().expect("two arguments");
        let Some(path) = self.path_arg("np.save", path, pspan) else { return Value::Error };
        let Some(a) = self.array_to_save(value, vspan) else { return Value::Error };
        if let Some(name) = self.constant_str(path) {
            let name = if name.ends_with(".npy") { name } else { format!("{name}.npy") };
            let Type::Array { dtype, ndim } = self.expr_type(a) else { unreachable!("an array to save") };
            self.cx.npy_files.insert(name, (dtype, ndim));
        }
        self.runtime_call(EntryPoint::NpySave, vec![path, a], None, span);
        Value::None
    }

    /// `np.load(path)` of a `.npy` file whose dtype and rank are known (see the module doc).
    pub(super) fn np_load(&mut self, args: Args, kw: Kwargs, span: Span) -> Value {
        let Some(_) = self.keywords("np.load", kw, &[]) else { return Value::Error };
        let Some((path, pspan)) = self.single_arg("np.load", args, span) else { return Value::Error };
        let Some(path) = self.path_arg("np.load", path, pspan) else { return Value::Error };
        let Some(name) = self.constant_str(path) else {
            self.error(diag::npy_type_unknown(pspan, "the path is not a string constant", "write the path as a string literal, e.g. `np.load(\"data.npy\")`"));
            return Value::Error;
        };
        let with_suffix = format!("{name}.npy");
        let (dtype, ndim) = match self.cx.npy_files.get(&name) {
            Some(known) => *known,
            None if !name.ends_with(".npy") && self.cx.npy_files.contains_key(&with_suffix) => {
                let why = format!("`np.save` wrote `{with_suffix}` (it appends `.npy`), but `np.load` opens `{name}` as given");
                self.error(diag::npy_type_unknown(pspan, &why, &format!("load {with_suffix:?}")));
                return Value::Error;
            }
            None => match header_type(&name) {
                Ok(known) => known,
                Err(why) => {
                    let hint = format!(
                        "save it earlier in the script with `np.save({name:?}, ...)`, or make the file exist when compiling (a relative path is resolved against the directory legatec runs in)"
                    );
                    self.error(diag::npy_type_unknown(pspan, &why, &hint));
                    return Value::Error;
                }
            },
        };
        let code = self.const_i64(dtype.code());
        let rank = self.const_i64(ndim as i64);
        match self.runtime_call(EntryPoint::NpyLoad, vec![path, code, rank], Some(Type::array(dtype, ndim)), span) {
            Some(e) => Value::Array(e),
            None => Value::Error,
        }
    }

    fn path_arg(&mut self, func: &str, v: Value, span: Span) -> Option<ExprId> {
        match v {
            Value::Str(e) => Some(e),
            Value::Error => None,
            other => {
                let what = self.describe_value(&other);
                self.error(diag::type_error(span, format!("the file of `{func}` must be a path string, found {what}"), "pass the file name as a str"));
                None
            }
        }
    }

    fn constant_str(&self, e: ExprId) -> Option<String> {
        match &self.f.exprs[e] {
            Expr::Const(Const::Str(s)) => Some(s.clone()),
            _ => None,
        }
    }

    /// The array `np.save` writes: arrays as they are, scalars as 0-d arrays,
    /// (nested) lists as `np.array` makes them.
    fn array_to_save(&mut self, v: Value, span: Span) -> Option<ExprId> {
        match v {
            Value::Scalar(e) => {
                let dtype = self.expr_type(e).dtype().expect("a scalar has a dtype");
                let tmp = self.temp(Type::array(dtype, 0));
                self.emit(StmtKind::Alloc { dst: tmp, dtype, shape: ShapeSpec::Dims(vec![]) }, span);
                let array = self.read(tmp);
                self.emit(StmtKind::SetItem { array, indices: vec![], value: e }, span);
                Some(self.read(tmp))
            }
            Value::Tuple(_) => match self.array_literal(v, None, span) {
                Value::Array(e) => Some(e),
                _ => None,
            },
            other => self.array_arg(other, span, "np.save"),
        }
    }
}

/// The dtype and rank in the header of an existing `.npy` file.
fn header_type(path: &str) -> Result<(DType, usize), String> {
    let mut file = std::fs::File::open(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => format!("no earlier `np.save` to `{path}` and no such file when compiling"),
        _ => format!("cannot read `{path}` when compiling: {e}"),
    })?;
    let not_npy = || format!("`{path}` is not a .npy file");
    let mut prefix = [0u8; 12];
    file.read_exact(&mut prefix).map_err(|_| not_npy())?;
    if &prefix[..6] != b"\x93NUMPY" {
        return Err(not_npy());
    }
    let (length, consumed) = match prefix[6] {
        1 => (u16::from_le_bytes([prefix[8], prefix[9]]) as usize, 10),
        2 | 3 => (u32::from_le_bytes([prefix[8], prefix[9], prefix[10], prefix[11]]) as usize, 12),
        _ => return Err(format!("`{path}` has an unknown .npy format version")),
    };
    let mut text = prefix[consumed..].to_vec();
    let mut rest = vec![0u8; length.saturating_sub(text.len())];
    file.read_exact(&mut rest).map_err(|_| not_npy())?;
    text.extend(rest);
    let text = String::from_utf8_lossy(&text).into_owned();
    let field = |key: &str| -> Option<&str> {
        let at = text.find(&format!("'{key}'"))? + key.len() + 2;
        let rest = text[at..].trim_start().strip_prefix(':')?.trim_start();
        Some(rest)
    };
    let descr = field("descr").and_then(|r| {
        let quote = r.chars().next()?;
        let body = &r[1..];
        body.find(quote).map(|end| &body[..end])
    });
    let shape = field("shape").and_then(|r| r.strip_prefix('(')).and_then(|r| r.find(')').map(|end| &r[..end]));
    let (Some(descr), Some(shape)) = (descr, shape) else {
        return Err(format!("cannot read the header of `{path}`"));
    };
    let dtype = match descr.get(1..) {
        Some("b1") | Some("?") => DType::Bool,
        Some("i1") => DType::I8,
        Some("i2") => DType::I16,
        Some("i4") => DType::I32,
        Some("i8") => DType::I64,
        Some("u1") => DType::U8,
        Some("u2") => DType::U16,
        Some("u4") => DType::U32,
        Some("u8") => DType::U64,
        Some("f4") => DType::F32,
        Some("f8") => DType::F64,
        Some("c8") => DType::C64,
        Some("c16") => DType::C128,
        _ => return Err(format!("`{path}` holds dtype '{descr}', which legatec does not support")),
    };
    let ndim = shape.split(',').filter(|item| !item.trim().is_empty()).count();
    Ok((dtype, ndim))
}
