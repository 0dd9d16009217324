//! The GPU backend: loads CUDA at run time, keeps arrays resident in device
//! memory, and runs the embedded PTX kernels.
//!
//! - **Probe.** The first launch decides once: the executable carries PTX
//!   (`lt_gpu_module`), `LEGATEC_DEVICE` is not `cpu`, the CUDA driver library
//!   loads (checked before any driver call, so machines without one run on the
//!   CPU), and a GPU exists. Rank r uses local GPU r mod (GPUs on the node).
//!   `LEGATEC_DEVICE=gpu` turns "no GPU" into an error.
//! - **Coherence.** A buffer may have a device [`Mirror`] of the same size and
//!   layout: an address `p` of the host buffer is `dev + (p - data)` there.
//!   Each side is either current or stale. Kernels make their inputs current
//!   on the device and leave the host stale; every other runtime operation
//!   calls [`host_read`] or [`host_write`] first, which moves the data back
//!   (only where the program needs it on the host: printing, a scalar read,
//!   an operation with no device version). Element reads and writes move one
//!   element; halo exchanges move the rows they send and receive.
//! - **In-place stencils.** A store whose destination overlaps an input
//!   (`p[1:-1] = f(p[:-2], p[2:])`) writes into a second device buffer (the
//!   shadow) and then swaps the two. The shadow is kept equal to the array
//!   outside the region the last swap wrote, so the next identical launch
//!   needs no copy; anything else that writes the array makes the next swap
//!   copy the whole buffer first.
//! - **Reductions.** Reduce-all kernels write one partial per block; the host
//!   combines them in block order (deterministic for a given grid).

use std::cell::RefCell;
use std::collections::HashMap;
use std::ffi::{c_char, c_void};
use std::sync::atomic::{AtomicPtr, AtomicU64, Ordering};

use cudarc::driver::{result, sys};
use runtime_abi::{mode_reduces_all, ArrayDesc, GPU_BLOCK, GPU_ROWS_MIN, MODE_REDUCE_AXIS};

use crate::array::{self, Buffer, Mirror, Region};
use crate::errors::{ErrorKind, RtError, RtResult};
use crate::kernel::{combine_bits, Launch};

/// The most blocks a reduce-all launch uses (and partials it downloads).
const MAX_PARTIALS: u32 = 1024;


/// Waves of resident blocks per launch along x (a long innermost axis, grid-stride):
/// measured on an H100 with the seed's Jacobi stencil at 16384^2 when it also bounded
/// the rows (`LEGATEC_GPU_MAX_BLOCKS`): 1 wave 118 G points/s, 4 waves 148, 16 waves
/// 158, 62 waves 157.
const BLOCK_WAVES: u32 = 16;

/// Rows of the iteration space per block row, where the grid allows (CUDA's 65535 block
/// rows at most): enough to pay a thread's set-up over a few points and to keep a
/// stencil's neighbour rows in cache, few enough to spread the rows over many blocks.
/// Measured on one H200 (the seed's Jacobi 16384^2, CG 8192^2): a row per block 94 G
/// points/s, 4 rows 204 (the hand-written kernel 214), 16 rows 200, 62 rows 197; CG 0.54 s
/// at 1 row, 0.46 s at 2, 0.45 s at 8 (on an H100, 4 rows: 0.55 s against 0.61 s before).
/// `LEGATEC_GPU_ROWS_PER_BLOCK` sets it (for measuring).
fn rows_per_block() -> i64 {
    static ROWS: std::sync::OnceLock<i64> = std::sync::OnceLock::new();
    *ROWS.get_or_init(|| std::env::var("LEGATEC_GPU_ROWS_PER_BLOCK").ok().and_then(|v| v.parse::<i64>().ok()).filter(|&n| n > 0).unwrap_or(4))
}

/// The embedded PTX text, registered by `lt_gpu_module`.
static PTX: AtomicPtr<c_char> = AtomicPtr::new(std::ptr::null_mut());

static KERNELS: AtomicU64 = AtomicU64::new(0);
static TO_HOST_BYTES: AtomicU64 = AtomicU64::new(0);
static TO_HOST: AtomicU64 = AtomicU64::new(0);
static TO_DEVICE_BYTES: AtomicU64 = AtomicU64::new(0);
static TO_DEVICE: AtomicU64 = AtomicU64::new(0);
static SWAPS: AtomicU64 = AtomicU64::new(0);
/// Results written on the device by a library (cuBLAS).
static LIBRARY_CALLS: AtomicU64 = AtomicU64::new(0);

