//! `pd.read_parquet` and `df.to_parquet` (pyarrow engine) with pandas 3.1's dtypes, through arrow-rs' Arrow reader and writer.
//!
//! Reading maps Arrow types to pandas' as pyarrow's `to_pandas` does: int64, int32,
//! float64, float32, bool, string (any layout) as `str`, timestamps without time zone as
//! `datetime64[unit]`, dictionaries as `category` (dictionaries of several batches are
//! unified in order of appearance). Integer columns with nulls become float64 with NaN,
//! as pandas makes them; boolean columns with nulls keep a mask (pandas' object column of
//! `True`, `False`, `None`). The index comes from pyarrow's `pandas` metadata: a stored
//! `RangeIndex` or index columns.
//!
//! Writing makes what pandas' `to_parquet` makes: Snappy-compressed pages, strings as
//! `large_string`, NaN, NaT and masked values as nulls, categories as a dictionary, a
//! `RangeIndex` as metadata only and other indexes as columns after the data, and the
//! `pandas` metadata pyarrow writes, so pandas reads back the same dtypes and values.
//! One difference remains: arrow-rs re-encodes a dictionary as it writes it, so pandas
//! reads back the categories in order of first appearance, without unused ones (pyarrow
//! writes the categories as they are).

use super::{ColumnType, IoError, Schema};
use crate::column::{Column, Frame, Index, OwnedColumn, OwnedValues, TimeUnit, Values};
use arrow_array::cast::AsArray;
use arrow_array::types::{
    Float32Type, Float64Type, Int16Type, Int32Type, Int64Type, Int8Type, TimestampMicrosecondType,
    TimestampMillisecondType, TimestampNanosecondType, TimestampSecondType, UInt16Type, UInt32Type,
    UInt8Type,
};
use arrow_array::{
    Array, ArrayRef, BooleanArray, DictionaryArray, Float32Array, Float64Array, Int32Array,
    Int64Array, LargeStringArray, RecordBatch, TimestampMicrosecondArray,
    TimestampMillisecondArray, TimestampNanosecondArray, TimestampSecondArray,
};
use arrow_schema::{DataType, Field, TimeUnit as ArrowUnit};
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;
use serde_json::{json, Value};
use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

/// A frame's row labels as read from a Parquet file.
#[derive(Clone, Debug, PartialEq)]
pub enum ParquetIndex {
    /// `RangeIndex(start, stop, step, name=name)`.
    Range {
        start: i64,
        stop: i64,
        step: i64,
        name: Option<String>,
    },
    /// Index columns: one level is an `Index`, several a `MultiIndex`.
    Levels(Vec<(Option<String>, OwnedColumn)>),
}

/// What `pd.read_parquet` returns: labelled columns and the index.
#[derive(Clone, Debug, PartialEq)]
pub struct ParquetFrame {
    pub schema: Schema,
    pub columns: Vec<OwnedColumn>,
    pub index: ParquetIndex,
}

/// The categories of a categorical column, borrowed (others: `None`).
fn categories_view(column: &OwnedColumn) -> Option<Column<'_>> {
    match &column.values {
        OwnedValues::Category { categories, .. } => Some(categories.as_column()),
        _ => None,
    }
}

/// A borrowed view of `column` whose categories' view is `categories`.
fn view<'a>(column: &'a OwnedColumn, categories: &'a Option<Column<'a>>) -> Column<'a> {
    match (&column.values, categories) {
        (OwnedValues::Category { codes, .. }, Some(categories)) => Column {
            values: Values::Category { codes, categories },
            valid: column.valid.as_deref(),
            na: false,
        },
        _ => column.as_column(),
    }
}

impl ParquetFrame {
    /// Calls `f` with this frame borrowed as a [`Frame`] (what the writers take).
    pub fn with_frame<R>(&self, f: impl FnOnce(&Frame) -> R) -> R {
        let column_categories: Vec<Option<Column>> =
            self.columns.iter().map(categories_view).collect();
        let level_categories: Vec<Option<Column>> = match &self.index {
            ParquetIndex::Levels(levels) => levels
                .iter()
                .map(|(_, column)| categories_view(column))
                .collect(),
            ParquetIndex::Range { .. } => Vec::new(),
        };
        let columns = self
            .schema
            .columns
            .iter()
            .zip(&self.columns)
            .zip(&column_categories)
            .map(|(((name, _), column), categories)| (name.as_str(), view(column, categories)))
            .collect();
        let index = match &self.index {
            ParquetIndex::Range {
                start, step, name, ..
            } => Index::Range {
                start: *start,
                step: *step,
                name: name.as_deref(),
            },
            ParquetIndex::Levels(levels) => Index::Levels(
                levels
                    .iter()
                    .zip(&level_categories)
                    .map(|((name, column), categories)| (name.as_deref(), view(column, categories)))
                    .collect(),
            ),
        };
        let len = match &self.index {
            ParquetIndex::Range {
                start, stop, step, ..
            } => ((stop - start) / step).max(0) as usize,
            ParquetIndex::Levels(levels) => levels.first().map_or(0, |(_, column)| column.len()),
        };
        f(&Frame {
            columns,
            index,
            len,
        })
    }
}

