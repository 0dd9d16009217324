//! The compiler–runtime ABI, defined once: the array descriptor, dtype and
//! mode codes, and the list of runtime entry points with their C signatures.
//!
//! `codegen-llvm` declares every entry point from [`for_each_entry_point!`]
//! (through [`EntryPoint`], the typed name the IR uses); `runtime-lib`
//! implements them and checks its signatures against the same list at compile
//! time. [`argparse_spec`] is the one encoder and decoder of the parser
//! description the compiler hands to the runtime's `argparse`; [`plan_table`] that of
//! the distribution plan the runtime executes; [`pairwise`] NumPy's summation order, which
//! the NumPy and pandas layers share.
//!
//! Every code here is the only definition of its value: the compiler and the
//! runtime both read these constants.

pub mod argparse_spec;
pub mod fields;
pub mod frame_spec;
pub mod json;
pub mod pairwise;
pub mod plan_table;

/// The rows `[lo, hi)` that rank `q` of `p` owns of a template of `t` rows split evenly:
/// the runtime's blocks (`runtime-core`'s `dist.rs`), which the report draws.
pub fn even_block(t: i64, q: i64, p: i64) -> (i64, i64) {
    (t * q / p, t * (q + 1) / p)
}

/// Maximum array rank supported by descriptors.
pub const MAX_DIMS: usize = 8;

/// A CPU kernel launch runs on several threads from this many points of its iteration space
/// (on one rank); below, on the calling thread. The runtime splits by it and the performance
/// model predicts by it.
pub const PARALLEL_POINTS: i64 = 1 << 16;

/// A product runs on several threads from this many multiply-adds; below, as one serial
/// BLAS call.
pub const PARALLEL_MADDS: usize = 1 << 18;

/// Dtype codes (equal to `ir::DType as i64`).
pub const DTYPE_BOOL: i64 = 0;
pub const DTYPE_I32: i64 = 1;
pub const DTYPE_I64: i64 = 2;
pub const DTYPE_F32: i64 = 3;
pub const DTYPE_F64: i64 = 4;
pub const DTYPE_I8: i64 = 5;
pub const DTYPE_I16: i64 = 6;
pub const DTYPE_U8: i64 = 7;
pub const DTYPE_U16: i64 = 8;
pub const DTYPE_U32: i64 = 9;
pub const DTYPE_U64: i64 = 10;
/// Complex numbers: two floats (real, imaginary) side by side, as NumPy stores them.
pub const DTYPE_C64: i64 = 11;
pub const DTYPE_C128: i64 = 12;

/// NumPy's name of a dtype code, as `print(a.dtype)` shows it (`unknown` for another code).
/// Python's `a / b` of two ints (`b` not zero): the exact quotient rounded once to the
/// nearest float, ties to even, as CPython's `long_true_divide`. Converting operands beyond
/// 2**53 to floats first would round twice (`3706778661852469502 / 239877`).
pub fn int_true_div(a: i64, b: i64) -> f64 {
    const EXACT: u64 = 1 << 53;
    if a.unsigned_abs() <= EXACT && b.unsigned_abs() <= EXACT {
        return a as f64 / b as f64;
    }
    let (n, d) = (u128::from(a.unsigned_abs()), u128::from(b.unsigned_abs()));
    let bits = |x: u128| 128 - x.leading_zeros() as i32;
    // Scaled so the quotient has at least 55 bits: the 53 kept, the rounding bit, and below
    // it a sticky bit for a non-zero remainder; the conversion then rounds once. (At most
    // 55 + 64 bits: no overflow.)
    let shift = (55 + bits(d) - bits(n)).max(0) as u32;
    let scaled = n << shift;
    let (mut q, rem) = (scaled / d, scaled % d);
    if rem != 0 {
        q |= 1;
    }
    let magnitude = q as f64 * 2f64.powi(-(shift as i32));
    if (a < 0) != (b < 0) {
        -magnitude
    } else {
        magnitude
    }
}

pub fn dtype_name(dtype: i64) -> &'static str {
    match dtype {
        DTYPE_BOOL => "bool",
        DTYPE_I32 => "int32",
        DTYPE_I64 => "int64",
        DTYPE_F32 => "float32",
        DTYPE_F64 => "float64",
        DTYPE_I8 => "int8",
        DTYPE_I16 => "int16",
        DTYPE_U8 => "uint8",
        DTYPE_U16 => "uint16",
        DTYPE_U32 => "uint32",
        DTYPE_U64 => "uint64",
        DTYPE_C64 => "complex64",
        DTYPE_C128 => "complex128",
        _ => "unknown",
    }
}

/// Bytes per element of a dtype code (`None` for an unknown code).
pub fn dtype_size(dtype: i64) -> Option<usize> {
    match dtype {
        DTYPE_BOOL | DTYPE_I8 | DTYPE_U8 => Some(1),
        DTYPE_I16 | DTYPE_U16 => Some(2),
        DTYPE_I32 | DTYPE_U32 | DTYPE_F32 => Some(4),
        DTYPE_I64 | DTYPE_U64 | DTYPE_F64 | DTYPE_C64 => Some(8),
        DTYPE_C128 => Some(16),
        _ => None,
    }
}

/// The width in bits and signedness of an integer dtype code (not bool).
pub fn int_layout(dtype: i64) -> Option<(u32, bool)> {
    match dtype {
        DTYPE_I8 => Some((8, true)),
        DTYPE_I16 => Some((16, true)),
        DTYPE_I32 => Some((32, true)),
        DTYPE_I64 => Some((64, true)),
        DTYPE_U8 => Some((8, false)),
        DTYPE_U16 => Some((16, false)),
        DTYPE_U32 => Some((32, false)),
        DTYPE_U64 => Some((64, false)),
        _ => None,
    }
}

/// The value of an integer scalar's ABI bits (signed dtypes are sign-extended to 64
/// bits, unsigned ones zero-extended; only the dtype's low bits are read).
pub fn int_from_bits(dtype: i64, bits: u64) -> i128 {
    let (width, signed) = int_layout(dtype).unwrap_or((64, true));
    let shift = 64 - width;
    if signed {
        (((bits << shift) as i64) >> shift) as i128
    } else {
        ((bits << shift) >> shift) as i128
    }
}

/// The ABI bits of an integer value of `dtype`, wrapped modulo 2**width as NumPy's
/// integers wrap.
pub fn int_to_bits(dtype: i64, value: i128) -> u64 {
    int_from_bits(dtype, value as u64) as u64
}

/// Value-kind codes for `lt_print` and `lt_str_format` besides the dtype codes.
/// A Python-level (weak) float prints like a NumPy float64 scalar, so no code is needed for it.
pub const KIND_STR: i64 = 16;
pub const KIND_ARRAY: i64 = 17;
pub const KIND_NONE: i64 = 18;
/// Added to a dtype code in `lt_list_str`'s kind: the items are Python numbers.
pub const LIST_WEAK: i64 = 64;