/// Registers the embedded PTX module.
pub fn set_module(ptx: *const c_char) {
    PTX.store(ptx as *mut c_char, Ordering::Relaxed);
}

struct Device {
    module: sys::CUmodule,
    functions: HashMap<(usize, bool), sys::CUfunction>,
    /// Freed device allocations by size, for reuse.
    pool: HashMap<usize, Vec<u64>>,
    partials: u64,
    /// The most blocks of a launch other than reduce-all: `BLOCK_WAVES` times
    /// as many as the GPU holds at once (`GPU_BLOCK`-thread blocks, 2048
    /// threads per SM), or `LEGATEC_GPU_MAX_BLOCKS`.
    max_blocks: u32,
    name: String,
    /// The kernels' error flag and message table (see `runtime_abi::GPU_ERROR_FLAG`),
    /// when some kernel may record an error.
    error_flag: Option<(u64, u64, usize)>,
}

enum State {
    Unprobed,
    Off,
    On(Device),
}

thread_local! {
    static STATE: RefCell<State> = const { RefCell::new(State::Unprobed) };
    static TIMELINE: RefCell<Timeline> = const { RefCell::new(Timeline { marks: Vec::new(), free: Vec::new(), seconds: Vec::new() }) };
}

/// The device's side of the profile (`LEGATEC_PROFILE`): an event recorded on the stream
/// where the program enters each profiled statement, so the device time from one to the
/// next (the work the statement queued, and any wait for the host meanwhile) is charged to
/// the first. Marks are read back in halves once `TIMELINE_MARKS` are pending, waiting for
/// the device to pass the middle one (long done while the host runs ahead by a few
/// statements), and all at the end.
struct Timeline {
    /// Statement index and its event, oldest first.
    marks: Vec<(usize, sys::CUevent)>,
    free: Vec<sys::CUevent>,
    /// Device seconds per statement index.
    seconds: Vec<f64>,
}

const TIMELINE_MARKS: usize = 4096;

impl Timeline {
    /// Charges the intervals between the first `upto + 1` marks and keeps the last of them.
    fn drain(&mut self, upto: usize) -> RtResult<()> {
        if upto == 0 || upto >= self.marks.len() {
            return Ok(());
        }
        unsafe { result::event::synchronize(self.marks[upto].1) }.map_err(|e| driver_error("waiting for a profile event", e))?;
        for i in 0..upto {
            let (index, start) = self.marks[i];
            let ms = unsafe { result::event::elapsed(start, self.marks[i + 1].1) }.map_err(|e| driver_error("reading a profile event", e))?;
            if self.seconds.len() <= index {
                self.seconds.resize(index + 1, 0.0);
            }
            self.seconds[index] += f64::from(ms) * 1e-3;
            self.free.push(start);
        }
        self.marks.drain(..upto);
        Ok(())
    }
}

/// The profile enters statement `index`: marks the device's stream (nothing while no GPU is
/// in use; this does not probe).
pub fn profile_mark(index: usize) -> RtResult<()> {
    if !in_use() {
        return Ok(());
    }
    TIMELINE.with(|t| {
        let mut t = t.borrow_mut();
        let event = match t.free.pop() {
            Some(e) => e,
            None => result::event::create(sys::CUevent_flags::CU_EVENT_DEFAULT).map_err(|e| driver_error("creating a profile event", e))?,
        };
        unsafe { result::event::record(event, std::ptr::null_mut()) }.map_err(|e| driver_error("recording a profile event", e))?;
        t.marks.push((index, event));
        if t.marks.len() >= TIMELINE_MARKS {
            let half = t.marks.len() / 2;
            t.drain(half)?;
        }
        Ok(())
    })
}

/// Ends the device's side of the profile: device seconds per statement index, or `None`
/// when no GPU ran.
pub fn profile_finish() -> RtResult<Option<Vec<f64>>> {
    if !in_use() {
        return Ok(None);
    }
    profile_mark(usize::MAX)?;
    TIMELINE.with(|t| {
        let mut t = t.borrow_mut();
        let last = t.marks.len().saturating_sub(1);
        t.drain(last)?;
        Ok(Some(std::mem::take(&mut t.seconds)))
    })
}

fn driver_error(what: &str, e: result::DriverError) -> RtError {
    RtError::new(ErrorKind::Runtime, format!("CUDA {what} failed: {e:?}"))
}

/// This process's rank among the processes of its node.
fn local_rank() -> i64 {
    for var in ["OMPI_COMM_WORLD_LOCAL_RANK", "MPI_LOCALRANKID", "MPI_LOCAL_RANK", "SLURM_LOCALID"] {
        if let Some(rank) = std::env::var(var).ok().and_then(|v| v.parse().ok()) {
            return rank;
        }
    }
    crate::comm::rank()
}