fn parquet_error(error: impl std::fmt::Display) -> IoError {
    IoError::Parquet(error.to_string())
}

fn file_error(path: &Path) -> impl FnOnce(std::io::Error) -> IoError + '_ {
    move |error| IoError::File {
        path: path.display().to_string(),
        error,
    }
}

/// `pd.read_parquet(path)`.
pub fn read_parquet(path: impl AsRef<Path>) -> Result<ParquetFrame, IoError> {
    read_parquet_rows(path, None)
}

/// The key of the file metadata where legatec's `to_parquet` keeps each categorical
/// column's categories in order (a JSON object: field name to list of strings).
const CATEGORIES_KEY: &str = "legatec.categories";

/// A categorical column's text of category `i`, if its categories are strings.
fn category_text(categories: &Column, i: usize) -> Option<String> {
    match categories.values {
        Values::Str { offsets, bytes } => Some(String::from_utf8_lossy(&bytes[offsets[i] as usize..offsets[i + 1] as usize]).into_owned()),
        _ => None,
    }
}

/// A categorical column read with the categories its writer recorded, in their order
/// (unused ones included), its codes renumbered.
fn in_written_order(column: OwnedColumn, order: &[Value]) -> Result<OwnedColumn, IoError> {
    let OwnedValues::Category { codes, categories } = column.values else { return Ok(column) };
    let texts: Option<Vec<&str>> = order.iter().map(Value::as_str).collect();
    let Some(texts) = texts else { return Ok(OwnedColumn { values: OwnedValues::Category { codes, categories }, valid: column.valid }) };
    let position: HashMap<&str, i32> = texts.iter().enumerate().map(|(i, t)| (*t, i as i32)).collect();
    let cats = categories.as_column();
    let remap: Vec<i32> = (0..cats.len())
        .map(|i| {
            category_text(&cats, i)
                .and_then(|t| position.get(t.as_str()).copied())
                .ok_or_else(|| IoError::Parquet(format!("a category missing from the categories the file records ({CATEGORIES_KEY})")))
        })
        .collect::<Result<_, _>>()?;
    let codes = codes.iter().map(|&k| if k >= 0 { remap[k as usize] } else { k }).collect();
    let (mut offsets, mut bytes) = (vec![0i64], Vec::new());
    for t in &texts {
        bytes.extend_from_slice(t.as_bytes());
        offsets.push(bytes.len() as i64);
    }
    let categories = Box::new(OwnedColumn { values: OwnedValues::Str { offsets, bytes }, valid: None });
    Ok(OwnedColumn { values: OwnedValues::Category { codes, categories }, valid: column.valid })
}

/// The number of rows of a Parquet file (from its footer).
pub fn row_count(path: impl AsRef<Path>) -> Result<i64, IoError> {
    let path = path.as_ref();
    let file = std::fs::File::open(path).map_err(file_error(path))?;
    let builder = ParquetRecordBatchReaderBuilder::try_new(file).map_err(parquet_error)?;
    Ok(builder.metadata().file_metadata().num_rows())
}

