//! The ranks of an SPMD run: MPI when the program was started by an MPI
//! launcher (`mpirun`), a single rank otherwise.
//!
//! Every rank runs the same host program (control replication), so every
//! collective here is called by all ranks in the same order. Results that
//! steer control flow are combined in rank order, so they are bit-identical
//! on every rank.

use std::ffi::c_void;
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};
use std::time::Instant;

use mpi::traits::*;

static RANK: AtomicI64 = AtomicI64::new(0);
static SIZE: AtomicI64 = AtomicI64::new(1);

/// Nanoseconds this rank has spent in MPI calls, and bytes it has sent: the profile
/// (`profile.rs`) attributes their growth to the statement running.
pub static MPI_NANOS: AtomicU64 = AtomicU64::new(0);
pub static MPI_BYTES: AtomicU64 = AtomicU64::new(0);

/// Counts an MPI call's time (when dropped) and the bytes it sends.
struct Timed(Instant);

fn timed(bytes: usize) -> Timed {
    MPI_BYTES.fetch_add(bytes as u64, Ordering::Relaxed);
    Timed(Instant::now())
}

impl Drop for Timed {
    fn drop(&mut self) {
        MPI_NANOS.fetch_add(self.0.elapsed().as_nanos() as u64, Ordering::Relaxed);
    }
}

/// The MPI environment, alive from `init` to `finalize` (host code is single threaded).
static mut UNIVERSE: Option<mpi::environment::Universe> = None;

/// Environment variables that MPI launchers set in every process they start.
const LAUNCHER_VARIABLES: [&str; 4] = ["OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_SIZE", "MPI_LOCALNRANKS"];

/// Starts MPI if an MPI launcher started this process. A program run directly
/// (`./app`) is one rank and never touches MPI, so it starts in milliseconds.
pub fn init() {
    if !LAUNCHER_VARIABLES.iter().any(|name| std::env::var_os(name).is_some()) {
        return;
    }
    let Some(universe) = mpi::initialize() else { return };
    let world = universe.world();
    RANK.store(world.rank() as i64, Ordering::Relaxed);
    crate::stdout::set_writes(world.rank() == 0);
    SIZE.store(world.size() as i64, Ordering::Relaxed);
    unsafe { UNIVERSE = Some(universe) };
}

/// Shuts MPI down (after the last collective).
pub fn finalize() {
    // A rank that ends normally first waits for the others in a barrier: where another rank
    // raised alone (an error at a point of its own rows) and exited, the launcher ends this
    // one while it waits there, instead of racing MPI_Finalize's own exchange with that
    // rank's end (Open MPI 4.1's mpirun could then hang in its PMIx teardown).
    if size() > 1 {
        barrier();
    }
    unsafe {
        let universe = (*std::ptr::addr_of_mut!(UNIVERSE)).take();
        drop(universe);
    }
}

/// This process's rank.
pub fn rank() -> i64 {
    RANK.load(Ordering::Relaxed)
}

/// The number of ranks.
pub fn size() -> i64 {
    SIZE.load(Ordering::Relaxed)
}

fn world() -> Option<mpi::topology::SimpleCommunicator> {
    unsafe { (*std::ptr::addr_of!(UNIVERSE)).as_ref().map(|universe| universe.world()) }
}

/// Before a rank may wait for others: rank 0 writes out what the program printed, so
/// that output before an error another rank meets (which ends every rank) is not lost.
fn before_waiting() {
    if size() > 1 && rank() == 0 {
        crate::stdout::flush_stdout();
    }
}

/// Every rank's `value`, in rank order.
pub fn allgather_u64(value: u64) -> Vec<u64> {
    before_waiting();
    match world() {
        Some(world) if size() > 1 => {
            let _timed = timed(8);
            let mut all = vec![0u64; size() as usize];
            world.all_gather_into(&value, &mut all[..]);
            all
        }
        _ => vec![value],
    }
}

/// Every rank's `bytes` (all of length `bytes.len()`), concatenated in rank order
/// (for small messages; [`allgather_bytes_into`] takes the caller's buffer).
pub fn allgather_bytes(bytes: &[u8]) -> Vec<u8> {
    let mut all = vec![0u8; bytes.len() * size() as usize];
    allgather_bytes_into(bytes, &mut all);
    all
}

