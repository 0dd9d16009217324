//! A file's bytes for the readers: a read-only mapping of the file (its pages come
//! straight from the page cache, so nothing is copied and no fresh memory is zeroed), or
//! the bytes read into memory where a mapping cannot be made (an empty file, a pipe).
//! The compiler reads files through this module without the runtime (`runtime-frame`'s
//! `ops` feature off), so it declares the three calls itself rather than use `pages.rs`.

use std::ffi::c_void;
use std::fs::File;
use std::os::fd::AsRawFd;
use std::path::Path;

const PROT_READ: i32 = 1;
const MAP_PRIVATE: i32 = 2;
const MADV_SEQUENTIAL: i32 = 2;

extern "C" {
    fn mmap(addr: *mut c_void, len: usize, prot: i32, flags: i32, fd: i32, off: i64) -> *mut c_void;
    fn munmap(addr: *mut c_void, len: usize) -> i32;
    fn madvise(addr: *mut c_void, len: usize, advice: i32) -> i32;
}

/// The bytes of a file.
pub struct FileBytes {
    mapped: Option<(*mut u8, usize)>,
    read: Vec<u8>,
}

impl FileBytes {
    /// The contents of the file at `path`.
    pub fn open(path: &Path) -> std::io::Result<FileBytes> {
        let file = File::open(path)?;
        let meta = file.metadata()?;
        let len = meta.len();
        if meta.is_file() && len > 0 && len <= isize::MAX as u64 {
            let len = len as usize;
            // SAFETY: a private read-only mapping of an open file, with no address hint.
            let base = unsafe { mmap(std::ptr::null_mut(), len, PROT_READ, MAP_PRIVATE, file.as_raw_fd(), 0) };
            if base as isize != -1 && !base.is_null() {
                // Advice only.
                // SAFETY: the mapping just made.
                unsafe { madvise(base, len, MADV_SEQUENTIAL) };
                return Ok(FileBytes { mapped: Some((base as *mut u8, len)), read: Vec::new() });
            }
        }
        drop(file);
        Ok(FileBytes { mapped: None, read: std::fs::read(path)? })
    }
}

impl std::ops::Deref for FileBytes {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        match self.mapped {
            // SAFETY: the live mapping of `len` readable bytes.
            Some((base, len)) => unsafe { std::slice::from_raw_parts(base, len) },
            None => &self.read,
        }
    }
}

impl Drop for FileBytes {
    fn drop(&mut self) {
        if let Some((base, len)) = self.mapped {
            // SAFETY: the mapping made in `open`, unmapped once.
            unsafe { munmap(base as *mut c_void, len) };
        }
    }
}