/// The operations of `lt_str_case`: `s.lower()`, `s.upper()`, `s.strip()`, `s.lstrip()`,
/// `s.rstrip()`.
pub const STR_LOWER: i64 = 0;
pub const STR_UPPER: i64 = 1;
pub const STR_STRIP: i64 = 2;
pub const STR_LSTRIP: i64 = 3;
pub const STR_RSTRIP: i64 = 4;
/// The searches of `lt_str_find`: `s.find(sub)`, `s.count(sub)`, `s.startswith(sub)`,
/// `s.endswith(sub)`, `sub in s`.
pub const STR_FIND: i64 = 0;
pub const STR_COUNT: i64 = 1;
pub const STR_STARTS: i64 = 2;
pub const STR_ENDS: i64 = 3;
pub const STR_CONTAINS: i64 = 4;

/// Kernel launch modes (`lt_launch`'s `mode`).
pub const MODE_STORE: i64 = 0;
pub const MODE_REDUCE_ALL: i64 = 1;
pub const MODE_REDUCE_AXIS: i64 = 2;
/// A store into `dst` that also reduces a second value over the whole iteration space into
/// `acc` (`op` and `dtype` describe the reduction; the destination's dtype is its own).
pub const MODE_STORE_REDUCE: i64 = 3;

/// Whether a launch mode writes a destination array.
pub fn mode_stores(mode: i64) -> bool {
    mode == MODE_STORE || mode == MODE_STORE_REDUCE
}

/// Whether a launch mode reduces the whole iteration space into `acc`.
pub fn mode_reduces_all(mode: i64) -> bool {
    mode == MODE_REDUCE_ALL || mode == MODE_STORE_REDUCE
}

/// Reduction operator codes.
pub const REDUCE_SUM: i64 = 0;
pub const REDUCE_PROD: i64 = 1;
pub const REDUCE_MAX: i64 = 2;
pub const REDUCE_MIN: i64 = 3;
pub const REDUCE_ANY: i64 = 4;
pub const REDUCE_ALL: i64 = 5;
pub const REDUCE_BIT_AND: i64 = 6;
pub const REDUCE_BIT_OR: i64 = 7;
pub const REDUCE_BIT_XOR: i64 = 8;

/// Index item kinds for `lt_array_view`. Each item is four int64 words
/// `[kind, start, stop, step]`; for slices, `kind` ORs in `SLICE_HAS_*`
/// for each bound present.
pub const INDEX_SLICE: i64 = 0;
pub const INDEX_INTEGER: i64 = 1;
pub const INDEX_NEWAXIS: i64 = 2;
pub const SLICE_HAS_START: i64 = 4;
pub const SLICE_HAS_STOP: i64 = 8;
pub const SLICE_HAS_STEP: i64 = 16;

/// The axis argument meaning "no axis: the flattened array" (`lt_sort`, `lt_argsort`,
/// `lt_cumsum`, `lt_cumprod`, and the `param` of `LIB_ARGMAX`/`LIB_ARGMIN`).
pub const AXIS_FLATTENED: i64 = -1;

/// `lt_fft`'s transforms: complex to complex, forward and inverse (`fft`, `ifft`); a real
/// signal to its `n // 2 + 1` non-negative frequencies (`rfft`); those back to the `n`
/// values of the real signal (`irfft`).
pub const FFT_FORWARD: i64 = 0;
pub const FFT_INVERSE: i64 = 1;
pub const FFT_REAL_FORWARD: i64 = 2;
pub const FFT_REAL_INVERSE: i64 = 3;
/// `lt_fft`'s scalings (`norm=`): `"backward"` (the default: the inverse by `1/n`),
/// `"ortho"` (both by `1/sqrt(n)`), `"forward"` (the forward by `1/n`).
pub const FFT_NORM_BACKWARD: i64 = 0;
pub const FFT_NORM_ORTHO: i64 = 1;
pub const FFT_NORM_FORWARD: i64 = 2;

/// Library op codes for `lt_library`.
pub const LIB_MATMUL: i64 = 0;
pub const LIB_ARGMAX: i64 = 1;
pub const LIB_ARGMIN: i64 = 2;
pub const LIB_DIAGONAL: i64 = 3;
pub const LIB_COPY: i64 = 4;

/// `np.linalg` operations of `lt_linalg`: each packs its results into one new 1-D
/// float array, in the order NumPy returns them, each C-ordered (m×n is `a`'s
/// shape, k = min(m, n)). `param` is the op's one number argument.
pub const LINALG_INV: i64 = 0; // inv: n×n
pub const LINALG_DET: i64 = 1; // det: 1
pub const LINALG_SLOGDET: i64 = 2; // sign, logabsdet: 2
pub const LINALG_CHOLESKY: i64 = 3; // L (or U with param 1): n×n
pub const LINALG_QR_REDUCED: i64 = 4; // Q m×k, R k×n
pub const LINALG_QR_COMPLETE: i64 = 5; // Q m×m, R m×n
pub const LINALG_QR_R: i64 = 6; // R k×n
pub const LINALG_EIGH: i64 = 7; // w n, v n×n (param 1: the upper triangle)
pub const LINALG_EIGVALSH: i64 = 8; // w n (param as eigh)
pub const LINALG_SVD_FULL: i64 = 9; // U m×m, S k, Vh n×n
pub const LINALG_SVD_THIN: i64 = 10; // U m×k, S k, Vh k×n
pub const LINALG_SVD_VALUES: i64 = 11; // S k
pub const LINALG_MATRIX_RANK: i64 = 12; // rank: 1 (param: tol, NaN for NumPy's default)
pub const LINALG_PINV: i64 = 13; // n×m (param: rcond)
/// Of a complex matrix: sign (re, im), logabsdet, det (re, im): 5.
pub const LINALG_SLOGDET_COMPLEX: i64 = 14;

/// Python exception kinds for `lt_raise`.
pub const ERR_ZERO_DIVISION: i64 = 0;
pub const ERR_INDEX: i64 = 1;
pub const ERR_VALUE: i64 = 2;
pub const ERR_OVERFLOW: i64 = 3;
pub const ERR_NAME: i64 = 4;
pub const ERR_UNBOUND_LOCAL: i64 = 5;
pub const ERR_TYPE: i64 = 6;
pub const ERR_LINALG: i64 = 7;
pub const ERR_AXIS: i64 = 8;
pub const ERR_ATTRIBUTE: i64 = 9;
pub const ERR_ASSERTION: i64 = 10;
pub const ERR_KEY: i64 = 11;
/// Raised by a `raise` statement alone (legatec raises no such error of its own).
pub const ERR_RUNTIME: i64 = 12;
pub const ERR_NOT_IMPLEMENTED: i64 = 13;
pub const ERR_EXCEPTION: i64 = 14;
pub const ERR_ARITHMETIC: i64 = 15;
pub const ERR_FLOATING_POINT: i64 = 16;
pub const ERR_LOOKUP: i64 = 17;
/// Python's RecursionError: calls of functions that call themselves nested past Python's
/// default limit (`lt_recursion_enter`), or a `raise` of it.
pub const ERR_RECURSION: i64 = 18;
/// The depth of nested calls of functions by themselves past which Python's default
/// recursion limit (1000 frames: the module's, the outermost call's and these) raises
/// RecursionError. Frames of other calls around them are not counted.
pub const RECURSION_LIMIT: i64 = 998;

