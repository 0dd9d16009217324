//! Python lists built at run time (`ir::Type::List`): `xs = []`, `xs.append(x)`,
//! `np.array(xs)`. A list is a reference-counted object holding one word per item: the
//! bits of an f64 or an i64 (numbers, as the compiler converts them: it knows the items'
//! type), or a reference to an array. Every rank runs the same host code, so every rank
//! holds the same list; arrays stored in lists are replicated (the plan makes them so).

use std::ffi::c_void;

use runtime_abi::{ArrayDesc, DTYPE_BOOL, DTYPE_F32, DTYPE_F64, KIND_ARRAY, KIND_STR, LIST_WEAK};

use crate::errors::{or_raise, RtError, RtResult};
use crate::{array, arrayprint, dist, format, strings};

struct List {
    refcount: i64,
    /// The items are array references (released with the list).
    arrays: bool,
    items: Vec<u64>,
}

/// # Safety
/// `l` must be a live list.
unsafe fn list<'a>(l: *mut c_void) -> &'a mut List {
    unsafe { &mut *(l as *mut List) }
}

fn new_list(arrays: bool, items: Vec<u64>) -> *mut c_void {
    Box::into_raw(Box::new(List { refcount: 1, arrays, items })) as *mut c_void
}

/// # Safety
/// Always safe.
#[no_mangle]
pub unsafe extern "C" fn lt_list_new(arrays: i64) -> *mut c_void {
    new_list(arrays != 0, Vec::new())
}

/// # Safety
/// `l` must be null or a live list.
#[no_mangle]
pub unsafe extern "C" fn lt_list_retain(l: *mut c_void) {
    if !l.is_null() {
        unsafe { list(l) }.refcount += 1;
    }
}

/// # Safety
/// `l` must be null or a live list.
#[no_mangle]
pub unsafe extern "C" fn lt_list_release(l: *mut c_void) {
    if l.is_null() {
        return;
    }
    let this = unsafe { list(l) };
    this.refcount -= 1;
    if this.refcount == 0 {
        let this = unsafe { Box::from_raw(l as *mut List) };
        if this.arrays {
            for &item in &this.items {
                unsafe { array::release(item as usize as *mut ArrayDesc) };
            }
        }
    }
}

/// # Safety
/// `l` must be a live list.
#[no_mangle]
pub unsafe extern "C" fn lt_list_len(l: *mut c_void) -> i64 {
    unsafe { list(l) }.items.len() as i64
}

/// # Safety
/// `l` must be a live list.
#[no_mangle]
pub unsafe extern "C" fn lt_list_push_f(l: *mut c_void, x: f64) {
    unsafe { list(l) }.items.push(x.to_bits());
}

/// # Safety
/// `l` must be a live list.
#[no_mangle]
pub unsafe extern "C" fn lt_list_push_i(l: *mut c_void, x: i64) {
    unsafe { list(l) }.items.push(x as u64);
}

/// # Safety
/// `l` must be a live list of strings and `s` a string (strings are never freed).
#[no_mangle]
pub unsafe extern "C" fn lt_list_push_s(l: *mut c_void, s: *mut c_void) {
    unsafe { list(l) }.items.push(s as usize as u64);
}

/// # Safety
/// `l` must be a live list of strings and `i` a position of it.
#[no_mangle]
pub unsafe extern "C" fn lt_list_get_s(l: *mut c_void, i: i64) -> *mut c_void {
    unsafe { list(l) }.items[i as usize] as usize as *mut c_void
}

/// # Safety
/// `l` must be a live list of strings, `i` a position of it and `s` a string.
#[no_mangle]
pub unsafe extern "C" fn lt_list_set_s(l: *mut c_void, i: i64, s: *mut c_void) {
    unsafe { list(l) }.items[i as usize] = s as usize as u64;
}

/// # Safety
/// `s` and `sep` must be strings.
#[no_mangle]
pub unsafe extern "C" fn lt_str_split(s: *mut c_void, sep: *mut c_void, whitespace: i64) -> *mut c_void {
    let text = unsafe { strings::str_ref(s) };
    // Python's `str.isspace`: Unicode's White_Space and the separators U+001C..U+001F.
    let space = |c: char| c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c);
    let parts: Vec<&str> = if whitespace != 0 {
        text.split(space).filter(|p| !p.is_empty()).collect()
    } else {
        let sep = unsafe { strings::str_ref(sep) };
        if sep.is_empty() {
            or_raise::<()>(Err(RtError::value("empty separator")));
        }
        text.split(sep).collect()
    };
    let items = parts.into_iter().map(|p| strings::into_raw(p.to_string()) as usize as u64).collect();
    new_list(false, items)
}

