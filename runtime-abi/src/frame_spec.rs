//! The description of a dataframe operation that the compiler hands to the runtime's
//! pandas layer, and its one encoder ([`encode`], used by the frontend) and decoder
//! ([`decode`], used by `runtime-frame`).
//!
//! Generated code pushes an operation's operands (arrays and ints, `lt_frame_push*`) and
//! then calls the operation with its spec: the fields of [`crate::fields`], the first
//! naming the operation. The operations and their fields:
//!
//! - `repr_frame`, the index kind, then per column its label and kind (`num`: one
//!   array): `repr(df)`. Operands: the index, then each column's arrays.
//! - `repr_series`, `1` and the name (or `0` and an empty field for no name), the kind,
//!   the index kind: `repr(s)`. Operands: the index, then the values.
//! - `repr_dtypes`, then per column its label and kind: `repr(df.dtypes)`. Operands: each
//!   column's arrays (their dtypes are read, not their values).
//!
//! An index kind is `range` (operands: two ints, start and stop; step 1) or `labels`
//! (operands: one int64 array of labels).

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
