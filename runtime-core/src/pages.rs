//! Large array buffers straight from the kernel, backed by transparent huge
//! pages where the system allows (as NumPy does): a fresh 80 MB temporary then
//! costs dozens of page faults instead of twenty thousand.

use std::ffi::c_void;

/// Buffers at least this large are mapped directly.
pub const HUGE_THRESHOLD: usize = 4 << 20;
pub const HUGE_PAGE: usize = 2 << 20;

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

/// Mappings freed recently (arrays' and large Rust allocations'), kept for reuse by
/// requests that need no zeroing
/// (a loop that makes a new temporary of the same size every iteration then
/// touches no fresh pages). Entries: (data, base, length).
struct Cache(Vec<(usize, usize, usize)>);

static CACHE: std::sync::Mutex<Cache> = std::sync::Mutex::new(Cache(Vec::new()));

/// At most this many bytes are kept mapped for reuse.
const CACHE_BYTES: usize = 1 << 30;
const CACHE_ENTRIES: usize = 8;

/// A mapping of at least `bytes` (2 MiB aligned) whose contents are unspecified: the
/// smallest cached one that holds them and wastes at most an eighth; else the front of the
/// largest cached one whose rest (at least a quarter of the request) stays cached as a
/// mapping of its own (`munmap` takes any part of one); else a fresh zeroed one.
pub fn map_any(bytes: usize) -> Option<(*mut u8, *mut u8, usize)> {
    if let Ok(mut cache) = CACHE.lock() {
        // Usable bytes of an entry: from its aligned start to the mapping's end.
        let usable = |e: &(usize, usize, usize)| e.1 + e.2 - e.0;
        let most = bytes + bytes / 8 + HUGE_PAGE;
        let fit = cache.0.iter().enumerate().filter(|(_, e)| (bytes..=most).contains(&usable(e))).min_by_key(|(_, e)| usable(e)).map(|(i, _)| i);
        if let Some(i) = fit {
            let (data, base, len) = cache.0.remove(i);
            return Some((data as *mut u8, base as *mut u8, len));
        }
        let used = bytes.div_ceil(HUGE_PAGE) * HUGE_PAGE;
        let large = cache.0.iter().enumerate().filter(|(_, e)| usable(e) >= used + (bytes / 4).max(2 * HUGE_PAGE)).max_by_key(|(_, e)| usable(e)).map(|(i, _)| i);
        if let Some(i) = large {
            let (data, base, len) = cache.0.remove(i);
            let rest = data + used;
            cache.0.push((rest, rest, base + len - rest));
            return Some((data as *mut u8, base as *mut u8, rest - base));
        }
    }
    map_zeroed(bytes)
}

/// Returns a mapping to the cache, or unmaps it when the cache is full.
///
/// # Safety
/// As for [`unmap`]; `data` is the aligned pointer `map_zeroed` returned.
pub unsafe fn release(data: *mut u8, base: *mut u8, len: usize) {
    if len > CACHE_BYTES {
        unsafe { unmap(base, len) };
        return;
    }
    // The newest mappings are kept (the next allocations are the likeliest to match
    // them): older ones are unmapped to make room.
    let mut evicted = Vec::new();
    match CACHE.lock() {
        Ok(mut cache) => {
            cache.0.push((data as usize, base as usize, len));
            while cache.0.len() > CACHE_ENTRIES || cache.0.iter().map(|e| e.2).sum::<usize>() > CACHE_BYTES {
                evicted.push(cache.0.remove(0));
            }
        }
        Err(_) => evicted.push((data as usize, base as usize, len)),
    }
    for (_, base, len) in evicted {
        unsafe { unmap(base as *mut u8, len) };
    }
}

/// A zero-filled mapping of at least `bytes`, aligned to 2 MiB.
/// Returns (aligned data, mapping base, mapping length), or None on failure.
///
/// Cached mappings as large as the new one are unmapped first (the oldest), so that the
/// cache never adds to a program's peak memory more than it saves.
pub fn map_zeroed(bytes: usize) -> Option<(*mut u8, *mut u8, usize)> {
    let mut evicted = Vec::new();
    if let Ok(mut cache) = CACHE.lock() {
        let mut freed = 0;
        while freed < bytes && !cache.0.is_empty() {
            let entry = cache.0.remove(0);
            freed += entry.2;
            evicted.push(entry);
        }
    }
    for (_, base, len) in evicted {
        // SAFETY: a cached mapping, no longer handed out.
        unsafe { unmap(base as *mut u8, len) };
    }
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

/// Mappings handed to the global allocator's callers (`memory.rs`), by their aligned
/// address: (data, base, length).
static ADOPTED: std::sync::Mutex<Vec<(usize, usize, usize)>> = std::sync::Mutex::new(Vec::new());

/// Records a mapping of [`map_any`] or [`map_zeroed`] as the global allocator's and
/// returns its aligned address, which [`disown`] frees.
pub fn adopt((data, base, len): (*mut u8, *mut u8, usize)) -> *mut u8 {
    // The push may allocate, but only a small block, which does not come here.
    match ADOPTED.lock() {
        Ok(mut adopted) => {
            adopted.push((data as usize, base as usize, len));
            data
        }
        Err(_) => {
            // SAFETY: the mapping just made, never handed out.
            unsafe { unmap(base, len) };
            std::ptr::null_mut()
        }
    }
}

/// Takes a mapping that [`adopt`] returned back from the global allocator (its new owner
/// frees it with [`release`]): its base and length, if `data` is one.
pub fn disown_mapping(data: *mut u8) -> Option<(*mut u8, usize)> {
    let mut adopted = ADOPTED.lock().ok()?;
    let i = adopted.iter().position(|e| e.0 == data as usize)?;
    let (_, base, len) = adopted.swap_remove(i);
    Some((base as *mut u8, len))
}

/// Frees a mapping that [`adopt`] returned: back to the cache, or unmapped.
///
/// # Safety
/// `data` must come from `adopt` and be freed once.
pub unsafe fn disown(data: *mut u8) {
    if let Some((base, len)) = disown_mapping(data) {
        unsafe { release(data, base, len) };
    }
}
