//! `repr()` of strs against what CPython printed (`tests/gen_cases.py`
//! regenerates `cases.rs`).

use super::*;

#[path = "cases.rs"]
mod cases;

#[test]
fn str_repr_matches_python() {
    for &(text, expected) in cases::STR_REPRS {
        assert_eq!(python_repr(text), expected, "repr({text:?})");
    }
}

#[test]
fn printable_table_is_sorted_and_disjoint() {
    let table = &printable::NON_PRINTABLE;
    for window in table.windows(2) {
        assert!(window[0].0 <= window[0].1 && window[0].1 + 1 < window[1].0, "{window:x?}");
    }
    assert!(!is_printable('\u{0}') && is_printable(' ') && !is_printable('\u{10ffff}') && is_printable('😀'));
}
