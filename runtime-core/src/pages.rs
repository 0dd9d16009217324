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
const MREMAP_MAYMOVE: i32 = 1;
const MREMAP_FIXED: i32 = 2;

extern "C" {
    fn mmap(addr: *mut c_void, len: usize, prot: i32, flags: i32, fd: i32, off: i64) -> *mut c_void;
    fn munmap(addr: *mut c_void, len: usize) -> i32;
    fn madvise(addr: *mut c_void, len: usize, advice: i32) -> i32;
    fn mremap(old: *mut c_void, old_len: usize, new_len: usize, flags: i32, ...) -> *mut c_void;
}

/// Mappings freed recently (arrays' and large Rust allocations'), kept for reuse: their
/// pages are already faulted in. Fresh pages are dear: besides the kernel's zeroing, on
/// the virtual machines measured (this project's VM and the H200 machine) memory given back
/// to the kernel is reported to the host and costs a host fault when touched again, so a
/// fresh 80 MB buffer took 0.2 s to write where a reused one takes 10 ms. Entries: (data,
/// base, length), `data` 2 MiB aligned inside the mapping `base..base + length`.
struct Cache(Vec<(usize, usize, usize)>);

static CACHE: std::sync::Mutex<Cache> = std::sync::Mutex::new(Cache(Vec::new()));

/// At most this many bytes are kept mapped for reuse. Requests take cached pages before
/// fresh ones, so the cache never makes a program's mapped memory exceed the most it has
/// had live at once.
const CACHE_BYTES: usize = 4 << 30;
const CACHE_ENTRIES: usize = 64;

/// Usable bytes of a cached entry: from its aligned start to the mapping's end.
fn usable(e: &(usize, usize, usize)) -> usize {
    e.1 + e.2 - e.0
}

/// A mapping of at least `bytes` (2 MiB aligned) whose contents are unspecified.
pub fn map_any(bytes: usize) -> Option<(*mut u8, *mut u8, usize)> {
    take(bytes, false)
}

/// A zero-filled mapping of at least `bytes`, aligned to 2 MiB: cached pages, zeroed here,
/// then fresh ones (zeroed by the kernel as they are first touched).
pub fn map_zeroed(bytes: usize) -> Option<(*mut u8, *mut u8, usize)> {
    take(bytes, true)
}

/// A mapping of at least `bytes`: the smallest cached one that holds them (its rest beyond
/// the request, 2 MiB or more, stays cached as a mapping of its own: `munmap` takes any
/// part of one); else a fresh mapping whose front receives the pages of cached ones
/// (`mremap` moves them, huge pages whole, without copying), largest first. Returns
/// (aligned data, mapping base, mapping length); the reused bytes are zeroed if `zeroed`.
fn take(bytes: usize, zeroed: bool) -> Option<(*mut u8, *mut u8, usize)> {
    let used = bytes.div_ceil(HUGE_PAGE) * HUGE_PAGE;
    let mut taken = Vec::new();
    if let Ok(mut cache) = CACHE.lock() {
        let fit = cache.0.iter().enumerate().filter(|(_, e)| usable(e) >= bytes).min_by_key(|(_, e)| usable(e)).map(|(i, _)| i);
        if let Some(i) = fit {
            let (data, base, len) = cache.0.remove(i);
            let mut len = len;
            if base + len >= data + used + HUGE_PAGE {
                let rest = data + used;
                cache.0.push((rest, rest, base + len - rest));
                len = rest - base;
            }
            drop(cache);
            if zeroed {
                // SAFETY: the mapping holds `bytes` bytes from `data`, handed out to no one.
                unsafe { std::ptr::write_bytes(data as *mut u8, 0, bytes) };
            }
            return Some((data as *mut u8, base as *mut u8, len));
        }
        taken = largest(&mut cache, used);
    }
    let Some((data, base, len)) = map_fresh(bytes) else {
        for (d, b, l) in taken {
            // SAFETY: cached mappings, handed out to no one.
            unsafe { release(d as *mut u8, b as *mut u8, l) };
        }
        return None;
    };
    fill(data, 0, bytes, taken, zeroed);
    Some((data, base, len))
}

/// Cached mappings taken out, largest first, until they cover `need` bytes or none is left.
fn largest(cache: &mut Cache, need: usize) -> Vec<(usize, usize, usize)> {
    let mut taken = Vec::new();
    let mut covered = 0;
    while covered < need {
        let Some(i) = (0..cache.0.len()).max_by_key(|&i| usable(&cache.0[i])) else { break };
        let e = cache.0.remove(i);
        covered += usable(&e) / HUGE_PAGE * HUGE_PAGE;
        taken.push(e);
    }
    taken
}