/// Python int operations for `lt_raise_int_overflow` (a Python int is 64-bit in legatec).
pub const INT_OP_ADD: i64 = 0;
pub const INT_OP_SUB: i64 = 1;
pub const INT_OP_MUL: i64 = 2;
pub const INT_OP_FLOOR_DIV: i64 = 3;
pub const INT_OP_POW: i64 = 4;
/// Unary minus of `x` (`y` is unused).
pub const INT_OP_NEG: i64 = 5;
/// `abs(x)` (`y` is unused).
pub const INT_OP_ABS: i64 = 6;
/// The conversion of the Python int `x` into the integer dtype whose code is `y` (NumPy 2's
/// `OverflowError` for a Python integer out of that dtype's bounds).
pub const INT_OP_INTO_DTYPE: i64 = 7;
/// `x << y`.
pub const INT_OP_LSHIFT: i64 = 8;

/// Random streams (`lt_random_*`): the generator handle of NumPy's legacy
/// global `RandomState` (`np.random.*`); `lt_rng_new` returns handles >= 0.
pub const RNG_LEGACY: i64 = -1;

/// Random distribution codes (`lt_random_*`'s `method`). The generator's kind
/// picks NumPy's algorithm: masked rejection for the legacy state, Lemire's
/// method for a `Generator`; the destination dtype picks float32 variants.
/// - `RANDOM_STANDARD_UNIFORM`: [0, 1) (`random`, `random_sample`, `rand`).
/// - `RANDOM_STANDARD_NORMAL`: `standard_normal`, `randn`.
/// - `RANDOM_UNIFORM`: [p0, p1) (`uniform(low, high)`).
/// - `RANDOM_NORMAL`: `normal(loc=p0, scale=p1)`.
/// - `RANDOM_INTEGERS`: integers in [low, high) (`randint`, `integers`).
/// - `RANDOM_INTEGERS_CLOSED`: integers in [low, high] (`integers(endpoint=True)`).
/// - `RANDOM_EXPONENTIAL`: `exponential(scale=p0)`, `standard_exponential` (p0 = 1).
/// - `RANDOM_GAMMA`: `gamma(shape=p0, scale=p1)`, `standard_gamma` (p1 = 1).
/// - `RANDOM_BETA`: `beta(a=p0, b=p1)`.
/// - `RANDOM_POISSON`: `poisson(lam=p)` (`Generator`; `lt_random_*_discrete`, int64, `n` unused).
/// - `RANDOM_BINOMIAL`: `binomial(n, p)` (`Generator`; `lt_random_*_discrete`, int64).
pub const RANDOM_STANDARD_UNIFORM: i64 = 0;
pub const RANDOM_STANDARD_NORMAL: i64 = 1;
pub const RANDOM_UNIFORM: i64 = 2;
pub const RANDOM_NORMAL: i64 = 3;
pub const RANDOM_INTEGERS: i64 = 4;
pub const RANDOM_INTEGERS_CLOSED: i64 = 5;
pub const RANDOM_EXPONENTIAL: i64 = 6;
pub const RANDOM_GAMMA: i64 = 7;
pub const RANDOM_BETA: i64 = 8;
pub const RANDOM_POISSON: i64 = 9;
pub const RANDOM_BINOMIAL: i64 = 10;

/// Added to `lt_str_complex`'s dtype: the text without its parentheses (`1+2j`), as NumPy's
/// `repr` shows a complex scalar inside `np.complex128(...)`.
pub const COMPLEX_BARE: i64 = 0x100;
/// The format spec (`Expr::Format`) that asks for that text of a complex scalar; no format
/// spec a program can write starts with this control character.
pub const FORMAT_COMPLEX_BARE: &str = "\u{1}bare";

/// The operation of `lt_ufunc_at` (`np.<ufunc>.at`).
pub const AT_ADD: i64 = 0;
pub const AT_SUBTRACT: i64 = 1;
pub const AT_MULTIPLY: i64 = 2;
pub const AT_MAXIMUM: i64 = 3;
pub const AT_MINIMUM: i64 = 4;

/// What `lt_random_indices` draws into its int64 destination of `size` elements:
/// - `INDICES_PERMUTATION`: `permutation(population)` (`size` = `population`);
/// - `INDICES_CHOICE`: `choice(population, size, replace=False)`;
/// - `INDICES_CHOICE_UNSHUFFLED`: the same with `shuffle=False` (`Generator` only).
pub const INDICES_PERMUTATION: i64 = 0;
pub const INDICES_CHOICE: i64 = 1;
pub const INDICES_CHOICE_UNSHUFFLED: i64 = 2;

/// Whether a random fill of `dtype` by `method` from the legacy state
/// (`rng_is_legacy`, MT19937) or a `Generator` (PCG64) consumes a fixed number
/// of raw words per element, so that a rank filling its rows of a distributed
/// array jumps its generator over the elements before them and after them.
/// Otherwise (normals: rejection in the ziggurat and in the polar method, with
/// its cached second value; bounded integers: rejection) the rank draws and
/// discards every element before its rows and after them.
/// - legacy `random_sample`/`rand` and `uniform` (float64): two 32-bit words
///   per element;
/// - `Generator.random` and `uniform` (float64): one 64-bit draw per element;
/// - `Generator.random(dtype=float32)`: one 32-bit half of a 64-bit draw.
pub fn random_draws_jump(rng_is_legacy: bool, method: i64, dtype: i64) -> bool {
    match (rng_is_legacy, method, dtype) {
        (true, RANDOM_STANDARD_UNIFORM | RANDOM_UNIFORM | RANDOM_EXPONENTIAL, DTYPE_F64) => true,
        (false, RANDOM_STANDARD_UNIFORM | RANDOM_UNIFORM, DTYPE_F64) => true,
        (false, RANDOM_STANDARD_UNIFORM, DTYPE_F32) => true,
        _ => false,
    }
}

/// A reference-counted array descriptor. Generated code only ever holds
/// `*mut ArrayDesc` and passes it to runtime functions; it never reads fields
/// except through the kernel launch arguments.
///
/// `data` points at element `[0, 0, ...]`; `strides` are in elements and may
/// be negative or zero. `buffer` is the owning allocation (shared by views).
#[repr(C)]
pub struct ArrayDesc {
    pub refcount: i64,
    pub dtype: i64,
    pub ndim: i64,
    pub data: *mut u8,
    pub shape: [i64; MAX_DIMS],
    pub strides: [i64; MAX_DIMS],
    pub buffer: *mut core::ffi::c_void,
}

/// The signature of a generated CPU kernel:
/// `kernel(shape, ptrs, strides, scalars, begin, end, acc)`.
/// - `shape[0..ndim]`: the iteration space.
/// - `ptrs[0]`: the destination's data (null for reduce-all); `ptrs[1 + i]`: input `i`.
/// - `strides[slot * ndim + d]`: element stride of slot `slot` along axis `d`
///   (0 where broadcast; for reduce-axis the destination has 0 on the axis).
/// - `scalars[i]`: bits of scalar `i` (f32 in the low 32 bits, bool as 0/1).
/// - `[begin, end)`: the range of axis 0 to run (for rank 0: `[0, 1)`).
/// - `acc`: for reduce-all, the accumulator bits, read at entry and written at exit.
pub type KernelFn = unsafe extern "C" fn(
    shape: *const i64,
    ptrs: *const *mut u8,
    strides: *const i64,
    scalars: *const u64,
    begin: i64,
    end: i64,
    acc: *mut u64,
);