/// [`read_parquet`] of rows `lo..hi` of the file only (in the file's order), where `rows`
/// is given: of each row group, the rows among them (a row selection), so a rank reads
/// and decodes little beyond its own rows. The index (a range's bounds) is the file's.
pub fn read_parquet_rows(path: impl AsRef<Path>, rows: Option<(i64, i64)>) -> Result<ParquetFrame, IoError> {
    use parquet::arrow::arrow_reader::{RowSelection, RowSelector};
    let path = path.as_ref();
    let file = std::fs::File::open(path).map_err(file_error(path))?;
    let builder = ParquetRecordBatchReaderBuilder::try_new(file).map_err(parquet_error)?;
    let arrow_schema = builder.schema().clone();
    let metadata = builder.metadata().clone();
    let total = metadata.file_metadata().num_rows();
    // One batch per row group: arrow-rs keeps a column chunk's dictionary (pandas'
    // categories, in order) only while a batch stays within one row group.
    let mut batches: Vec<RecordBatch> = Vec::new();
    let mut group_start = 0i64;
    for group in 0..metadata.num_row_groups() {
        let group_rows = metadata.row_group(group).num_rows();
        let (first, end) = (group_start, group_start + group_rows);
        group_start = end;
        let (lo, hi) = rows.map_or((first, end), |(lo, hi)| (lo.max(first), hi.min(end)));
        if rows.is_some() && lo >= hi {
            continue;
        }
        let file = std::fs::File::open(path).map_err(file_error(path))?;
        let mut builder = ParquetRecordBatchReaderBuilder::try_new(file)
            .map_err(parquet_error)?
            .with_row_groups(vec![group])
            .with_batch_size((hi - lo).max(1) as usize);
        if (lo, hi) != (first, end) {
            let selectors = vec![RowSelector::skip((lo - first) as usize), RowSelector::select((hi - lo) as usize)];
            builder = builder.with_row_selection(RowSelection::from(selectors));
        }
        for batch in builder.build().map_err(parquet_error)? {
            batches.push(batch.map_err(parquet_error)?);
        }
    }
    let rows = total;
    let pandas: Option<Value> = arrow_schema
        .metadata()
        .get("pandas")
        .and_then(|text| serde_json::from_str(text).ok());
    let written_categories: Option<Value> = arrow_schema.metadata().get(CATEGORIES_KEY).and_then(|text| serde_json::from_str(text).ok());

    // Index columns by field name, and each column's label from the metadata.
    let mut index_fields: Vec<String> = Vec::new();
    let mut range = None;
    let mut labels: HashMap<String, Option<String>> = HashMap::new();
    if let Some(pandas) = &pandas {
        for entry in pandas["index_columns"].as_array().into_iter().flatten() {
            match entry {
                Value::String(field) => index_fields.push(field.clone()),
                Value::Object(_) if entry["kind"] == "range" => {
                    range = Some(ParquetIndex::Range {
                        start: entry["start"].as_i64().unwrap_or(0),
                        stop: entry["stop"].as_i64().unwrap_or(rows),
                        step: entry["step"].as_i64().unwrap_or(1),
                        name: entry["name"].as_str().map(str::to_string),
                    })
                }
                _ => {}
            }
        }
        for column in pandas["columns"].as_array().into_iter().flatten() {
            if let Some(field) = column["field_name"].as_str() {
                let label = match &column["name"] {
                    Value::Null => None,
                    Value::String(text) => Some(text.clone()),
                    other => Some(other.to_string()),
                };
                labels.insert(field.to_string(), label);
            }
        }
    }

    let mut schema = Schema::default();
    let mut columns = Vec::new();
    let mut levels: Vec<(usize, Option<String>, OwnedColumn)> = Vec::new();
    for (position, field) in arrow_schema.fields().iter().enumerate() {
        let arrays: Vec<&ArrayRef> = batches.iter().map(|batch| batch.column(position)).collect();
        let mut column = concat_column(field, &arrays)?;
        if let Some(Value::Array(order)) = written_categories.as_ref().and_then(|w| w.get(field.name())) {
            column = in_written_order(column, order)?;
        }
        let label = labels
            .get(field.name())
            .cloned()
            .unwrap_or_else(|| Some(field.name().clone()));
        if let Some(level) = index_fields.iter().position(|f| f == field.name()) {
            levels.push((level, label, column));
        } else {
            schema.columns.push((
                label.unwrap_or_else(|| field.name().clone()),
                column_type(&column),
            ));
            columns.push(column);
        }
    }
    levels.sort_by_key(|(level, _, _)| *level);
    let index = if !levels.is_empty() {
        ParquetIndex::Levels(
            levels
                .into_iter()
                .map(|(_, name, column)| (name, column))
                .collect(),
        )
    } else {
        range.unwrap_or(ParquetIndex::Range {
            start: 0,
            stop: rows,
            step: 1,
            name: None,
        })
    };
    Ok(ParquetFrame {
        schema,
        columns,
        index,
    })
}

/// The dtype of a column as read (also the compiler's view of a file's index levels).
pub fn column_type(column: &OwnedColumn) -> ColumnType {
    match &column.values {
        OwnedValues::I64(_) => ColumnType::Int64,
        OwnedValues::I32(_) => ColumnType::Int32,
        OwnedValues::F64(_) => ColumnType::Float64,
        OwnedValues::F32(_) => ColumnType::Float32,
        OwnedValues::Bool(_) => ColumnType::Bool,
        OwnedValues::Str { .. } => ColumnType::Str,
        OwnedValues::DateTime { unit, .. } => ColumnType::DateTime(*unit),
        OwnedValues::Category { .. } => ColumnType::Category,
        _ => ColumnType::Int64,
    }
}

fn validity(array: &dyn Array) -> Vec<u8> {
    (0..array.len())
        .map(|i| u8::from(array.is_valid(i)))
        .collect()
}