/// Moves the pages of cached mappings `taken` into `data + at..data + round_up(bytes)`
/// (part of a fresh mapping), one after another from `at`, zeroing them if `zeroed`; what
/// is left of each beyond the request goes back to the cache.
fn fill(data: *mut u8, mut at: usize, bytes: usize, taken: Vec<(usize, usize, usize)>, zeroed: bool) {
    // Whole huge pages from `data` (2 MiB aligned); the fresh mapping holds them all
    // ([`map_fresh`]), and a piece moved never reaches past them (`MREMAP_FIXED` would
    // unmap whatever lay there: another buffer, or MPI's shared memory).
    let used = bytes.div_ceil(HUGE_PAGE) * HUGE_PAGE;
    for (d, b, l) in taken {
        let piece = (usable(&(d, b, l)) / HUGE_PAGE * HUGE_PAGE).min(used.saturating_sub(at));
        // SAFETY: `d..d + piece` lies in a cached mapping no one uses, `data + at..` in
        // the fresh one; the rest of the cached mapping is released or unmapped once.
        unsafe {
            move_pages(d, piece, data.add(at) as usize, false);
            let tail = d + piece;
            if b + l - tail >= HUGE_PAGE {
                unmap(b as *mut u8, tail - b);
                release(tail as *mut u8, tail as *mut u8, b + l - tail);
            } else {
                unmap(b as *mut u8, l);
            }
            if zeroed && at < bytes {
                std::ptr::write_bytes(data.add(at), 0, piece.min(bytes - at));
            }
        }
        at += piece;
    }
}

/// Moves the pages of `from..from + len` to `to..to + len` (page aligned; `to` inside a
/// mapping of this module, whose pages there it replaces) without copying: one `mremap`,
/// or 2 MiB pieces where the range spans several mappings (pages moved together before).
/// A piece the kernel refuses is copied if `copy`. The source range is left unmapped
/// or holding stale pages that the caller unmaps.
///
/// # Safety
/// Both ranges must be mapped and used by no one else.
unsafe fn move_pages(from: usize, len: usize, to: usize, copy: bool) {
    let moved = |from: usize, len: usize, to: usize| {
        // SAFETY: the caller's; MREMAP_FIXED unmaps what was at `to` first.
        len == 0 || unsafe { mremap(from as *mut c_void, len, len, MREMAP_MAYMOVE | MREMAP_FIXED, to as *mut c_void) } == to as *mut c_void
    };
    if moved(from, len, to) {
        return;
    }
    let mut at = 0;
    while at < len {
        let step = (HUGE_PAGE - (from + at) % HUGE_PAGE).min(len - at);
        if !moved(from + at, step, to + at) && copy {
            // SAFETY: both mapped (the caller's), not overlapping.
            unsafe { std::ptr::copy_nonoverlapping((from + at) as *const u8, (to + at) as *mut u8, step) };
        }
        at += step;
    }
}

/// A mapping of at least `bytes` that begins with the first `keep` bytes of the mapping
/// `(data, base, len)`, which it replaces: those pages move to the new mapping's front (no
/// copy), cached pages follow them, then fresh ones. For a growing vector.
///
/// # Safety
/// `(data, base, len)` must be a mapping of this module that no one else uses; it is
/// unmapped (or its pages moved) here. `keep` is at most the bytes it held from `data`.
pub unsafe fn regrow(data: *mut u8, base: *mut u8, len: usize, keep: usize, bytes: usize) -> Option<(*mut u8, *mut u8, usize)> {
    let (new, new_base, new_len) = map_fresh(bytes)?;
    let page = 4096;
    let piece = keep.div_ceil(page) * page;
    // SAFETY: `data..data + piece` lies inside the old mapping (it ends on a page
    // boundary past `data + keep`), the target inside the new one.
    unsafe {
        move_pages(data as usize, piece, new as usize, true);
        unmap(base, len);
    }
    // The rest: cached pages, 2 MiB aligned from the next huge page on.
    let from = piece.div_ceil(HUGE_PAGE) * HUGE_PAGE;
    if from < bytes {
        let taken = CACHE.lock().map(|mut cache| largest(&mut cache, bytes - from)).unwrap_or_default();
        fill(new, from, bytes, taken, false);
    }
    Some((new, new_base, new_len))
}

