//! runtime-lib: what legatec's compiled programs link against, the one
//! `extern "C"` façade (and staticlib, `libruntime_lib.a`) over the runtime's
//! layers: `runtime-core` (memory, arrays, errors, stdout, ranks, distributed
//! buffers, kernel launches, GPU) and `runtime-numpy` (NumPy's library above
//! it), whose modules it re-exports. Every entry point of
//! `runtime_abi::for_each_entry_point!` is a `#[no_mangle]` C function here,
//! and a compile-time check below ties each one to the signature listed in
//! the ABI.
//!
//! Entry points decode their raw arguments and call safe(ish) module code that
//! returns `RtResult`; user errors travel back up and leave through
//! [`errors::raise`], which prints a Python-style exception and exits 1.
//!
//! Conventions for generated code:
//! - Every array an entry point returns (`lt_array_new*`, `lt_array_view`,
//!   `lt_library`) has refcount 1 and belongs to the caller, who releases it.
//!   New arrays are zero-filled, C-contiguous and 64-byte aligned.
//! - Strings (`lt_str_*`) are immutable and never freed; null is `""`. A null
//!   `sep` / `end` in `lt_print` means Python's default `" "` / `"\n"`.
//! - `lt_str_format` with an empty spec is `str(value)`. For a float32 that is
//!   NumPy's shortest float32 text (`0.1`); an f-string `{x}` of a float32 in
//!   NumPy instead prints `float(x)` (`0.10000000149011612`), which generated
//!   code gets by passing the widened value with `DTYPE_F64`.
//! - Stdout is buffered; it is flushed by `lt_finalize`, before an error
//!   exits, at `exit()` and whenever 64 KiB have accumulated.

pub use runtime_core::{array, comm, dist, errors, format, gpu, host, kernel, launch, memory, pages, plan, stdout};
pub use runtime_blas as blas;
pub use runtime_frame as frame;
pub use runtime_numpy::{argparse, arrayprint, fancy, files, library, npy, print, random, scan, shape_ops, sort, strings};

/// `legatec machine --measure`'s measuring program (`legatec_measure_main`).
pub mod measure;
/// Python lists built at run time.
mod lists;
pub use lists::*;

use std::ffi::c_void;
use std::sync::OnceLock;

use runtime_abi::{
    ArrayDesc, KernelFn, KIND_ARRAY, KIND_NONE, KIND_STR, LIB_ARGMAX, LIB_ARGMIN, LIB_COPY, LIB_DIAGONAL,
    LIB_MATMUL,
};

use errors::{or_raise, ErrorKind, RtError, RtResult};

/// Maps the ABI's type vocabulary to Rust types.
macro_rules! abi_type {
    (ptr) => { *mut c_void };
    (i64) => { i64 };
    (f64) => { f64 };
    (u64) => { u64 };
    (void) => { () };
}

