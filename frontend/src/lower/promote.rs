//! NumPy 2 (NEP 50) dtype promotion of two operands, each a dtype with a *weak* flag
//! (Python scalars are weak). A leaf: the operator, ufunc and library lowering
//! (`expr.rs`, `ufuncs.rs`, `numpy.rs`) all import it, and it imports none of them.

use ir::DType;

/// The category order bool < int < float < complex used by NEP 50.
fn kind(d: DType) -> u8 {
    match d {
        DType::Bool => 0,
        DType::F32 | DType::F64 => 2,
        DType::C64 | DType::C128 => 3,
        // Every integer dtype, signed or unsigned.
        _ => 1,
    }
}

/// NumPy 2 (NEP 50) result dtype of two operands given as (dtype, weak).
pub(crate) fn result_dtype(a: (DType, bool), b: (DType, bool)) -> DType {
    match (a.1, b.1) {
        (true, true) => match kind(a.0).max(kind(b.0)) {
            0 => DType::Bool,
            1 => DType::I64,
            2 => DType::F64,
            _ => DType::C128,
        },
        (true, false) => weak_with_strong(a.0, b.0),
        (false, true) => weak_with_strong(b.0, a.0),
        (false, false) => DType::promote(a.0, b.0),
    }
}

fn weak_with_strong(weak: DType, strong: DType) -> DType {
    if kind(weak) <= kind(strong) {
        strong
    } else if kind(weak) == 1 {
        DType::I64
    } else if kind(weak) == 2 {
        DType::F64
    } else {
        // A Python complex with a real dtype: the complex dtype of a float's precision
        // (complex64 with float32, complex128 with float64, integers and bool).
        if strong == DType::F32 { DType::C64 } else { DType::C128 }
    }
}

/// Whether NumPy's `same_kind` casting (that of in-place operators) allows `from` into
/// `to`: never a float into an integer or bool, nor a signed integer into an unsigned one.
pub(crate) fn same_kind(from: DType, to: DType) -> bool {
    kind(from) <= kind(to) && !(from.is_int() && !from.is_unsigned() && to.is_unsigned())
}

/// The float dtype NumPy computes float functions (`sqrt`, `arctan2`, ...) of a dtype in:
/// float32 for int16 and uint16, float64 for the other integers and bool (whose float16,
/// NumPy's choice for bool, int8 and uint8, callers refuse first).
pub(crate) fn float_of(d: DType) -> DType {
    match d {
        DType::F32 | DType::F64 | DType::C64 | DType::C128 => d,
        DType::I16 | DType::U16 => DType::F32,
        _ => DType::F64,
    }
}
