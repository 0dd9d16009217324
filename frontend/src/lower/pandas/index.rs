//! `df.index` and `s.index`: a handle on a record's row labels (`Value::Method(record,
//! "index")`) that prints as pandas prints an `Index` or `RangeIndex`, has a length, a name
//! and its labels as an array.

use std::rc::Rc;

use super::{IndexV, Kind, Made};
use crate::diagnostics as diag;
use crate::lower::{FnCx, Value};
use ir::{ExprId, Span, Type};

/// What an index offers here.
const INDEX_ATTRS: &[&str] = &["name", "values", "to_numpy", "dtype", "shape"];

impl FnCx<'_, '_> {
    /// The index of the frame or series `owner`.
    fn owner_index(owner: &Value) -> Option<IndexV> {
        match owner {
            Value::Frame(f) => Some(f.index.clone()),
            Value::Series(s) => Some(s.index.clone()),
            _ => None,
        }
    }

    /// `len(df.index)`.
    pub(crate) fn index_handle_len(&mut self, owner: &Value) -> ExprId {
        let index = Self::owner_index(owner).expect("an index handle's owner is a record");
        self.index_len(&index)
    }

    /// `df.index.attr`.
    pub(crate) fn index_attr(&mut self, owner: Value, attr: &str, span: Span) -> Value {
        let index = Self::owner_index(&owner).expect("an index handle's owner is a record");
        if !INDEX_ATTRS.contains(&attr) {
            self.error(diag::unsupported_pandas_call(span, "Index", attr, INDEX_ATTRS));
            return Value::Error;
        }
        let (name, labels) = match &index {
            IndexV::Range { start, stop } => {
                let labels = self.range_labels(*start, *stop, span);
                (None, Value::Array(labels))
            }
            IndexV::Labels(levels) if levels.len() == 1 => {
                let level = &levels[0];
                let Value::Series(s) = self.col_series(level.name.clone(), level.col, index.clone()) else { unreachable!("a series") };
                (level.name.clone(), s.data.clone())
            }
            IndexV::Labels(_) => {
                self.error(diag::type_error(span, format!("`.{attr}` of a MultiIndex is not supported"), "reset_index() makes the levels columns"));
                return Value::Error;
            }
        };
        if attr == "name" {
            return match name {
                Some(n) => Value::Str(self.str_const(&n)),
                None => Value::None,
            };
        }
        let labels = Rc::new(super::Series { name, data: labels, index });
        self.series_attr(labels, attr, span)
    }

    /// `str(df.index)`: pandas' `repr` of it, made at run time.
    pub(crate) fn index_str(&mut self, owner: &Value, span: Span) -> Option<ExprId> {
        let index = Self::owner_index(owner).expect("an index handle's owner is a record");
        let made = match &index {
            IndexV::Range { .. } => "labels",
            IndexV::Labels(levels) => {
                let [level] = levels.as_slice() else {
                    self.error(diag::type_error(span, "printing a MultiIndex is not supported", "print the frame, or reset_index() and print the columns"));
                    return None;
                };
                match level.col.kind {
                    Kind::Num | Kind::Str { .. } => {}
                    _ => {
                        let what = self.col_type(level.col).pandas_name();
                        self.error(diag::type_error(span, format!("printing an index of {what} labels is not supported"), "print the frame, or reset_index() and print the column"));
                        return None;
                    }
                }
                let int = matches!(self.col_type(level.col).kind, super::KindT::Num(ir::DType::I64));
                match level.made {
                    Made::Labels => "labels",
                    Made::Taken => "taken",
                    Made::SetIndex => "set_index",
                    Made::Unknown if !int => "labels",
                    Made::Unknown => {
                        self.error(diag::type_error(
                            span,
                            "pandas prints these int64 labels as a RangeIndex or an Index depending on how they were made (rows taken more than once, concatenated or passed through a function)",
                            "print `df.index.to_numpy()`, or the frame",
                        ));
                        return None;
                    }
                }
            }
        };
        let index_field = self.push_index_pub(&index, span);
        let fields = ["repr_index", made, index_field.as_str()];
        let spec = runtime_abi::frame_spec::encode(&fields);
        let spec = self.str_const(&spec);
        self.runtime_call(ir::EntryPoint::FrameText, vec![spec], Some(Type::Str), span)
    }
}