fn masked(valid: Vec<u8>) -> Option<Vec<u8>> {
    valid.contains(&0).then_some(valid)
}

/// Integers of any Arrow integer array, widened (nulls read as -1).
fn integers(array: &dyn Array) -> Result<Vec<i64>, IoError> {
    fn widen<T: arrow_array::ArrowPrimitiveType>(array: &dyn Array) -> Vec<i64>
    where
        T::Native: Into<i64>,
    {
        let values = array.as_primitive::<T>();
        (0..values.len())
            .map(|i| {
                if values.is_valid(i) {
                    values.value(i).into()
                } else {
                    -1
                }
            })
            .collect()
    }
    Ok(match array.data_type() {
        DataType::Int8 => widen::<Int8Type>(array),
        DataType::Int16 => widen::<Int16Type>(array),
        DataType::Int32 => widen::<Int32Type>(array),
        DataType::Int64 => widen::<Int64Type>(array),
        DataType::UInt8 => widen::<UInt8Type>(array),
        DataType::UInt16 => widen::<UInt16Type>(array),
        DataType::UInt32 => widen::<UInt32Type>(array),
        other => {
            return Err(IoError::Parquet(format!(
                "dictionary keys of type {other} are not supported"
            )))
        }
    })
}

fn strings_of(array: &dyn Array) -> Option<Vec<Option<&[u8]>>> {
    let present = |i: usize| array.is_valid(i);
    Some(match array.data_type() {
        DataType::Utf8 => {
            let values = array.as_string::<i32>();
            (0..values.len())
                .map(|i| present(i).then(|| values.value(i).as_bytes()))
                .collect()
        }
        DataType::LargeUtf8 => {
            let values = array.as_string::<i64>();
            (0..values.len())
                .map(|i| present(i).then(|| values.value(i).as_bytes()))
                .collect()
        }
        DataType::Utf8View => {
            let values = array.as_string_view();
            (0..values.len())
                .map(|i| present(i).then(|| values.value(i).as_bytes()))
                .collect()
        }
        _ => return None,
    })
}

/// One Arrow array (not a dictionary) as an owned column, with pandas' conversions.
fn plain_column(array: &dyn Array) -> Result<OwnedColumn, IoError> {
    let valid = validity(array);
    let has_nulls = valid.contains(&0);
    let as_float = |values: Vec<f64>| OwnedColumn {
        values: OwnedValues::F64(
            values
                .iter()
                .zip(&valid)
                .map(|(v, ok)| if *ok == 1 { *v } else { f64::NAN })
                .collect(),
        ),
        valid: masked(valid.clone()),
    };
    Ok(match array.data_type() {
        DataType::Int64 => {
            let values = array.as_primitive::<Int64Type>().values().to_vec();
            if has_nulls {
                as_float(values.iter().map(|v| *v as f64).collect())
            } else {
                OwnedColumn {
                    values: OwnedValues::I64(values),
                    valid: None,
                }
            }
        }
        DataType::Int32 => {
            let values = array.as_primitive::<Int32Type>().values().to_vec();
            if has_nulls {
                as_float(values.iter().map(|v| f64::from(*v)).collect())
            } else {
                OwnedColumn {
                    values: OwnedValues::I32(values),
                    valid: None,
                }
            }
        }
        DataType::Float64 => as_float(array.as_primitive::<Float64Type>().values().to_vec()),
        DataType::Float32 => {
            let values = array.as_primitive::<Float32Type>().values();
            OwnedColumn {
                values: OwnedValues::F32(
                    values
                        .iter()
                        .zip(&valid)
                        .map(|(v, ok)| if *ok == 1 { *v } else { f32::NAN })
                        .collect(),
                ),
                valid: masked(valid.clone()),
            }
        }
        DataType::Boolean => {
            let values = array.as_boolean();
            OwnedColumn {
                values: OwnedValues::Bool(
                    (0..values.len())
                        .map(|i| u8::from(values.is_valid(i) && values.value(i)))
                        .collect(),
                ),
                valid: masked(valid),
            }
        }
        DataType::Timestamp(unit, None) => {
            let (ticks, unit) = match unit {
                ArrowUnit::Second => (
                    array
                        .as_primitive::<TimestampSecondType>()
                        .values()
                        .to_vec(),
                    TimeUnit::Second,
                ),
                ArrowUnit::Millisecond => (
                    array
                        .as_primitive::<TimestampMillisecondType>()
                        .values()
                        .to_vec(),
                    TimeUnit::Milli,
                ),
                ArrowUnit::Microsecond => (
                    array
                        .as_primitive::<TimestampMicrosecondType>()
                        .values()
                        .to_vec(),
                    TimeUnit::Micro,
                ),
                ArrowUnit::Nanosecond => (
                    array
                        .as_primitive::<TimestampNanosecondType>()
                        .values()
                        .to_vec(),
                    TimeUnit::Nano,
                ),
            };
            let ticks = ticks
                .iter()
                .zip(&valid)
                .map(|(t, ok)| if *ok == 1 { *t } else { i64::MIN })
                .collect();
            OwnedColumn {
                values: OwnedValues::DateTime { ticks, unit },
                valid: masked(valid),
            }
        }
        other => {
            let Some(strings) = strings_of(array) else {
                return Err(IoError::Parquet(format!(
                    "columns of Arrow type {other} are not supported"
                )));
            };
            let mut offsets = Vec::with_capacity(strings.len() + 1);
            let mut bytes = Vec::new();
            offsets.push(0);
            for value in &strings {
                if let Some(value) = value {
                    bytes.extend_from_slice(value);
                }
                offsets.push(bytes.len() as i64);
            }
            OwnedColumn {
                values: OwnedValues::Str { offsets, bytes },
                valid: masked(valid),
            }
        }
    })
}