fn probe() -> RtResult<State> {
    let ptx = PTX.load(Ordering::Relaxed);
    let wanted = std::env::var("LEGATEC_DEVICE").unwrap_or_default();
    if ptx.is_null() || wanted == "cpu" {
        if wanted == "gpu" {
            return Err(RtError::new(ErrorKind::Runtime, "LEGATEC_DEVICE=gpu, but this executable carries no GPU kernels (compiled with --target cpu?)"));
        }
        return Ok(State::Off);
    }
    let unavailable = |why: String| -> RtResult<State> {
        if wanted == "gpu" {
            Err(RtError::new(ErrorKind::Runtime, format!("LEGATEC_DEVICE=gpu, but {why}")))
        } else {
            Ok(State::Off)
        }
    };
    // SAFETY: only tries to open the library.
    if !unsafe { sys::is_culib_present() } {
        return unavailable("no CUDA driver library was found".into());
    }
    if let Err(e) = result::init() {
        return unavailable(format!("the CUDA driver did not initialise ({e:?})"));
    }
    let count = result::device::get_count().unwrap_or(0);
    if count < 1 {
        return unavailable("no GPU was found".into());
    }
    let ordinal = (local_rank() % count as i64) as i32;
    let device = result::device::get(ordinal).map_err(|e| driver_error("device lookup", e))?;
    // SAFETY: a valid device; the primary context lives until the process ends.
    let context = unsafe { result::primary_ctx::retain(device) }.map_err(|e| driver_error("context creation", e))?;
    unsafe { result::ctx::set_current(context) }.map_err(|e| driver_error("context activation", e))?;
    // SAFETY: `ptx` is the NUL-terminated text embedded by the compiler.
    let module = unsafe { result::module::load_data(ptx as *const c_void) }
        .map_err(|e| driver_error("loading the embedded PTX", e))?;
    let partials = unsafe { result::malloc_sync(MAX_PARTIALS as usize * 8) }.map_err(|e| driver_error("allocation", e))?;
    let name = result::device::get_name(device).unwrap_or_else(|_| "GPU".into());
    let global = |name: &str| unsafe { result::module::get_global(module, std::ffi::CString::new(name).unwrap_or_default()) }.ok();
    let error_flag = match (global(runtime_abi::GPU_ERROR_FLAG), global(runtime_abi::GPU_ERROR_TABLE)) {
        (Some((flag, _)), Some((table, len))) => Some((flag, table, len)),
        _ => None,
    };
    let sms = unsafe { result::device::get_attribute(device, sys::CUdevice_attribute::CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT) }
        .unwrap_or(108)
        .max(1) as u32;
    Ok(State::On(Device {
        max_blocks: std::env::var("LEGATEC_GPU_MAX_BLOCKS")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(sms * (2048 / GPU_BLOCK) * BLOCK_WAVES)
            .max(1),
        module,
        functions: HashMap::new(),
        pool: HashMap::new(),
        partials,
        name: format!("{name} (device {ordinal})"),
        error_flag,
    }))
}

fn with_device<T>(f: impl FnOnce(&mut Device) -> RtResult<T>) -> RtResult<T> {
    STATE.with(|state| match &mut *state.borrow_mut() {
        State::On(device) => f(device),
        _ => Err(RtError::internal("GPU used while inactive")),
    })
}

/// Whether kernels run on a GPU (probes once).
pub fn active() -> RtResult<bool> {
    let unprobed = STATE.with(|state| matches!(*state.borrow(), State::Unprobed));
    if unprobed {
        let probed = probe()?;
        STATE.with(|state| *state.borrow_mut() = probed);
    }
    Ok(STATE.with(|state| matches!(*state.borrow(), State::On(_))))
}

/// Whether kernels run on a GPU, without probing (false before the first launch probed).
pub fn is_on() -> bool {
    STATE.with(|state| matches!(*state.borrow(), State::On(_)))
}

/// Raises the first error a kernel recorded (an integer to a negative power...).
/// Called wherever the program could next observe something: before data
/// moves to the host, after a reduction, before output, at the end.
pub fn check_errors() -> RtResult<()> {
    let Some(Some((flag, table, len))) = STATE.with(|state| match &*state.borrow() {
        State::On(device) => Some(device.error_flag),
        _ => None,
    }) else {
        return Ok(());
    };
    let mut code = [0u64; 1];
    unsafe { result::memcpy_dtoh_sync(&mut code, flag) }.map_err(|e| driver_error("reading the error flag", e))?;
    if code[0] == 0 {
        return Ok(());
    }
    let mut bytes = vec![0u8; len];
    unsafe { result::memcpy_dtoh_sync(&mut bytes, table) }.map_err(|e| driver_error("reading the error table", e))?;
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let (kind, message) = runtime_abi::gpu_error_entry(&text, code[0]);
    Err(RtError::new(ErrorKind::from_code(kind), message.to_string()))
}

