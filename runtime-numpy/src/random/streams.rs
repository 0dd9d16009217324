//! The random streams of a running program: NumPy's legacy global state
//! (`RNG_LEGACY`) and the `Generator`s made by `default_rng`, by handle; and
//! the dispatch of the `lt_random_*` entry points to their distributions.
//!
//! A fill of a distributed array split by rows ([`held_block`]) draws, on each
//! rank, only the elements of the rows that rank stores, with no
//! communication: the rank moves its generator over the elements before them,
//! draws them, and moves it over the rest, so that every rank ends in the state
//! a whole fill leaves. Moving over elements is a jump where every element
//! consumes a fixed number of words (`runtime_abi::random_draws_jump`), else
//! drawing and dropping them a chunk at a time.

use std::sync::{Mutex, MutexGuard};

use runtime_abi::{
    random_draws_jump, ArrayDesc, DTYPE_F32, DTYPE_F64, DTYPE_I16, DTYPE_I32, DTYPE_I64, DTYPE_I8, DTYPE_U16, DTYPE_U32, DTYPE_U64,
    DTYPE_U8, INDICES_CHOICE, INDICES_CHOICE_UNSHUFFLED, INDICES_PERMUTATION, RANDOM_BETA, RANDOM_BINOMIAL, RANDOM_POISSON, RANDOM_EXPONENTIAL, RANDOM_GAMMA, RANDOM_INTEGERS, RANDOM_INTEGERS_CLOSED,
    RANDOM_NORMAL, RANDOM_STANDARD_NORMAL, RANDOM_STANDARD_UNIFORM, RANDOM_UNIFORM, RNG_LEGACY,
};

use super::{Generator, IntWidth, RandomState};
use runtime_core::{array, dist, gpu};
use runtime_core::errors::{RtError, RtResult};

struct Streams {
    /// Made from OS entropy at its first use unless `np.random.seed` came first.
    legacy: Option<RandomState>,
    generators: Vec<Generator>,
}

static STREAMS: Mutex<Streams> = Mutex::new(Streams { legacy: None, generators: Vec::new() });

fn streams() -> MutexGuard<'static, Streams> {
    // A panic cannot leave the streams half-updated in a way that matters:
    // the program exits on any error.
    STREAMS.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// One generator, borrowed from the registry.
enum Stream<'a> {
    Legacy(&'a mut RandomState),
    Generator(&'a mut Generator),
}

impl Stream<'_> {
    fn reborrow(&mut self) -> Stream<'_> {
        match self {
            Stream::Legacy(state) => Stream::Legacy(state),
            Stream::Generator(generator) => Stream::Generator(generator),
        }
    }
}

fn with_stream<T>(rng: i64, f: impl FnOnce(Stream) -> RtResult<T>) -> RtResult<T> {
    let mut guard = streams();
    if rng == RNG_LEGACY {
        let legacy = guard.legacy.get_or_insert_with(RandomState::from_entropy);
        return f(Stream::Legacy(legacy));
    }
    let generator = usize::try_from(rng)
        .ok()
        .and_then(|index| guard.generators.get_mut(index))
        .ok_or_else(|| RtError::internal(format!("unknown random generator handle {rng}")))?;
    f(Stream::Generator(generator))
}

/// `np.random.seed(seed)`; `None` reseeds from OS entropy.
pub fn seed_legacy(seed: Option<i64>) -> RtResult<()> {
    let mut guard = streams();
    match seed {
        Some(seed) => {
            let mut state = RandomState::from_seed(0);
            state.seed(seed)?;
            guard.legacy = Some(state);
        }
        None => guard.legacy = Some(RandomState::from_entropy()),
    }
    Ok(())
}

/// `np.random.default_rng(seed)`: registers a new generator, returns its handle.
pub fn new_generator(seed: Option<i64>) -> RtResult<i64> {
    let generator = match seed {
        Some(seed) => Generator::from_signed_seed(seed)?,
        None => Generator::from_entropy(),
    };
    let mut guard = streams();
    guard.generators.push(generator);
    Ok(guard.generators.len() as i64 - 1)
}