/// # Safety
/// `l` must be a live list of arrays and `a` a live descriptor.
#[no_mangle]
pub unsafe extern "C" fn lt_list_push_a(l: *mut c_void, a: *mut c_void) {
    unsafe { array::retain(a as *mut ArrayDesc) };
    unsafe { list(l) }.items.push(a as usize as u64);
}

/// # Safety
/// `l` must be a live list.
#[no_mangle]
pub unsafe extern "C" fn lt_list_index(l: *mut c_void, i: i64, what: i64) -> i64 {
    let n = unsafe { list(l) }.items.len() as i64;
    let at = if i < 0 { i + n } else { i };
    if (0..n).contains(&at) {
        return at;
    }
    let message = match what {
        1 => "list assignment index out of range",
        2 if n == 0 => "pop from empty list",
        2 => "pop index out of range",
        _ => "list index out of range",
    };
    or_raise(Err(RtError::index(message)))
}

/// # Safety
/// `l` must be a live list and `i` a position of it.
#[no_mangle]
pub unsafe extern "C" fn lt_list_get_f(l: *mut c_void, i: i64) -> f64 {
    f64::from_bits(unsafe { list(l) }.items[i as usize])
}

/// # Safety
/// `l` must be a live list and `i` a position of it.
#[no_mangle]
pub unsafe extern "C" fn lt_list_get_i(l: *mut c_void, i: i64) -> i64 {
    unsafe { list(l) }.items[i as usize] as i64
}

/// # Safety
/// `l` must be a live list of arrays and `i` a position of it.
#[no_mangle]
pub unsafe extern "C" fn lt_list_get_a(l: *mut c_void, i: i64) -> *mut c_void {
    let a = unsafe { list(l) }.items[i as usize] as usize as *mut ArrayDesc;
    unsafe { array::retain(a) };
    a as *mut c_void
}

/// # Safety
/// `l` must be a live list and `i` a position of it.
#[no_mangle]
pub unsafe extern "C" fn lt_list_set_f(l: *mut c_void, i: i64, x: f64) {
    unsafe { list(l) }.items[i as usize] = x.to_bits();
}

/// # Safety
/// `l` must be a live list and `i` a position of it.
#[no_mangle]
pub unsafe extern "C" fn lt_list_set_i(l: *mut c_void, i: i64, x: i64) {
    unsafe { list(l) }.items[i as usize] = x as u64;
}

/// # Safety
/// `l` must be a live list of arrays, `i` a position of it and `a` a live descriptor.
#[no_mangle]
pub unsafe extern "C" fn lt_list_set_a(l: *mut c_void, i: i64, a: *mut c_void) {
    unsafe { array::retain(a as *mut ArrayDesc) };
    let slot = &mut unsafe { list(l) }.items[i as usize];
    let old = std::mem::replace(slot, a as usize as u64);
    unsafe { array::release(old as usize as *mut ArrayDesc) };
}

/// # Safety
/// `l` must be a live list and `i` a position of it.
#[no_mangle]
pub unsafe extern "C" fn lt_list_remove(l: *mut c_void, i: i64) {
    let this = unsafe { list(l) };
    let old = this.items.remove(i as usize);
    if this.arrays {
        unsafe { array::release(old as usize as *mut ArrayDesc) };
    }
}

/// # Safety
/// `l` must be a live list holding at least one item.
#[no_mangle]
pub unsafe extern "C" fn lt_list_move_last(l: *mut c_void, i: i64) {
    let this = unsafe { list(l) };
    let Some(last) = this.items.pop() else { return };
    // `list.insert` clamps its index to the list as it was before the insertion.
    let n = this.items.len() as i64;
    let at = if i < 0 { (i + n).max(0) } else { i.min(n) };
    this.items.insert(at as usize, last);
}

/// # Safety
/// Both must be live lists of the same kind of items.
#[no_mangle]
pub unsafe extern "C" fn lt_list_extend(l: *mut c_void, other: *mut c_void) {
    // `xs.extend(xs)` reads the items as they were.
    let items = unsafe { list(other) }.items.clone();
    let this = unsafe { list(l) };
    if this.arrays {
        for &item in &items {
            unsafe { array::retain(item as usize as *mut ArrayDesc) };
        }
    }
    this.items.extend(items);
}

/// # Safety
/// `l` must be a live list.
#[no_mangle]
pub unsafe extern "C" fn lt_list_copy(l: *mut c_void) -> *mut c_void {
    let this = unsafe { list(l) };
    if this.arrays {
        for &item in &this.items {
            unsafe { array::retain(item as usize as *mut ArrayDesc) };
        }
    }
    new_list(this.arrays, this.items.clone())
}