/// A hashable key of value `i` of a categories column, for unifying dictionaries.
fn category_key(column: &OwnedColumn, i: usize) -> Vec<u8> {
    match &column.values {
        OwnedValues::Str { offsets, bytes } => {
            bytes[offsets[i] as usize..offsets[i + 1] as usize].to_vec()
        }
        OwnedValues::I64(v) => v[i].to_le_bytes().to_vec(),
        OwnedValues::I32(v) => v[i].to_le_bytes().to_vec(),
        OwnedValues::F64(v) => v[i].to_bits().to_le_bytes().to_vec(),
        OwnedValues::F32(v) => v[i].to_bits().to_le_bytes().to_vec(),
        OwnedValues::Bool(v) => vec![v[i]],
        OwnedValues::DateTime { ticks, .. } => ticks[i].to_le_bytes().to_vec(),
        _ => Vec::new(),
    }
}

/// Appends value `i` of `source` to `target` (columns of the same kind, no masks).
fn push_value(target: &mut OwnedColumn, source: &OwnedColumn, i: usize) {
    match (&mut target.values, &source.values) {
        (
            OwnedValues::Str { offsets, bytes },
            OwnedValues::Str {
                offsets: o,
                bytes: b,
            },
        ) => {
            bytes.extend_from_slice(&b[o[i] as usize..o[i + 1] as usize]);
            offsets.push(bytes.len() as i64);
        }
        (OwnedValues::I64(t), OwnedValues::I64(s)) => t.push(s[i]),
        (OwnedValues::I32(t), OwnedValues::I32(s)) => t.push(s[i]),
        (OwnedValues::F64(t), OwnedValues::F64(s)) => t.push(s[i]),
        (OwnedValues::F32(t), OwnedValues::F32(s)) => t.push(s[i]),
        (OwnedValues::Bool(t), OwnedValues::Bool(s)) => t.push(s[i]),
        (OwnedValues::DateTime { ticks: t, .. }, OwnedValues::DateTime { ticks: s, .. }) => {
            t.push(s[i])
        }
        _ => {}
    }
}

fn empty_like(column: &OwnedColumn) -> OwnedColumn {
    let values = match &column.values {
        OwnedValues::Str { .. } => OwnedValues::Str {
            offsets: vec![0],
            bytes: Vec::new(),
        },
        OwnedValues::I64(_) => OwnedValues::I64(Vec::new()),
        OwnedValues::I32(_) => OwnedValues::I32(Vec::new()),
        OwnedValues::F64(_) => OwnedValues::F64(Vec::new()),
        OwnedValues::F32(_) => OwnedValues::F32(Vec::new()),
        OwnedValues::Bool(_) => OwnedValues::Bool(Vec::new()),
        OwnedValues::DateTime { unit, .. } => OwnedValues::DateTime {
            ticks: Vec::new(),
            unit: *unit,
        },
        other => other.clone(),
    };
    OwnedColumn {
        values,
        valid: None,
    }
}

/// Appends `next` to `into` (two plain columns of one kind).
fn append(into: &mut OwnedColumn, next: OwnedColumn) {
    let old_len = into.len();
    let next_len = next.len();
    let valid = match (into.valid.take(), next.valid.as_ref()) {
        (None, None) => None,
        (a, b) => {
            let mut mask = a.unwrap_or_else(|| vec![1; old_len]);
            mask.extend(b.cloned().unwrap_or_else(|| vec![1; next_len]));
            Some(mask)
        }
    };
    for i in 0..next_len {
        push_value(into, &next, i);
    }
    into.valid = valid;
}