/// Whether the GPU is in use (without probing).
fn in_use() -> bool {
    STATE.with(|state| matches!(*state.borrow(), State::On(_)))
}

fn alloc(bytes: usize) -> RtResult<u64> {
    with_device(|device| {
        if let Some(dev) = device.pool.get_mut(&bytes).and_then(Vec::pop) {
            return Ok(dev);
        }
        // SAFETY: plain allocation.
        match unsafe { result::malloc_sync(bytes) } {
            Ok(dev) => Ok(dev),
            Err(_) => {
                for (_, list) in device.pool.drain() {
                    for dev in list {
                        let _ = unsafe { result::free_sync(dev) };
                    }
                }
                unsafe { result::malloc_sync(bytes) }
                    .map_err(|_| RtError::value(format!("out of GPU memory allocating {bytes} bytes")))
            }
        }
    })
}

fn free(dev: u64, bytes: usize) {
    let _ = with_device(|device| {
        device.pool.entry(bytes).or_default().push(dev);
        Ok(())
    });
}

fn buffer_of(desc: &ArrayDesc) -> &mut Buffer {
    // SAFETY: every descriptor made by the runtime has a live buffer.
    unsafe { &mut *(desc.buffer as *mut Buffer) }
}

/// `LEGATEC_GPU_TRACE=1`: every launch and copy (and halo exchange) on standard
/// error, with the microseconds since the first trace.
pub fn trace(what: impl FnOnce() -> String) {
    static ON: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    static START: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();
    if *ON.get_or_init(|| std::env::var("LEGATEC_GPU_TRACE").as_deref() == Ok("1")) {
        let at = START.get_or_init(std::time::Instant::now).elapsed().as_micros();
        eprintln!("legatec gpu trace: rank {} at {at} us: {}", crate::comm::rank(), what());
    }
}

fn download(host: *mut u8, dev: u64, len: usize) -> RtResult<()> {
    if len == 0 {
        return Ok(());
    }
    check_errors()?;
    trace(|| format!("to host {len} bytes from {dev:#x}"));
    // SAFETY: `host` has `len` writable bytes; `dev` as many readable ones.
    let slice = unsafe { std::slice::from_raw_parts_mut(host, len) };
    unsafe { result::memcpy_dtoh_sync(slice, dev) }.map_err(|e| driver_error("device-to-host copy", e))?;
    TO_HOST.fetch_add(1, Ordering::Relaxed);
    TO_HOST_BYTES.fetch_add(len as u64, Ordering::Relaxed);
    Ok(())
}

fn upload(dev: u64, host: *const u8, len: usize) -> RtResult<()> {
    if len == 0 {
        return Ok(());
    }
    trace(|| format!("to device {len} bytes at {dev:#x}"));
    let slice = unsafe { std::slice::from_raw_parts(host, len) };
    unsafe { result::memcpy_htod_sync(dev, slice) }.map_err(|e| driver_error("host-to-device copy", e))?;
    TO_DEVICE.fetch_add(1, Ordering::Relaxed);
    TO_DEVICE_BYTES.fetch_add(len as u64, Ordering::Relaxed);
    Ok(())
}

/// Gives a new array made by the compiled program a device copy at once:
/// its contents are not yet defined, so nothing moves.
pub fn adopt_new(desc: *mut ArrayDesc) -> RtResult<()> {
    if !active()? {
        return Ok(());
    }
    let Some(desc) = (unsafe { desc.as_ref() }) else { return Ok(()) };
    adopt(buffer_of(desc))
}

/// A device copy for a buffer whose contents are not yet defined (nothing moves).
fn adopt(buffer: &mut Buffer) -> RtResult<()> {
    if buffer.gpu.is_none() {
        let (_, bytes) = buffer.extent();
        let dev = alloc(bytes)?;
        buffer.gpu = Some(Box::new(Mirror { dev, bytes, host_stale: false, dev_stale: false, shadow: None, shadow_differs_in: None }));
    }
    Ok(())
}

