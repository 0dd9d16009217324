//! The random streams of a running program: NumPy's legacy global state
//! (`RNG_LEGACY`) and the `Generator`s made by `default_rng`, by handle; and
//! the dispatch of the `lt_random_*` entry points to their distributions.

use std::sync::{Mutex, MutexGuard};

use runtime_abi::{
    ArrayDesc, DTYPE_F32, DTYPE_F64, DTYPE_I32, DTYPE_I64, RANDOM_INTEGERS, RANDOM_INTEGERS_CLOSED, RANDOM_NORMAL,
    RANDOM_STANDARD_NORMAL, RANDOM_STANDARD_UNIFORM, RANDOM_UNIFORM, RNG_LEGACY,
};

use super::{Generator, RandomState};
use runtime_core::array;
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
        (Stream::Generator(generator), RANDOM_STANDARD_UNIFORM, Out::F64(out)) => generator.random_f64(out),
        (Stream::Generator(generator), RANDOM_STANDARD_UNIFORM, Out::F32(out)) => generator.random_f32(out),
        (Stream::Generator(generator), RANDOM_STANDARD_NORMAL, Out::F64(out)) => generator.standard_normal_f64(out),
        (Stream::Generator(generator), RANDOM_STANDARD_NORMAL, Out::F32(out)) => generator.standard_normal_f32(out),
        (Stream::Generator(generator), RANDOM_UNIFORM, Out::F64(out)) => generator.uniform(p0, p1, out)?,
        (Stream::Generator(generator), RANDOM_NORMAL, Out::F64(out)) => generator.normal(p0, p1, out)?,
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
        other => Err(RtError::internal(format!("random integers into an array of {}", array::dtype_name(other)))),
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
        other => Err(RtError::internal(format!("a random integer of dtype {}", array::dtype_name(other)))),
    })
}