/// All batches of one field as one column.
fn concat_column(field: &Field, arrays: &[&ArrayRef]) -> Result<OwnedColumn, IoError> {
    if let DataType::Dictionary(_, value_type) = field.data_type() {
        if !matches!(
            value_type.as_ref(),
            DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View
        ) {
            // pyarrow restores only string dictionaries as categories; others read as
            // their values.
            let mut result: Option<OwnedColumn> = None;
            for array in arrays {
                let dictionary = array.as_any_dictionary();
                let values =
                    arrow_select::take::take(dictionary.values().as_ref(), dictionary.keys(), None)
                        .map_err(parquet_error)?;
                let column = plain_column(values.as_ref())?;
                match &mut result {
                    None => result = Some(column),
                    Some(into) => append(into, column),
                }
            }
            return match result {
                Some(column) => Ok(column),
                None => plain_column(arrow_array::new_empty_array(value_type).as_ref()),
            };
        }
        let mut categories: Option<OwnedColumn> = None;
        let mut positions: HashMap<Vec<u8>, i32> = HashMap::new();
        let mut codes = Vec::new();
        for array in arrays {
            let dictionary = array.as_any_dictionary();
            let values = plain_column(dictionary.values().as_ref())?;
            let all = categories.get_or_insert_with(|| empty_like(&values));
            // Each batch's dictionary codes, renumbered into the unified categories.
            let mut remap = Vec::with_capacity(values.len());
            for i in 0..values.len() {
                let key = category_key(&values, i);
                let next = positions.len() as i32;
                let code = *positions.entry(key).or_insert_with(|| {
                    push_value(all, &values, i);
                    next
                });
                remap.push(code);
            }
            for code in integers(dictionary.keys())? {
                codes.push(if code < 0 { -1 } else { remap[code as usize] });
            }
        }
        let categories = categories.unwrap_or(OwnedColumn {
            values: OwnedValues::Str {
                offsets: vec![0],
                bytes: Vec::new(),
            },
            valid: None,
        });
        return Ok(OwnedColumn {
            values: OwnedValues::Category {
                codes,
                categories: Box::new(categories),
            },
            valid: None,
        });
    }
    let mut result: Option<OwnedColumn> = None;
    for array in arrays {
        let column = plain_column(array.as_ref())?;
        match &mut result {
            None => result = Some(column),
            Some(into) => append(into, column),
        }
    }
    match result {
        Some(column) => Ok(column),
        None => {
            let empty = arrow_array::new_empty_array(field.data_type());
            plain_column(empty.as_ref())
        }
    }
}

// ---------------------------------------------------------------------------------------
// Writing.

/// The arguments of `df.to_parquet` that the writer honours.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct ParquetWriteOptions {
    /// `index`: `None` (pandas' default) stores a `RangeIndex` as metadata and other
    /// indexes as columns; `Some(true)` stores every index as columns; `Some(false)` none.
    pub index: Option<bool>,
}

impl ParquetWriteOptions {
    /// The options from the spec field of `to_parquet`: `1`, `0` or empty for `index=`.
    pub fn decode(field: &str) -> ParquetWriteOptions {
        let index = match field {
            "1" => Some(true),
            "0" => Some(false),
            _ => None,
        };
        ParquetWriteOptions { index }
    }
}

/// pyarrow's `pandas_type` and `numpy_type` of a column, and its metadata.
fn pandas_types(column: &Column) -> (String, String, Value) {
    let (pandas_type, numpy_type) = match column.values {
        Values::Bool(_) => ("bool", "bool".to_string()),
        Values::I32(_) => ("int32", "int32".into()),
        Values::I64(_) => ("int64", "int64".into()),
        Values::F32(_) => ("float32", "float32".into()),
        Values::F64(_) => ("float64", "float64".into()),
        Values::Str { .. } => ("unicode", "str".into()),
        Values::DateTime { unit, .. } => ("datetime", format!("datetime64[{}]", unit.suffix())),
        Values::Category { categories, .. } => {
            let metadata = json!({"num_categories": categories.len(), "ordered": false});
            return ("categorical".into(), "int32".into(), metadata);
        }
        _ => ("object", "object".into()),
    };
    (pandas_type.to_string(), numpy_type, Value::Null)
}

