//! Sizes and messages of NumPy's MemoryError, against what NumPy wrote
//! (`tests/gen_cases.py` regenerates `cases.rs`).

use super::*;

#[path = "cases.rs"]
mod cases;

#[test]
fn sizes_are_written_as_numpy_writes_them() {
    for &(bytes, text) in cases::SIZE_STRINGS {
        assert_eq!(size_to_string(bytes), text, "{bytes} bytes");
    }
}

#[test]
fn array_error_is_numpys() {
    let error = array_error(8 * 10u64.pow(12), &[10i64.pow(12)], runtime_abi::DTYPE_F64);
    assert_eq!(format!("{}: {}", error.kind.python_name(), error.message), cases::ARRAY_ERROR);
}

#[test]
fn impossible_requests_are_errors_not_aborts() {
    // More than the address space: the allocator refuses it, and the caller gets the error.
    let error = try_vec::<f64>(1 << 60, &[1 << 60], runtime_abi::DTYPE_F64).expect_err("cannot be allocated");
    assert_eq!(error.kind, ErrorKind::Memory);
    assert_eq!(error.message, "Unable to allocate 8.00 EiB for an array with shape (1152921504606846976,) and data type float64");
    let error = try_vec::<(f64, i64)>(1 << 58, &[1 << 58], runtime_abi::DTYPE_F64).expect_err("cannot be allocated");
    assert!(error.message.starts_with("Unable to allocate 4.00 EiB"), "{}", error.message);
    assert!(alloc_buffer(1 << 62, true).is_none());
    assert!(alloc_buffer(1 << 62, false).is_none());
    // Past isize::MAX: the layout itself is refused.
    assert!(alloc_buffer(usize::MAX - 8, true).is_none());
    assert!(!whole_could_fit(1 << 62));
    assert!(whole_could_fit(64 << 20));
    let filled = try_filled(3, 7u8, &[3], runtime_abi::DTYPE_BOOL).expect("small");
    assert_eq!(filled, vec![7, 7, 7]);
}

#[test]
fn large_vectors_reuse_mappings_without_overlap() {
    // Large vectors come from `pages.rs` and go back to its cache; reused and split
    // mappings must never overlap a live one, and zeroed ones must be zero.
    const MB: usize = 1 << 20;
    let mut live: Vec<Vec<u32>> = Vec::new();
    for round in 0..3u32 {
        for (k, mb) in [80usize, 160, 40, 80, 12, 80].into_iter().enumerate() {
            let n = mb * MB / 4 + k * 1000;
            let tag = round * 100 + k as u32;
            let mut v: Vec<u32> = Vec::with_capacity(n);
            v.resize(n, tag);
            live.push(v);
            let zeroed = vec![0u32; n];
            assert!(zeroed.iter().all(|&x| x == 0));
        }
        for v in &live {
            let tag = v[0];
            assert!(v.iter().all(|&x| x == tag), "a vector's memory was handed out twice");
        }
        // Free every other one, in an order unlike the allocation order.
        let mut keep = Vec::new();
        for (i, v) in live.drain(..).enumerate() {
            if i % 2 == 0 {
                keep.push(v);
            }
        }
        live = keep;
    }
}
