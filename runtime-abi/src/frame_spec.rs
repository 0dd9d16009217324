//! The description of a dataframe operation that the compiler hands to the runtime's
//! pandas layer, and its one encoder ([`encode`], used by the frontend) and decoder
//! ([`decode`], used by `runtime-frame`).
//!
//! Generated code pushes an operation's operands (arrays and ints, `lt_frame_push*`) and
//! then calls the operation with its spec: the fields of [`crate::fields`], the first
//! naming the operation. The operations and their fields:
//!
//! Operations that produce text (`lt_frame_text`):
//! - `repr_frame`, the index field, then per column its label and kind: `repr(df)`.
//!   Operands: the index's, then each column's.
//! - `repr_series`, `1` and the name (or `0` and an empty field for no name), the kind,
//!   the index field: `repr(s)`. Operands: the index's, then the values'.
//! - `repr_dtypes`, then per column its label and kind: `repr(df.dtypes)`. Operands: each
//!   column's (their dtypes are read, not their values).
//!
//! Operations that make arrays (`lt_frame_run`; `lt_frame_pop` takes the results in order):
//! - `take`, `1` or `0`: operands an array and int64 row numbers (-1: missing); results the
//!   taken values (NaN where missing in a float column, zero elsewhere) and, with `1`, a
//!   bool validity mask.
//! - `merge`, how (`inner`, `left`, `right`, `outer`), sort (`1`/`0`), the key count n:
//!   operands n left key columns then n right ones; results the int64 row numbers of the
//!   left and of the right side of each output row (-1 where a side has none), in pandas'
//!   order.
//! - `sort`, the key count n, na_last (`1`/`0`), n ascending flags: operands the keys;
//!   result the int64 permutation of a stable sort.
//! - `group`, sort, dropna (`1`/`0`), the key count n, then per aggregation its name
//!   (`sum`, `mean`, ... `nunique`) and the dtype code the compiler gave its result:
//!   operands the n keys, then one value column per aggregation; results each key's label
//!   per group, then each aggregation's values, in group order.
//!
//! A column's kind is `num` (operand: its values) or `masked` (its values, then a bool
//! validity mask). An index field is `range` (operands: two ints, start and stop; step 1)
//! or a nested spec: `levels`, then per level `1` and its name
//! (or `0` and an empty field) and its column kind (operands: each level's).

use crate::fields::{push_field, Fields};

/// Encodes the fields of an operation.
pub fn encode(fields: &[&str]) -> String {
    let mut out = String::new();
    for f in fields {
        push_field(&mut out, f);
    }
    out
}

/// The fields of an operation's spec.
pub fn decode(text: &str) -> Result<Vec<String>, String> {
    let mut fields = Fields::new(text);
    let mut out = Vec::new();
    while let Some(f) = fields.next_field()? {
        out.push(f.to_string());
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    #[test]
    fn fields_round_trip_with_any_text() {
        let fields = ["repr_frame", "range", "a:b", "", "12:x", "é"];
        assert_eq!(super::decode(&super::encode(&fields)).unwrap(), fields);
        assert!(super::decode("3:ab").is_err());
    }
}