/// A column as an Arrow array, with NaN, NaT and masked values as nulls.
fn arrow_array(column: &Column) -> Result<ArrayRef, IoError> {
    let present = |i: usize| !column.is_missing(i);
    let len = column.len();
    Ok(match column.values {
        Values::Bool(v) => Arc::new(
            (0..len)
                .map(|i| present(i).then_some(v[i] != 0))
                .collect::<BooleanArray>(),
        ),
        Values::I32(v) => Arc::new(
            (0..len)
                .map(|i| present(i).then_some(v[i]))
                .collect::<Int32Array>(),
        ),
        Values::I64(v) => Arc::new(
            (0..len)
                .map(|i| present(i).then_some(v[i]))
                .collect::<Int64Array>(),
        ),
        Values::F32(v) => Arc::new(
            (0..len)
                .map(|i| present(i).then_some(v[i]))
                .collect::<Float32Array>(),
        ),
        Values::F64(v) => Arc::new(
            (0..len)
                .map(|i| present(i).then_some(v[i]))
                .collect::<Float64Array>(),
        ),
        Values::Str { .. } => Arc::new(
            (0..len)
                .map(|i| if present(i) { column.str_at(i) } else { None })
                .collect::<LargeStringArray>(),
        ),
        Values::DateTime { ticks, unit } => {
            let values = (0..len).map(|i| present(i).then_some(ticks[i]));
            match unit {
                TimeUnit::Second => Arc::new(values.collect::<TimestampSecondArray>()),
                TimeUnit::Milli => Arc::new(values.collect::<TimestampMillisecondArray>()),
                TimeUnit::Micro => Arc::new(values.collect::<TimestampMicrosecondArray>()),
                TimeUnit::Nano => Arc::new(values.collect::<TimestampNanosecondArray>()),
            }
        }
        Values::Category { codes, categories } => {
            let keys: Int32Array = (0..len)
                .map(|i| (present(i) && codes[i] >= 0).then_some(codes[i]))
                .collect();
            let values = arrow_array(categories)?;
            Arc::new(DictionaryArray::<Int32Type>::try_new(keys, values).map_err(parquet_error)?)
        }
        _ => {
            return Err(IoError::Parquet(
                "to_parquet: unsigned and small integer columns are not supported".into(),
            ))
        }
    })
}

/// `df.to_parquet(path)` with pandas' defaults (pyarrow, Snappy).
pub fn write_parquet(
    path: impl AsRef<Path>,
    frame: &Frame,
    options: &ParquetWriteOptions,
) -> Result<(), IoError> {
    let path = path.as_ref();
    super::check_parent_directory(path)?;
    let file = std::fs::File::create(path).map_err(file_error(path))?;
    write_parquet_to(file, frame, options, None)
}

/// [`write_parquet`] into memory, for part of a frame's rows: `range`, for a range index,
/// is the whole frame's index (start and length), which the metadata describes.
pub fn encode_parquet(frame: &Frame, options: &ParquetWriteOptions, range: Option<(i64, usize)>) -> Result<Vec<u8>, IoError> {
    let mut out = Vec::new();
    write_parquet_to(&mut out, frame, options, range)?;
    Ok(out)
}

/// Writes one Parquet file at `path` made of the row groups of `parts` (whole Parquet
/// files of one schema, in order: each rank's rows), copied without decoding; the file's
/// metadata is the first part's.
pub fn write_parts(path: &Path, parts: &[Vec<u8>]) -> Result<(), IoError> {
    use parquet::column::writer::ColumnCloseResult;
    use parquet::file::metadata::ParquetMetaDataReader;
    use parquet::file::writer::SerializedFileWriter;
    super::check_parent_directory(path)?;
    let parts: Vec<(bytes::Bytes, parquet::file::metadata::ParquetMetaData)> = parts
        .iter()
        .map(|p| {
            let data = bytes::Bytes::from(p.clone());
            let metadata = ParquetMetaDataReader::new().parse_and_finish(&data).map_err(parquet_error)?;
            Ok((data, metadata))
        })
        .collect::<Result<_, IoError>>()?;
    let Some((_, first)) = parts.first() else { return Err(IoError::Parquet("no parts to write".into())) };
    let schema = first.file_metadata().schema_descr().root_schema_ptr();
    let properties = WriterProperties::builder()
        .set_compression(Compression::SNAPPY)
        .set_key_value_metadata(first.file_metadata().key_value_metadata().cloned())
        .build();
    let file = std::fs::File::create(path).map_err(file_error(path))?;
    let mut writer = SerializedFileWriter::new(file, schema, Arc::new(properties)).map_err(parquet_error)?;
    for (data, metadata) in &parts {
        if metadata.file_metadata().schema_descr().root_schema() != first.file_metadata().schema_descr().root_schema() {
            return Err(IoError::Parquet("the ranks' parts of a frame have different Parquet schemas".into()));
        }
        for group in metadata.row_groups() {
            if group.num_rows() == 0 {
                continue;
            }
            let mut out = writer.next_row_group().map_err(parquet_error)?;
            for column in group.columns() {
                let close = ColumnCloseResult {
                    bytes_written: column.compressed_size() as u64,
                    rows_written: group.num_rows() as u64,
                    metadata: column.clone(),
                    bloom_filter: None,
                    column_index: None,
                    offset_index: None,
                };
                out.append_column(data, close).map_err(parquet_error)?;
            }
            out.close().map_err(parquet_error)?;
        }
    }
    writer.close().map_err(parquet_error)?;
    Ok(())
}