/// Returns a mapping to the cache, or unmaps it when the cache is full.
///
/// # Safety
/// As for [`unmap`]; `data` is the aligned pointer of a mapping of this module.
pub unsafe fn release(data: *mut u8, base: *mut u8, len: usize) {
    if len > CACHE_BYTES {
        unsafe { unmap(base, len) };
        return;
    }
    // The newest mappings are kept: older ones are unmapped to make room.
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

/// A fresh zero-filled mapping of at least `bytes`, aligned to 2 MiB, none of it touched
/// (bypassing the cache: the measuring program's streams want pages the thread that first
/// writes them gets from its own memory). Returns (data, base, length); unmap with [`unmap`].
pub fn map_fresh(bytes: usize) -> Option<(*mut u8, *mut u8, usize)> {
    // Room for the request's whole huge pages past the aligned start.
    let len = bytes.div_ceil(HUGE_PAGE).checked_mul(HUGE_PAGE)?.checked_add(HUGE_PAGE)?;
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

/// Unmaps a mapping made by [`map_zeroed`] or [`map_fresh`].
///
/// # Safety
/// `base`/`len` must come from one such call, unmapped only once.
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Mappings freed with garbage in them come back, whole or moved together, zeroed
    /// when asked and writable throughout.
    #[test]
    fn reused_pages_are_zeroed_when_asked() {
        let mb = 1 << 20;
        let mut held = Vec::new();
        for bytes in [9 * mb, 13 * mb, 6 * mb + 12345] {
            let (data, base, len) = map_any(bytes).expect("a mapping");
            // SAFETY: the mapping holds `bytes` bytes from `data`.
            unsafe { std::ptr::write_bytes(data, 0xAB, bytes) };
            held.push((data, base, len));
        }
        for (data, base, len) in held {
            // SAFETY: each mapping released once.
            unsafe { release(data, base, len) };
        }
        // Larger than any one cached mapping: built from several.
        for bytes in [30 * mb + 7, 5 * mb, 17 * mb] {
            let (data, base, len) = map_zeroed(bytes).expect("a mapping");
            assert_eq!(data as usize % HUGE_PAGE, 0);
            assert!(base as usize + len >= data as usize + bytes);
            // SAFETY: the mapping holds `bytes` bytes from `data`.
            let all = unsafe { std::slice::from_raw_parts_mut(data, bytes) };
            assert!(all.iter().all(|&b| b == 0), "a zeroed mapping of {bytes} bytes holds old bytes");
            all.fill(0xCD);
            // SAFETY: released once.
            unsafe { release(data, base, len) };
        }
    }

    /// A vector growing past the mapping threshold keeps its contents through every
    /// regrowth (pages moved, not copied, and cached pages after them).
    #[test]
    fn growing_vectors_keep_their_contents() {
        let mut held: Vec<Vec<u64>> = Vec::new();
        for round in 0..3u64 {
            let mut v: Vec<u64> = Vec::new();
            for i in 0..3_000_000u64 {
                v.push(i ^ round);
            }
            assert!(v.iter().enumerate().all(|(i, &x)| x == i as u64 ^ round));
            // Some vectors freed (to the cache), some kept, so that the next regrowths
            // take cached pages.
            if round % 2 == 0 {
                drop(v);
            } else {
                held.push(v);
            }
            let mut shrunk: Vec<u64> = (0..1_000_000).collect();
            shrunk.truncate(600_000);
            shrunk.shrink_to_fit();
            assert_eq!(shrunk[599_999], 599_999);
        }
        assert!(held.iter().all(|v| v.iter().enumerate().all(|(i, &x)| x == i as u64 ^ 1)));
    }

    /// A fresh mapping holds the request's whole huge pages from its aligned start, where
    /// pages of cached mappings are moved (a piece moved past its end would unmap whatever
    /// lay there: another buffer, or MPI's shared memory).
    #[test]
    fn fresh_mappings_hold_whole_huge_pages() {
        for k in 0..200usize {
            let bytes = (4 << 20) + k * 40_961;
            let (data, base, len) = map_fresh(bytes).expect("a mapping");
            assert!(data as usize + bytes.div_ceil(HUGE_PAGE) * HUGE_PAGE <= base as usize + len, "{bytes} bytes");
            // SAFETY: unmapped once.
            unsafe { unmap(base, len) };
        }
    }
}