/// Every rank's `bytes` (all of length `bytes.len()`) into `all`, in rank order;
/// `all` holds `bytes.len()` times the number of ranks.
pub fn allgather_bytes_into(bytes: &[u8], all: &mut [u8]) {
    // Every rank gives the same length: with none there is nothing to exchange (MPI refuses
    // an empty buffer, MPI_ERR_ARG: an allreduce of an empty product's result).
    if bytes.is_empty() {
        return;
    }
    before_waiting();
    match world() {
        Some(world) if size() > 1 => {
            let _timed = timed(bytes.len());
            world.all_gather_into(bytes, all)
        }
        _ => all.copy_from_slice(bytes),
    }
}

/// `value` as rank `root` has it.
pub fn broadcast_u64(root: i64, value: u64) -> u64 {
    before_waiting();
    let mut value = value;
    if let Some(world) = world() {
        if size() > 1 {
            let _timed = timed(if rank() == root { 8 } else { 0 });
            world.process_at_rank(root as i32).broadcast_into(&mut value);
        }
    }
    value
}

/// Waits until every rank has arrived.
pub fn barrier() {
    before_waiting();
    if let Some(world) = world() {
        if size() > 1 {
            let _timed = timed(0);
            world.barrier();
        }
    }
}

/// A point-to-point message of a batch: `len` bytes at `ptr` to or from `peer`.
pub struct Message {
    pub peer: i64,
    pub tag: i32,
    pub ptr: *mut u8,
    pub len: usize,
}

/// Largest message sent in one MPI call (counts are 32-bit).
const MAX_MESSAGE: usize = 1 << 30;

/// Posts every receive and send of a batch and waits for all of them.
///
/// # Safety
/// Every `ptr` must be valid for `len` bytes (writable for receives) until
/// the call returns; receive regions must not overlap anything else in the batch.
pub unsafe fn exchange(sends: &[Message], receives: &[Message]) {
    use mpi::ffi;
    if sends.is_empty() && receives.is_empty() {
        return;
    }
    let _timed = timed(sends.iter().map(|m| m.len).sum());
    before_waiting();
    let mut requests: Vec<ffi::MPI_Request> = Vec::new();
    unsafe {
        // Receives first, then sends; a message longer than `MAX_MESSAGE` goes in pieces
        // (in order: MPI does not reorder messages between two ranks with one tag).
        for (batch, receive) in [(receives, true), (sends, false)] {
            for message in batch {
                let mut offset = 0;
                loop {
                    let count = (message.len - offset).min(MAX_MESSAGE);
                    let (ptr, count) = (message.ptr.add(offset) as *mut c_void, count as i32);
                    let (peer, tag) = (message.peer as i32, message.tag);
                    let mut request = std::mem::zeroed();
                    if receive {
                        ffi::MPI_Irecv(ptr, count, ffi::RSMPI_UINT8_T, peer, tag, ffi::RSMPI_COMM_WORLD, &mut request);
                    } else {
                        ffi::MPI_Isend(ptr, count, ffi::RSMPI_UINT8_T, peer, tag, ffi::RSMPI_COMM_WORLD, &mut request);
                    }
                    requests.push(request);
                    offset += count as usize;
                    if offset >= message.len {
                        break;
                    }
                }
            }
        }
        ffi::MPI_Waitall(requests.len() as i32, requests.as_mut_ptr(), ffi::RSMPI_STATUSES_IGNORE);
    }
}

/// Every rank's `counts[me]` for this rank, in rank order (`counts[q]`: what this rank sends
/// rank `q`; one word between each pair of ranks, point to point, under `tag`).
fn exchange_counts(counts: &[u64], tag: i32) -> Vec<u64> {
    let p = size() as usize;
    let me = rank() as usize;
    let mut lengths = vec![0u64; p];
    lengths[me] = counts[me];
    let (sends, receives): (Vec<Message>, Vec<Message>) = (0..p)
        .filter(|&q| q != me)
        .map(|q| {
            (
                Message { peer: q as i64, tag, ptr: &counts[q] as *const u64 as *mut u8, len: 8 },
                Message { peer: q as i64, tag, ptr: &mut lengths[q] as *mut u64 as *mut u8, len: 8 },
            )
        })
        .unzip();
    // SAFETY: every pointer addresses a word of `counts` or `lengths`, alive until return.
    unsafe { exchange(&sends, &receives) };
    lengths
}

/// Where each group starts when groups of `counts` items lie one after another.
pub fn starts(counts: &[usize]) -> Vec<usize> {
    counts
        .iter()
        .scan(0, |at, &c| {
            let start = *at;
            *at += c;
            Some(start)
        })
        .collect()
}