/// Where draws go: a slice of one of the supported dtypes.
enum Out<'a> {
    F64(&'a mut [f64]),
    F32(&'a mut [f32]),
    I64(&'a mut [i64]),
    I32(&'a mut [i32]),
}

/// Draws float values (`method` one of the float distributions).
fn draw_floats(stream: Stream, method: i64, out: Out, p0: f64, p1: f64) -> RtResult<()> {
    match (stream, method, out) {
        (Stream::Legacy(state), RANDOM_STANDARD_UNIFORM, Out::F64(out)) => state.random_sample(out),
        (Stream::Legacy(state), RANDOM_STANDARD_NORMAL, Out::F64(out)) => state.standard_normal(out),
        (Stream::Legacy(state), RANDOM_UNIFORM, Out::F64(out)) => state.uniform(p0, p1, out)?,
        (Stream::Legacy(state), RANDOM_NORMAL, Out::F64(out)) => state.normal(p0, p1, out)?,
        (Stream::Legacy(state), RANDOM_EXPONENTIAL, Out::F64(out)) => state.exponential(p0, out)?,
        (Stream::Generator(generator), RANDOM_STANDARD_UNIFORM, Out::F64(out)) => generator.random_f64(out),
        (Stream::Generator(generator), RANDOM_STANDARD_UNIFORM, Out::F32(out)) => generator.random_f32(out),
        (Stream::Generator(generator), RANDOM_STANDARD_NORMAL, Out::F64(out)) => generator.standard_normal_f64(out),
        (Stream::Generator(generator), RANDOM_STANDARD_NORMAL, Out::F32(out)) => generator.standard_normal_f32(out),
        (Stream::Generator(generator), RANDOM_UNIFORM, Out::F64(out)) => generator.uniform(p0, p1, out)?,
        (Stream::Generator(generator), RANDOM_NORMAL, Out::F64(out)) => generator.normal(p0, p1, out)?,
        (Stream::Generator(generator), RANDOM_EXPONENTIAL, Out::F64(out)) => generator.exponential_f64(p0, out)?,
        (Stream::Generator(generator), RANDOM_EXPONENTIAL, Out::F32(out)) => generator.standard_exponential_f32(out),
        (Stream::Legacy(state), RANDOM_GAMMA, Out::F64(out)) => state.gamma(p0, p1, out)?,
        (Stream::Legacy(state), RANDOM_BETA, Out::F64(out)) => state.beta(p0, p1, out)?,
        (Stream::Generator(generator), RANDOM_GAMMA, Out::F64(out)) => generator.gamma_f64(p0, p1, out)?,
        (Stream::Generator(generator), RANDOM_GAMMA, Out::F32(out)) => generator.standard_gamma_f32(p0, out)?,
        (Stream::Generator(generator), RANDOM_BETA, Out::F64(out)) => generator.beta(p0, p1, out)?,
        _ => return Err(RtError::internal(format!("random method {method} has no float form for this generator"))),
    }
    Ok(())
}

/// Draws integers in [low, high) or [low, high]. `is_scalar`: `size=None`.
fn draw_ints(stream: Stream, method: i64, out: Out, low: i64, high: i64, is_scalar: bool) -> RtResult<()> {
    let endpoint = match method {
        RANDOM_INTEGERS => false,
        RANDOM_INTEGERS_CLOSED => true,
        _ => return Err(RtError::internal(format!("random method {method} is not an integer distribution"))),
    };
    match (stream, out) {
        (Stream::Legacy(state), Out::I64(out)) if !endpoint => state.randint_i64(low, high, is_scalar, out),
        (Stream::Legacy(state), Out::I32(out)) if !endpoint => state.randint_i32(low, high, is_scalar, out),
        (Stream::Generator(generator), Out::I64(out)) => generator.integers_i64(low, high, endpoint, is_scalar, out),
        (Stream::Generator(generator), Out::I32(out)) => generator.integers_i32(low, high, endpoint, is_scalar, out),
        _ => Err(RtError::internal("no integer draws of this dtype for this generator")),
    }
}

/// Draws int64 counts (`RANDOM_POISSON` with `lam = p`, `RANDOM_BINOMIAL`); a
/// `Generator`'s only.
fn draw_discrete(stream: Stream, method: i64, out: &mut [i64], n: i64, p: f64) -> RtResult<()> {
    match (stream, method) {
        (Stream::Generator(generator), RANDOM_POISSON) => generator.poisson(p, out),
        (Stream::Generator(generator), RANDOM_BINOMIAL) => generator.binomial(n, p, out),
        _ => Err(RtError::internal(format!("random method {method} has no int64 count form for this generator"))),
    }
}

/// The width of an integer dtype without a typed draw path of its own (all but int64 and
/// int32): its draws go through raw words ([`draw_words`]).
fn word_width(dtype: i64) -> Option<IntWidth> {
    Some(match dtype {
        DTYPE_I8 => IntWidth::I8,
        DTYPE_U8 => IntWidth::U8,
        DTYPE_I16 => IntWidth::I16,
        DTYPE_U16 => IntWidth::U16,
        DTYPE_U32 => IntWidth::U32,
        DTYPE_U64 => IntWidth::U64,
        _ => return None,
    })
}

/// Values `[first, first + out.len())` of a fill of `total` integers of `width` (of one
/// `size=None` draw when `is_scalar`), as raw words.
#[allow(clippy::too_many_arguments)]
fn draw_words(stream: Stream, method: i64, width: IntWidth, low: i64, high: i64, total: usize, first: usize, out: &mut [u64], is_scalar: bool) -> RtResult<()> {
    let endpoint = method == RANDOM_INTEGERS_CLOSED;
    match stream {
        Stream::Legacy(state) if !endpoint => state.randint_words(low, high, is_scalar, width, total, first, out),
        Stream::Generator(generator) => generator.integers_words(low, high, endpoint, is_scalar, width, total, first, out),
        Stream::Legacy(_) => Err(RtError::internal("legacy randint has no closed interval")),
    }
}

/// Stores raw words into the elements `[first, first + words.len())` of `desc` in C order
/// (a part only of a contiguous array).
unsafe fn store_words(desc: &ArrayDesc, first: usize, words: &[u64]) -> RtResult<()> {
    let item = array::elem_size(desc.dtype)?;
    let shape = array::shape(desc);
    if is_c_contiguous(desc) {
        for (k, &word) in words.iter().enumerate() {
            let at = desc.data.wrapping_add((first + k) * item);
            unsafe { array::write_bits(at, desc.dtype, word) };
        }
        return Ok(());
    }
    if first != 0 {
        return Err(RtError::internal("a part of a strided array filled with random integers"));
    }
    let mut values = words.iter();
    array::for_each_index(shape, |index| {
        let at = array::offset_ptr(desc.data, array::strides(desc), index, item);
        unsafe { array::write_bits(at, desc.dtype, values.next().copied().unwrap_or(0)) };
    });
    Ok(())
}

/// True when the elements of `desc` are laid out in C order without gaps.
fn is_c_contiguous(desc: &ArrayDesc) -> bool {
    let shape = array::shape(desc);
    let expected = array::contiguous_strides(shape);
    shape.iter().zip(array::strides(desc)).zip(&expected).all(|((&extent, &stride), &want)| extent <= 1 || stride == want)
}

/// Runs `draw` on a slice of `T` covering the array in C order: the array's
/// own memory when it is contiguous, else a scratch buffer scattered back.
///
/// # Safety
/// `desc` must be a live descriptor whose elements have type `T`.
unsafe fn with_elements<T: Copy + Default>(
    desc: &ArrayDesc,
    draw: impl FnOnce(&mut [T]) -> RtResult<()>,
) -> RtResult<()> {
    let shape = array::shape(desc);
    let count = array::shape_size(shape).max(0) as usize;
    if count == 0 || is_c_contiguous(desc) {
        let slice = if count == 0 {
            &mut []
        } else {
            unsafe { std::slice::from_raw_parts_mut(desc.data as *mut T, count) }
        };
        return draw(slice);
    }
    let mut scratch = runtime_core::memory::try_filled(count, T::default(), shape, desc.dtype)?;
    draw(&mut scratch)?;
    let mut values = scratch.into_iter();
    let item = std::mem::size_of::<T>();
    array::for_each_index(shape, |index| {
        let element = array::offset_ptr(desc.data, array::strides(desc), index, item) as *mut T;
        unsafe { element.write(values.next().unwrap_or_default()) };
    });
    Ok(())
}

/// Fills a float array (`lt_random_fill`).
///
/// # Safety
/// `desc` must be a live descriptor.
pub unsafe fn fill_floats(rng: i64, method: i64, desc: &ArrayDesc, p0: f64, p1: f64) -> RtResult<()> {
    with_stream(rng, |stream| match desc.dtype {
        DTYPE_F64 => unsafe { with_elements(desc, |out| draw_floats(stream, method, Out::F64(out), p0, p1)) },
        DTYPE_F32 => unsafe { with_elements(desc, |out| draw_floats(stream, method, Out::F32(out), p0, p1)) },
        other => Err(RtError::internal(format!("random floats into an array of {}", array::dtype_name(other)))),
    })
}

/// Fills an integer array (`lt_random_fill_int`).
///
/// # Safety
/// `desc` must be a live descriptor.
pub unsafe fn fill_ints(rng: i64, method: i64, desc: &ArrayDesc, low: i64, high: i64) -> RtResult<()> {
    with_stream(rng, |stream| match desc.dtype {
        DTYPE_I64 => unsafe { with_elements(desc, |out| draw_ints(stream, method, Out::I64(out), low, high, false)) },
        DTYPE_I32 => unsafe { with_elements(desc, |out| draw_ints(stream, method, Out::I32(out), low, high, false)) },
        other => match word_width(other) {
            Some(width) => {
                let total = array::shape_size(array::shape(desc)).max(0) as usize;
                let mut words = runtime_core::memory::try_vec(total, array::shape(desc), other)?;
                words.resize(total, 0u64);
                draw_words(stream, method, width, low, high, total, 0, &mut words, false)?;
                unsafe { store_words(desc, 0, &words) }
            }
            None => Err(RtError::internal(format!("random integers into an array of {}", array::dtype_name(other)))),
        },
    })
}

/// Fills an int64 array with counts (`lt_random_fill_discrete`).
///
/// # Safety
/// `desc` must be a live descriptor.
pub unsafe fn fill_discrete(rng: i64, method: i64, desc: &ArrayDesc, n: i64, p: f64) -> RtResult<()> {
    with_stream(rng, |stream| match desc.dtype {
        DTYPE_I64 => unsafe { with_elements(desc, |out| draw_discrete(stream, method, out, n, p)) },
        other => Err(RtError::internal(format!("random counts into an array of {}", array::dtype_name(other)))),
    })
}

/// Random positions (`lt_random_indices`): `permutation(population)` or
/// `choice(population, size, replace=False)` into the int64 array `desc` of `size`
/// elements, as NumPy draws them (the legacy state's choice is a permutation's head).
///
/// # Safety
/// `desc` must be a live descriptor of an int64 array held whole.
pub unsafe fn fill_indices(rng: i64, kind: i64, population: i64, desc: &ArrayDesc) -> RtResult<()> {
    if desc.dtype != DTYPE_I64 {
        return Err(RtError::internal("random positions into an array that is not int64"));
    }
    let size = array::shape_size(array::shape(desc)).max(0);
    let values = with_stream(rng, |stream| match (stream, kind) {
        (Stream::Legacy(state), INDICES_PERMUTATION) => Ok(state.permutation(population.max(0) as usize)),
        (Stream::Generator(generator), INDICES_PERMUTATION) => Ok(generator.permutation(population.max(0) as usize)),
        (Stream::Legacy(state), INDICES_CHOICE) => {
            if size > population {
                return Err(RtError::value("Cannot take a larger sample than population when 'replace=False'"));
            }
            let mut all = state.permutation(population.max(0) as usize);
            all.truncate(size as usize);
            Ok(all)
        }
        (Stream::Generator(generator), INDICES_CHOICE | INDICES_CHOICE_UNSHUFFLED) => {
            generator.choice_without_replacement(population, size, kind == INDICES_CHOICE)
        }
        _ => Err(RtError::internal(format!("random positions of kind {kind} for this generator"))),
    })?;
    if values.len() != size as usize {
        return Err(RtError::internal("random positions of the wrong count"));
    }
    gpu::host_write(desc)?;
    unsafe {
        with_elements(desc, |out: &mut [i64]| {
            out.copy_from_slice(&values);
            Ok(())
        })
    }
}

/// The elements a rank draws of a fill of a distributed array: `[lo, hi)` of
/// `total`, in C order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Block {
    pub lo: usize,
    pub hi: usize,
    pub total: usize,
}

/// For a distributed destination (rows over ranks) whose axis 0 is its rows
/// with step 1 and whose elements lie in C order from the start of a row (a
/// new array), the elements of the rows this rank stores: its own rows and its
/// ghost rows, so that the ghost rows stay current. `None` where a fill takes
/// the whole-array path.
pub fn held_block(desc: &ArrayDesc) -> Option<Block> {
    let distribution = array::dist_of(desc)?;
    let (lo, hi) = dist::held_rows(desc)?;
    if !is_c_contiguous(desc) {
        return None;
    }
    let shape = array::shape(desc);
    let row_elems = array::shape_size(&shape[1..]);
    let item = distribution.item as isize;
    let offset = desc.data as isize - distribution.origin as isize;
    if row_elems <= 0 || offset % item != 0 || (offset / item) as i64 % row_elems != 0 {
        return None;
    }
    let element = |row: i64| (row * row_elems) as usize;
    Some(Block { lo: element(lo), hi: element(hi), total: element(shape[0]) })
}

/// Elements passed over by drawing them into a scratch buffer of at most this many.
const DISCARD_CHUNK: usize = 1 << 14;

/// Moves `stream` over `count` elements of a fill of `dtype` by `method`:
/// a jump where `random_draws_jump` says each consumes fixed words, else by
/// drawing them (`draw`) a chunk at a time and dropping them.
fn pass_over<T: Copy + Default>(
    stream: &mut Stream,
    method: i64,
    dtype: i64,
    count: usize,
    draw: &mut impl FnMut(Stream, &mut [T]) -> RtResult<()>,
) -> RtResult<()> {
    if count == 0 {
        return Ok(());
    }
    let legacy = matches!(stream, Stream::Legacy(_));
    if random_draws_jump(legacy, method, dtype) {
        match (stream, dtype) {
            (Stream::Legacy(state), DTYPE_F64) => state.jump_doubles(count as u64),
            (Stream::Generator(generator), DTYPE_F64) => generator.bit_generator().skip_u64(count as u128),
            (Stream::Generator(generator), DTYPE_F32) => generator.bit_generator().skip_u32(count as u128),
            _ => return Err(RtError::internal(format!("no jump over random draws of dtype {}", array::dtype_name(dtype)))),
        }
        return Ok(());
    }
    let mut scratch = vec![T::default(); count.min(DISCARD_CHUNK)];
    let mut left = count;
    while left > 0 {
        let chunk = left.min(DISCARD_CHUNK);
        draw(stream.reborrow(), &mut scratch[..chunk])?;
        left -= chunk;
    }
    Ok(())
}

/// Draws this rank's `block` of a fill of `desc` into its memory, passing over
/// the elements before and after it.
///
/// # Safety
/// `desc` must be live, with elements of type `T`, C-contiguous, and hold the
/// elements of `block` (as [`held_block`] gives).
unsafe fn draw_block<T: Copy + Default>(
    mut stream: Stream,
    method: i64,
    desc: &ArrayDesc,
    block: Block,
    mut draw: impl FnMut(Stream, &mut [T]) -> RtResult<()>,
) -> RtResult<()> {
    gpu::host_write(desc)?;
    pass_over(&mut stream, method, desc.dtype, block.lo, &mut draw)?;
    let own: &mut [T] = if block.hi > block.lo {
        unsafe { std::slice::from_raw_parts_mut((desc.data as *mut T).add(block.lo), block.hi - block.lo) }
    } else {
        &mut []
    };
    // Called even for no elements: parameter checks raise on every rank.
    draw(stream.reborrow(), own)?;
    pass_over(&mut stream, method, desc.dtype, block.total - block.hi, &mut draw)
}

/// Fills this rank's `block` of a distributed float array (`lt_random_fill`),
/// leaving the generator as the whole fill does.
///
/// # Safety
/// `desc` must be a live descriptor and `block` its [`held_block`].
pub unsafe fn fill_floats_block(rng: i64, method: i64, desc: &ArrayDesc, block: Block, p0: f64, p1: f64) -> RtResult<()> {
    with_stream(rng, |stream| match desc.dtype {
        DTYPE_F64 => unsafe {
            draw_block(stream, method, desc, block, |s, out| draw_floats(s, method, Out::F64(out), p0, p1))
        },
        DTYPE_F32 => unsafe {
            draw_block(stream, method, desc, block, |s, out| draw_floats(s, method, Out::F32(out), p0, p1))
        },
        other => Err(RtError::internal(format!("random floats into an array of {}", array::dtype_name(other)))),
    })
}

/// Fills this rank's `block` of a distributed integer array (`lt_random_fill_int`),
/// leaving the generator as the whole fill does.
///
/// # Safety
/// `desc` must be a live descriptor and `block` its [`held_block`].
pub unsafe fn fill_ints_block(rng: i64, method: i64, desc: &ArrayDesc, block: Block, low: i64, high: i64) -> RtResult<()> {
    with_stream(rng, |stream| match desc.dtype {
        DTYPE_I64 => unsafe {
            draw_block(stream, method, desc, block, |s, out| draw_ints(s, method, Out::I64(out), low, high, false))
        },
        DTYPE_I32 => unsafe {
            draw_block(stream, method, desc, block, |s, out| draw_ints(s, method, Out::I32(out), low, high, false))
        },
        // 8- and 16-bit values share 32-bit draws within one fill: drawn within the whole
        // fill, this rank's kept.
        other => match word_width(other) {
            Some(width) => {
                gpu::host_write(desc)?;
                let mut words = vec![0u64; block.hi - block.lo];
                draw_words(stream, method, width, low, high, block.total, block.lo, &mut words, false)?;
                unsafe { store_words(desc, block.lo, &words) }
            }
            None => Err(RtError::internal(format!("random integers into an array of {}", array::dtype_name(other)))),
        },
    })
}

/// Fills this rank's `block` of a distributed int64 array with counts
/// (`lt_random_fill_discrete`), drawing through the other ranks' elements (each count
/// takes a varying number of draws), leaving the generator as the whole fill does.
///
/// # Safety
/// `desc` must be a live descriptor and `block` its [`held_block`].
pub unsafe fn fill_discrete_block(rng: i64, method: i64, desc: &ArrayDesc, block: Block, n: i64, p: f64) -> RtResult<()> {
    with_stream(rng, |stream| match desc.dtype {
        DTYPE_I64 => unsafe { draw_block(stream, method, desc, block, |s, out| draw_discrete(s, method, out, n, p)) },
        other => Err(RtError::internal(format!("random counts into an array of {}", array::dtype_name(other)))),
    })
}

/// One int64 count (`lt_random_scalar_discrete`).
pub fn scalar_discrete(rng: i64, method: i64, n: i64, p: f64) -> RtResult<i64> {
    with_stream(rng, |stream| {
        let mut value = [0i64];
        draw_discrete(stream, method, &mut value, n, p)?;
        Ok(value[0])
    })
}

/// One float draw of dtype `dtype`, widened to float64 (`lt_random_scalar`).
pub fn scalar_float(rng: i64, method: i64, dtype: i64, p0: f64, p1: f64) -> RtResult<f64> {
    with_stream(rng, |stream| match dtype {
        DTYPE_F64 => {
            let mut value = [0.0f64];
            draw_floats(stream, method, Out::F64(&mut value), p0, p1)?;
            Ok(value[0])
        }
        DTYPE_F32 => {
            let mut value = [0.0f32];
            draw_floats(stream, method, Out::F32(&mut value), p0, p1)?;
            Ok(value[0] as f64)
        }
        other => Err(RtError::internal(format!("a random float of dtype {}", array::dtype_name(other)))),
    })
}

/// One integer draw of dtype `dtype` (`lt_random_scalar_int`).
pub fn scalar_int(rng: i64, method: i64, dtype: i64, low: i64, high: i64) -> RtResult<i64> {
    with_stream(rng, |stream| match dtype {
        DTYPE_I64 => {
            let mut value = [0i64];
            draw_ints(stream, method, Out::I64(&mut value), low, high, true)?;
            Ok(value[0])
        }
        DTYPE_I32 => {
            let mut value = [0i32];
            draw_ints(stream, method, Out::I32(&mut value), low, high, true)?;
            Ok(value[0] as i64)
        }
        other => match word_width(other) {
            Some(width) => {
                let mut value = [0u64];
                draw_words(stream, method, width, low, high, 1, 0, &mut value, true)?;
                Ok(runtime_abi::int_to_bits(other, i128::from(value[0])) as i64)
            }
            None => Err(RtError::internal(format!("a random integer of dtype {}", array::dtype_name(other)))),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A generator of either kind in some state, owned by the test.
    #[derive(Clone, Debug, PartialEq)]
    enum Owned {
        Legacy(RandomState),
        Generator(Generator),
    }

    impl Owned {
        fn stream(&mut self) -> Stream<'_> {
            match self {
                Owned::Legacy(state) => Stream::Legacy(state),
                Owned::Generator(generator) => Stream::Generator(generator),
            }
        }
    }

    /// Starting states: fresh, and after draws that leave a cached Gaussian or a
    /// buffered 32-bit half.
    fn starts() -> Vec<Owned> {
        let mut legacy = RandomState::from_seed(77);
        let fresh_legacy = legacy.clone();
        legacy.gauss();
        let mut generator = Generator::from_seed(5);
        let fresh_generator = generator.clone();
        generator.random_f32(&mut [0.0f32]);
        vec![Owned::Legacy(fresh_legacy), Owned::Legacy(legacy), Owned::Generator(fresh_generator), Owned::Generator(generator)]
    }

    /// Every (method, dtype, parameters) the dispatch supports.
    const FILLS: [(i64, i64, f64, f64); 19] = [
        (RANDOM_STANDARD_UNIFORM, DTYPE_F64, 0.0, 0.0),
        (RANDOM_STANDARD_UNIFORM, DTYPE_F32, 0.0, 0.0),
        (RANDOM_UNIFORM, DTYPE_F64, -2.0, 5.0),
        (RANDOM_STANDARD_NORMAL, DTYPE_F64, 0.0, 0.0),
        (RANDOM_STANDARD_NORMAL, DTYPE_F32, 0.0, 0.0),
        (RANDOM_NORMAL, DTYPE_F64, 1.0, 3.0),
        (RANDOM_INTEGERS, DTYPE_I64, 0.0, 1000.0),
        (RANDOM_INTEGERS, DTYPE_I64, -3.0, 1e12),
        (RANDOM_INTEGERS, DTYPE_I32, -50.0, 50.0),
        (RANDOM_INTEGERS_CLOSED, DTYPE_I64, 0.0, 6.0),
        (RANDOM_INTEGERS_CLOSED, DTYPE_I32, 0.0, 6.0),
        (RANDOM_INTEGERS, DTYPE_I32, 7.0, 8.0),
        (RANDOM_EXPONENTIAL, DTYPE_F64, 2.5, 0.0),
        (RANDOM_EXPONENTIAL, DTYPE_F32, 1.0, 0.0),
        (RANDOM_GAMMA, DTYPE_F64, 0.5, 2.0),
        (RANDOM_GAMMA, DTYPE_F64, 3.0, 1.0),
        (RANDOM_GAMMA, DTYPE_F32, 2.5, 1.0),
        (RANDOM_BETA, DTYPE_F64, 0.5, 0.7),
        (RANDOM_BETA, DTYPE_F64, 2.0, 3.0),
    ];

    /// The fill of `count` elements by `method` into a fresh array from
    /// `owned`, whole (`block: None`) or as one rank's `block` of it; the
    /// elements as bits (only the block's are meaningful for a block).
    fn fill(owned: &mut Owned, method: i64, dtype: i64, p0: f64, p1: f64, count: usize, block: Option<Block>) -> Vec<u64> {
        let desc_ptr = array::alloc_array_uninit(dtype, &[count as i64]).expect("an array");
        let desc = unsafe { &*desc_ptr };
        let item = array::elem_size(dtype).expect("a dtype");
        unsafe { std::ptr::write_bytes(desc.data as *mut u8, 0, count * item) };
        let floats = |stream: Stream, out: Out| draw_floats(stream, method, out, p0, p1);
        let ints = |stream: Stream, out: Out| draw_ints(stream, method, out, p0 as i64, p1 as i64, false);
        let stream = owned.stream();
        let result = unsafe {
            match (block, dtype) {
                (None, DTYPE_F64) => with_elements(desc, |out| floats(stream, Out::F64(out))),
                (None, DTYPE_F32) => with_elements(desc, |out| floats(stream, Out::F32(out))),
                (None, DTYPE_I64) => with_elements(desc, |out| ints(stream, Out::I64(out))),
                (None, DTYPE_I32) => with_elements(desc, |out| ints(stream, Out::I32(out))),
                (Some(block), DTYPE_F64) => draw_block(stream, method, desc, block, |s, out| floats(s, Out::F64(out))),
                (Some(block), DTYPE_F32) => draw_block(stream, method, desc, block, |s, out| floats(s, Out::F32(out))),
                (Some(block), DTYPE_I64) => draw_block(stream, method, desc, block, |s, out| ints(s, Out::I64(out))),
                (Some(block), DTYPE_I32) => draw_block(stream, method, desc, block, |s, out| ints(s, Out::I32(out))),
                _ => unreachable!(),
            }
        };
        result.unwrap_or_else(|_| panic!("a fill by method {method} of dtype {dtype}"));
        let values = (0..count).map(|i| unsafe { array::read_bits((desc.data as *const u8).add(i * item), dtype) }).collect();
        unsafe { array::release(desc_ptr) };
        values
    }

    /// Each rank's block of a fill gives the whole fill's values there and
    /// leaves the generator where the whole fill does, for every generator,
    /// method, dtype and starting state, for splits of sizes below and above
    /// the discard chunk.
    #[test]
    fn blocks_equal_the_whole_fill() {
        for start in starts() {
            let legacy = matches!(start, Owned::Legacy(_));
            for &(method, dtype, p0, p1) in &FILLS {
                let supported = if legacy { dtype != DTYPE_F32 && method != RANDOM_INTEGERS_CLOSED } else { true };
                if !supported {
                    continue;
                }
                for count in [0usize, 1, 7, 185, 3 * DISCARD_CHUNK + 11] {
                    let mut whole_state = start.clone();
                    let whole = fill(&mut whole_state, method, dtype, p0, p1, count, None);
                    let mut cuts = vec![(0, 0), (0, count), (count, count), (0, count / 2), (count / 3, count)];
                    cuts.push((count / 3, 2 * count / 3));
                    cuts.push((count.saturating_sub(1), count));
                    cuts.push((DISCARD_CHUNK.min(count), (DISCARD_CHUNK + 5).min(count)));
                    for (lo, hi) in cuts {
                        let mut state = start.clone();
                        let block = Block { lo, hi, total: count };
                        let values = fill(&mut state, method, dtype, p0, p1, count, Some(block));
                        let what = format!("method {method} dtype {dtype} ({p0}, {p1}) count {count} block [{lo}, {hi}) from {start:?}");
                        assert_eq!(&values[lo..hi], &whole[lo..hi], "{what}");
                        assert_eq!(state, whole_state, "the state after {what}");
                    }
                }
            }
        }
    }

    /// The same for the int64 counts of `Generator.poisson` and `binomial` (each drawn
    /// through, never jumped): both Poisson methods and both binomial methods, reflected
    /// or not.
    #[test]
    fn count_blocks_equal_the_whole_fill() {
        let fills = [
            (RANDOM_POISSON, 0, 3.5),
            (RANDOM_POISSON, 0, 250.0),
            (RANDOM_BINOMIAL, 20, 0.3),
            (RANDOM_BINOMIAL, 1000, 0.45),
            (RANDOM_BINOMIAL, 1000, 0.9),
        ];
        for (method, n, p) in fills {
            assert!(!random_draws_jump(false, method, DTYPE_I64));
            for count in [0usize, 1, 7, 185, DISCARD_CHUNK + 11] {
                let fill = |state: &mut Generator, block: Option<Block>| {
                    let desc_ptr = array::alloc_array_uninit(DTYPE_I64, &[count as i64]).expect("an array");
                    let desc = unsafe { &*desc_ptr };
                    unsafe { std::ptr::write_bytes(desc.data as *mut u8, 0, count * 8) };
                    let stream = Stream::Generator(state);
                    let result = unsafe {
                        match block {
                            None => with_elements(desc, |out| draw_discrete(stream, method, out, n, p)),
                            Some(block) => draw_block(stream, method, desc, block, |s, out| draw_discrete(s, method, out, n, p)),
                        }
                    };
                    result.expect("a fill of counts");
                    let values: Vec<i64> = (0..count).map(|i| unsafe { *(desc.data as *const i64).add(i) }).collect();
                    unsafe { array::release(desc_ptr) };
                    values
                };
                let mut whole_state = Generator::from_seed(11);
                let whole = fill(&mut whole_state, None);
                for (lo, hi) in [(0, count), (count / 3, 2 * count / 3), (count.saturating_sub(1), count), (count, count)] {
                    let mut state = Generator::from_seed(11);
                    let values = fill(&mut state, Some(Block { lo, hi, total: count }));
                    assert_eq!(&values[lo..hi], &whole[lo..hi], "method {method} ({n}, {p}) count {count} block [{lo}, {hi})");
                    assert_eq!(state, whole_state, "the state after method {method} ({n}, {p}) count {count} block [{lo}, {hi})");
                }
            }
        }
    }

    #[test]
    fn which_draws_jump() {
        assert!(random_draws_jump(true, RANDOM_STANDARD_UNIFORM, DTYPE_F64));
        assert!(random_draws_jump(true, RANDOM_UNIFORM, DTYPE_F64));
        assert!(!random_draws_jump(true, RANDOM_STANDARD_NORMAL, DTYPE_F64));
        assert!(!random_draws_jump(true, RANDOM_INTEGERS, DTYPE_I64));
        assert!(random_draws_jump(false, RANDOM_STANDARD_UNIFORM, DTYPE_F32));
        assert!(random_draws_jump(false, RANDOM_UNIFORM, DTYPE_F64));
        assert!(!random_draws_jump(false, RANDOM_STANDARD_NORMAL, DTYPE_F32));
        assert!(!random_draws_jump(false, RANDOM_NORMAL, DTYPE_F64));
        assert!(!random_draws_jump(false, RANDOM_INTEGERS_CLOSED, DTYPE_I32));
        assert!(random_draws_jump(true, RANDOM_EXPONENTIAL, DTYPE_F64));
        assert!(!random_draws_jump(false, RANDOM_EXPONENTIAL, DTYPE_F64));
    }
}