/// The parameters of a GPU kernel entry `lk{index}`, in order (each one
/// kernel parameter; `slots = 1 + inputs`, words are `i64`):
/// - `slots` pointers: the destination (null for reduce-all) and the inputs;
/// - `ndim` words: the iteration space;
/// - `slots * ndim` words: the strides, as for `KernelFn`;
/// - `n_scalars` words: the scalar bits;
/// - `begin`, `end`: the range of axis 0; `init`: the reduction identity's bits;
/// - `partials`: for reduce-all, one word per block (`blockIdx.y * gridDim.x +
///   blockIdx.x`) receiving the block's partial result.
///
/// Blocks have `GPU_BLOCK` threads along x. The innermost parallel axis runs
/// over x (grid-stride) and the other parallel axes, flattened, over y (block
/// row y takes the rows `[y * c, (y + 1) * c)`, `c = ceil(rows / gridDim.y)`);
/// a reduce-axis kernel loops over
/// its reduced axis in each thread. A reduction along the innermost axis has a
/// second entry, named with [`GPU_ROWS_SUFFIX`], with the same parameters: a
/// block per output element (grid-stride over x), its threads reading the row
/// together and combining in shared memory; the runtime takes it for rows of at
/// least [`GPU_ROWS_MIN`] elements.
///
/// This constant is the number of threads per block of every launch.
pub const GPU_BLOCK: u32 = 256;

/// The suffix of a kernel's rows entry (see [`GPU_BLOCK`]).
pub const GPU_ROWS_SUFFIX: &str = "r";

/// The shortest reduced row for which the runtime takes the rows entry. Measured on an
/// H100 (`bench/softmax.py`, 2^26 float32 elements as rows x cols, docs/PERFORMANCE.md):
/// a thread per row is faster up to 256 columns, the rows entry from 512 on.
pub const GPU_ROWS_MIN: i64 = 512;

/// The device global (`i64`) where a GPU kernel records a Python error: 0, or the code
/// (1-based) of an entry of the table [`GPU_ERROR_TABLE`] (see [`gpu_error_table`]).
pub const GPU_ERROR_FLAG: &str = "legatec_error";
/// The device global holding the text of the GPU error table, present when some kernel
/// may record an error.
pub const GPU_ERROR_TABLE: &str = "legatec_error_messages";

/// The text of the GPU error table: one NUL-terminated `kind:message` entry per error, in
/// code order (`kind` an `ERR_*` code).
pub fn gpu_error_table(errors: &[(i64, String)]) -> String {
    errors.iter().map(|(kind, message)| format!("{kind}:{message}\0")).collect()
}

/// The exception kind (an `ERR_*` code, -1 when unreadable) and the message of error `code`
/// (1-based) in the text of a GPU error table.
pub fn gpu_error_entry(table: &str, code: u64) -> (i64, &str) {
    let entry = table.split('\0').nth((code as usize).wrapping_sub(1)).unwrap_or("");
    let (kind, message) = entry.split_once(':').unwrap_or(("-1", entry));
    (kind.parse().unwrap_or(-1), message)
}

