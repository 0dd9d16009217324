//! Memory the runtime allocates, allocated fallibly: array buffers and every
//! temporary whose size depends on the program's data go through this module,
//! and a failure raises NumPy's `MemoryError` (`Unable to allocate 7.28 TiB for
//! an array with shape (1000000000000,) and data type float64`) instead of
//! aborting the program.
//!
//! Linux may overcommit: a mapping larger than the memory left can succeed and
//! fail only when touched (the OOM killer), exactly as it does for NumPy, whose
//! buffers come from the same `mmap`. What fails here is what fails for NumPy on
//! the same machine: with the default heuristic, a request larger than RAM plus
//! swap, and always a request past the address space.
//!
//! Any other allocation of the runtime's Rust code that fails (a small one, when
//! the machine is out of memory) ends the program through the global allocator
//! below with Python's bare `MemoryError`, exit status 1, never an abort.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use crate::errors::{ErrorKind, RtError, RtResult};

/// Alignment of every array buffer, in bytes.
pub const DATA_ALIGN: usize = 64;

/// NumPy's `_ArrayMemoryError._size_to_string`: a byte count in binary units
/// with three significant digits (`7.28 TiB`, `745. GiB`, `16.0 EiB`, `12 bytes`).
pub fn size_to_string(bytes: u64) -> String {
    const UNITS: [&str; 7] = ["bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];
    let bit_length = 64 - bytes.leading_zeros() as usize;
    let mut unit = bit_length.saturating_sub(1).max(1) / 10;
    // Dividing by a power of two is exact, so this is Python's correctly rounded `int / int`.
    let mut units = bytes as f64 / (1u64 << (unit * 10)) as f64;
    if python_round(units) == 1024.0 {
        unit += 1;
        units /= 1024.0;
    }
    if unit >= UNITS.len() {
        units *= (1u64 << ((unit - (UNITS.len() - 1)) * 10)) as f64;
        unit = UNITS.len() - 1;
    }
    let spec = if unit == 0 {
        ".0f"
    } else if python_round(units) < 1000.0 {
        "#.3g"
    } else {
        "#.0f"
    };
    let number = crate::format::format_float(units, spec).unwrap_or_else(|_| units.to_string());
    format!("{number} {}", UNITS[unit])
}

/// Python's `round(x)` of a float: to the nearest integer, ties to even.
fn python_round(x: f64) -> f64 {
    x.round_ties_even()
}

/// NumPy's `MemoryError` for an array of `shape` and `dtype` (a dtype code)
/// that needed `bytes` bytes.
pub fn array_error(bytes: u64, shape: &[i64], dtype: i64) -> RtError {
    RtError::new(
        ErrorKind::Memory,
        format!(
            "Unable to allocate {} for an array with shape {} and data type {}",
            size_to_string(bytes),
            crate::format::shape_repr(shape),
            runtime_abi::dtype_name(dtype)
        ),
    )
}

thread_local! {
    /// Set while this module makes a fallible request: the global allocator then
    /// returns null as usual instead of ending the program.
    static FALLIBLE: Cell<bool> = const { Cell::new(false) };
}

/// Runs `f` with failed allocations reported to the caller (as null or `Err`).
fn fallibly<T>(f: impl FnOnce() -> T) -> T {
    let before = FALLIBLE.with(|flag| flag.replace(true));
    let result = f();
    FALLIBLE.with(|flag| flag.set(before));
    result
}

/// A vector with room for `len` elements of `T`: a temporary holding data of
/// an array of `shape` and `dtype` (named by the error if it cannot be had).
pub fn try_vec<T>(len: usize, shape: &[i64], dtype: i64) -> RtResult<Vec<T>> {
    let mut vec = Vec::new();
    let bytes = (len as u64).saturating_mul(std::mem::size_of::<T>() as u64);
    fallibly(|| vec.try_reserve_exact(len)).map_err(|_| array_error(bytes, shape, dtype))?;
    Ok(vec)
}

/// [`try_vec`] filled with `len` copies of `value`.
pub fn try_filled<T: Clone>(len: usize, value: T, shape: &[i64], dtype: i64) -> RtResult<Vec<T>> {
    let mut vec = try_vec(len, shape, dtype)?;
    vec.resize(len, value);
    Ok(vec)
}

/// The memory behind an array buffer: `DATA_ALIGN`-aligned `data`, from the
/// allocator (`layout`) or, for large buffers, a mapping of `pages.rs`.
pub struct Allocation {
    pub data: *mut u8,
    pub layout: Layout,
    /// For buffers mapped by `pages.rs`: the mapping's base and length.
    pub mapping: Option<(*mut u8, usize)>,
}

/// A buffer of `bytes` bytes, zero-filled when `zeroed` (else its contents are
/// unspecified and a large one may reuse a recently freed mapping), or `None`.
pub fn alloc_buffer(bytes: usize, zeroed: bool) -> Option<Allocation> {
    let layout = Layout::from_size_align(bytes.max(DATA_ALIGN), DATA_ALIGN).ok()?;
    if bytes >= crate::pages::HUGE_THRESHOLD {
        // Zeroed buffers come straight from the OS as lazily zeroed pages, so
        // zeroing costs nothing and keeps programs deterministic.
        let mapped = if zeroed { crate::pages::map_zeroed(bytes) } else { crate::pages::map_any(bytes) };
        if let Some((data, base, len)) = mapped {
            return Some(Allocation { data, layout, mapping: Some((base, len)) });
        }
    }
    // SAFETY: the layout has a non-zero size.
    let data = fallibly(|| unsafe { std::alloc::alloc_zeroed(layout) });
    (!data.is_null()).then_some(Allocation { data, layout, mapping: None })
}

/// The buffer of `v` as an array buffer's memory, when the global allocator mapped it (a
/// large vector): the mapping changes hands and `v` is forgotten. Else `v` back.
pub fn vec_allocation<T>(v: Vec<T>) -> Result<Allocation, Vec<T>> {
    let Ok(layout) = Layout::array::<T>(v.capacity()) else { return Err(v) };
    if !mapped(layout) {
        return Err(v);
    }
    let mut v = std::mem::ManuallyDrop::new(v);
    let data = v.as_mut_ptr() as *mut u8;
    match crate::pages::disown_mapping(data) {
        Some((base, len)) => {
            let layout = Layout::from_size_align(layout.size().max(DATA_ALIGN), DATA_ALIGN).expect("a mapping's size");
            Ok(Allocation { data, layout, mapping: Some((base, len)) })
        }
        None => Err(std::mem::ManuallyDrop::into_inner(v)),
    }
}

/// Whether one process could have a buffer of `bytes` bytes: a rank that stores
/// part of a new distributed array asks this of the whole array (`dist.rs`), so
/// that the program fails where NumPy, which holds the whole array in one
/// process, fails (each part alone may fit where the whole does not).
pub fn whole_could_fit(bytes: usize) -> bool {
    bytes < crate::pages::HUGE_THRESHOLD || crate::pages::could_map(bytes)
}

/// Frees a buffer made by [`alloc_buffer`].
///
/// # Safety
/// `allocation` must come from `alloc_buffer` and be freed once.
pub unsafe fn free_buffer(allocation: &Allocation) {
    match allocation.mapping {
        Some((base, len)) => unsafe { crate::pages::release(allocation.data, base, len) },
        None => unsafe { std::alloc::dealloc(allocation.data, allocation.layout) },
    }
}

/// The runtime's global allocator: the system allocator, except that a failed
/// request made outside [`fallibly`] ends the program as Python does when it runs
/// out of memory (`MemoryError`, exit status 1) rather than aborting it.
pub struct Allocator;

/// Whether a request goes to `pages.rs` (as large array buffers do), so that a large
/// temporary vector reuses a recently freed mapping instead of faulting in fresh
/// zeroed pages: on the machines measured, the kernel's zeroing of a fresh 80 MB
/// mapping costs as much as writing it twice.
fn mapped(layout: Layout) -> bool {
    layout.size() >= crate::pages::HUGE_THRESHOLD && layout.align() <= crate::pages::HUGE_PAGE
}

// SAFETY: small requests are passed to the system allocator unchanged; large ones
// are mappings of `pages.rs`, 2 MiB aligned, found again by their address.
unsafe impl GlobalAlloc for Allocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let ptr = if mapped(layout) {
            crate::pages::map_any(layout.size()).map_or(std::ptr::null_mut(), crate::pages::adopt)
        } else {
            unsafe { System.alloc(layout) }
        };
        if ptr.is_null() {
            out_of_memory();
        }
        ptr
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let ptr = if mapped(layout) {
            crate::pages::map_zeroed(layout.size()).map_or(std::ptr::null_mut(), crate::pages::adopt)
        } else {
            unsafe { System.alloc_zeroed(layout) }
        };
        if ptr.is_null() {
            out_of_memory();
        }
        ptr
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if mapped(layout) {
            unsafe { crate::pages::disown(ptr) }
        } else {
            unsafe { System.dealloc(ptr, layout) }
        }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: the caller's (a valid size for this alignment).
        let new_layout = unsafe { Layout::from_size_align_unchecked(new_size, layout.align()) };
        if mapped(layout) && mapped(new_layout) {
            if new_size <= layout.size() {
                return ptr;
            }
            // A growing vector: its pages move to a larger mapping, uncopied.
            if let Some((base, len)) = crate::pages::disown_mapping(ptr) {
                // SAFETY: the vector's own mapping, handed back by `disown_mapping`.
                return match unsafe { crate::pages::regrow(ptr, base, len, layout.size(), new_size) } {
                    Some(mapping) => crate::pages::adopt(mapping),
                    None => {
                        crate::pages::adopt((ptr, base, len));
                        out_of_memory();
                        std::ptr::null_mut()
                    }
                };
            }
        }
        let new = if mapped(layout) || mapped(new_layout) {
            let new = unsafe { self.alloc(new_layout) };
            if !new.is_null() {
                unsafe { std::ptr::copy_nonoverlapping(ptr, new, layout.size().min(new_size)) };
                unsafe { self.dealloc(ptr, layout) };
            }
            new
        } else {
            unsafe { System.realloc(ptr, layout, new_size) }
        };
        if new.is_null() {
            out_of_memory();
        }
        new
    }
}

#[global_allocator]
static GLOBAL: Allocator = Allocator;

/// A failed allocation: returns to a fallible caller, else prints Python's
/// `MemoryError` and exits with status 1 without allocating anything more.
fn out_of_memory() {
    // `try_with`: the flag may already be gone while the thread exits.
    if FALLIBLE.try_with(Cell::get).unwrap_or(false) {
        return;
    }
    crate::errors::raise_out_of_memory();
}

#[cfg(test)]
mod tests;
