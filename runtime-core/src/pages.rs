//! Large array buffers straight from the kernel, backed by transparent huge
//! pages where the system allows (as NumPy does): a fresh 80 MB temporary then
//! costs dozens of page faults instead of twenty thousand.

use std::ffi::c_void;

/// Buffers at least this large are mapped directly.
pub const HUGE_THRESHOLD: usize = 4 << 20;
const HUGE_PAGE: usize = 2 << 20;

const PROT_READ: i32 = 1;
const PROT_WRITE: i32 = 2;
const MAP_PRIVATE: i32 = 2;
const MAP_ANONYMOUS: i32 = 0x20;
const MADV_HUGEPAGE: i32 = 14;

extern "C" {
    fn mmap(addr: *mut c_void, len: usize, prot: i32, flags: i32, fd: i32, off: i64) -> *mut c_void;
    fn munmap(addr: *mut c_void, len: usize) -> i32;
    fn madvise(addr: *mut c_void, len: usize, advice: i32) -> i32;
}

/// Mappings freed recently, kept for reuse by arrays that need no zeroing
/// (a loop that makes a new temporary of the same size every iteration then
/// touches no fresh pages). Entries: (data, base, length).
struct Cache(Vec<(usize, usize, usize)>);

static CACHE: std::sync::Mutex<Cache> = std::sync::Mutex::new(Cache(Vec::new()));

/// At most this many bytes are kept mapped for reuse.
const CACHE_BYTES: usize = 1 << 30;
const CACHE_ENTRIES: usize = 8;

/// A mapping of at least `bytes` (2 MiB aligned) whose contents are
/// unspecified: a cached one of exactly the right size, or a fresh zeroed one.
pub fn map_any(bytes: usize) -> Option<(*mut u8, *mut u8, usize)> {
    let len = bytes.checked_add(HUGE_PAGE)?;
    if let Ok(mut cache) = CACHE.lock() {
        if let Some(i) = cache.0.iter().position(|e| e.2 == len) {
            let (data, base, len) = cache.0.swap_remove(i);
            return Some((data as *mut u8, base as *mut u8, len));
        }
    }
    map_zeroed(bytes)
}

/// Returns a mapping to the cache, or unmaps it when the cache is full.
///
/// # Safety
/// As for [`unmap`]; `data` is the aligned pointer `map_zeroed` returned.
pub unsafe fn release(data: *mut u8, base: *mut u8, len: usize) {
    if let Ok(mut cache) = CACHE.lock() {
        let held: usize = cache.0.iter().map(|e| e.2).sum();
        if cache.0.len() < CACHE_ENTRIES && held + len <= CACHE_BYTES {
            cache.0.push((data as usize, base as usize, len));
            return;
        }
    }
    unsafe { unmap(base, len) };
}

/// A zero-filled mapping of at least `bytes`, aligned to 2 MiB.
/// Returns (aligned data, mapping base, mapping length), or None on failure.
pub fn map_zeroed(bytes: usize) -> Option<(*mut u8, *mut u8, usize)> {
    let len = bytes.checked_add(HUGE_PAGE)?;
    // SAFETY: an anonymous private mapping with no address hint.
    let base = unsafe { mmap(std::ptr::null_mut(), len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) };
    if base as isize == -1 || base.is_null() {
        return None;
    }
    let base = base as *mut u8;
    let offset = (HUGE_PAGE - (base as usize % HUGE_PAGE)) % HUGE_PAGE;
    // SAFETY: offset < HUGE_PAGE, inside the mapping.
    let data = unsafe { base.add(offset) };
    // Advice only; failure (THP disabled) leaves ordinary pages.
    // SAFETY: the range lies inside the mapping.
    unsafe { madvise(data as *mut c_void, bytes, MADV_HUGEPAGE) };
    Some((data, base, len))
}

/// Whether the kernel would grant a private writable mapping of `bytes` now
/// (the test its overcommit policy applies to a request that size); maps
/// nothing for long.
pub fn could_map(bytes: usize) -> bool {
    // SAFETY: an anonymous private mapping with no address hint, unmapped at once.
    let base = unsafe { mmap(std::ptr::null_mut(), bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) };
    if base as isize == -1 || base.is_null() {
        return false;
    }
    // SAFETY: the mapping just made, unmapped once.
    unsafe { munmap(base, bytes) };
    true
}

/// Unmaps a mapping made by [`map_zeroed`].
///
/// # Safety
/// `base`/`len` must come from one `map_zeroed` call, unmapped only once.
pub unsafe fn unmap(base: *mut u8, len: usize) {
    unsafe { munmap(base as *mut c_void, len) };
}