/// Calls `$m!` with the list of entry points: `Variant = name(arg: type, ...) -> ret;`,
/// where `Variant` names the entry point in [`EntryPoint`] and `name` is its C symbol.
/// Types are from the vocabulary `ptr`, `i64`, `f64`, `u64`, `void` (see [`AbiType`]).
#[macro_export]
macro_rules! for_each_entry_point {
    ($m:ident) => {
        $m! {
            /// Initialises the runtime with the program's arguments.
            Init = lt_init(argc: i64, argv: ptr) -> void;
            /// Flushes output and shuts the runtime down.
            Finalize = lt_finalize() -> void;
            /// A new uninitialised C-contiguous array; `shape` points at `ndim` int64. It is laid
            /// out over the ranks as the plan table says for the current statement (`lt_stmt`);
            /// replicated when the statement makes no array of the plan.
            ArrayNew = lt_array_new(dtype: i64, ndim: i64, shape: ptr) -> ptr;
            /// A new array with the broadcast shape of `n` arrays (`arrays` points at `n`
            /// descriptors), laid out as `lt_array_new`'s; the layout's `along` names an operand.
            /// `reuse` >= 0 names an operand whose buffer may become the new array's
            /// (`ir::ShapeSpec::Broadcast`); -1 none.
            ArrayNewBroadcast = lt_array_new_broadcast(dtype: i64, n: i64, arrays: ptr, reuse: i64) -> ptr;
            /// A new array with the shape of `src` without `axis`, laid out as `lt_array_new`'s
            /// (`along` is 0: `src`).
            ArrayNewReduced = lt_array_new_reduced(dtype: i64, src: ptr, axis: i64) -> ptr;
            /// Adds a reference (null is ignored).
            ArrayRetain = lt_array_retain(a: ptr) -> void;
            /// Drops a reference, freeing at zero (null is ignored).
            ArrayRelease = lt_array_release(a: ptr) -> void;
            /// A view of `src` by `n` index items (see `INDEX_*`); `items` points at `4 * n` int64.
            ArrayView = lt_array_view(src: ptr, n: i64, items: ptr) -> ptr;
            /// `a.shape[axis]`.
            ArrayDim = lt_array_dim(a: ptr, axis: i64) -> i64;
            /// `a.size`.
            ArraySize = lt_array_size(a: ptr) -> i64;
            /// Bits of `a[idx]` (`idx` points at `n` int64 with Python negative-index rules).
            ArrayGet = lt_array_get(a: ptr, n: i64, idx: ptr) -> u64;
            /// Stores bits into `a[idx]`.
            ArraySet = lt_array_set(a: ptr, n: i64, idx: ptr, bits: u64) -> void;
            /// Bits of part `part` (0 real, 1 imaginary: a float of the parts' dtype) of the
            /// complex element `a[idx]`.
            ArrayGetPart = lt_array_get_part(a: ptr, n: i64, idx: ptr, part: i64) -> u64;
            /// Stores the bits of one part of the complex element `a[idx]`.
            ArraySetPart = lt_array_set_part(a: ptr, n: i64, idx: ptr, part: i64, bits: u64) -> void;
            /// Runs a kernel (see `KernelFn`): validates broadcasting, guards against
            /// overlap of `dst` with inputs, and for reductions initialises and combines.
            /// `gpu` names the kernel's PTX entry (a C string; null when none was
            /// embedded), which takes the `n_scalars` scalars (see `GPU_BLOCK`).
            Launch = lt_launch(kernel: ptr, mode: i64, op: i64, dtype: i64, axis: i64, ndim: i64, dst: ptr, n_in: i64, ins: ptr, scalars: ptr, acc: ptr, gpu: ptr, n_scalars: i64, n_out: i64) -> void;
            /// Registers the PTX module (NUL-terminated text; empty for none); called by `main`
            /// right after `lt_init` when the executable carries GPU kernels.
            GpuModule = lt_gpu_module(ptx: ptr) -> void;
            /// Registers the plan table (`plan_table`, NUL-terminated text); called by `main`
            /// right after `lt_init`.
            Plan = lt_plan(table: ptr) -> void;
            /// Enters statement `index` of the plan table: what it makes and may communicate.
            Stmt = lt_stmt(index: i64) -> void;
            /// A library operation (see `LIB_*`) on `n` array arguments; returns a new array.
            Library = lt_library(op: i64, param: i64, n: i64, args: ptr) -> ptr;
            /// Prints `n` values: `kinds[i]` is a dtype code or `KIND_*`; `vals[i]` the bits
            /// or the pointer (str, array). `sep` and `end` are strings.
            Print = lt_print(n: i64, kinds: ptr, vals: ptr, sep: ptr, end: ptr) -> void;
            /// A string from `len` UTF-8 bytes at `bytes`.
            StrNew = lt_str_new(bytes: ptr, len: i64) -> ptr;
            /// Formats a value of kind `kind` with the Python format spec `spec` (a string).
            StrFormat = lt_str_format(kind: i64, bits: u64, spec: ptr) -> ptr;
            /// `str()` of a complex number of dtype code `dtype` from its parts' bits.
            StrComplex = lt_str_complex(dtype: i64, re: u64, im: u64) -> ptr;
            /// Concatenates two strings.
            StrConcat = lt_str_concat(a: ptr, b: ptr) -> ptr;
            /// Raises a Python exception: prints `Kind: message` to stderr and exits 1.
            Raise = lt_raise(kind: i64, message: ptr) -> void;
            /// Raises `OverflowError` for the Python int operation `op` (see `INT_OP_*`) of
            /// `x` and `y`, whose exact result does not fit in 64 bits.
            RaiseIntOverflow = lt_raise_int_overflow(op: i64, x: i64, y: i64) -> void;
            /// Raises `OverflowError` for `int(x)` of a finite float outside int64.
            RaiseFloatToInt = lt_raise_float_to_int(x: f64) -> void;
            /// `time.perf_counter()`.
            PerfCounter = lt_perf_counter() -> f64;
            /// `time.time()`.
            Time = lt_time() -> f64;
            /// `a.reshape(shape)` (`shape`: a 1-D int64 array, -1 inferred): a view if `a`
            /// is C-contiguous, else a view of a contiguous copy. With `in_place` non-zero
            /// (`a.shape = shape`), `a` must be C-contiguous (AttributeError otherwise).
            ArrayReshape = lt_array_reshape(a: ptr, shape: ptr, in_place: i64) -> ptr;
            /// `a.transpose(axes)` (`axes`: a 1-D int64 array, empty for reversed): a view.
            ArrayTranspose = lt_array_transpose(a: ptr, axes: ptr) -> ptr;
            /// `z.real` / `z.imag` (`imag` non-zero) of a complex array: a view of its real
            /// or imaginary parts (float64 of complex128, float32 of complex64), as NumPy's.
            ArrayPart = lt_array_part(a: ptr, imag: i64) -> ptr;
            /// Python's `round(x, ndigits)` of a float: correctly rounded, ties to even.
            PyRound = lt_py_round(x: f64, ndigits: i64) -> f64;
            /// Python's `a / b` of two ints: the quotient correctly rounded ([`int_true_div`]).
            IntTrueDiv = lt_int_true_div(a: i64, b: i64) -> f64;

            // Random numbers, bit for bit NumPy's (see `RNG_LEGACY` and `RANDOM_*`).
            /// `np.random.seed(seed)`, or `np.random.seed()` when `has_seed` is 0.
            RandomSeed = lt_random_seed(seed: i64, has_seed: i64) -> void;
            /// `np.random.default_rng(seed)` (or unseeded): a new generator's handle.
            RngNew = lt_rng_new(seed: i64, has_seed: i64) -> i64;
            /// Fills the float array `dst` in C order from generator `rng` with
            /// distribution `method` and parameters `p0`, `p1`.
            RandomFill = lt_random_fill(rng: i64, method: i64, dst: ptr, p0: f64, p1: f64) -> void;
            /// Fills the integer array `dst` in C order with integers between `low` and `high`.
            RandomFillInt = lt_random_fill_int(rng: i64, method: i64, dst: ptr, low: i64, high: i64) -> void;
            /// `np.<ufunc>.at(a, index, values)` (`op` an `AT_*` code): `index` int64 of shape
            /// (k, m), the positions along a's first k axes; `values` of m x (the rest of a's
            /// elements), float64 for a float `a`, else a's dtype. Updates `a` in place.
            UfuncAt = lt_ufunc_at(op: i64, a: ptr, index: ptr, values: ptr) -> void;
            /// Random positions (`INDICES_*`) into the int64 array `dst`, whole on every rank.
            RandomIndices = lt_random_indices(rng: i64, kind: i64, population: i64, dst: ptr) -> void;
            /// One float draw (`size=None`) of dtype `dtype`, widened to float64.
            RandomScalar = lt_random_scalar(rng: i64, method: i64, dtype: i64, p0: f64, p1: f64) -> f64;
            /// One integer draw (`size=None`) of dtype `dtype`.
            RandomScalarInt = lt_random_scalar_int(rng: i64, method: i64, dtype: i64, low: i64, high: i64) -> i64;
            /// Fills the int64 array `dst` in C order with counts drawn by `method`
            /// (`RANDOM_POISSON`, `RANDOM_BINOMIAL`) with the integer parameter `n` and the
            /// float parameter `p`.
            RandomFillDiscrete = lt_random_fill_discrete(rng: i64, method: i64, dst: ptr, n: i64, p: f64) -> void;
            /// One int64 draw (`size=None`) of `method` with parameters `n` and `p`.
            RandomScalarDiscrete = lt_random_scalar_discrete(rng: i64, method: i64, n: i64, p: f64) -> i64;
            /// `parser.parse_args()`: parses `sys.argv[1:]` against the parser described by
            /// `spec` (encoded by `argparse_spec::encode`); prints help or an error and exits
            /// (0 or 2) where argparse would. The getters below read the parsed values.
            ArgsParse = lt_args_parse(spec: ptr) -> void;
            /// The parsed int (or bool) of argument `index` (spec order).
            ArgsInt = lt_args_int(index: i64) -> i64;
            /// The parsed float of argument `index`.
            ArgsFloat = lt_args_float(index: i64) -> f64;
            /// The parsed str of argument `index`.
            ArgsStr = lt_args_str(index: i64) -> ptr;
            /// The parsed list of argument `index` as a new 1-D array of `dtype`.
            ArgsList = lt_args_list(index: i64, dtype: i64) -> ptr;
            /// `len(sys.argv)`.
            ArgvLen = lt_argv_len() -> i64;
            /// `sys.argv[start:][index]` (negative indices count from the end; `IndexError` outside).
            ArgvGet = lt_argv_get(start: i64, index: i64) -> ptr;
            /// `str(sys.argv[start:])`.
            ArgvRepr = lt_argv_repr(start: i64) -> ptr;
            /// `str(list)` of a list parsed by argparse, held as a 1-D int64/float64 array.
            ListRepr = lt_list_repr(a: ptr) -> ptr;
            /// A new empty Python list built at run time (`ir::Type::List`), reference-counted;
            /// `arrays` 1 when its items are arrays (each holds a reference), 0 for numbers (the
            /// bits of an f64 or an i64, as the compiler converts them).
            ListNew = lt_list_new(arrays: i64) -> ptr;
            /// Adds a reference to a list (null is ignored).
            ListRetain = lt_list_retain(l: ptr) -> void;
            /// Drops a reference to a list, freeing it (and releasing its arrays) at zero.
            ListRelease = lt_list_release(l: ptr) -> void;
            /// `len(l)`.
            ListLen = lt_list_len(l: ptr) -> i64;
            /// `l.append(x)` of a float.
            ListPushF = lt_list_push_f(l: ptr, x: f64) -> void;
            /// `l.append(x)` of an integer or bool.
            ListPushI = lt_list_push_i(l: ptr, x: i64) -> void;
            /// `l.append(a)` of an array: the list holds a reference to `a` itself.
            ListPushA = lt_list_push_a(l: ptr, a: ptr) -> void;
            /// `l.append(s)` of a string.
            ListPushS = lt_list_push_s(l: ptr, s: ptr) -> void;
            /// Item `i` of a list of strings.
            ListGetS = lt_list_get_s(l: ptr, i: i64) -> ptr;
            /// `l[i] = s` of a string.
            ListSetS = lt_list_set_s(l: ptr, i: i64, s: ptr) -> void;
            /// The position item `i` of `l` names (Python's negative indices), or Python's
            /// `IndexError` with `what` (0: "list index out of range", 1: "list assignment
            /// index out of range", 2: "pop index out of range", or "pop from empty list").
            ListIndex = lt_list_index(l: ptr, i: i64, what: i64) -> i64;
            /// Item `i` (a position from `lt_list_index`) of a list of floats.
            ListGetF = lt_list_get_f(l: ptr, i: i64) -> f64;
            /// Item `i` of a list of integers or bools.
            ListGetI = lt_list_get_i(l: ptr, i: i64) -> i64;
            /// Item `i` of a list of arrays: a new reference.
            ListGetA = lt_list_get_a(l: ptr, i: i64) -> ptr;
            /// `l[i] = x` (a position from `lt_list_index`) of a float.
            ListSetF = lt_list_set_f(l: ptr, i: i64, x: f64) -> void;
            /// `l[i] = x` of an integer or bool.
            ListSetI = lt_list_set_i(l: ptr, i: i64, x: i64) -> void;
            /// `l[i] = a` of an array (the list holds a reference to it).
            ListSetA = lt_list_set_a(l: ptr, i: i64, a: ptr) -> void;
            /// Removes item `i` (a position from `lt_list_index`), releasing an array.
            ListRemove = lt_list_remove(l: ptr, i: i64) -> void;
            /// Moves the last item to position `i`, clamped as `list.insert` clamps it.
            ListMoveLast = lt_list_move_last(l: ptr, i: i64) -> void;
            /// `l.extend(other)`: appends `other`'s items (arrays gain a reference).
            ListExtend = lt_list_extend(l: ptr, other: ptr) -> void;
            /// `l.copy()`, `l[:]`, `list(l)`: a new list of the same items.
            ListCopy = lt_list_copy(l: ptr) -> ptr;
            /// `l[start:stop:step]`: a new list; `given` has bit 1 where `start` is given, 2
            /// where `stop` is, 4 where `step` is.
            ListSlice = lt_list_slice(l: ptr, start: i64, stop: i64, step: i64, given: i64) -> ptr;
            /// `l.sort(reverse=...)` of a list of numbers, stable (`floats` 1: the items are
            /// f64 bits; a NaN among them is an error, Python's order of them being its
            /// comparisons' accident), or of strings (`floats` 2: by code points).
            ListSort = lt_list_sort(l: ptr, floats: i64, reverse: i64) -> void;
            /// Python's `sum(l)` of a list of Python ints or bools: `0 + x0 + x1 ...`, with
            /// legatec's OverflowError where an int would need more than 64 bits.
            ListSumI = lt_list_sum_i(l: ptr) -> i64;
            /// Python's `min(l)` (`max` 0) or `max(l)` (`max` 1) of a list of floats: the first
            /// item no later one is less (greater) than; a NaN first stays. ValueError for none.
            ListExtremeF = lt_list_extreme_f(l: ptr, max: i64) -> f64;
            /// The same of a list of integers or bools (`signed` 0: uint64 items).
            ListExtremeI = lt_list_extreme_i(l: ptr, max: i64, signed: i64) -> i64;
            /// `l.clear()`.
            ListClear = lt_list_clear(l: ptr) -> void;
            /// `l.reverse()`.
            ListReverse = lt_list_reverse(l: ptr) -> void;
            /// `str(l)`: items shown with `repr`. `kind`: a dtype code with `LIST_WEAK` added for
            /// Python numbers (`1.5`, `True`) rather than NumPy scalars (`np.float64(1.5)`), or
            /// `KIND_ARRAY`.
            ListStr = lt_list_str(l: ptr, kind: i64) -> ptr;
            /// `np.array(l)`: a new array of `dtype` holding the numbers of `l` (1-D), or its
            /// arrays stacked along a new first axis (they must have one shape).
            ListToArray = lt_list_to_array(l: ptr, dtype: i64) -> ptr;
            /// Python's `repr()` of a str.
            StrRepr = lt_str_repr(s: ptr) -> ptr;
            /// `repr(a)` of an array (`array([1., 2.])`), as a new str.
            ArrayRepr = lt_array_repr(a: ptr) -> ptr;
            /// Compares two strs by code points: -1, 0 or 1.
            StrCompare = lt_str_compare(a: ptr, b: ptr) -> i64;
            /// `int(s)` of a str (`ValueError` as Python's).
            StrToInt = lt_str_to_int(s: ptr) -> i64;
            /// `float(s)` of a str (`ValueError` as Python's).
            StrToFloat = lt_str_to_float(s: ptr) -> f64;
            /// `len(s)` of a str: its code points.
            StrLen = lt_str_len(s: ptr) -> i64;
            /// `s[i]` of a str: the code point at `i` (negative from the end) as a new str;
            /// Python's IndexError past either end.
            StrItem = lt_str_item(s: ptr, i: i64) -> ptr;
            /// `s[start:stop:step]` of a str (`given`: bit 0 a start given, bit 1 a stop
            /// given), as Python's slice of code points; ValueError for a step of 0.
            StrSlice = lt_str_slice(s: ptr, start: i64, stop: i64, step: i64, given: i64) -> ptr;
            /// A method of a str without arguments (`STR_LOWER`, `STR_UPPER`, `STR_STRIP`,
            /// `STR_LSTRIP`, `STR_RSTRIP`): a new str.
            StrCase = lt_str_case(s: ptr, op: i64) -> ptr;
            /// A search of `sub` in `s` (`STR_FIND`: the code point index of the first, or -1;
            /// `STR_COUNT`: how many without overlaps; `STR_STARTS`, `STR_ENDS`, `STR_CONTAINS`:
            /// 1 or 0).
            StrFind = lt_str_find(s: ptr, sub: ptr, op: i64) -> i64;
            /// `s.replace(old, new)`: a new str.
            StrReplace = lt_str_replace(s: ptr, old: ptr, new: ptr) -> ptr;
            /// `s.split()` (`whitespace` 1: at runs of whitespace, the ends stripped; `sep`
            /// ignored) or `s.split(sep)`: a new list of strings (Python's ValueError for an
            /// empty `sep`).
            StrSplit = lt_str_split(s: ptr, sep: ptr, whitespace: i64) -> ptr;
            /// Before a call of a function by itself: one level deeper, Python's
            /// RecursionError past `RECURSION_LIMIT` levels.
            RecursionEnter = lt_recursion_enter() -> void;
            /// After such a call: one level less.
            RecursionExit = lt_recursion_exit() -> void;
            /// `sys.exit(...)`: ends the program with status `code` (0: as at its end),
            /// first printing `message` on stderr where `has_message` is 1.
            Exit = lt_exit(code: i64, has_message: i64, message: ptr) -> void;
            /// `np.sort`: a sorted C-contiguous copy of `a` along `axis` (an axis of `a`),
            /// or of the flattened array when `axis` is `AXIS_FLATTENED`. NaN sorts last; stable.
            Sort = lt_sort(a: ptr, axis: i64) -> ptr;
            /// `a.sort(axis)`: sorts `a` in place along `axis` (an axis of `a`).
            SortInplace = lt_sort_inplace(a: ptr, axis: i64) -> void;
            /// `np.argsort`: the int64 indices that sort `a` along `axis` (or the flattened
            /// array when `axis` is `AXIS_FLATTENED`); a stable sort, NaN last.
            Argsort = lt_argsort(a: ptr, axis: i64) -> ptr;
            /// `np.searchsorted(a, v, side)` (`right` 1 for `side="right"`): a new int64 array
            /// of `v`'s shape; `a` 1-D and sorted, both of one dtype.
            Searchsorted = lt_searchsorted(a: ptr, v: ptr, right: i64) -> ptr;
            /// `np.bincount(x, minlength=...)`: int64 counts.
            Bincount = lt_bincount(x: ptr, minlength: i64) -> ptr;
            /// `np.set_printoptions(...)`: each option >= 0 replaces the current one.
            SetPrintOptions = lt_set_printoptions(precision: i64, threshold: i64, edge_items: i64, line_width: i64, suppress: i64) -> void;
            /// `np.convolve(a, v, mode)` of 1-D arrays of one dtype (int64, float32 or
            /// float64); `mode` 0 valid, 1 same, 2 full.
            Convolve = lt_convolve(a: ptr, v: ptr, mode: i64) -> ptr;
            /// `np.bincount(x, weights, minlength)`: float64 sums of the weights.
            BincountWeighted = lt_bincount_weighted(x: ptr, weights: ptr, minlength: i64) -> ptr;
            /// `np.cumsum` along `axis` (or of the flattened array when `AXIS_FLATTENED`), converting
            /// elements to `dtype` first.
            Cumsum = lt_cumsum(a: ptr, axis: i64, dtype: i64) -> ptr;
            /// `np.fft`: the transform `kind` (`FFT_*`) of `n` points along `axis`, scaled
            /// as `norm` (`FFT_NORM_*`) says, into a new array of `dtype`.
            Fft = lt_fft(a: ptr, n: i64, axis: i64, kind: i64, norm: i64, dtype: i64) -> ptr;
            /// `np.linalg.matrix_power(a, n)` of a square matrix for an `n` known at run time.
            MatrixPower = lt_matrix_power(a: ptr, n: i64) -> ptr;
            /// `np.cumprod`, as `lt_cumsum`.
            Cumprod = lt_cumprod(a: ptr, axis: i64, dtype: i64) -> ptr;
            /// `np.add.reduceat(a, indices, axis)` and `multiply`/`maximum`/`minimum` (`op`, a
            /// `REDUCE_*`): `a` of the result dtype `dtype`, `indices` 1-D int64.
            Reduceat = lt_reduceat(a: ptr, indices: ptr, axis: i64, op: i64, dtype: i64) -> ptr;
            /// `np.maximum.accumulate` (`max` 1) or `np.minimum.accumulate` (`max` 0) along
            /// `axis`, in `a`'s dtype.
            Cumextreme = lt_cumextreme(a: ptr, axis: i64, max: i64) -> ptr;
            /// `a[mask]` for a bool `mask` of `a`'s leading shape: a new array of shape
            /// `(count, *a.shape[mask.ndim:])`.
            MaskGet = lt_mask_get(a: ptr, mask: ptr) -> ptr;
            /// `a[mask] = values` (`values` has `a`'s dtype and broadcasts to the selection).
            MaskSet = lt_mask_set(a: ptr, mask: ptr, values: ptr) -> void;
            /// `a[index]` for an integer array `index` along axis 0: a new array of shape
            /// `index.shape + a.shape[1:]`.
            Gather = lt_gather(a: ptr, index: ptr) -> ptr;
            /// `a[index] = values` along axis 0; with repeated indices the last write wins.
            Scatter = lt_scatter(a: ptr, index: ptr, values: ptr) -> void;
            /// `a[i0, i1, ...]` with `k` integer index arrays on `a`'s first `k` axes, given
            /// broadcast and stacked as `index` of shape `(k, *shape)`: a new array of shape
            /// `shape + a.shape[k:]`. `axes` (1-D int64) numbers those axes in the array the
            /// program indexed, for the messages.
            GatherNd = lt_gather_nd(a: ptr, index: ptr, axes: ptr) -> ptr;
            /// `a[i0, i1, ...] = values`, the indices as for `lt_gather_nd`.
            ScatterNd = lt_scatter_nd(a: ptr, index: ptr, values: ptr, axes: ptr) -> void;
            /// `np.put(a, index, values, mode)`: writes `values` (1-D, `a`'s dtype, repeated as
            /// needed) at the flat C-order positions `index` (1-D int64) of `a`; `mode` 0
            /// raises NumPy's IndexError out of range, 1 wraps, 2 clips.
            Put = lt_put(a: ptr, index: ptr, values: ptr, mode: i64) -> void;
            /// `np.linalg` op `op` (a `LINALG_*` code) of the 1-D or 2-D array `a`: its
            /// results packed into a new 1-D array of `dtype` (float32 or float64).
            Linalg = lt_linalg(op: i64, a: ptr, param: f64, dtype: i64) -> ptr;
            /// `np.linalg.solve(a, b)`: a new array of `b`'s shape and `dtype`.
            LinalgSolve = lt_linalg_solve(a: ptr, b: ptr, dtype: i64) -> ptr;
            /// `np.linalg.lstsq(a, b, rcond)` (`rcond` NaN for NumPy's default) packed as
            /// `[rank, x, s, residuals]` (residuals only where rank == n < m).
            LinalgLstsq = lt_linalg_lstsq(a: ptr, b: ptr, rcond: f64, dtype: i64) -> ptr;
            /// `np.save(path, a)`: writes a `.npy` file (version 1.0) as NumPy does,
            /// appending `.npy` to a path that lacks it.
            NpySave = lt_npy_save(path: ptr, a: ptr) -> void;
            /// `np.load(path)` of a `.npy` file that must hold an array of `dtype` and `ndim`
            /// dimensions (a ValueError otherwise).
            NpyLoad = lt_npy_load(path: ptr, dtype: i64, ndim: i64) -> ptr;

            // Dataframes (`runtime-frame`; the operations are described in `frame_spec`).
            /// Pushes array `a` (taking a new reference) as the next operand of a dataframe operation.
            FramePush = lt_frame_push(a: ptr) -> void;
            /// Pushes an int as the next operand of a dataframe operation.
            FramePushInt = lt_frame_push_int(v: i64) -> void;
            /// Pushes a string (a path) as the next operand of a dataframe operation.
            FramePushStr = lt_frame_push_str(s: ptr) -> void;
            /// Runs the dataframe operation `spec` (a string, see `frame_spec`) that produces
            /// text, on the operands pushed since the last operation (it consumes them): a new str.
            FrameText = lt_frame_text(spec: ptr) -> ptr;
            /// Runs the dataframe operation `spec` that makes arrays, on the operands pushed
            /// since the last operation (it consumes them); `lt_frame_pop` takes its results.
            FrameRun = lt_frame_run(spec: ptr) -> void;
            /// The next result of the last `lt_frame_run`, in order: a new array.
            FramePop = lt_frame_pop() -> ptr;
        }
    };
}