/// Expands to one `const _: unsafe extern "C" fn(..) -> .. = name;` per entry
/// point, so a signature drifting from the ABI list fails to compile.
macro_rules! check_entry_point_signatures {
    ($( $(#[$meta:meta])* $variant:ident = $name:ident ( $($arg:ident : $ty:ident),* ) -> $ret:ident ; )*) => {
        $(
            const _: unsafe extern "C" fn($(abi_type!($ty)),*) -> abi_type!($ret) = $name;
        )*
    };
}

runtime_abi::for_each_entry_point!(check_entry_point_signatures);

/// Reads `n` descriptor pointers from `list`.
unsafe fn descriptor_list<'a>(n: i64, list: *mut c_void) -> RtResult<&'a [*mut ArrayDesc]> {
    if n <= 0 {
        return Ok(&[]);
    }
    if list.is_null() {
        return Err(RtError::internal("null descriptor list"));
    }
    Ok(unsafe { std::slice::from_raw_parts(list as *const *mut ArrayDesc, n as usize) })
}

/// Reads `n` int64 words from `words`.
unsafe fn i64_list<'a>(n: i64, words: *mut c_void) -> RtResult<&'a [i64]> {
    if n <= 0 {
        return Ok(&[]);
    }
    if words.is_null() {
        return Err(RtError::internal("null int64 list"));
    }
    Ok(unsafe { std::slice::from_raw_parts(words as *const i64, n as usize) })
}

/// # Safety
/// `argv` must be null or point at `argc` NUL-terminated C strings.
#[no_mangle]
pub unsafe extern "C" fn lt_init(argc: i64, argv: *mut c_void) {
    let mut arguments = Vec::new();
    if !argv.is_null() {
        let argv = argv as *const *const std::ffi::c_char;
        for i in 0..argc.max(0) as usize {
            let arg = unsafe { *argv.add(i) };
            if !arg.is_null() {
                arguments.push(unsafe { std::ffi::CStr::from_ptr(arg) }.to_string_lossy().into_owned());
            }
        }
    }
    argparse::set_program_arguments(arguments);
    comm::init();
    // Output reaches the OS even if the program leaves through `exit` without
    // `lt_finalize`.
    unsafe { atexit(flush_at_exit) };
    // Rayon's global pool starts lazily, on the first parallel launch.
}

extern "C" {
    /// The C library's exit hook registration (libc is always linked).
    fn atexit(callback: extern "C" fn()) -> i32;
}

extern "C" fn flush_at_exit() {
    stdout::flush_stdout();
}

/// # Safety
/// Always safe; `unsafe` only for symmetry with the other entry points.
#[no_mangle]
pub unsafe extern "C" fn lt_finalize() {
    or_raise(gpu::check_errors());
    stdout::flush_stdout();
    runtime_core::profile::finish(plan::table(), &runtime_abi::argparse_spec::values_text(&runtime_numpy::argparse::parsed_values()));
    dist::print_stats();
    gpu::print_stats();
    comm::finalize();
}

/// # Safety
/// `ptx` must be NUL-terminated text that lives as long as the program.
#[no_mangle]
pub unsafe extern "C" fn lt_gpu_module(ptx: *mut c_void) {
    // Empty text: the compiler found no GPU code to make after all (no libdevice).
    let empty = !ptx.is_null() && unsafe { *(ptx as *const u8) } == 0;
    gpu::set_module(if empty { std::ptr::null() } else { ptx as *const std::ffi::c_char });
}

/// # Safety
/// `table` must be NUL-terminated text.
#[no_mangle]
pub unsafe extern "C" fn lt_plan(table: *mut c_void) {
    let text = unsafe { std::ffi::CStr::from_ptr(table as *const std::ffi::c_char) };
    or_raise(plan::set_table(&text.to_string_lossy()));
    runtime_core::profile::init(plan::table().map_or(0, |t| t.stmts.len()));
}

/// # Safety
/// Always safe; `unsafe` only for symmetry with the other entry points.
#[no_mangle]
pub unsafe extern "C" fn lt_stmt(index: i64) {
    plan::enter(index);
    runtime_core::profile::enter(index);
}

/// # Safety
/// `shape` must point at `ndim` int64.
#[no_mangle]
pub unsafe extern "C" fn lt_array_new(dtype: i64, ndim: i64, shape: *mut c_void) -> *mut c_void {
    or_raise((|| {
        let shape = unsafe { i64_list(ndim, shape) }?;
        let out = dist::alloc(dtype, shape)?;
        gpu::adopt_new(out)?;
        Ok(out as *mut c_void)
    })())
}

/// # Safety
/// `arrays` must point at `n` live descriptors.
#[no_mangle]
pub unsafe extern "C" fn lt_array_new_broadcast(
    dtype: i64,
    n: i64,
    arrays: *mut c_void,
    reuse: i64,
) -> *mut c_void {
    or_raise((|| {
        let list = unsafe { descriptor_list(n, arrays) }?;
        let mut shapes = Vec::with_capacity(list.len());
        for &desc in list {
            shapes.push(array::shape(unsafe { array::desc_ref(desc) }?));
        }
        let shape = array::broadcast_shapes(&shapes)?;
        let reuse = usize::try_from(reuse).ok();
        let out = unsafe { dist::alloc_broadcast(dtype, list, &shape, reuse) }?;
        // A taken-over operand keeps its memory, on the host or the device.
        if !list.contains(&out) {
            gpu::adopt_new(out)?;
        }
        Ok(out as *mut c_void)
    })())
}

/// # Safety
/// `src` must be a live descriptor.
#[no_mangle]
pub unsafe extern "C" fn lt_array_new_reduced(
    dtype: i64,
    src: *mut c_void,
    axis: i64,
) -> *mut c_void {
    or_raise((|| {
        let source = unsafe { array::desc_ref(src as *const ArrayDesc) }?;
        let mut shape = array::shape(source).to_vec();
        let rank = shape.len() as i64;
        let normalised = if axis < 0 { axis + rank } else { axis };
        if normalised < 0 || normalised >= rank {
            return Err(RtError::new(
                ErrorKind::Axis,
                format!("axis {axis} is out of bounds for array of dimension {rank}"),
            ));
        }
        shape.remove(normalised as usize);
        let out = unsafe { dist::alloc_reduced(dtype, source, normalised as usize, &shape) }?;
        gpu::adopt_new(out)?;
        Ok(out as *mut c_void)
    })())
}

/// # Safety
/// `a` must be null or a live descriptor.
#[no_mangle]
pub unsafe extern "C" fn lt_array_retain(a: *mut c_void) {
    unsafe { array::retain(a as *mut ArrayDesc) }
}

/// # Safety
/// `a` must be null or a live descriptor.
#[no_mangle]
pub unsafe extern "C" fn lt_array_release(a: *mut c_void) {
    unsafe { array::release(a as *mut ArrayDesc) }
}

/// # Safety
/// `src` must be live and `items` point at `4 * n` int64.
#[no_mangle]
pub unsafe extern "C" fn lt_array_view(src: *mut c_void, n: i64, items: *mut c_void) -> *mut c_void {
    or_raise((|| {
        let words = unsafe { i64_list(4 * n, items) }?;
        let mut decoded = Vec::with_capacity(n.max(0) as usize);
        for item in words.chunks_exact(4) {
            decoded.push(array::IndexItem::decode([item[0], item[1], item[2], item[3]])?);
        }
        Ok(unsafe { array::view(src as *mut ArrayDesc, &decoded) }? as *mut c_void)
    })())
}

/// # Safety
/// `a` must be a live descriptor.
#[no_mangle]
pub unsafe extern "C" fn lt_array_dim(a: *mut c_void, axis: i64) -> i64 {
    or_raise((|| {
        let desc = unsafe { array::desc_ref(a as *const ArrayDesc) }?;
        let shape = array::shape(desc);
        let rank = shape.len() as i64;
        let normalised = if axis < 0 { axis + rank } else { axis };
        if normalised < 0 || normalised >= rank {
            return Err(RtError::index("tuple index out of range"));
        }
        Ok(shape[normalised as usize])
    })())
}

/// # Safety
/// `a` must be a live descriptor.
#[no_mangle]
pub unsafe extern "C" fn lt_array_size(a: *mut c_void) -> i64 {
    or_raise((|| Ok(array::shape_size(array::shape(unsafe { array::desc_ref(a as *const ArrayDesc) }?))))())
}

/// # Safety
/// `a` must be live and `idx` point at `n` int64.
#[no_mangle]
pub unsafe extern "C" fn lt_array_get(a: *mut c_void, n: i64, idx: *mut c_void) -> u64 {
    or_raise((|| {
        let desc = unsafe { array::desc_ref(a as *const ArrayDesc) }?;
        let indices = unsafe { i64_list(n, idx) }?;
        let ptr = array::element_ptr(desc, indices)?;
        unsafe { dist::read_element(desc, ptr) }
    })())
}

/// # Safety
/// `a` must be live and `idx` point at `n` int64.
#[no_mangle]
pub unsafe extern "C" fn lt_array_set(a: *mut c_void, n: i64, idx: *mut c_void, bits: u64) {
    or_raise((|| {
        let desc = unsafe { array::desc_ref(a as *const ArrayDesc) }?;
        let indices = unsafe { i64_list(n, idx) }?;
        let ptr = array::element_ptr(desc, indices)?;
        unsafe { dist::write_element(desc, ptr, bits) }
    })())
}

/// The address of part `part` of the complex element of `a` at `idx`, and the parts' dtype.
unsafe fn part_ptr(a: *mut c_void, n: i64, idx: *mut c_void, part: i64) -> RtResult<(&'static ArrayDesc, *mut u8, i64)> {
    let desc = unsafe { array::desc_ref(a as *const ArrayDesc) }?;
    let part_dtype = match desc.dtype {
        runtime_abi::DTYPE_C64 => runtime_abi::DTYPE_F32,
        runtime_abi::DTYPE_C128 => runtime_abi::DTYPE_F64,
        other => return Err(RtError::internal(format!("a part of an element of a {} array", runtime_abi::dtype_name(other)))),
    };
    let indices = unsafe { i64_list(n, idx) }?;
    let ptr = array::element_ptr(desc, indices)?;
    let offset = if part == 0 { 0 } else { array::elem_size(part_dtype)? };
    Ok((desc, unsafe { ptr.add(offset) }, part_dtype))
}

/// # Safety
/// `a` must be a live complex array and `idx` point at `n` int64.
#[no_mangle]
pub unsafe extern "C" fn lt_array_get_part(a: *mut c_void, n: i64, idx: *mut c_void, part: i64) -> u64 {
    or_raise((|| {
        let (desc, ptr, part_dtype) = unsafe { part_ptr(a, n, idx, part) }?;
        unsafe { dist::read_element_as(desc, ptr, part_dtype) }
    })())
}

/// # Safety
/// `a` must be a live complex array and `idx` point at `n` int64.
#[no_mangle]
pub unsafe extern "C" fn lt_array_set_part(a: *mut c_void, n: i64, idx: *mut c_void, part: i64, bits: u64) {
    or_raise((|| {
        let (desc, ptr, part_dtype) = unsafe { part_ptr(a, n, idx, part) }?;
        unsafe { dist::write_element_as(desc, ptr, part_dtype, bits) }
    })())
}

/// # Safety
/// Always safe.
#[no_mangle]
pub unsafe extern "C" fn lt_str_complex(dtype: i64, re: u64, im: u64) -> *mut c_void {
    let text = format::complex_str(dtype & !runtime_abi::COMPLEX_BARE, re, im);
    let text = match text.strip_prefix('(').and_then(|t| t.strip_suffix(')')) {
        Some(inner) if dtype & runtime_abi::COMPLEX_BARE != 0 => inner.to_string(),
        _ => text,
    };
    strings::into_raw(text)
}

/// # Safety
/// `kernel` must be a `KernelFn`; `dst`, `ins` (pointing at `n_in`
/// descriptors), `scalars` and `acc` as described on [`launch::launch`].
#[no_mangle]
pub unsafe extern "C" fn lt_launch(
    kernel: *mut c_void,
    mode: i64,
    op: i64,
    dtype: i64,
    axis: i64,
    ndim: i64,
    dst: *mut c_void,
    n_in: i64,
    ins: *mut c_void,
    scalars: *mut c_void,
    acc: *mut c_void,
    gpu: *mut c_void,
    n_scalars: i64,
    n_out: i64,
) {
    or_raise((|| {
        if kernel.is_null() {
            return Err(RtError::internal("null kernel"));
        }
        let kernel: KernelFn = unsafe { std::mem::transmute::<*mut c_void, KernelFn>(kernel) };
        let inputs = unsafe { descriptor_list(n_in, ins) }?;
        let call = launch::Launch {
            kernel,
            mode,
            op,
            dtype,
            axis,
            ndim,
            dst: dst as *mut ArrayDesc,
            inputs,
            scalars: scalars as *const u64,
            acc: acc as *mut u64,
            gpu: gpu as *const std::ffi::c_char,
            n_scalars,
            n_out,
        };
        if n_out < 0 || n_out as usize > inputs.len() {
            return Err(RtError::internal(format!("{n_out} further outputs among {} operands", inputs.len())));
        }
        unsafe { dist::launch(&call) }
    })())
}

/// # Safety
/// `args` must point at `n` live descriptors.
#[no_mangle]
pub unsafe extern "C" fn lt_library(op: i64, param: i64, n: i64, args: *mut c_void) -> *mut c_void {
    or_raise((|| {
        let list = unsafe { descriptor_list(n, args) }?;
        if op == LIB_COPY {
            let source = *list.first().ok_or_else(|| RtError::internal("copy without argument"))?;
            return Ok(unsafe { dist::copy(source) }? as *mut c_void);
        }
        // `param`: 1 for `np.matmul`'s rule (`@`), 0 for `np.dot`'s.
        if op == LIB_MATMUL && list.len() == 2 {
            let stacked = param != 0;
            if let Some(out) = unsafe { blas::matmul_by_rows(list[0], list[1], stacked) }? {
                return Ok(out as *mut c_void);
            }
            if let Some(out) = unsafe { blas::matmul_split_inner(list[0], list[1], stacked) }? {
                return Ok(out as *mut c_void);
            }
            if let Some(out) = unsafe { blas::matmul_on_device(list[0], list[1], stacked) }? {
                return Ok(out as *mut c_void);
            }
        }
        if op == LIB_DIAGONAL && list.len() == 1 {
            if let Some(out) = unsafe { library::diagonal_by_rows(array::desc_ref(list[0])?, param) }? {
                return Ok(out as *mut c_void);
            }
        }
        // A matrix of one row, or an inner axis of one index, has no row axis to split by
        // (as for launches, `plan::suspend`).
        let first = list.first().map(|&a| unsafe { array::desc_ref(a) }).transpose()?;
        let _one_row = first
            .filter(|a| op == LIB_MATMUL && a.ndim >= 1 && ((a.ndim == 2 && a.shape[0] <= 1) || a.shape[a.ndim as usize - 1] <= 1))
            .map(|_| plan::suspend());
        // The other operations gather their distributed operands.
        let whole = unsafe { dist::Whole::of(list) }?;
        let list = whole.list();
        let arg = |i: usize| -> RtResult<&ArrayDesc> {
            let desc = list
                .get(i)
                .ok_or_else(|| RtError::internal(format!("library op {op} needs argument {i}")))?;
            unsafe { array::desc_ref(*desc) }
        };
        let out = match op {
            LIB_MATMUL => unsafe { blas::matmul(arg(0)?, arg(1)?, param != 0) }?,
            LIB_ARGMAX => unsafe { library::arg_extremum(arg(0)?, param, true) }?,
            LIB_ARGMIN => unsafe { library::arg_extremum(arg(0)?, param, false) }?,
            LIB_DIAGONAL => unsafe { library::diagonal(arg(0)?, param) }?,
            LIB_COPY => unsafe { host::contiguous_copy(arg(0)?) }?,
            _ => return Err(RtError::internal(format!("unknown library op {op}"))),
        };
        Ok(out as *mut c_void)
    })())
}

/// # Safety
/// `kinds` and `vals` must point at `n` words; `sep`, `end` are strings or null.
#[no_mangle]
pub unsafe extern "C" fn lt_print(n: i64, kinds: *mut c_void, vals: *mut c_void, sep: *mut c_void, end: *mut c_void) {
    or_raise(gpu::check_errors());
    let text = or_raise(unsafe { print::print_text(n, kinds as *const i64, vals as *const u64, sep, end) });
    stdout::write_stdout(text.as_bytes());
}

/// # Safety
/// `bytes` must point at `len` readable bytes.
#[no_mangle]
pub unsafe extern "C" fn lt_str_new(bytes: *mut c_void, len: i64) -> *mut c_void {
    strings::into_raw(unsafe { strings::from_bytes(bytes as *const u8, len) })
}

/// `format(value, spec)` for any value kind.
///
/// # Safety
/// For `KIND_STR`/`KIND_ARRAY`, `bits` must be a valid pointer; `spec` a string or null.
pub unsafe fn format_value(kind: i64, bits: u64, spec: &str) -> RtResult<String> {
    match kind {
        KIND_STR => format::format_str(unsafe { strings::str_ref(bits as usize as *const c_void) }, spec),
        KIND_NONE => {
            if spec.is_empty() {
                Ok("None".to_string())
            } else {
                Err(RtError::type_error("unsupported format string passed to NoneType.__format__"))
            }
        }
        KIND_ARRAY => {
            let whole = unsafe { dist::whole(&[bits as usize as *mut c_void]) }?;
            let desc = unsafe { array::desc_ref(whole.ptr(0) as *const ArrayDesc) }?;
            if spec.is_empty() {
                Ok(unsafe { arrayprint::array_str(desc) })
            } else if desc.ndim == 0 {
                let value = unsafe { array::read_bits(desc.data, desc.dtype) };
                format::format_scalar(desc.dtype, value, spec)
            } else {
                Err(RtError::type_error("unsupported format string passed to numpy.ndarray.__format__"))
            }
        }
        _ => format::format_scalar(kind, bits, spec),
    }
}

/// # Safety
/// See [`format_value`].
#[no_mangle]
pub unsafe extern "C" fn lt_str_format(kind: i64, bits: u64, spec: *mut c_void) -> *mut c_void {
    let spec = unsafe { strings::str_ref(spec) };
    strings::into_raw(or_raise(unsafe { format_value(kind, bits, spec) }))
}

/// # Safety
/// `a` and `b` must be strings or null.
#[no_mangle]
pub unsafe extern "C" fn lt_str_concat(a: *mut c_void, b: *mut c_void) -> *mut c_void {
    let mut text = unsafe { strings::str_ref(a) }.to_string();
    text.push_str(unsafe { strings::str_ref(b) });
    strings::into_raw(text)
}

/// # Safety
/// `message` must be a string or null.
#[no_mangle]
pub unsafe extern "C" fn lt_raise(kind: i64, message: *mut c_void) {
    let message = unsafe { strings::str_ref(message) }.to_string();
    errors::raise(RtError::new(ErrorKind::from_code(kind), message));
}

/// # Safety
/// Always safe.
#[no_mangle]
pub unsafe extern "C" fn lt_raise_int_overflow(op: i64, x: i64, y: i64) {
    errors::raise(errors::int_overflow(op, x, y));
}

/// # Safety
/// Always safe.
#[no_mangle]
pub unsafe extern "C" fn lt_raise_float_to_int(x: f64) {
    errors::raise(errors::float_to_int_overflow(&format::py_float_repr(x)));
}

/// The process-wide origin of `lt_perf_counter`.
static CLOCK_ORIGIN: OnceLock<std::time::Instant> = OnceLock::new();

/// # Safety
/// Always safe.
#[no_mangle]
pub unsafe extern "C" fn lt_perf_counter() -> f64 {
    CLOCK_ORIGIN.get_or_init(std::time::Instant::now).elapsed().as_secs_f64()
}

/// # Safety
/// Always safe.
#[no_mangle]
pub unsafe extern "C" fn lt_time() -> f64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|elapsed| elapsed.as_secs_f64())
        .unwrap_or(0.0)
}