/// # Safety
/// `l` must be a live list.
#[no_mangle]
pub unsafe extern "C" fn lt_list_slice(l: *mut c_void, start: i64, stop: i64, step: i64, given: i64) -> *mut c_void {
    let this = unsafe { list(l) };
    let (first, step, count) = or_raise(array::normalise_slice(
        this.items.len() as i64,
        (given & 1 != 0).then_some(start),
        (given & 2 != 0).then_some(stop),
        (given & 4 != 0).then_some(step),
    ));
    let items: Vec<u64> = (0..count).map(|k| this.items[(first + k * step) as usize]).collect();
    if this.arrays {
        for &item in &items {
            unsafe { array::retain(item as usize as *mut ArrayDesc) };
        }
    }
    new_list(this.arrays, items)
}

/// # Safety
/// `l` must be a live list of numbers (`floats` 0: ints, 1: floats) or of strings
/// (`floats` 2).
#[no_mangle]
pub unsafe extern "C" fn lt_list_sort(l: *mut c_void, floats: i64, reverse: i64) {
    let this = unsafe { list(l) };
    let reverse = reverse != 0;
    if floats == 2 {
        // Python compares strings by code points: UTF-8's byte order.
        this.items.sort_by(|&a, &b| {
            let (a, b) = unsafe { (strings::str_ref(a as usize as *const c_void), strings::str_ref(b as usize as *const c_void)) };
            let order = a.cmp(b);
            if reverse { order.reverse() } else { order }
        });
    } else if floats != 0 {
        if this.items.iter().any(|&w| f64::from_bits(w).is_nan()) {
            or_raise::<()>(Err(RtError::value("legatec: sorting a list that holds NaN (Python's order of the items then depends on its comparisons; sort the array instead: `np.sort(np.array(xs))` puts NaN last)")));
        }
        // Stable, equal items in their order either way (Python's `reverse=True` too).
        this.items.sort_by(|&a, &b| {
            let (a, b) = (f64::from_bits(a), f64::from_bits(b));
            let order = a.partial_cmp(&b).expect("no NaN");
            if reverse { order.reverse() } else { order }
        });
    } else {
        this.items.sort_by(|&a, &b| {
            let order = (a as i64).cmp(&(b as i64));
            if reverse { order.reverse() } else { order }
        });
    }
}

/// # Safety
/// `l` must be a live list of Python ints or bools.
#[no_mangle]
pub unsafe extern "C" fn lt_list_sum_i(l: *mut c_void) -> i64 {
    let mut total = 0i64;
    for &w in &unsafe { list(l) }.items {
        let x = w as i64;
        total = match total.checked_add(x) {
            Some(t) => t,
            None => crate::errors::raise(crate::errors::int_overflow(runtime_abi::INT_OP_ADD, total, x)),
        };
    }
    total
}

fn empty_extreme(max: i64) -> RtError {
    RtError::value(format!("{}() arg is an empty sequence", if max != 0 { "max" } else { "min" }))
}

/// # Safety
/// `l` must be a live list of floats.
#[no_mangle]
pub unsafe extern "C" fn lt_list_extreme_f(l: *mut c_void, max: i64) -> f64 {
    let items = &unsafe { list(l) }.items;
    let Some((&first, rest)) = items.split_first() else { or_raise::<()>(Err(empty_extreme(max))); return 0.0 };
    let mut best = f64::from_bits(first);
    for &w in rest {
        let x = f64::from_bits(w);
        if (max != 0 && x > best) || (max == 0 && x < best) {
            best = x;
        }
    }
    best
}

/// # Safety
/// `l` must be a live list of integers or bools.
#[no_mangle]
pub unsafe extern "C" fn lt_list_extreme_i(l: *mut c_void, max: i64, signed: i64) -> i64 {
    let items = &unsafe { list(l) }.items;
    let Some((&first, rest)) = items.split_first() else { or_raise::<()>(Err(empty_extreme(max))); return 0 };
    let key = |w: u64| if signed != 0 { (w as i64) as i128 } else { w as i128 };
    let mut best = first;
    for &w in rest {
        if (max != 0 && key(w) > key(best)) || (max == 0 && key(w) < key(best)) {
            best = w;
        }
    }
    best as i64
}

/// # Safety
/// `l` must be a live list.
#[no_mangle]
pub unsafe extern "C" fn lt_list_clear(l: *mut c_void) {
    let this = unsafe { list(l) };
    let items = std::mem::take(&mut this.items);
    if this.arrays {
        for item in items {
            unsafe { array::release(item as usize as *mut ArrayDesc) };
        }
    }
}

/// # Safety
/// `l` must be a live list.
#[no_mangle]
pub unsafe extern "C" fn lt_list_reverse(l: *mut c_void) {
    unsafe { list(l) }.items.reverse();
}