/// A type of the ABI's vocabulary (`ptr`, `i64`, `u64`, `f64`): how an entry
/// point's parameter or result is passed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AbiType {
    /// A pointer (arrays, strings, buffers).
    Ptr,
    I64,
    /// Raw bits in a 64-bit word (an `i64` to LLVM).
    U64,
    F64,
}

/// The C signature of an entry point.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Signature {
    /// The parameters' names and types, in order.
    pub params: &'static [(&'static str, AbiType)],
    /// The result type (`None` for `void`).
    pub ret: Option<AbiType>,
}

/// Maps a word of the type vocabulary to `Option<AbiType>` (`None` for `void`).
#[doc(hidden)]
#[macro_export]
macro_rules! abi_type_of_word {
    (ptr) => { Some($crate::AbiType::Ptr) };
    (i64) => { Some($crate::AbiType::I64) };
    (u64) => { Some($crate::AbiType::U64) };
    (f64) => { Some($crate::AbiType::F64) };
    (void) => { None };
}

/// Maps a word of the type vocabulary to the `AbiType` of a parameter (`void` has none).
#[doc(hidden)]
#[macro_export]
macro_rules! abi_param_type {
    (ptr) => { $crate::AbiType::Ptr };
    (i64) => { $crate::AbiType::I64 };
    (u64) => { $crate::AbiType::U64 };
    (f64) => { $crate::AbiType::F64 };
}