/// # Safety
/// `spec` must be a string.
#[no_mangle]
pub unsafe extern "C" fn lt_args_parse(spec: *mut c_void) {
    or_raise(argparse::parse_program_arguments(unsafe { strings::str_ref(spec) }))
}

/// # Safety
/// Always safe.
#[no_mangle]
pub unsafe extern "C" fn lt_args_int(index: i64) -> i64 {
    or_raise((|| match argparse::parsed_value(index)? {
        argparse::ArgValue::Int(i) => Ok(i),
        argparse::ArgValue::Bool(b) => Ok(b as i64),
        other => Err(RtError::internal(format!("argument {index} is {other:?}, not an int"))),
    })())
}

/// # Safety
/// Always safe.
#[no_mangle]
pub unsafe extern "C" fn lt_args_float(index: i64) -> f64 {
    or_raise((|| match argparse::parsed_value(index)? {
        argparse::ArgValue::Float(x) => Ok(x),
        argparse::ArgValue::Int(i) => Ok(i as f64),
        other => Err(RtError::internal(format!("argument {index} is {other:?}, not a float"))),
    })())
}

/// # Safety
/// Always safe.
#[no_mangle]
pub unsafe extern "C" fn lt_args_str(index: i64) -> *mut c_void {
    strings::into_raw(or_raise((|| match argparse::parsed_value(index)? {
        argparse::ArgValue::Str(s) => Ok(s),
        other => Err(RtError::internal(format!("argument {index} is {other:?}, not a str"))),
    })()))
}

