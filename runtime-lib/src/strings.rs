//! The runtime's opaque string type: a boxed Rust `String` behind a `*mut c_void`.
//!
//! Strings are immutable once made and are never freed (the ABI has no release
//! for them); programs make few of them.

use std::ffi::c_void;

/// Moves a string to the heap and returns the opaque pointer generated code holds.
pub fn into_raw(text: String) -> *mut c_void {
    Box::into_raw(Box::new(text)) as *mut c_void
}

/// Borrows the text of an opaque string; null is the empty string.
///
/// # Safety
/// `ptr` must be null or come from [`into_raw`].
pub unsafe fn str_ref<'a>(ptr: *const c_void) -> &'a str {
    if ptr.is_null() {
        ""
    } else {
        unsafe { (*(ptr as *const String)).as_str() }
    }
}

/// A string from `len` bytes of UTF-8 (invalid sequences become U+FFFD).
///
/// # Safety
/// `bytes` must point at `len` readable bytes (or be null with `len == 0`).
pub unsafe fn from_bytes(bytes: *const u8, len: i64) -> String {
    if bytes.is_null() || len <= 0 {
        return String::new();
    }
    let slice = unsafe { std::slice::from_raw_parts(bytes, len as usize) };
    String::from_utf8_lossy(slice).into_owned()
}
