//! Files the program writes, written whole: the contents go to a temporary file
//! beside the target (same directory, so same file system) that is renamed over
//! the target once complete. A run killed midway leaves the old file or the new
//! one, never a torn one (it may leave the temporary `.name.pid.n.tmp` behind).
//! Every file writer of the runtime goes through [`write_whole`].
//!
//! What differs from writing in place is kept invisible where it can be: errors
//! name the target as Python's `open(path, "wb")` would; an existing target keeps
//! its permission bits; a symbolic link is written through (its target is
//! replaced, the link stays). Where no temporary file can be made beside the
//! target (a directory the program may not write to, holding a file it may), the
//! file is written in place, as NumPy does.

use std::fs::{File, OpenOptions};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use runtime_core::errors::{RtError, RtResult};

/// Temporary files made by this process so far (part of their names).
static TEMPORARIES: AtomicU64 = AtomicU64::new(0);

/// The file a write to `path` replaces: `path` itself, or what a symbolic link there points to.
fn resolved(path: &Path) -> PathBuf {
    match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()),
        _ => path.to_path_buf(),
    }
}

/// Creates a fresh temporary file in the directory of `target`.
fn create_temporary(target: &Path) -> std::io::Result<(File, PathBuf)> {
    let dir = match target.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    loop {
        let n = TEMPORARIES.fetch_add(1, Ordering::Relaxed);
        let temporary = dir.join(format!(".{name}.{}.{n}.tmp", std::process::id()));
        match OpenOptions::new().write(true).create_new(true).open(&temporary) {
            Ok(file) => return Ok((file, temporary)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
}

/// Writes the file at `path` whole with `contents`, which writes everything to
/// the writer it is given. Errors are Python's for `path` (`FileNotFoundError:
/// [Errno 2] No such file or directory: 'out/x.npy'`).
pub fn write_whole(path: &str, contents: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> RtResult<()> {
    let os_error = |e: std::io::Error| RtError::os(&e, &crate::strings::python_repr(path));
    let target = resolved(Path::new(path));
    let (file, temporary) = match create_temporary(&target) {
        Ok(made) => made,
        Err(e) => {
            // No temporary beside the target: write in place when the target can be
            // opened for writing (as NumPy would), else report why it cannot.
            let file = File::create(&target).map_err(|_| os_error(e))?;
            return write_to(file, contents).map_err(os_error);
        }
    };
    let result = (|| {
        if let Ok(meta) = std::fs::metadata(&target) {
            if meta.is_file() {
                file.set_permissions(meta.permissions()).map_err(os_error)?;
            }
        }
        write_to(file, contents).map_err(os_error)?;
        std::fs::rename(&temporary, &target).map_err(os_error)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    result
}

/// Writes `contents` through a buffer into `file` and flushes it.
fn write_to(file: File, contents: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> std::io::Result<()> {
    let mut writer = BufWriter::with_capacity(1 << 20, file);
    contents(&mut writer)?;
    writer.flush()
}

#[cfg(test)]
mod tests;