/// # Safety
/// Always safe.
#[no_mangle]
pub unsafe extern "C" fn lt_args_list(index: i64, dtype: i64) -> *mut c_void {
    or_raise((|| {
        let argparse::ArgValue::List(items) = argparse::parsed_value(index)? else {
            return Err(RtError::internal(format!("argument {index} is not a list")));
        };
        let desc = array::alloc_array(dtype, &[items.len() as i64])?;
        let item_size = array::elem_size(dtype)?;
        for (i, item) in items.iter().enumerate() {
            let bits = match (item, dtype) {
                (argparse::ArgValue::Int(v), runtime_abi::DTYPE_I64) => *v as u64,
                (argparse::ArgValue::Float(x), runtime_abi::DTYPE_F64) => x.to_bits(),
                (argparse::ArgValue::Int(v), runtime_abi::DTYPE_F64) => (*v as f64).to_bits(),
                (other, _) => return Err(RtError::internal(format!("list item {other:?} as dtype {dtype}"))),
            };
            unsafe { array::write_bits((*desc).data.add(i * item_size), dtype, bits) };
        }
        Ok(desc as *mut c_void)
    })())
}

/// # Safety
/// Always safe.
#[no_mangle]
pub unsafe extern "C" fn lt_argv_len() -> i64 {
    argparse::program_arguments().len() as i64
}

/// `sys.argv[start:]` (a negative start counts from the end, as in Python).
fn argv_slice(start: i64) -> &'static [String] {
    let arguments = argparse::program_arguments();
    let len = arguments.len() as i64;
    let from = if start < 0 { (start + len).max(0) } else { start.min(len) };
    &arguments[from as usize..]
}

/// # Safety
/// Always safe.
#[no_mangle]
pub unsafe extern "C" fn lt_argv_get(start: i64, index: i64) -> *mut c_void {
    let items = argv_slice(start);
    let len = items.len() as i64;
    let at = if index < 0 { index + len } else { index };
    if at < 0 || at >= len {
        errors::raise(RtError::index("list index out of range"));
    }
    strings::into_raw(items[at as usize].clone())
}

/// # Safety
/// Always safe.
#[no_mangle]
pub unsafe extern "C" fn lt_argv_repr(start: i64) -> *mut c_void {
    let items: Vec<String> = argv_slice(start).iter().map(|a| strings::python_repr(a)).collect();
    strings::into_raw(format!("[{}]", items.join(", ")))
}

/// # Safety
/// `a` must be a live 1-D int64 or float64 array.
#[no_mangle]
pub unsafe extern "C" fn lt_list_repr(a: *mut c_void) -> *mut c_void {
    strings::into_raw(or_raise((|| {
        let whole = unsafe { dist::whole(&[a]) }?;
        let desc = unsafe { array::desc_ref(whole.ptr(0) as *const ArrayDesc) }?;
        let mut items = Vec::new();
        let mut failure = None;
        array::for_each_index(array::shape(desc), |index| {
            let bits = array::element_ptr(desc, index).map(|ptr| unsafe { array::read_bits(ptr, desc.dtype) });
            match (bits, desc.dtype) {
                (Ok(bits), runtime_abi::DTYPE_I64) => items.push((bits as i64).to_string()),
                (Ok(bits), runtime_abi::DTYPE_F64) => items.push(format::py_float_repr(f64::from_bits(bits))),
                (Ok(_), dtype) => failure = Some(RtError::internal(format!("a list of dtype {dtype}"))),
                (Err(e), _) => failure = Some(e),
            }
        });
        match failure {
            Some(e) => Err(e),
            None => Ok(format!("[{}]", items.join(", "))),
        }
    })()))
}

/// # Safety
/// `s` must be a string.
#[no_mangle]
pub unsafe extern "C" fn lt_str_repr(s: *mut c_void) -> *mut c_void {
    strings::into_raw(strings::python_repr(unsafe { strings::str_ref(s) }))
}

/// # Safety
/// `a` must be a live array descriptor.
#[no_mangle]
pub unsafe extern "C" fn lt_array_repr(a: *mut c_void) -> *mut c_void {
    or_raise((|| {
        let whole = unsafe { dist::whole(&[a]) }?;
        let desc = unsafe { array::desc_ref(whole.ptr(0) as *const ArrayDesc) }?;
        Ok(strings::into_raw(unsafe { arrayprint::array_repr(desc) }))
    })())
}

/// # Safety
/// `s` must be a string.
#[no_mangle]
pub unsafe extern "C" fn lt_str_to_int(s: *mut c_void) -> i64 {
    let text = unsafe { strings::str_ref(s) };
    match argparse::parse_py_int(text) {
        Ok(value) => value,
        Err(argparse::IntParseError::Invalid) => errors::raise(RtError::value(format!(
            "invalid literal for int() with base 10: {}",
            strings::python_repr(text)
        ))),
        Err(argparse::IntParseError::Overflow) => errors::raise(RtError::new(
            ErrorKind::Overflow,
            format!("int {} does not fit in 64 bits (legatec's ints are int64)", strings::python_repr(text)),
        )),
    }
}

/// # Safety
/// `s` must be a string.
#[no_mangle]
pub unsafe extern "C" fn lt_str_to_float(s: *mut c_void) -> f64 {
    let text = unsafe { strings::str_ref(s) };
    argparse::parse_py_float(text).unwrap_or_else(|| {
        errors::raise(RtError::value(format!("could not convert string to float: {}", strings::python_repr(text))))
    })
}

/// # Safety
/// `message` must be a string or null.
#[no_mangle]
pub unsafe extern "C" fn lt_exit(code: i64, has_message: i64, message: *mut c_void) {
    if code == 0 && has_message == 0 {
        // As at the program's end: every rank finalises (control is replicated).
        unsafe { lt_finalize() };
        std::process::exit(0);
    }
    stdout::flush_stdout();
    comm::before_fatal_message();
    if has_message != 0 {
        use std::io::Write;
        let text = unsafe { strings::str_ref(message) };
        let stderr = std::io::stderr();
        let mut handle = stderr.lock();
        let _ = writeln!(handle, "{text}");
        let _ = handle.flush();
    }
    std::process::exit(code as i32);
}

/// # Safety
/// `s` must be a string or null.
#[no_mangle]
pub unsafe extern "C" fn lt_str_len(s: *mut c_void) -> i64 {
    unsafe { strings::str_ref(s) }.chars().count() as i64
}

/// # Safety
/// `a` and `b` must be strings or null.
#[no_mangle]
pub unsafe extern "C" fn lt_str_compare(a: *mut c_void, b: *mut c_void) -> i64 {
    // UTF-8 byte order is code-point order, which is Python's order of strs.
    match unsafe { strings::str_ref(a).cmp(strings::str_ref(b)) } {
        std::cmp::Ordering::Less => -1,
        std::cmp::Ordering::Equal => 0,
        std::cmp::Ordering::Greater => 1,
    }
}

/// # Safety
/// `a` and `shape` must be live descriptors.
#[no_mangle]
pub unsafe extern "C" fn lt_array_reshape(a: *mut c_void, shape: *mut c_void, in_place: i64) -> *mut c_void {
    or_raise((|| {
        let dims = unsafe { shape_ops::int64_values(shape as *const ArrayDesc) }?;
        if array::dist_of(unsafe { array::desc_ref(a as *const ArrayDesc) }?).is_some() {
            // The partition pass replicates every array that reaches a reshape.
            return Err(RtError::internal("reshape of a distributed array"));
        }
        Ok(unsafe { shape_ops::reshape(a as *mut ArrayDesc, &dims, in_place != 0) }? as *mut c_void)
    })())
}

/// # Safety
/// `a` and `axes` must be live descriptors.
#[no_mangle]
pub unsafe extern "C" fn lt_array_transpose(a: *mut c_void, axes: *mut c_void) -> *mut c_void {
    or_raise((|| {
        let axes = unsafe { shape_ops::int64_values(axes as *const ArrayDesc) }?;
        Ok(unsafe { shape_ops::transpose(a as *mut ArrayDesc, &axes) }? as *mut c_void)
    })())
}