/// Sends `sends[q]` to rank `q` and returns what every rank sent this one, in rank order
/// (an all-to-all of byte vectors of any lengths): the lengths go first, one word between
/// each pair of ranks, so that every rank knows what it receives before the data moves.
pub fn alltoallv(mut sends: Vec<Vec<u8>>) -> Vec<Vec<u8>> {
    let p = size() as usize;
    let me = rank() as usize;
    let mut received: Vec<Vec<u8>> = vec![Vec::new(); p];
    received[me] = std::mem::take(&mut sends[me]);
    if p < 2 {
        return received;
    }
    let mine: Vec<u64> = sends.iter().map(|s| s.len() as u64).collect();
    let lengths = exchange_counts(&mine, 21);
    for q in (0..p).filter(|&q| q != me) {
        // Written whole by the receive below (no zeroing of what arrives).
        received[q] = Vec::with_capacity(lengths[q] as usize);
    }
    let mut data_sends = Vec::new();
    let mut data_receives = Vec::new();
    for q in (0..p).filter(|&q| q != me) {
        if !sends[q].is_empty() {
            data_sends.push(Message { peer: q as i64, tag: 22, ptr: sends[q].as_ptr() as *mut u8, len: sends[q].len() });
        }
        if lengths[q] > 0 {
            data_receives.push(Message { peer: q as i64, tag: 22, ptr: received[q].as_mut_ptr(), len: lengths[q] as usize });
        }
    }
    // SAFETY: the buffers outlive the call; each receive has its own buffer, whose
    // capacity it fills.
    unsafe { exchange(&data_sends, &data_receives) };
    for q in (0..p).filter(|&q| q != me) {
        // SAFETY: the receive wrote every byte.
        unsafe { received[q].set_len(lengths[q] as usize) };
    }
    received
}

/// An all-to-all of columns of 64-bit words with one set of row counts: `columns[j]` holds
/// its rows grouped by destination in rank order, `counts[q]` of them for rank `q`.
/// Returns, per column, the rows every rank sent this one, in rank order, in one vector
/// (received in place: no copy after the transfer), and how many came from each rank.
/// The counts go first, one word between each pair of ranks.
pub fn alltoallv_columns(columns: &[Vec<i64>], counts: &[usize]) -> (Vec<Vec<i64>>, Vec<usize>) {
    let p = size() as usize;
    let me = rank() as usize;
    let starts = starts(counts);
    let mine: Vec<u64> = counts.iter().map(|&c| c as u64).collect();
    let received: Vec<usize> = exchange_counts(&mine, 23).iter().map(|&l| l as usize).collect();
    let at = self::starts(&received);
    let total: usize = received.iter().sum();
    let mut out: Vec<Vec<i64>> = columns.iter().map(|_| Vec::with_capacity(total)).collect();
    let mut sends = Vec::new();
    let mut receives = Vec::new();
    for (col, dst) in columns.iter().zip(out.iter_mut()) {
        // SAFETY: rank `me`'s rows, within both vectors.
        unsafe { std::ptr::copy_nonoverlapping(col.as_ptr().add(starts[me]), dst.as_mut_ptr().add(at[me]), counts[me]) };
        for q in (0..p).filter(|&q| q != me) {
            if counts[q] > 0 {
                sends.push(Message { peer: q as i64, tag: 24, ptr: col[starts[q]..].as_ptr() as *mut u8, len: 8 * counts[q] });
            }
            if received[q] > 0 {
                // SAFETY: within the capacity of `dst`.
                receives.push(Message { peer: q as i64, tag: 24, ptr: unsafe { dst.as_mut_ptr().add(at[q]) } as *mut u8, len: 8 * received[q] });
            }
        }
    }
    // SAFETY: the buffers outlive the call; receives fill disjoint parts of `out`, and
    // messages between two ranks match in the order both post them (column by column).
    unsafe { exchange(&sends, &receives) };
    for dst in out.iter_mut() {
        // SAFETY: every rank's part was written, by the copy or a receive.
        unsafe { dst.set_len(total) };
    }
    (out, received)
}

/// Leaves the program with `status` on this rank (finalizing MPI on success).
pub fn exit(status: i32) -> ! {
    if status == 0 {
        finalize();
    }
    std::process::exit(status)
}

/// Called before a rank prints a fatal error. Every rank runs the same host
/// code on the same shapes and values, so an error normally happens on every
/// rank at once: rank 0 prints it and exits, and the launcher ends the other
/// ranks while they wait here. An error met by one rank alone is still
/// printed, after the wait.
pub fn before_fatal_message() {
    if size() > 1 && rank() != 0 {
        std::thread::sleep(std::time::Duration::from_secs(3));
    }
}