macro_rules! define_entry_points {
    ($( $(#[$doc:meta])* $variant:ident = $name:ident ( $($arg:ident : $ty:ident),* $(,)? ) -> $ret:ident ; )*) => {
        /// A runtime entry point, one variant per entry of [`for_each_entry_point!`] (whose
        /// documentation each variant carries). The IR names the entry point a `Runtime`
        /// statement calls by this type, so a misspelt name does not compile.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum EntryPoint {
            $( $(#[$doc])* $variant, )*
        }

        impl EntryPoint {
            /// Every entry point, in the list's order.
            pub const ALL: &'static [EntryPoint] = &[$(EntryPoint::$variant),*];

            /// The C symbol (`lt_array_reshape`).
            pub fn name(self) -> &'static str {
                match self {
                    $( EntryPoint::$variant => stringify!($name), )*
                }
            }

            /// The entry point whose C symbol is `name`.
            pub fn from_name(name: &str) -> Option<EntryPoint> {
                match name {
                    $( stringify!($name) => Some(EntryPoint::$variant), )*
                    _ => None,
                }
            }

            /// The C signature.
            pub fn signature(self) -> Signature {
                match self {
                    $(
                        EntryPoint::$variant => Signature {
                            params: &[$((stringify!($arg), $crate::abi_param_type!($ty))),*],
                            ret: $crate::abi_type_of_word!($ret),
                        },
                    )*
                }
            }
        }
    };
}

for_each_entry_point!(define_entry_points);

impl EntryPoint {
    /// Whether the entry point never returns (it raises a Python exception and exits).
    pub fn never_returns(self) -> bool {
        matches!(self, EntryPoint::Raise | EntryPoint::RaiseIntOverflow | EntryPoint::RaiseFloatToInt)
    }
}

impl core::fmt::Display for EntryPoint {
    /// The C symbol, as the IR's text form prints it.
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entry_points_are_named_by_their_c_symbols() {
        assert_eq!(EntryPoint::ArrayReshape.name(), "lt_array_reshape");
        assert_eq!(EntryPoint::ArrayReshape.to_string(), "lt_array_reshape");
        for &entry in EntryPoint::ALL {
            assert_eq!(EntryPoint::from_name(entry.name()), Some(entry));
            assert!(entry.name().starts_with("lt_"), "{entry:?}");
        }
        assert_eq!(EntryPoint::from_name("lt_no_such_thing"), None);
        let names: std::collections::HashSet<&str> = EntryPoint::ALL.iter().map(|e| e.name()).collect();
        assert_eq!(names.len(), EntryPoint::ALL.len(), "two entry points share a C symbol");
    }

    #[test]
    fn gpu_error_table_entries_decode() {
        let table = gpu_error_table(&[(ERR_VALUE, "math domain error".into()), (ERR_OVERFLOW, "a: b".into())]);
        assert_eq!(table, "2:math domain error\03:a: b\0");
        assert_eq!(gpu_error_entry(&table, 1), (ERR_VALUE, "math domain error"));
        assert_eq!(gpu_error_entry(&table, 2), (ERR_OVERFLOW, "a: b"));
        assert_eq!(gpu_error_entry(&table, 3), (-1, ""));
        assert_eq!(gpu_error_entry("x", 1), (-1, "x"));
    }

    #[test]
    fn signatures_follow_the_list() {
        let get = EntryPoint::ArrayGet.signature();
        assert_eq!(get.params, &[("a", AbiType::Ptr), ("n", AbiType::I64), ("idx", AbiType::Ptr)]);
        assert_eq!(get.ret, Some(AbiType::U64));
        assert_eq!(EntryPoint::Finalize.signature(), Signature { params: &[], ret: None });
        assert_eq!(EntryPoint::PerfCounter.signature().ret, Some(AbiType::F64));
        assert!(EntryPoint::Raise.never_returns());
        assert!(!EntryPoint::Print.never_returns());
    }
}