/// # Safety
/// `a` must be a live descriptor.
#[no_mangle]
pub unsafe extern "C" fn lt_array_part(a: *mut c_void, imag: i64) -> *mut c_void {
    or_raise((|| {
        if array::dist_of(unsafe { array::desc_ref(a as *const ArrayDesc) }?).is_some() {
            // The partition pass replicates every array whose parts are viewed.
            return Err(RtError::internal("a view of the parts of a distributed array"));
        }
        Ok(unsafe { shape_ops::part(a as *mut ArrayDesc, imag != 0) }? as *mut c_void)
    })())
}

/// Python's `round(x, ndigits)` for a float: the decimal value nearest to `x`
/// with `ndigits` digits after the point (before it, for negative `ndigits`),
/// ties to even on the exact binary value, as CPython's `float.__round__`.
///
/// # Safety
/// Always safe.
#[no_mangle]
pub unsafe extern "C" fn lt_py_round(x: f64, ndigits: i64) -> f64 {
    py_round(x, ndigits)
}

/// Python's `a / b` of two ints, correctly rounded (`runtime_abi::int_true_div`).
///
/// # Safety
/// Always safe.
#[no_mangle]
pub unsafe extern "C" fn lt_int_true_div(a: i64, b: i64) -> f64 {
    runtime_abi::int_true_div(a, b)
}

fn py_round(x: f64, ndigits: i64) -> f64 {
    if !x.is_finite() || x == 0.0 || ndigits > 323 {
        return x;
    }
    if ndigits < -308 {
        return 0.0 * x;
    }
    let rounded = if ndigits >= 0 {
        // Rust's fixed-point formatting is exact and rounds ties to even.
        format!("{:.*}", ndigits as usize, x)
    } else {
        // Round to a multiple of 10^k: that many significant digits in scientific form.
        let k = (-ndigits) as i32;
        let exponent: i32 = format!("{:e}", x.abs()).split('e').nth(1).and_then(|e| e.parse().ok()).unwrap_or(0);
        let digits = exponent - k;
        if digits < 0 {
            // |x| < 10^k: the result is 0 or ±10^k (only when |x| > 10^k / 2, or equal and 10^k... odd, never).
            let unit = 10f64.powi(k);
            if digits == -1 && x.abs() > unit / 2.0 {
                return unit.copysign(x);
            }
            return 0.0f64.copysign(x);
        }
        format!("{:.*e}", digits as usize, x)
    };
    rounded.parse::<f64>().map(|r| if r == 0.0 { 0.0f64.copysign(x) } else { r }).unwrap_or(x)
}

// Sorting (`sort.rs`).

/// # Safety
/// `a` must be a live descriptor.
#[no_mangle]
pub unsafe extern "C" fn lt_sort(a: *mut c_void, axis: i64) -> *mut c_void {
    or_raise((|| {
        let whole = unsafe { crate::dist::whole(&[a]) }?;
        Ok(unsafe { sort::sort_copy(array::desc_ref(whole.ptr(0) as *const ArrayDesc)?, axis) }? as *mut c_void)
    })())
}

/// # Safety
/// `a` must be a live descriptor.
#[no_mangle]
pub unsafe extern "C" fn lt_sort_inplace(a: *mut c_void, axis: i64) {
    or_raise((|| unsafe { crate::dist::in_place(a, &[], |a, _| sort::sort_in_place(array::desc_ref(a as *const ArrayDesc)?, axis)) })())
}

/// # Safety
/// `a` must be a live descriptor.
#[no_mangle]
pub unsafe extern "C" fn lt_argsort(a: *mut c_void, axis: i64) -> *mut c_void {
    or_raise((|| {
        let whole = unsafe { crate::dist::whole(&[a]) }?;
        Ok(unsafe { sort::argsort(array::desc_ref(whole.ptr(0) as *const ArrayDesc)?, axis) }? as *mut c_void)
    })())
}

// Cumulative sums and products (`scan.rs`).

/// # Safety
/// `a` must be a live descriptor.
#[no_mangle]
pub unsafe extern "C" fn lt_cumsum(a: *mut c_void, axis: i64, dtype: i64) -> *mut c_void {
    or_raise((|| {
        let whole = unsafe { crate::dist::whole(&[a]) }?;
        Ok(unsafe { scan::accumulate(array::desc_ref(whole.ptr(0) as *const ArrayDesc)?, axis, runtime_abi::REDUCE_SUM, dtype) }? as *mut c_void)
    })())
}

/// # Safety
/// `a` must be a live descriptor.
#[no_mangle]
pub unsafe extern "C" fn lt_fft(a: *mut c_void, n: i64, axis: i64, kind: i64, norm: i64, dtype: i64) -> *mut c_void {
    or_raise((|| {
        if let Some(out) = unsafe { runtime_blas::fft_on_device(a as *mut ArrayDesc, n, axis, kind, norm, dtype) }? {
            return Ok(out as *mut c_void);
        }
        let whole = unsafe { crate::dist::whole(&[a]) }?;
        Ok(unsafe { runtime_numpy::fft::fft(array::desc_ref(whole.ptr(0) as *const ArrayDesc)?, n, axis, kind, norm, dtype) }? as *mut c_void)
    })())
}

/// # Safety
/// `a` must be a live descriptor.
#[no_mangle]
pub unsafe extern "C" fn lt_cumprod(a: *mut c_void, axis: i64, dtype: i64) -> *mut c_void {
    or_raise((|| {
        let whole = unsafe { crate::dist::whole(&[a]) }?;
        Ok(unsafe { scan::accumulate(array::desc_ref(whole.ptr(0) as *const ArrayDesc)?, axis, runtime_abi::REDUCE_PROD, dtype) }? as *mut c_void)
    })())
}

/// # Safety
/// `a` and `indices` must be live descriptors.
#[no_mangle]
pub unsafe extern "C" fn lt_reduceat(a: *mut c_void, indices: *mut c_void, axis: i64, op: i64, dtype: i64) -> *mut c_void {
    or_raise((|| {
        let whole = unsafe { crate::dist::whole(&[a, indices]) }?;
        let src = unsafe { array::desc_ref(whole.ptr(0) as *const ArrayDesc) }?;
        let indices = unsafe { array::desc_ref(whole.ptr(1) as *const ArrayDesc) }?;
        Ok(unsafe { scan::reduceat(src, indices, axis, op, dtype) }? as *mut c_void)
    })())
}

/// # Safety
/// `a` must be a live descriptor.
#[no_mangle]
pub unsafe extern "C" fn lt_cumextreme(a: *mut c_void, axis: i64, max: i64) -> *mut c_void {
    or_raise((|| {
        let whole = unsafe { crate::dist::whole(&[a]) }?;
        let src = unsafe { array::desc_ref(whole.ptr(0) as *const ArrayDesc) }?;
        let op = if max != 0 { runtime_abi::REDUCE_MAX } else { runtime_abi::REDUCE_MIN };
        Ok(unsafe { scan::accumulate(src, axis, op, src.dtype) }? as *mut c_void)
    })())
}

/// # Safety
/// `a` must be a live square matrix (checked by the caller).
#[no_mangle]
pub unsafe extern "C" fn lt_matrix_power(a: *mut c_void, n: i64) -> *mut c_void {
    or_raise((|| {
        let whole = unsafe { crate::dist::whole(&[a]) }?;
        let a = unsafe { array::desc_ref(whole.ptr(0) as *const ArrayDesc) }?;
        unsafe { matrix_power(a, n) }.map(|out| out as *mut c_void)
    })())
}