/// Makes the device copy of `buffer` current (creating it); returns its address.
fn device_current(buffer: &mut Buffer) -> RtResult<u64> {
    let (data, bytes) = buffer.extent();
    if buffer.gpu.is_none() {
        let dev = alloc(bytes)?;
        buffer.gpu = Some(Box::new(Mirror { dev, bytes, host_stale: false, dev_stale: true, shadow: None, shadow_differs_in: None }));
    }
    let mirror = buffer.gpu.as_mut().expect("mirror just made");
    if mirror.dev_stale {
        upload(mirror.dev, data, bytes)?;
        mirror.dev_stale = false;
        mirror.shadow_differs_in = None;
    }
    Ok(mirror.dev)
}

/// For a library that reads `desc` on the device (cuBLAS): makes its device copy current
/// and returns the device address of its element 0; `None` when no GPU is in use.
pub fn device_read(desc: &ArrayDesc) -> RtResult<Option<u64>> {
    if !active()? {
        return Ok(None);
    }
    let buffer = buffer_of(desc);
    let (data, _) = buffer.extent();
    let dev = device_current(buffer)?;
    Ok(Some(dev.wrapping_add_signed(desc.data as i64 - data as i64)))
}

/// For a library that writes every element of the new array `desc` on the device: the
/// device address of its element 0. Afterwards the device copy is current and the host
/// copy stale.
pub fn device_write_new(desc: &ArrayDesc) -> RtResult<u64> {
    let buffer = buffer_of(desc);
    adopt(buffer)?;
    let (data, _) = buffer.extent();
    let mirror = buffer.gpu.as_mut().ok_or_else(|| RtError::internal("a device copy just made is missing"))?;
    mirror.host_stale = true;
    mirror.dev_stale = false;
    mirror.shadow_differs_in = None;
    LIBRARY_CALLS.fetch_add(1, Ordering::Relaxed);
    Ok(mirror.dev.wrapping_add_signed(desc.data as i64 - data as i64))
}

/// Makes the host copy of the array's buffer current before a host-side read.
pub fn host_read(desc: &ArrayDesc) -> RtResult<()> {
    let buffer = buffer_of(desc);
    let (data, _) = buffer.extent();
    if let Some(mirror) = buffer.gpu.as_mut() {
        if mirror.host_stale {
            download(data, mirror.dev, mirror.bytes)?;
            mirror.host_stale = false;
        }
    }
    Ok(())
}

/// As [`host_read`], for an operation that may also write the array on the host.
pub fn host_write(desc: &ArrayDesc) -> RtResult<()> {
    host_read(desc)?;
    if let Some(mirror) = buffer_of(desc).gpu.as_mut() {
        mirror.dev_stale = true;
    }
    Ok(())
}

/// [`host_read`] of a descriptor passed by generated code (null is ignored).
pub fn read_arg(desc: *mut c_void) -> RtResult<()> {
    match unsafe { (desc as *const ArrayDesc).as_ref() } {
        Some(desc) => host_read(desc),
        None => Ok(()),
    }
}

/// [`host_write`] of a descriptor passed by generated code (null is ignored).
pub fn write_arg(desc: *mut c_void) -> RtResult<()> {
    match unsafe { (desc as *const ArrayDesc).as_ref() } {
        Some(desc) => host_write(desc),
        None => Ok(()),
    }
}

/// `host_read` / `host_write` of every array in a list of descriptors.
pub fn host_access(list: &[*mut ArrayDesc], write: bool) -> RtResult<()> {
    for &desc in list {
        if let Some(desc) = unsafe { desc.as_ref() } {
            if write {
                host_write(desc)?;
            } else {
                host_read(desc)?;
            }
        }
    }
    Ok(())
}

/// Before the host reads `len` bytes at `ptr` of the array's buffer: fetches them if stale.
pub fn host_read_bytes(desc: &ArrayDesc, ptr: *const u8, len: usize) -> RtResult<()> {
    let buffer = buffer_of(desc);
    let (data, _) = buffer.extent();
    if let Some(mirror) = buffer.gpu.as_ref() {
        if mirror.host_stale {
            let offset = ptr as isize - data as isize;
            download(ptr as *mut u8, mirror.dev.wrapping_add_signed(offset as i64), len)?;
        }
    }
    Ok(())
}

