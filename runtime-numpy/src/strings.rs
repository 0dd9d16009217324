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

mod printable;

/// CPython's `str.isprintable()` for one character (from the generated table of
/// the Unicode database CPython 3.11 uses).
pub fn is_printable(c: char) -> bool {
    let code = c as u32;
    printable::NON_PRINTABLE
        .binary_search_by(|&(first, last)| {
            if last < code {
                std::cmp::Ordering::Less
            } else if first > code {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_err()
}

/// CPython's `repr()` of a str: single quotes unless the text holds a single
/// quote and no double quote; backslash escapes for `\\`, the quote, `\t`,
/// `\n`, `\r`; other non-printable characters as `\xhh`, `\uhhhh` or
/// `\Uhhhhhhhh`; printable characters (non-ASCII too) as they are.
pub fn python_repr(text: &str) -> String {
    let quote = if text.contains('\'') && !text.contains('"') { '"' } else { '\'' };
    let mut out = String::with_capacity(text.len() + 2);
    out.push(quote);
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if is_printable(c) => out.push(c),
            c if (c as u32) <= 0xff => out.push_str(&format!("\\x{:02x}", c as u32)),
            c if (c as u32) <= 0xffff => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push_str(&format!("\\U{:08x}", c as u32)),
        }
    }
    out.push(quote);
    out
}

#[cfg(test)]
mod tests;
