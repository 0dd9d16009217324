//! The program's stdout: buffered, written by rank 0 only, flushed by
//! `lt_finalize`, before an error message, before a rank waits for others, at
//! `exit()` and whenever 64 KiB have accumulated.

use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

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

/// Whether this process writes stdout: only rank 0 does (`comm::init` tells the others).
static WRITES: AtomicBool = AtomicBool::new(true);

/// Makes this process write its stdout (`true`, rank 0) or drop it (the other ranks).
pub fn set_writes(writes: bool) {
    WRITES.store(writes, Ordering::Relaxed);
}

fn write_out(bytes: &[u8]) {
    // Only rank 0 prints.
    if !WRITES.load(Ordering::Relaxed) {
        return;
    }
    let stdout = std::io::stdout();
    let mut handle = stdout.lock();
    // A closed pipe is not the program's error; Python would die of SIGPIPE silently.
    let _ = handle.write_all(bytes);
    let _ = handle.flush();
}
