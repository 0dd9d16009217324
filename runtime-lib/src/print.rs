//! `print()`: the buffered stdout of the program and Python's `str()` of each value.

use std::ffi::c_void;
use std::io::Write;
use std::sync::Mutex;

use runtime_abi::{ArrayDesc, KIND_ARRAY, KIND_NONE, KIND_STR};

use crate::errors::{RtError, RtResult};
use crate::{arrayprint, format, strings};

/// Bytes written by the program and not yet handed to the OS.
static STDOUT_BUFFER: Mutex<Vec<u8>> = Mutex::new(Vec::new());

/// Above this many buffered bytes, a write flushes.
const FLUSH_THRESHOLD: usize = 1 << 16;

/// Appends to the program's stdout, flushing when the buffer is large.
pub fn write_stdout(bytes: &[u8]) {
    let mut buffer = STDOUT_BUFFER.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    buffer.extend_from_slice(bytes);
    if buffer.len() >= FLUSH_THRESHOLD {
        write_out(&buffer);
        buffer.clear();
    }
}

/// Hands everything buffered to the OS.
pub fn flush_stdout() {
    let mut buffer = STDOUT_BUFFER.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    if !buffer.is_empty() {
        write_out(&buffer);
        buffer.clear();
    }
}

/// Hands everything buffered to the OS unless the buffer is in use (by the
/// allocation that failed, when the program runs out of memory).
pub fn flush_stdout_if_free() {
    if let Ok(mut buffer) = STDOUT_BUFFER.try_lock() {
        if !buffer.is_empty() {
            write_out(&buffer);
            buffer.clear();
        }
    }
}

fn write_out(bytes: &[u8]) {
    // Only rank 0 prints.
    if crate::comm::rank() != 0 {
        return;
    }
    let stdout = std::io::stdout();
    let mut handle = stdout.lock();
    // A closed pipe is not the program's error; Python would die of SIGPIPE silently.
    let _ = handle.write_all(bytes);
    let _ = handle.flush();
}

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
            let whole = unsafe { crate::dist::whole(&[desc as *mut c_void]) }?;
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