/// NumPy's `matrix_power`: the identity for 0, the inverse's power for a negative `n`
/// (float matrices; an integer one's would change the result's dtype, which the program was
/// compiled for), its products by repeated squaring in NumPy's order otherwise.
///
/// # Safety
/// `a` must be a live square matrix.
unsafe fn matrix_power(a: &ArrayDesc, n: i64) -> RtResult<*mut ArrayDesc> {
    let size = array::shape(a)[0];
    let copy_of = |x: &ArrayDesc| unsafe { crate::dist::copy(x as *const ArrayDesc as *mut ArrayDesc) };
    if n == 0 {
        let out = array::alloc_array(a.dtype, &[size, size])?;
        let one = runtime_core::kernel::identity_bits(runtime_abi::REDUCE_PROD, a.dtype)?;
        for i in 0..size {
            let at = array::offset_ptr(unsafe { (*out).data }, array::strides(unsafe { &*out }), &[i, i], array::elem_size(a.dtype)?);
            unsafe { array::write_bits(at, a.dtype, one) };
        }
        return Ok(out);
    }
    let base = if n < 0 {
        if !matches!(a.dtype, runtime_abi::DTYPE_F32 | runtime_abi::DTYPE_F64) {
            return Err(RtError::value(format!(
                "legatec: np.linalg.matrix_power of an {} matrix to a negative power (here {n}) makes a float matrix; give the power as an integer literal, or convert the matrix to float",
                runtime_abi::dtype_name(a.dtype)
            )));
        }
        // The inverse, packed as a vector, laid out as the matrix.
        let packed = unsafe { runtime_numpy::linalg::decompose(runtime_abi::LINALG_INV, a, 0.0, a.dtype) }?;
        let out = array::alloc_array_uninit(a.dtype, &[size, size])?;
        let bytes = (size * size) as usize * array::elem_size(a.dtype)?;
        unsafe { std::ptr::copy_nonoverlapping((*packed).data, (*out).data, bytes) };
        unsafe { array::release(packed) };
        out
    } else {
        copy_of(a)?
    };
    // Every product made is kept, to release all but the result.
    let mut made: Vec<*mut ArrayDesc> = vec![base];
    let mut product = |x: *mut ArrayDesc, y: *mut ArrayDesc| -> RtResult<*mut ArrayDesc> {
        let p = unsafe { runtime_blas::matmul(&*x, &*y, false) }?;
        made.push(p);
        Ok(p)
    };
    let result = (|| match n.unsigned_abs() {
        1 => Ok(base),
        2 => product(base, base),
        3 => {
            let square = product(base, base)?;
            product(square, base)
        }
        mut k => {
            let (mut z, mut result): (Option<*mut ArrayDesc>, Option<*mut ArrayDesc>) = (None, None);
            while k > 0 {
                z = Some(match z {
                    None => base,
                    Some(z) => product(z, z)?,
                });
                let bit = k & 1 == 1;
                k >>= 1;
                if bit {
                    let z = z.expect("set");
                    result = Some(match result {
                        None => z,
                        Some(r) => product(r, z)?,
                    });
                }
            }
            Ok(result.expect("n > 3"))
        }
    })();
    let keep = *result.as_ref().unwrap_or(&std::ptr::null_mut());
    for m in made.into_iter().filter(|&m| m != keep) {
        unsafe { array::release(m) };
    }
    result
}

/// # Safety
/// `a` must be a live descriptor.
#[no_mangle]
pub unsafe extern "C" fn lt_linalg(op: i64, a: *mut c_void, param: f64, dtype: i64) -> *mut c_void {
    or_raise((|| {
        let whole = unsafe { crate::dist::whole(&[a]) }?;
        Ok(unsafe { runtime_numpy::linalg::decompose(op, array::desc_ref(whole.ptr(0) as *const ArrayDesc)?, param, dtype) }? as *mut c_void)
    })())
}

/// # Safety
/// `a` and `b` must be live descriptors.
#[no_mangle]
pub unsafe extern "C" fn lt_linalg_solve(a: *mut c_void, b: *mut c_void, dtype: i64) -> *mut c_void {
    or_raise((|| {
        let whole = unsafe { crate::dist::whole(&[a, b]) }?;
        let (a, b) = unsafe { (array::desc_ref(whole.ptr(0) as *const ArrayDesc)?, array::desc_ref(whole.ptr(1) as *const ArrayDesc)?) };
        Ok(unsafe { runtime_numpy::linalg::solve(a, b, dtype) }? as *mut c_void)
    })())
}

/// # Safety
/// `a` and `b` must be live descriptors.
#[no_mangle]
pub unsafe extern "C" fn lt_linalg_lstsq(a: *mut c_void, b: *mut c_void, rcond: f64, dtype: i64) -> *mut c_void {
    or_raise((|| {
        let whole = unsafe { crate::dist::whole(&[a, b]) }?;
        let (a, b) = unsafe { (array::desc_ref(whole.ptr(0) as *const ArrayDesc)?, array::desc_ref(whole.ptr(1) as *const ArrayDesc)?) };
        Ok(unsafe { runtime_numpy::linalg::lstsq(a, b, rcond, dtype) }? as *mut c_void)
    })())
}

/// # Safety
/// `a` and `v` must be live descriptors.
#[no_mangle]
pub unsafe extern "C" fn lt_searchsorted(a: *mut c_void, v: *mut c_void, right: i64) -> *mut c_void {
    or_raise((|| {
        let whole = unsafe { crate::dist::whole(&[a, v]) }?;
        let (a, v) = unsafe { (array::desc_ref(whole.ptr(0) as *const ArrayDesc)?, array::desc_ref(whole.ptr(1) as *const ArrayDesc)?) };
        Ok(unsafe { sort::searchsorted(a, v, right != 0) }? as *mut c_void)
    })())
}

/// # Safety
/// Always safe.
#[no_mangle]
pub unsafe extern "C" fn lt_set_printoptions(precision: i64, threshold: i64, edge_items: i64, line_width: i64, suppress: i64) {
    arrayprint::set_options(precision, threshold, edge_items, line_width, suppress);
}

/// # Safety
/// `a` and `v` must be live descriptors.
#[no_mangle]
pub unsafe extern "C" fn lt_convolve(a: *mut c_void, v: *mut c_void, mode: i64) -> *mut c_void {
    or_raise((|| {
        let whole = unsafe { crate::dist::whole(&[a, v]) }?;
        let (a, v) = unsafe { (array::desc_ref(whole.ptr(0) as *const ArrayDesc)?, array::desc_ref(whole.ptr(1) as *const ArrayDesc)?) };
        Ok(unsafe { sort::convolve(a, v, mode) }? as *mut c_void)
    })())
}

/// # Safety
/// `x` must be a live descriptor.
#[no_mangle]
pub unsafe extern "C" fn lt_bincount(x: *mut c_void, minlength: i64) -> *mut c_void {
    or_raise((|| {
        let whole = unsafe { crate::dist::whole(&[x]) }?;
        let x = unsafe { array::desc_ref(whole.ptr(0) as *const ArrayDesc) }?;
        Ok(unsafe { sort::bincount(x, None, minlength) }? as *mut c_void)
    })())
}

/// # Safety
/// `x` and `weights` must be live descriptors.
#[no_mangle]
pub unsafe extern "C" fn lt_bincount_weighted(x: *mut c_void, weights: *mut c_void, minlength: i64) -> *mut c_void {
    or_raise((|| {
        let whole = unsafe { crate::dist::whole(&[x, weights]) }?;
        let (x, w) = unsafe { (array::desc_ref(whole.ptr(0) as *const ArrayDesc)?, array::desc_ref(whole.ptr(1) as *const ArrayDesc)?) };
        Ok(unsafe { sort::bincount(x, Some(w), minlength) }? as *mut c_void)
    })())
}

// Boolean-mask and integer-array indexing (`fancy.rs`).

/// # Safety
/// `a` and `mask` must be live descriptors.
#[no_mangle]
pub unsafe extern "C" fn lt_mask_get(a: *mut c_void, mask: *mut c_void) -> *mut c_void {
    or_raise((|| {
        if crate::dist::planned_by_rows() {
            return Ok(unsafe { fancy::mask_get_split(a as *mut ArrayDesc, mask as *mut ArrayDesc) }? as *mut c_void);
        }
        let whole = unsafe { crate::dist::whole(&[a, mask]) }?;
        let (a, mask) = unsafe { (array::desc_ref(whole.ptr(0) as *const ArrayDesc)?, array::desc_ref(whole.ptr(1) as *const ArrayDesc)?) };
        Ok(unsafe { fancy::mask_get(a, mask) }? as *mut c_void)
    })())
}

/// # Safety
/// `a`, `mask` and `values` must be live descriptors.
#[no_mangle]
pub unsafe extern "C" fn lt_mask_set(a: *mut c_void, mask: *mut c_void, values: *mut c_void) {
    or_raise((|| unsafe {
        crate::dist::in_place(a, &[mask, values], |a, whole| {
            fancy::mask_set(
                array::desc_ref(a as *const ArrayDesc)?,
                array::desc_ref(whole.ptr(0) as *const ArrayDesc)?,
                array::desc_ref(whole.ptr(1) as *const ArrayDesc)?,
            )
        })
    })())
}