/// After the host wrote `len` bytes at `ptr` of the array's buffer: copies
/// them to the device (and the shadow) when the device holds the other
/// values, else marks the device copy stale.
pub fn host_wrote_bytes(desc: &ArrayDesc, ptr: *const u8, len: usize) -> RtResult<()> {
    let buffer = buffer_of(desc);
    let (data, _) = buffer.extent();
    if let Some(mirror) = buffer.gpu.as_mut() {
        if !mirror.host_stale {
            // The host holds every value: refresh the device copy whole when next used.
            mirror.dev_stale = true;
        } else if !mirror.dev_stale {
            let offset = ptr as isize - data as isize;
            upload(mirror.dev.wrapping_add_signed(offset as i64), ptr, len)?;
            if let Some(shadow) = mirror.shadow {
                upload(shadow.wrapping_add_signed(offset as i64), ptr, len)?;
            }
        }
    }
    Ok(())
}

/// Frees the device copy of a buffer being released.
impl Drop for Mirror {
    fn drop(&mut self) {
        free(self.dev, self.bytes);
        if let Some(shadow) = self.shadow {
            free(shadow, self.bytes);
        }
    }
}

/// Whether `.copy()` of `src` can be a device copy: its device copy is
/// current, so copying on the host would first move it back.
pub fn prefers_device_copy(src: &ArrayDesc) -> bool {
    in_use() && buffer_of(src).gpu.as_ref().is_some_and(|mirror| !mirror.dev_stale && mirror.host_stale)
}

/// `.copy()` of C-contiguous elements `[offset, offset + elements)` of `src`
/// into `out` (a new array of the same layout, not yet written): one
/// device-to-device copy. Requires [`prefers_device_copy`].
pub fn copy_contiguous(src: &ArrayDesc, out: &ArrayDesc, offset_elements: i64, elements: i64) -> RtResult<()> {
    let src_buffer = buffer_of(src);
    let (src_data, _) = src_buffer.extent();
    let src_mirror = src_buffer.gpu.as_ref().ok_or_else(|| RtError::internal("device copy without device data"))?;
    let item = array::elem_size(src.dtype)?;
    let from = src.data.wrapping_offset(offset_elements as isize * item as isize);
    let src_dev = src_mirror.dev.wrapping_add_signed(from as i64 - src_data as i64);
    let out_buffer = buffer_of(out);
    adopt(out_buffer)?;
    let dst_dev = device_current(out_buffer)?;
    let (out_data, _) = out_buffer.extent();
    let to = out.data.wrapping_offset(offset_elements as isize * item as isize);
    let dst_dev = dst_dev.wrapping_add_signed(to as i64 - out_data as i64);
    let bytes = elements as usize * item;
    if bytes > 0 {
        unsafe { result::memcpy_dtod_sync(dst_dev, src_dev, bytes) }.map_err(|e| driver_error("device copy", e))?;
    }
    let mirror = out_buffer.gpu.as_mut().expect("mirror made");
    mirror.host_stale = true;
    mirror.shadow_differs_in = None;
    Ok(())
}

/// The kernel entry `name`, or with `rows` its rows entry (`runtime_abi::GPU_ROWS_SUFFIX`).
fn function(device: &mut Device, name: *const c_char, rows: bool) -> RtResult<sys::CUfunction> {
    if let Some(f) = device.functions.get(&(name as usize, rows)) {
        return Ok(*f);
    }
    let mut text = unsafe { std::ffi::CStr::from_ptr(name) }.to_string_lossy().into_owned();
    if rows {
        text.push_str(runtime_abi::GPU_ROWS_SUFFIX);
    }
    let f = unsafe { result::module::get_function(device.module, std::ffi::CString::new(text.clone()).unwrap_or_default()) }
        .map_err(|e| driver_error(&format!("looking up kernel {text}"), e))?;
    device.functions.insert((name as usize, rows), f);
    Ok(f)
}

/// What `launch::launch` has prepared for one launch.
pub struct Prepared<'a> {
    pub call: &'a Launch<'a>,
    pub descs: Vec<Option<&'a ArrayDesc>>,
    pub space: &'a [i64],
    pub ptrs: &'a [*mut u8],
    pub strides: &'a [i64],
    pub begin: i64,
    pub end: i64,
    pub identity: u64,
    /// The destination overlaps an input that is not the very same view.
    pub overlaps: bool,
}