fn write_parquet_to<W: std::io::Write + Send>(out: W, frame: &Frame, options: &ParquetWriteOptions, range: Option<(i64, usize)>) -> Result<(), IoError> {
    let mut fields = Vec::new();
    let mut arrays: Vec<ArrayRef> = Vec::new();
    let mut columns_metadata = Vec::new();
    // Each categorical column's categories in order (arrow-rs writes a dictionary page of
    // the values used, in the order they first appear; pandas' own files keep them).
    let mut categories = serde_json::Map::new();
    let mut keep_categories = |field: &str, column: &Column| {
        if let Values::Category { categories: cats, .. } = column.values {
            let texts: Vec<Value> = (0..cats.len()).map(|i| category_text(cats, i).map_or(Value::Null, Value::String)).collect();
            categories.insert(field.to_string(), Value::Array(texts));
        }
    };
    for (label, column) in &frame.columns {
        keep_categories(label, column);
        let array = arrow_array(column)?;
        fields.push(Field::new(*label, array.data_type().clone(), true));
        arrays.push(array);
        let (pandas_type, numpy_type, metadata) = pandas_types(column);
        columns_metadata.push(json!({"name": label, "field_name": label, "pandas_type": pandas_type, "numpy_type": numpy_type, "metadata": metadata}));
    }
    let mut index_columns = Vec::new();
    match (&frame.index, options.index) {
        (_, Some(false)) => {}
        (Index::Range { start, step, name }, None) => {
            let (start, len) = range.unwrap_or((*start, frame.len));
            index_columns.push(json!({"kind": "range", "name": name, "start": start, "stop": start + step * len as i64, "step": step}));
        }
        (index, _) => {
            let levels: Vec<(Option<&str>, Column)> = match index {
                Index::Range { start, step, name } => {
                    let values: Vec<i64> =
                        (0..frame.len as i64).map(|i| start + step * i).collect();
                    let array: ArrayRef = Arc::new(Int64Array::from(values));
                    let field_name = name.map_or("__index_level_0__".to_string(), str::to_string);
                    fields.push(Field::new(field_name.clone(), DataType::Int64, true));
                    arrays.push(array);
                    columns_metadata.push(json!({"name": name, "field_name": field_name, "pandas_type": "int64", "numpy_type": "int64", "metadata": null}));
                    index_columns.push(json!(field_name));
                    Vec::new()
                }
                Index::Levels(levels) => levels.clone(),
            };
            for (level, (name, column)) in levels.iter().enumerate() {
                let field_name = name.map_or(format!("__index_level_{level}__"), str::to_string);
                keep_categories(&field_name, column);
                let array = arrow_array(column)?;
                fields.push(Field::new(
                    field_name.clone(),
                    array.data_type().clone(),
                    true,
                ));
                arrays.push(array);
                let (pandas_type, numpy_type, metadata) = pandas_types(column);
                columns_metadata.push(json!({"name": name, "field_name": field_name, "pandas_type": pandas_type, "numpy_type": numpy_type, "metadata": metadata}));
                index_columns.push(json!(field_name));
            }
        }
    }
    let pandas = json!({
        "index_columns": index_columns,
        "column_indexes": [{"name": null, "field_name": null, "pandas_type": "unicode", "numpy_type": "object", "metadata": {"encoding": "UTF-8"}}],
        "columns": columns_metadata,
        "attributes": {},
        "creator": {"library": "pyarrow", "version": "26.0.1"},
        "pandas_version": "3.1.1",
    });
    let mut metadata = HashMap::from([("pandas".to_string(), pandas.to_string())]);
    if !categories.is_empty() {
        metadata.insert(CATEGORIES_KEY.to_string(), Value::Object(categories).to_string());
    }
    let schema = Arc::new(arrow_schema::Schema::new_with_metadata(fields, metadata));
    let batch = if arrays.is_empty() {
        RecordBatch::new_empty(schema.clone())
    } else {
        RecordBatch::try_new(schema.clone(), arrays).map_err(parquet_error)?
    };
    let properties = WriterProperties::builder()
        .set_compression(Compression::SNAPPY)
        .build();
    let mut writer = ArrowWriter::try_new(out, schema, Some(properties)).map_err(parquet_error)?;
    writer.write(&batch).map_err(parquet_error)?;
    writer.close().map_err(parquet_error)?;
    Ok(())
}