/// # Safety
/// `a` and `index` must be live descriptors.
#[no_mangle]
pub unsafe extern "C" fn lt_gather(a: *mut c_void, index: *mut c_void) -> *mut c_void {
    or_raise((|| {
        if crate::dist::planned_by_rows() {
            return Ok(unsafe { fancy::gather_split(a as *mut ArrayDesc, index as *mut ArrayDesc) }? as *mut c_void);
        }
        let whole = unsafe { crate::dist::whole(&[a, index]) }?;
        let (a, index) = unsafe { (array::desc_ref(whole.ptr(0) as *const ArrayDesc)?, array::desc_ref(whole.ptr(1) as *const ArrayDesc)?) };
        Ok(unsafe { fancy::gather(a, index) }? as *mut c_void)
    })())
}

/// # Safety
/// `a`, `index` and `values` must be live descriptors.
#[no_mangle]
pub unsafe extern "C" fn lt_scatter(a: *mut c_void, index: *mut c_void, values: *mut c_void) {
    or_raise((|| unsafe {
        crate::dist::in_place(a, &[index, values], |a, whole| {
            fancy::scatter(
                array::desc_ref(a as *const ArrayDesc)?,
                array::desc_ref(whole.ptr(0) as *const ArrayDesc)?,
                array::desc_ref(whole.ptr(1) as *const ArrayDesc)?,
            )
        })
    })())
}

/// # Safety
/// `a`, `index` and `values` must be live descriptors.
#[no_mangle]
pub unsafe extern "C" fn lt_put(a: *mut c_void, index: *mut c_void, values: *mut c_void, mode: i64) {
    or_raise((|| unsafe {
        crate::dist::in_place(a, &[index, values], |a, whole| {
            fancy::put(
                array::desc_ref(a as *const ArrayDesc)?,
                array::desc_ref(whole.ptr(0) as *const ArrayDesc)?,
                array::desc_ref(whole.ptr(1) as *const ArrayDesc)?,
                mode,
            )
        })
    })())
}

/// # Safety
/// All must be live descriptors.
#[no_mangle]
pub unsafe extern "C" fn lt_ufunc_at(op: i64, a: *mut c_void, index: *mut c_void, values: *mut c_void) {
    or_raise((|| unsafe {
        crate::dist::in_place(a, &[index, values], |a, whole| {
            fancy::ufunc_at(
                op,
                array::desc_ref(a as *const ArrayDesc)?,
                array::desc_ref(whole.ptr(0) as *const ArrayDesc)?,
                array::desc_ref(whole.ptr(1) as *const ArrayDesc)?,
            )
        })
    })())
}

/// # Safety
/// `a` and `index` must be live descriptors.
#[no_mangle]
pub unsafe extern "C" fn lt_gather_nd(a: *mut c_void, index: *mut c_void, axes: *mut c_void) -> *mut c_void {
    or_raise((|| {
        let axes = unsafe { shape_ops::int64_values(axes as *const ArrayDesc) }?;
        let whole = unsafe { crate::dist::whole(&[a, index]) }?;
        let (a, index) = unsafe { (array::desc_ref(whole.ptr(0) as *const ArrayDesc)?, array::desc_ref(whole.ptr(1) as *const ArrayDesc)?) };
        Ok(unsafe { fancy::gather_nd(a, index, &axes) }? as *mut c_void)
    })())
}

/// # Safety
/// `a`, `index` and `values` must be live descriptors.
#[no_mangle]
pub unsafe extern "C" fn lt_scatter_nd(a: *mut c_void, index: *mut c_void, values: *mut c_void, axes: *mut c_void) {
    or_raise((|| unsafe {
        let axes = shape_ops::int64_values(axes as *const ArrayDesc)?;
        crate::dist::in_place(a, &[index, values], |a, whole| {
            fancy::scatter_nd(
                array::desc_ref(a as *const ArrayDesc)?,
                array::desc_ref(whole.ptr(0) as *const ArrayDesc)?,
                array::desc_ref(whole.ptr(1) as *const ArrayDesc)?,
                &axes,
            )
        })
    })())
}

// `.npy` files (`npy.rs`).

/// # Safety
/// `path` must be a runtime string and `a` a live descriptor.
#[no_mangle]
pub unsafe extern "C" fn lt_npy_save(path: *mut c_void, a: *mut c_void) {
    or_raise((|| {
        // Every rank gathers the array (a collective); rank 0 writes the one file once
        // every rank has finished reading earlier files (a path may be saved again).
        crate::comm::barrier();
        let whole = unsafe { crate::dist::whole(&[a]) }?;
        let result = if crate::comm::rank() == 0 {
            unsafe { npy::save(strings::str_ref(path), array::desc_ref(whole.ptr(0) as *const ArrayDesc)?) }
        } else {
            Ok(())
        };
        // A failed write is reported on every rank, and later loads see the file.
        let failed = crate::comm::broadcast_u64(0, result.is_err() as u64);
        crate::comm::barrier();
        match (result, failed) {
            (Err(error), _) => Err(error),
            (Ok(()), 1) => Err(crate::errors::RtError::new(crate::errors::ErrorKind::Os, "np.save failed on rank 0")),
            (Ok(()), _) => Ok(()),
        }
    })())
}

/// # Safety
/// `path` must be a runtime string.
#[no_mangle]
pub unsafe extern "C" fn lt_npy_load(path: *mut c_void, dtype: i64, ndim: i64) -> *mut c_void {
    or_raise((|| Ok(unsafe { npy::load(strings::str_ref(path), dtype, ndim) }? as *mut c_void))())
}

#[cfg(test)]
mod round_tests {
    use super::py_round;

    #[test]
    fn matches_cpython_round() {
        // Values from CPython 3.11's `round(x, n)`.
        let cases: [(f64, i64, f64); 14] = [
            (0.125, 2, 0.12),
            (0.375, 2, 0.38),
            (2.675, 2, 2.67),
            (2.5, 0, 2.0),
            (3.5, 0, 4.0),
            (-0.5, 0, -0.0),
            (1234.5678, -2, 1200.0),
            (1250.0, -2, 1200.0),
            (1350.0, -2, 1400.0),
            (51.0, -2, 100.0),
            (50.0, -2, 0.0),
            (-51.0, -2, -100.0),
            (0.1, 20, 0.1),
            (1e300, -300, 1e300),
        ];
        for (x, n, want) in cases {
            let want: f64 = want;
            let got = py_round(x, n);
            assert_eq!(got.to_bits(), want.to_bits(), "round({x}, {n}) gave {got}, expected {want}");
        }
    }
}

/// # Safety
/// Always safe.
#[no_mangle]
pub unsafe extern "C" fn lt_random_seed(seed: i64, has_seed: i64) {
    or_raise(random::streams::seed_legacy((has_seed != 0).then_some(seed)))
}

/// # Safety
/// Always safe.
#[no_mangle]
pub unsafe extern "C" fn lt_rng_new(seed: i64, has_seed: i64) -> i64 {
    or_raise(random::streams::new_generator((has_seed != 0).then_some(seed)))
}

/// A random fill of `dst`: where this rank holds a block of a split array's rows, `block`
/// draws them alone (jumping or drawing through the rows before); otherwise `whole` fills
/// the whole array, gathered in place.
///
/// # Safety
/// `dst` must be a live descriptor.
unsafe fn random_fill_split(
    dst: *mut c_void,
    block: impl FnOnce(&ArrayDesc, random::streams::Block) -> RtResult<()>,
    whole: impl FnOnce(&ArrayDesc) -> RtResult<()>,
) {
    or_raise((|| unsafe {
        let desc = array::desc_ref(dst as *const ArrayDesc)?;
        if let Some(b) = random::streams::held_block(desc) {
            return block(desc, b);
        }
        dist::in_place(dst, &[], |dst, _| whole(array::desc_ref(dst as *const ArrayDesc)?))
    })())
}

/// # Safety
/// `dst` must be a live descriptor.
#[no_mangle]
pub unsafe extern "C" fn lt_random_fill(rng: i64, method: i64, dst: *mut c_void, p0: f64, p1: f64) {
    unsafe { random_fill_split(dst, |desc, block| random::streams::fill_floats_block(rng, method, desc, block, p0, p1), |desc| {
        random::streams::fill_floats(rng, method, desc, p0, p1)
    }) }
}