/// Runs one launch on the GPU.
///
/// # Safety
/// As `launch::launch`; `entry` is a NUL-terminated name.
pub unsafe fn launch(p: &Prepared<'_>, entry: *const c_char, n_scalars: i64) -> RtResult<()> {
    let call = p.call;
    let rank = p.space.len();
    // Device addresses of the slots; the destination goes to the shadow when it overlaps.
    let mut words: Vec<u64> = Vec::new();
    let mut swap: Option<(*mut Buffer, Region)> = None;
    for (s, desc) in p.descs.iter().enumerate() {
        let Some(desc) = desc else {
            words.push(0);
            continue;
        };
        let buffer = buffer_of(desc);
        let dev = device_current(buffer)?;
        let (data, bytes) = buffer.extent();
        let offset = p.ptrs[s] as isize - data as isize;
        if s > 0 || !p.overlaps {
            words.push(dev.wrapping_add_signed(offset as i64));
            continue;
        }
        let mirror = buffer.gpu.as_mut().expect("mirror made");
        let mut shape = p.space.to_vec();
        if rank > 0 {
            shape[0] = p.end - p.begin;
        }
        let region = Region {
            offset: offset + if rank > 0 { p.begin as isize * p.strides[0] as isize * array::elem_size(desc.dtype)? as isize } else { 0 },
            shape,
            strides: p.strides[..rank].to_vec(),
        };
        let shadow = match mirror.shadow {
            Some(shadow) => shadow,
            None => {
                let shadow = alloc(bytes)?;
                mirror.shadow = Some(shadow);
                shadow
            }
        };
        if mirror.shadow_differs_in.as_ref() != Some(&region) {
            unsafe { result::memcpy_dtod_sync(shadow, mirror.dev, bytes) }.map_err(|e| driver_error("device copy", e))?;
        }
        words.push(shadow.wrapping_add_signed(offset as i64));
        swap = Some((buffer as *mut Buffer, region));
    }
    let space: Vec<i64> = if rank == 0 { Vec::new() } else { p.space.to_vec() };
    words.extend(space.iter().map(|&x| x as u64));
    words.extend(p.strides.iter().map(|&x| x as u64));
    for i in 0..n_scalars.max(0) as usize {
        words.push(unsafe { *call.scalars.add(i) });
    }

    // The grid: x over the innermost parallel axis, y over the others.
    let reduced = (call.mode == MODE_REDUCE_AXIS).then_some(call.axis as usize);
    let parallel: Vec<usize> = (0..rank).filter(|d| Some(*d) != reduced).collect();
    let extent = |d: usize| if d == 0 { p.end - p.begin } else { p.space[d] };
    let (x_extent, rows) = match parallel.split_last() {
        Some((&x, outer)) => (extent(x), outer.iter().map(|&d| extent(d)).product::<i64>()),
        None => (1, 1),
    };
    // At most `max_blocks` blocks (`MAX_PARTIALS` for reduce-all): the loops
    // cover the rest, and a thread that handles many points pays its set-up once.
    let max_blocks = if mode_reduces_all(call.mode) { MAX_PARTIALS } else { with_device(|device| Ok(device.max_blocks))? };
    // A long row reduced along the innermost axis: a block per output element (the rows
    // entry), its threads reading the row together.
    // (`LEGATEC_GPU_ROWS=N` takes it for rows of at least N elements instead, 0 never: for
    // measuring where it pays.)
    static ROWS_MIN: std::sync::OnceLock<i64> = std::sync::OnceLock::new();
    let rows_min = *ROWS_MIN.get_or_init(|| match std::env::var("LEGATEC_GPU_ROWS").ok().and_then(|v| v.parse::<i64>().ok()) {
        Some(0) => i64::MAX,
        Some(n) => n,
        None => GPU_ROWS_MIN,
    });
    let by_rows = reduced.is_some_and(|axis| rank > 0 && axis == rank - 1 && extent(axis) >= rows_min);
    let (grid_x, grid_y) = if by_rows {
        let outputs = x_extent.max(1) * rows.max(1);
        (outputs.min(max_blocks as i64).max(1) as u32, 1)
    } else {
        let grid_x = ((x_extent.max(1) as u64).div_ceil(GPU_BLOCK as u64)).min(max_blocks as u64) as u32;
        // A reduce-all's blocks are limited by its partials; other launches take
        // `rows_per_block` rows per block row.
        let grid_y = if mode_reduces_all(call.mode) {
            (rows.clamp(1, 65535) as u32).min((max_blocks / grid_x).max(1))
        } else {
            (rows.max(1) as u64).div_ceil(rows_per_block() as u64).min(65535) as u32
        };
        (grid_x, grid_y)
    };
    let partials = with_device(|device| Ok(device.partials))?;
    words.push(p.begin as u64);
    words.push(p.end as u64);
    words.push(p.identity);
    words.push(partials);
    trace(|| format!("launch {} grid ({grid_x}, {grid_y}) params {words:x?}", unsafe { std::ffi::CStr::from_ptr(entry) }.to_string_lossy()));
    let mut params: Vec<*mut c_void> = words.iter_mut().map(|w| w as *mut u64 as *mut c_void).collect();
    let f = with_device(|device| function(device, entry, by_rows))?;
    unsafe {
        result::launch_kernel(f, (grid_x, grid_y, 1), (GPU_BLOCK, 1, 1), 0, std::ptr::null_mut(), &mut params)
    }
    .map_err(|e| driver_error("kernel launch", e))?;
    KERNELS.fetch_add(1, Ordering::Relaxed);

    if let Some(dst) = p.descs[0] {
        let buffer = buffer_of(dst);
        let mirror = buffer.gpu.as_mut().expect("mirror made");
        mirror.host_stale = true;
        match swap {
            Some((_, region)) => {
                let shadow = mirror.shadow.expect("shadow made");
                mirror.shadow = Some(mirror.dev);
                mirror.dev = shadow;
                mirror.shadow_differs_in = Some(region);
                SWAPS.fetch_add(1, Ordering::Relaxed);
            }
            None => mirror.shadow_differs_in = None,
        }
    }
    // Further outputs: written on the device, over any second buffer they had.
    for i in call.outputs() {
        if let Some(out) = p.descs.get(1 + i).copied().flatten() {
            let mirror = buffer_of(out).gpu.as_mut().expect("mirror made");
            mirror.host_stale = true;
            mirror.shadow_differs_in = None;
        }
    }
    if mode_reduces_all(call.mode) {
        let blocks = (grid_x * grid_y) as usize;
        let mut bits = vec![0u64; blocks];
        unsafe { result::memcpy_dtoh_sync(&mut bits, partials) }.map_err(|e| driver_error("reading partial results", e))?;
        check_errors()?;
        let total = combine_tree(&bits, &|a, b| combine_bits(call.op, call.dtype, a, b)).unwrap_or(p.identity);
        unsafe { *call.acc = total };
    }
    Ok(())
}

