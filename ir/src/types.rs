//! Element types (dtypes) and value types of the IR.

use std::fmt;

/// A NumPy dtype. The discriminants are the runtime ABI's codes (`runtime_abi::DTYPE_*`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DType {
    Bool = runtime_abi::DTYPE_BOOL as isize,
    I32 = runtime_abi::DTYPE_I32 as isize,
    I64 = runtime_abi::DTYPE_I64 as isize,
    F32 = runtime_abi::DTYPE_F32 as isize,
    F64 = runtime_abi::DTYPE_F64 as isize,
}

impl DType {
    /// The runtime ABI's code of the dtype (`runtime_abi::DTYPE_*`).
    pub fn code(self) -> i64 {
        self as i64
    }
    pub fn is_float(self) -> bool {
        matches!(self, DType::F32 | DType::F64)
    }
    pub fn is_int(self) -> bool {
        matches!(self, DType::I32 | DType::I64)
    }
    pub fn size_bytes(self) -> usize {
        match self {
            DType::Bool => 1,
            DType::I32 | DType::F32 => 4,
            DType::I64 | DType::F64 => 8,
        }
    }
    /// NumPy's spelling, as `print(a.dtype)` shows it.
    pub fn numpy_name(self) -> &'static str {
        match self {
            DType::Bool => "bool",
            DType::I32 => "int32",
            DType::I64 => "int64",
            DType::F32 => "float32",
            DType::F64 => "float64",
        }
    }
    /// NumPy 2 promotion between two strongly typed dtypes.
    pub fn promote(a: DType, b: DType) -> DType {
        use DType::*;
        match (a, b) {
            (x, y) if x == y => x,
            (Bool, x) | (x, Bool) => x,
            (I32, I64) | (I64, I32) => I64,
            (F32, F64) | (F64, F32) => F64,
            (F32, I32) | (I32, F32) | (F32, I64) | (I64, F32) => F64,
            (F64, _) | (_, F64) => F64,
            _ => F64,
        }
    }
}

impl fmt::Display for DType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = match self {
            DType::Bool => "bool",
            DType::I32 => "i32",
            DType::I64 => "i64",
            DType::F32 => "f32",
            DType::F64 => "f64",
        };
        f.write_str(s)
    }
}

/// The type of an IR value.
///
/// Scalars carry a `weak` flag: Python `int`/`float`/`bool` values are weakly
/// typed under NumPy 2 promotion (NEP 50): `f32_array * 2.0` stays float32.
/// NumPy scalars (`np.float32(x)`, `a[i]`, `np.sum(a)`) are strong.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Type {
    Scalar { dtype: DType, weak: bool },
    Array { dtype: DType, ndim: usize },
    Str,
    None,
}

impl Type {
    pub fn py_int() -> Type {
        Type::Scalar { dtype: DType::I64, weak: true }
    }
    pub fn py_float() -> Type {
        Type::Scalar { dtype: DType::F64, weak: true }
    }
    pub fn py_bool() -> Type {
        Type::Scalar { dtype: DType::Bool, weak: true }
    }
    pub fn scalar(dtype: DType) -> Type {
        Type::Scalar { dtype, weak: false }
    }
    pub fn array(dtype: DType, ndim: usize) -> Type {
        Type::Array { dtype, ndim }
    }
    pub fn dtype(&self) -> Option<DType> {
        match self {
            Type::Scalar { dtype, .. } | Type::Array { dtype, .. } => Some(*dtype),
            _ => None,
        }
    }
    pub fn is_array(&self) -> bool {
        matches!(self, Type::Array { .. })
    }
    pub fn is_scalar(&self) -> bool {
        matches!(self, Type::Scalar { .. })
    }
}

impl fmt::Display for Type {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Type::Scalar { dtype, weak: true } => write!(f, "py.{dtype}"),
            Type::Scalar { dtype, weak: false } => write!(f, "{dtype}"),
            Type::Array { dtype, ndim } => write!(f, "{dtype}[{ndim}d]"),
            Type::Str => f.write_str("str"),
            Type::None => f.write_str("none"),
        }
    }
}
