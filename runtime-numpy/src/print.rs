//! `print()`: Python's `str()` of each value (written to the program's stdout, `stdout.rs`).

use std::ffi::c_void;

use runtime_abi::{ArrayDesc, KIND_ARRAY, KIND_NONE, KIND_STR};

use runtime_core::errors::{RtError, RtResult};
use crate::{arrayprint, strings};
use runtime_core::format;

/// Python's `str()` of a value of kind `kind` (a dtype code or `KIND_*`) given as bits.
///
/// # Safety
/// For `KIND_STR` and `KIND_ARRAY`, `bits` must be a valid string or array pointer (or null).
pub unsafe fn value_to_str(kind: i64, bits: u64) -> RtResult<String> {
    match kind {
        KIND_STR => Ok(unsafe { strings::str_ref(bits as usize as *const c_void) }.to_string()),
        KIND_ARRAY => {
            let desc = bits as usize as *const ArrayDesc;
            if desc.is_null() {
                return Err(RtError::internal("null array printed"));
            }
            let whole = unsafe { runtime_core::dist::whole(&[desc as *mut c_void]) }?;
            Ok(unsafe { arrayprint::array_str(&*(whole.ptr(0) as *const ArrayDesc)) })
        }
        KIND_NONE => Ok("None".to_string()),
        _ => format::scalar_str(kind, bits),
    }
}

/// The text `print(*values, sep=sep, end=end)` writes.
///
/// # Safety
/// `kinds` and `vals` must point at `n` words; `sep` and `end` are strings or null
/// (null means Python's default).
pub unsafe fn print_text(
    n: i64,
    kinds: *const i64,
    vals: *const u64,
    sep: *const c_void,
    end: *const c_void,
) -> RtResult<String> {
    let sep = if sep.is_null() { " " } else { unsafe { strings::str_ref(sep) } };
    let end = if end.is_null() { "\n" } else { unsafe { strings::str_ref(end) } };
    let mut text = String::new();
    for i in 0..n.max(0) as usize {
        if i > 0 {
            text.push_str(sep);
        }
        let (kind, bits) = unsafe { (*kinds.add(i), *vals.add(i)) };
        text.push_str(&unsafe { value_to_str(kind, bits) }?);
    }
    text.push_str(end);
    Ok(text)
}