/// The blocks' partial results combined as a balanced tree, in block order: a float sum's
/// rounding error grows with the tree's depth, as NumPy's pairwise sums, not with the
/// number of blocks (a running sum of 500 partial sums of values near 2**64 put a
/// variance 4x off). Other reductions give the same value in any order.
fn combine_tree(bits: &[u64], combine: &impl Fn(u64, u64) -> u64) -> Option<u64> {
    match bits.len() {
        0 => None,
        1 => Some(bits[0]),
        n => {
            let (left, right) = bits.split_at(n / 2);
            Some(combine(combine_tree(left, combine)?, combine_tree(right, combine)?))
        }
    }
}

/// `LEGATEC_GPU_STATS=1`: the device used, kernels run and bytes moved, on standard error.
pub fn print_stats() {
    if std::env::var("LEGATEC_GPU_STATS").as_deref() != Ok("1") {
        return;
    }
    let device = STATE.with(|state| match &*state.borrow() {
        State::On(device) => device.name.clone(),
        _ => "none (CPU)".to_string(),
    });
    eprintln!(
        "legatec gpu: rank {} device {}: {} kernels, {} library calls, {} swaps, {} copies to device ({} bytes), {} to host ({} bytes)",
        crate::comm::rank(),
        device,
        KERNELS.load(Ordering::Relaxed),
        LIBRARY_CALLS.load(Ordering::Relaxed),
        SWAPS.load(Ordering::Relaxed),
        TO_DEVICE.load(Ordering::Relaxed),
        TO_DEVICE_BYTES.load(Ordering::Relaxed),
        TO_HOST.load(Ordering::Relaxed),
        TO_HOST_BYTES.load(Ordering::Relaxed)
    );
}

#[cfg(test)]
mod tests {
    use super::combine_tree;

    /// The tree adds halves: the ones are kept where a running sum drops them.
    #[test]
    fn partials_combine_as_a_tree() {
        let add = |a: u64, b: u64| (f64::from_bits(a) + f64::from_bits(b)).to_bits();
        assert_eq!(combine_tree(&[], &add), None);
        assert_eq!(combine_tree(&[7.5f64.to_bits()], &add), Some(7.5f64.to_bits()));
        let mut values = vec![1e16f64];
        values.extend(std::iter::repeat_n(1.0, 7));
        let bits: Vec<u64> = values.iter().map(|v| v.to_bits()).collect();
        let running = values.iter().fold(0.0, |acc, v| acc + v);
        assert_eq!(running, 1e16);
        // Exact: 1e16 + 7. The tree: (1e16 + 1 -> 1e16) + 2, then + 4.
        assert_eq!(f64::from_bits(combine_tree(&bits, &add).unwrap()), 1e16 + 6.0);
    }
}