/// # Safety
/// `dst` must be a live descriptor.
#[no_mangle]
pub unsafe extern "C" fn lt_random_fill_int(rng: i64, method: i64, dst: *mut c_void, low: i64, high: i64) {
    unsafe { random_fill_split(dst, |desc, block| random::streams::fill_ints_block(rng, method, desc, block, low, high), |desc| {
        random::streams::fill_ints(rng, method, desc, low, high)
    }) }
}

/// # Safety
/// `dst` must be a live array descriptor.
#[no_mangle]
pub unsafe extern "C" fn lt_random_indices(rng: i64, kind: i64, population: i64, dst: *mut c_void) {
    or_raise((|| unsafe {
        dist::in_place(dst, &[], |dst, _| random::streams::fill_indices(rng, kind, population, array::desc_ref(dst as *const ArrayDesc)?))
    })())
}

/// # Safety
/// Always safe.
#[no_mangle]
pub unsafe extern "C" fn lt_random_scalar(rng: i64, method: i64, dtype: i64, p0: f64, p1: f64) -> f64 {
    or_raise(random::streams::scalar_float(rng, method, dtype, p0, p1))
}

/// # Safety
/// Always safe.
#[no_mangle]
pub unsafe extern "C" fn lt_random_scalar_int(rng: i64, method: i64, dtype: i64, low: i64, high: i64) -> i64 {
    or_raise(random::streams::scalar_int(rng, method, dtype, low, high))
}

/// # Safety
/// `dst` must be a live descriptor.
#[no_mangle]
pub unsafe extern "C" fn lt_random_fill_discrete(rng: i64, method: i64, dst: *mut c_void, n: i64, p: f64) {
    unsafe { random_fill_split(dst, |desc, block| random::streams::fill_discrete_block(rng, method, desc, block, n, p), |desc| {
        random::streams::fill_discrete(rng, method, desc, n, p)
    }) }
}

/// # Safety
/// Always safe.
#[no_mangle]
pub unsafe extern "C" fn lt_random_scalar_discrete(rng: i64, method: i64, n: i64, p: f64) -> i64 {
    or_raise(random::streams::scalar_discrete(rng, method, n, p))
}

// Dataframes (`runtime-frame`).

/// # Safety
/// `a` must be a live descriptor.
#[no_mangle]
pub unsafe extern "C" fn lt_frame_push(a: *mut c_void) {
    // SAFETY: the caller's.
    or_raise(unsafe { frame::calls::push_array(a as *mut ArrayDesc) })
}

#[no_mangle]
pub extern "C" fn lt_frame_push_int(v: i64) {
    frame::calls::push_int(v)
}

/// # Safety
/// `s` must be a string.
#[no_mangle]
pub unsafe extern "C" fn lt_frame_push_str(s: *mut c_void) {
    // SAFETY: the caller's.
    frame::calls::push_str(unsafe { strings::str_ref(s) })
}

/// # Safety
/// `spec` must be a string.
#[no_mangle]
pub unsafe extern "C" fn lt_frame_text(spec: *mut c_void) -> *mut c_void {
    or_raise(gpu::check_errors());
    // SAFETY: the caller's.
    let spec = unsafe { strings::str_ref(spec) };
    strings::into_raw(or_raise(frame::calls::text(spec)))
}

/// # Safety
/// `spec` must be a string.
#[no_mangle]
pub unsafe extern "C" fn lt_frame_run(spec: *mut c_void) {
    or_raise(gpu::check_errors());
    // SAFETY: the caller's.
    let spec = unsafe { strings::str_ref(spec) };
    or_raise(frame::calls::run(spec))
}

#[no_mangle]
pub extern "C" fn lt_frame_pop() -> *mut c_void {
    or_raise(frame::calls::pop()) as *mut c_void
}

/// Python's `str.isspace` of one code point: Unicode's white space and the separators
/// U+001C to U+001F.
fn python_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// # Safety
/// `s` must be a string or null.
#[no_mangle]
pub unsafe extern "C" fn lt_str_item(s: *mut c_void, i: i64) -> *mut c_void {
    let text = unsafe { strings::str_ref(s) };
    let n = text.chars().count() as i64;
    let at = if i < 0 { i + n } else { i };
    if !(0..n).contains(&at) {
        errors::raise(RtError::index("string index out of range"));
    }
    strings::into_raw(text.chars().nth(at as usize).map(String::from).unwrap_or_default())
}

/// # Safety
/// `s` must be a string or null.
#[no_mangle]
pub unsafe extern "C" fn lt_str_slice(s: *mut c_void, start: i64, stop: i64, step: i64, given: i64) -> *mut c_void {
    if step == 0 {
        errors::raise(RtError::value("slice step cannot be zero"));
    }
    let chars: Vec<char> = unsafe { strings::str_ref(s) }.chars().collect();
    let n = chars.len() as i64;
    // Python's `slice.indices(n)`.
    let clamp = |v: i64, low: i64, high: i64| {
        let v = if v < 0 { v + n } else { v };
        v.clamp(low, high)
    };
    let (first, last) = if step > 0 {
        (if given & 1 != 0 { clamp(start, 0, n) } else { 0 }, if given & 2 != 0 { clamp(stop, 0, n) } else { n })
    } else {
        (if given & 1 != 0 { clamp(start, -1, n - 1) } else { n - 1 }, if given & 2 != 0 { clamp(stop, -1, n - 1) } else { -1 })
    };
    let mut out = String::new();
    let mut k = first;
    while (step > 0 && k < last) || (step < 0 && k > last) {
        out.push(chars[k as usize]);
        k += step;
    }
    strings::into_raw(out)
}

/// # Safety
/// `s` must be a string or null.
#[no_mangle]
pub unsafe extern "C" fn lt_str_case(s: *mut c_void, op: i64) -> *mut c_void {
    let text = unsafe { strings::str_ref(s) };
    strings::into_raw(match op {
        runtime_abi::STR_LOWER => text.to_lowercase(),
        runtime_abi::STR_UPPER => text.to_uppercase(),
        runtime_abi::STR_STRIP => text.trim_matches(python_space).to_string(),
        runtime_abi::STR_LSTRIP => text.trim_start_matches(python_space).to_string(),
        _ => text.trim_end_matches(python_space).to_string(),
    })
}

/// # Safety
/// `s` and `sub` must be strings or null.
#[no_mangle]
pub unsafe extern "C" fn lt_str_find(s: *mut c_void, sub: *mut c_void, op: i64) -> i64 {
    let (text, sub) = unsafe { (strings::str_ref(s), strings::str_ref(sub)) };
    match op {
        runtime_abi::STR_FIND => text.find(sub).map_or(-1, |at| text[..at].chars().count() as i64),
        runtime_abi::STR_COUNT => text.matches(sub).count() as i64,
        runtime_abi::STR_STARTS => i64::from(text.starts_with(sub)),
        runtime_abi::STR_ENDS => i64::from(text.ends_with(sub)),
        _ => i64::from(text.contains(sub)),
    }
}

/// # Safety
/// `s`, `old` and `new` must be strings or null.
#[no_mangle]
pub unsafe extern "C" fn lt_str_replace(s: *mut c_void, old: *mut c_void, new: *mut c_void) -> *mut c_void {
    let (text, old, new) = unsafe { (strings::str_ref(s), strings::str_ref(old), strings::str_ref(new)) };
    strings::into_raw(text.replace(old, new))
}

/// How deep the calls of functions by themselves are nested now (`lt_recursion_enter`).
/// Control flow is the same on every rank, so each rank counts alike.
static RECURSION_DEPTH: std::sync::atomic::AtomicI64 = std::sync::atomic::AtomicI64::new(0);

/// # Safety
/// Always safe.
#[no_mangle]
pub unsafe extern "C" fn lt_recursion_enter() {
    let depth = RECURSION_DEPTH.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
    if depth > runtime_abi::RECURSION_LIMIT {
        errors::raise(RtError::new(ErrorKind::Recursion, "maximum recursion depth exceeded"));
    }
}

/// # Safety
/// Always safe.
#[no_mangle]
pub unsafe extern "C" fn lt_recursion_exit() {
    RECURSION_DEPTH.fetch_sub(1, std::sync::atomic::Ordering::Relaxed);
}