/// The bits of a number item as its dtype holds them (`array::read_bits`' encoding).
fn item_bits(dtype: i64, word: u64) -> u64 {
    match dtype {
        DTYPE_F64 => word,
        DTYPE_F32 => (f64::from_bits(word) as f32).to_bits() as u64,
        DTYPE_BOOL => (word != 0) as u64,
        _ => word,
    }
}

/// `repr` of one item of kind `kind` (see `lt_list_str`).
unsafe fn item_repr(kind: i64, word: u64) -> RtResult<String> {
    if kind == KIND_STR {
        return Ok(strings::python_repr(unsafe { strings::str_ref(word as usize as *const c_void) }));
    }
    if kind == KIND_ARRAY {
        let whole = unsafe { dist::whole(&[word as usize as *mut c_void]) }?;
        let desc = unsafe { array::desc_ref(whole.ptr(0) as *const ArrayDesc) }?;
        return Ok(unsafe { arrayprint::array_repr(desc) });
    }
    let weak = kind >= LIST_WEAK;
    let dtype = if weak { kind - LIST_WEAK } else { kind };
    let text = format::scalar_str(dtype, item_bits(dtype, word))?;
    Ok(match (weak, dtype) {
        (true, DTYPE_BOOL) => if word != 0 { "True" } else { "False" }.to_string(),
        (true, _) => text,
        (false, DTYPE_BOOL) => format!("np.{text}_"),
        (false, _) => format!("np.{}({text})", runtime_abi::dtype_name(dtype)),
    })
}

/// # Safety
/// `l` must be a live list whose items are of kind `kind`.
#[no_mangle]
pub unsafe extern "C" fn lt_list_str(l: *mut c_void, kind: i64) -> *mut c_void {
    let this = unsafe { list(l) };
    let mut parts = Vec::with_capacity(this.items.len());
    for &word in &this.items {
        parts.push(or_raise(unsafe { item_repr(kind, word) }));
    }
    strings::into_raw(format!("[{}]", parts.join(", ")))
}

/// `np.array` of a list of arrays: stacked along a new first axis.
unsafe fn stack(items: &[u64], dtype: i64) -> RtResult<*mut ArrayDesc> {
    let list: Vec<*mut c_void> = items.iter().map(|&w| w as usize as *mut c_void).collect();
    let whole = unsafe { dist::whole(&list) }?;
    let descs: Vec<&ArrayDesc> = (0..list.len()).map(|i| unsafe { array::desc_ref(whole.ptr(i) as *const ArrayDesc) }).collect::<RtResult<_>>()?;
    let Some(first) = descs.first() else {
        return Err(RtError::value(
            "legatec: `np.array` of an empty list of arrays (NumPy makes a 1-D float64 array of it, not an array of one more dimension than its items)",
        ));
    };
    let item_shape = array::shape(first).to_vec();
    if let Some(other) = descs.iter().find(|d| array::shape(d) != item_shape.as_slice()) {
        let _ = other;
        return Err(RtError::value(format!(
            "setting an array element with a sequence. The requested array has an inhomogeneous shape after 1 dimensions. The detected shape was ({},) + inhomogeneous part.",
            descs.len()
        )));
    }
    let mut shape = vec![descs.len() as i64];
    shape.extend(&item_shape);
    let out = array::alloc_array(dtype, &shape)?;
    let out_desc = unsafe { array::desc_ref(out) }?;
    let size = array::elem_size(dtype)?;
    let inner = array::shape_size(&item_shape) as usize;
    for (k, desc) in descs.iter().enumerate() {
        if desc.dtype != dtype {
            return Err(RtError::internal(format!("a list item of dtype code {} stacked as {dtype}", desc.dtype)));
        }
        let to = unsafe { out_desc.data.add(k * inner * size) };
        let strides = array::contiguous_strides(&item_shape);
        unsafe { array::copy_strided(to, &strides, desc.data, array::strides(desc), &item_shape, size) };
    }
    Ok(out)
}

/// # Safety
/// `l` must be a live list whose numbers or arrays are of `dtype`.
#[no_mangle]
pub unsafe extern "C" fn lt_list_to_array(l: *mut c_void, dtype: i64) -> *mut c_void {
    let this = unsafe { list(l) };
    or_raise((|| {
        if this.arrays {
            return unsafe { stack(&this.items, dtype) };
        }
        let out = array::alloc_array(dtype, &[this.items.len() as i64])?;
        let desc = unsafe { array::desc_ref(out) }?;
        let size = array::elem_size(dtype)?;
        for (k, &word) in this.items.iter().enumerate() {
            unsafe { array::write_bits(desc.data.add(k * size), dtype, item_bits(dtype, word)) };
        }
        Ok(out)
    })()) as *mut c_void
}
