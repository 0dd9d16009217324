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
    I8 = runtime_abi::DTYPE_I8 as isize,
    I16 = runtime_abi::DTYPE_I16 as isize,
    U8 = runtime_abi::DTYPE_U8 as isize,
    U16 = runtime_abi::DTYPE_U16 as isize,
    U32 = runtime_abi::DTYPE_U32 as isize,
    U64 = runtime_abi::DTYPE_U64 as isize,
    /// Complex numbers of two float32 / float64 parts (real, imaginary).
    C64 = runtime_abi::DTYPE_C64 as isize,
    C128 = runtime_abi::DTYPE_C128 as isize,
}

impl DType {
    /// The runtime ABI's code of the dtype (`runtime_abi::DTYPE_*`).
    pub fn code(self) -> i64 {
        self as i64
    }
    pub fn is_float(self) -> bool {
        matches!(self, DType::F32 | DType::F64)
    }
    pub fn is_complex(self) -> bool {
        matches!(self, DType::C64 | DType::C128)
    }
    /// The dtype of a complex dtype's parts (float32, float64); other dtypes are their own.
    pub fn real_part(self) -> DType {
        match self {
            DType::C64 => DType::F32,
            DType::C128 => DType::F64,
            d => d,
        }
    }
    /// The complex dtype whose parts have float dtype `self`'s precision (complex64 for
    /// float32, complex128 otherwise).
    pub fn complex_of(self) -> DType {
        match self {
            DType::F32 | DType::C64 => DType::C64,
            _ => DType::C128,
        }
    }
    /// Every integer dtype, signed or unsigned (not bool).
    pub fn is_int(self) -> bool {
        self.int_bits().is_some()
    }
    pub fn is_unsigned(self) -> bool {
        matches!(self, DType::U8 | DType::U16 | DType::U32 | DType::U64)
    }
    /// The width of an integer dtype in bits (`None` for bool and floats).
    pub fn int_bits(self) -> Option<u32> {
        match self {
            DType::I8 | DType::U8 => Some(8),
            DType::I16 | DType::U16 => Some(16),
            DType::I32 | DType::U32 => Some(32),
            DType::I64 | DType::U64 => Some(64),
            DType::Bool | DType::F32 | DType::F64 | DType::C64 | DType::C128 => None,
        }
    }
    /// The smallest and largest values of an integer dtype (bool: 0 and 1).
    pub fn int_range(self) -> Option<(i128, i128)> {
        if self == DType::Bool {
            return Some((0, 1));
        }
        let bits = self.int_bits()?;
        Some(if self.is_unsigned() { (0, (1i128 << bits) - 1) } else { (-(1i128 << (bits - 1)), (1i128 << (bits - 1)) - 1) })
    }
    /// An integer value wrapped into this integer dtype, as a `Const::Int` holds it: the
    /// wrapped value, except that a uint64 value from 2**63 up is held as the int64 of
    /// the same bits.
    pub fn wrap_int(self, value: i128) -> i64 {
        let Some(bits) = self.int_bits() else { return value as i64 };
        let shift = 64 - bits;
        if self.is_unsigned() && bits < 64 {
            (((value as u64) << shift) >> shift) as i64
        } else {
            (((value as u64) << shift) as i64) >> shift
        }
    }
    /// The value of a `Const::Int` of this integer dtype (see `wrap_int`).
    pub fn int_const_value(self, held: i64) -> i128 {
        if self == DType::U64 {
            held as u64 as i128
        } else {
            held as i128
        }
    }
    /// The dtype of NumPy's `sum`, `prod`, `cumsum` and `cumprod` of this dtype: bool and
    /// signed integers give int64, unsigned ones uint64, floats keep theirs.
    pub fn sum_dtype(self) -> DType {
        match self {
            DType::Bool => DType::I64,
            d if d.is_unsigned() => DType::U64,
            d if d.is_int() => DType::I64,
            d => d,
        }
    }
    /// The integer dtype of a width and signedness.
    pub fn int_of(bits: u32, unsigned: bool) -> DType {
        match (bits, unsigned) {
            (8, false) => DType::I8,
            (16, false) => DType::I16,
            (32, false) => DType::I32,
            (8, true) => DType::U8,
            (16, true) => DType::U16,
            (32, true) => DType::U32,
            (_, true) => DType::U64,
            _ => DType::I64,
        }
    }
    pub fn size_bytes(self) -> usize {
        match self {
            DType::Bool => 1,
            DType::F32 => 4,
            DType::F64 | DType::C64 => 8,
            DType::C128 => 16,
            int => int.int_bits().map_or(8, |bits| bits as usize / 8),
        }
    }
    /// Every dtype, in code order.
    pub const ALL: [DType; 13] = [
        DType::Bool,
        DType::I32,
        DType::I64,
        DType::F32,
        DType::F64,
        DType::I8,
        DType::I16,
        DType::U8,
        DType::U16,
        DType::U32,
        DType::U64,
        DType::C64,
        DType::C128,
    ];
    /// NumPy's spelling, as `print(a.dtype)` shows it.
    pub fn numpy_name(self) -> &'static str {
        runtime_abi::dtype_name(self as i64)
    }
    /// NumPy 2 promotion between two strongly typed dtypes (`np.result_type`).
    pub fn promote(a: DType, b: DType) -> DType {
        use DType::*;
        match (a, b) {
            (x, y) if x == y => x,
            (Bool, x) | (x, Bool) => x,
            // A complex result whose parts hold both operands' precision.
            (x, y) if x.is_complex() || y.is_complex() => DType::promote(x.real_part(), y.real_part()).complex_of(),
            (F64, _) | (_, F64) => F64,
            (F32, x) | (x, F32) => {
                // float32 holds int8/uint8/int16/uint16 exactly; wider integers need float64.
                if x.int_bits().is_some_and(|bits| bits <= 16) {
                    F32
                } else {
                    F64
                }
            }
            (x, y) => {
                let (bx, by) = (x.int_bits().unwrap_or(64), y.int_bits().unwrap_or(64));
                match (x.is_unsigned(), y.is_unsigned()) {
                    (false, false) | (true, true) => DType::int_of(bx.max(by), x.is_unsigned()),
                    // A signed type holds the unsigned one only if it is wider.
                    (true, false) | (false, true) => {
                        let (unsigned_bits, signed_bits) = if x.is_unsigned() { (bx, by) } else { (by, bx) };
                        if signed_bits > unsigned_bits {
                            DType::int_of(signed_bits, false)
                        } else if unsigned_bits < 64 {
                            DType::int_of(unsigned_bits * 2, false)
                        } else {
                            F64
                        }
                    }
                }
            }
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
            DType::I8 => "i8",
            DType::I16 => "i16",
            DType::U8 => "u8",
            DType::U16 => "u16",
            DType::U32 => "u32",
            DType::U64 => "u64",
            DType::C64 => "c64",
            DType::C128 => "c128",
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
    /// A Python list built at run time (`xs = []; xs.append(x)`): a runtime handle,
    /// reference-counted as arrays are, whose items all have the given type (a scalar
    /// type or an array type; `None` while no item's type is known).
    List(Box<Type>),
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
    pub fn list(item: Type) -> Type {
        Type::List(Box::new(item))
    }
    /// A reference-counted runtime handle: an array or a list.
    pub fn is_handle(&self) -> bool {
        matches!(self, Type::Array { .. } | Type::List(_))
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
            Type::List(item) => write!(f, "list[{item}]"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::DType::{self, *};

    /// `np.result_type` of NumPy 2 for every pair of dtypes.
    #[test]
    fn promotion_follows_numpy() {
        let cases: &[(DType, DType, DType)] = &[
            (I8, I16, I16),
            (U8, I8, I16),
            (U16, I16, I32),
            (U32, I32, I64),
            (U32, I64, I64),
            (U64, I64, F64),
            (U64, I8, F64),
            (U64, U8, U64),
            (U8, U16, U16),
            (U8, F32, F32),
            (I16, F32, F32),
            (U16, F32, F32),
            (I32, F32, F64),
            (U32, F32, F64),
            (U64, F32, F64),
            (I8, Bool, I8),
            (U64, F64, F64),
            (I32, I64, I64),
        ];
        for &(a, b, expected) in cases {
            assert_eq!(DType::promote(a, b), expected, "{a} with {b}");
            assert_eq!(DType::promote(b, a), expected, "{b} with {a}");
        }
    }
}
