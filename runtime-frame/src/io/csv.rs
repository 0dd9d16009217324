//! `pd.read_csv` and `df.to_csv` with pandas 3.1's semantics, byte for byte and bit for bit.
//!
//! Reading uses a hand-written tokenizer rather than `arrow-csv`: pandas' C tokenizer has
//! rules that a general CSV reader does not share (blank and whitespace-only lines are
//! skipped, a quote inside an unquoted field is an ordinary character, text after a
//! closing quote joins the field, short rows are padded with missing values, `\r` alone
//! ends a row, the "Expected N fields in line L, saw M" check exempts the first data row),
//! and the conversion rules are pandas' own (its missing-value strings are matched before
//! any parsing, `" 12 "` is an integer, `"1.0"` converts to an int64 column, only
//! case-insensitive `true`/`false` are booleans, `inf` but no spelling of `nan` is a
//! float). Mirroring the state machine directly is simpler than correcting another
//! reader's output, and it reads faster than pandas: the file is read whole, unquoted
//! fields stay slices of the file, and each column is converted in one pass.
//!
//! Floats: pandas 3.1 parses every float with `fast_float` (whatever `float_precision`),
//! which rounds correctly, as Rust's `str::parse::<f64>` does; the syntax accepted around
//! it (whitespace, signs, `inf` spellings) follows pandas' `_try_double`.
//!
//! Supported options: `sep`, `header` (a row number or `None`), `names`, `usecols`
//! (names), `skiprows` (a count), `na_values`, `keep_default_na`, `date_format`; dtypes
//! and `parse_dates` come from the [`Schema`]. Not supported: `index_col` and pandas'
//! implicit index (a first data row longer than the header), `comment`, `thousands`,
//! `decimal`, `escapechar`, `quoting`, `skipinitialspace`, `delim_whitespace`, encodings
//! other than UTF-8, compression, time zones in dates.

use super::datetime::{DateFormat, Instant};
use super::{python_repr, ColumnType, IoError, Schema};
use crate::column::{Column, Frame, Index, OwnedColumn, OwnedValues, TimeUnit, Values};
use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::path::Path;

/// pandas' default missing-value strings (`pandas._libs.parsers.STR_NA_VALUES`).
pub const DEFAULT_NA_VALUES: [&str; 19] = [
    "", "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN", "-nan", "1.#IND", "1.#QNAN",
    "<NA>", "N/A", "NA", "NULL", "NaN", "None", "n/a", "nan", "null",
];

/// The arguments of `pd.read_csv` that the reader honours.
#[derive(Clone, Debug, PartialEq)]
pub struct CsvOptions {
    /// `sep` / `delimiter`: one byte.
    pub sep: u8,
    /// `header`: the row (after `skiprows`, blank lines not counted) that holds the column
    /// names, or `None` for none.
    pub header: Option<usize>,
    /// `names`: the column labels, replacing the header row's.
    pub names: Option<Vec<String>>,
    /// `usecols`: the labels of the columns to keep (the result keeps the file's order).
    pub usecols: Option<Vec<String>>,
    /// `skiprows`: how many lines at the start of the file to skip.
    pub skiprows: usize,
    /// `na_values`: more strings read as missing.
    pub na_values: Vec<String>,
    /// `keep_default_na`: whether [`DEFAULT_NA_VALUES`] are missing too.
    pub keep_default_na: bool,
    /// `date_format` for the schema's datetime columns (`None`: inferred from the first
    /// value; `"ISO8601"`: any ISO 8601 shape).
    pub date_format: Option<String>,
    /// The labels of columns whose dtype the compiler inferred from the file (not given by
    /// `dtype=`): the reader checks that pandas would infer the same dtype now.
    pub inferred: Vec<String>,
}

impl CsvOptions {
    /// The options as one spec field (`runtime_abi::frame_spec`), read back by
    /// [`CsvOptions::decode`]: how the compiler hands a script's arguments to the reader.
    pub fn encode(&self) -> String {
        let list = |l: &[String]| {
            let items: Vec<&str> = l.iter().map(String::as_str).collect();
            runtime_abi::frame_spec::encode(&items)
        };
        let opt_list = |l: &Option<Vec<String>>| match l {
            Some(l) => format!("1{}", list(l)),
            None => "0".to_string(),
        };
        let fields = [
            (self.sep as char).to_string(),
            self.header.map_or(String::new(), |h| h.to_string()),
            opt_list(&self.names),
            opt_list(&self.usecols),
            self.skiprows.to_string(),
            list(&self.na_values),
            (self.keep_default_na as u8).to_string(),
            self.date_format.as_ref().map_or("0".to_string(), |f| format!("1{f}")),
            list(&self.inferred),
        ];
        let items: Vec<&str> = fields.iter().map(String::as_str).collect();
        runtime_abi::frame_spec::encode(&items)
    }

    /// The options [`CsvOptions::encode`] wrote.
    pub fn decode(text: &str) -> Result<CsvOptions, String> {
        let f = runtime_abi::frame_spec::decode(text)?;
        let [sep, header, names, usecols, skiprows, na_values, keep, date_format, inferred] = f.as_slice() else {
            return Err("read_csv options with the wrong number of fields".into());
        };
        let list = |t: &str| runtime_abi::frame_spec::decode(t);
        let opt_list = |t: &str| -> Result<Option<Vec<String>>, String> {
            match t.strip_prefix('1') {
                Some(rest) => list(rest).map(Some),
                None => Ok(None),
            }
        };
        Ok(CsvOptions {
            sep: *sep.as_bytes().first().ok_or("an empty separator")?,
            header: if header.is_empty() { None } else { Some(header.parse().map_err(|_| "a bad header row")?) },
            names: opt_list(names)?,
            usecols: opt_list(usecols)?,
            skiprows: skiprows.parse().map_err(|_| "a bad skiprows")?,
            na_values: list(na_values)?,
            keep_default_na: keep == "1",
            date_format: date_format.strip_prefix('1').map(str::to_string),
            inferred: list(inferred)?,
        })
    }
}

impl CsvWriteOptions {
    /// The options as one spec field, read back by [`CsvWriteOptions::decode`].
    pub fn encode(&self) -> String {
        let fields = [(self.sep as char).to_string(), (self.header as u8).to_string(), (self.index as u8).to_string(), self.na_rep.clone(), self.lineterminator.clone()];
        let items: Vec<&str> = fields.iter().map(String::as_str).collect();
        runtime_abi::frame_spec::encode(&items)
    }

    /// The options [`CsvWriteOptions::encode`] wrote.
    pub fn decode(text: &str) -> Result<CsvWriteOptions, String> {
        let f = runtime_abi::frame_spec::decode(text)?;
        let [sep, header, index, na_rep, lineterminator] = f.as_slice() else {
            return Err("to_csv options with the wrong number of fields".into());
        };
        Ok(CsvWriteOptions {
            sep: *sep.as_bytes().first().ok_or("an empty separator")?,
            header: header == "1",
            index: index == "1",
            na_rep: na_rep.clone(),
            lineterminator: lineterminator.clone(),
        })
    }
}

impl Default for CsvOptions {
    fn default() -> CsvOptions {
        CsvOptions {
            sep: b',',
            header: Some(0),
            names: None,
            usecols: None,
            skiprows: 0,
            na_values: Vec::new(),
            keep_default_na: true,
            date_format: None,
            inferred: Vec::new(),
        }
    }
}

/// `pd.read_csv(path, ...)`: one column per schema column, in the schema's order, which
/// must be the order of the columns pandas returns (the file's order).
pub fn read_csv(
    path: impl AsRef<Path>,
    options: &CsvOptions,
    schema: &Schema,
) -> Result<Vec<OwnedColumn>, IoError> {
    let path = path.as_ref();
    let data = super::file::FileBytes::open(path).map_err(|error| IoError::File {
        path: path.display().to_string(),
        error,
    })?;
    read_csv_bytes(&data, options, schema)
}

/// [`read_csv`] of text already in memory.
pub fn read_csv_bytes(
    data: &[u8],
    options: &CsvOptions,
    schema: &Schema,
) -> Result<Vec<OwnedColumn>, IoError> {
    let table = tokenize(data, options)?;
    let (labels, positions) = select_columns(&table, options)?;
    let names: Vec<&str> = schema
        .columns
        .iter()
        .map(|(name, _)| name.as_str())
        .collect();
    if labels != names {
        return Err(IoError::Schema(format!(
            "read_csv: the file's columns {labels:?} are not the columns {names:?} the program was compiled for"
        )));
    }
    let na = NaSet::new(options);
    let date_format = match &options.date_format {
        Some(format) => Some(DateFormat::explicit(format).map_err(IoError::Schema)?),
        None => None,
    };
    for ((name, dtype), &position) in schema.columns.iter().zip(&positions) {
        if !options.inferred.contains(name) {
            continue;
        }
        let fields = FieldColumn { table: &table, column: position };
        if confirms(&fields, &na, dtype) {
            continue;
        }
        let now = infer_type(&fields, &na, name)?;
        if now != *dtype {
            return Err(IoError::Schema(format!(
                "read_csv: pandas reads column {name:?} of this file as {}, not as the {} the program was compiled for; pass dtype= to fix it",
                now.pandas_name(),
                dtype.pandas_name()
            )));
        }
    }
    // Columns convert independently: spread them over the machine's threads, and report
    // the first failing column's error as pandas (which converts in order) would.
    let jobs: Vec<(&(String, ColumnType), usize)> = schema
        .columns
        .iter()
        .zip(positions.iter().copied())
        .collect();
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(jobs.len())
        .max(1);
    let convert_job = |&(column, position): &(&(String, ColumnType), usize)| {
        let fields = FieldColumn {
            table: &table,
            column: position,
        };
        convert(&fields, &column.1, &column.0, &na, date_format.as_ref())
    };
    let mut results: Vec<Option<Result<OwnedColumn, IoError>>> =
        (0..jobs.len()).map(|_| None).collect();
    if threads <= 1 || table.rows < 10_000 {
        for (slot, job) in results.iter_mut().zip(&jobs) {
            *slot = Some(convert_job(job));
        }
    } else {
        std::thread::scope(|scope| {
            let handles: Vec<_> = (0..threads)
                .map(|thread| {
                    let jobs = &jobs;
                    let convert_job = &convert_job;
                    scope.spawn(move || {
                        (thread..jobs.len())
                            .step_by(threads)
                            .map(|j| (j, convert_job(&jobs[j])))
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            for handle in handles {
                for (j, result) in handle.join().expect("a conversion thread panicked") {
                    results[j] = Some(result);
                }
            }
        });
    }
    let columns: Vec<OwnedColumn> = results
        .into_iter()
        .map(|result| result.expect("every column was converted"))
        .collect::<Result<_, _>>()?;
    Ok(columns)
}

/// The dtypes pandas infers for a file's columns (those named in `parse_dates` are
/// datetimes): what the compiler reads when a script's `read_csv` gives no `dtype=`.
/// `dtypes` are the ones given; the others are inferred.
pub fn infer_schema(data: &[u8], options: &CsvOptions, dtypes: &[(String, ColumnType)]) -> Result<Schema, IoError> {
    let table = tokenize(data, options)?;
    let (labels, positions) = select_columns(&table, options)?;
    let na = NaSet::new(options);
    let mut columns = Vec::new();
    for (label, position) in labels.into_iter().zip(positions) {
        let dtype = match dtypes.iter().find(|(l, _)| *l == label) {
            Some((_, d)) => d.clone(),
            None => infer_type(&FieldColumn { table: &table, column: position }, &na, &label)?,
        };
        columns.push((label, dtype));
    }
    Ok(Schema { columns })
}

/// Whether pandas would infer `dtype` for a column, decided quickly where the first
/// fields tell (`false`: not confirmed, [`infer_type`] decides). A float64 column is
/// confirmed by one value that is not an int, or one missing value: a field that is
/// neither a number nor missing would then fail its conversion (a ValueError) rather
/// than be read as another dtype.
fn confirms(fields: &FieldColumn, na: &NaSet, dtype: &ColumnType) -> bool {
    let is_int = |f: &[u8]| matches!(parse_int64(f), IntParse::Value(_));
    match dtype {
        ColumnType::Int64 => fields.len() > 0 && fields.iter().all(|f| is_int(f) && !na.contains(f)),
        ColumnType::Float64 => fields.iter().any(|f| na.contains(f) || (!is_int(f) && parse_float(f).is_some())),
        ColumnType::Bool => fields.len() > 0 && fields.iter().all(|f| !na.contains(f) && parse_bool(f).is_some()),
        ColumnType::Str => fields.iter().any(|f| !na.contains(f) && matches!(parse_int64(f), IntParse::Invalid) && parse_float(f).is_none() && parse_bool(f).is_none()),
        _ => false,
    }
}

/// The dtype pandas' C parser infers for a column.
fn infer_type(fields: &FieldColumn, na: &NaSet, name: &str) -> Result<ColumnType, IoError> {
    if fields.len() == 0 {
        return Err(IoError::Schema(format!("legatec: read_csv: column {name:?} has no rows to infer a dtype from (pandas makes it object, a dtype legatec does not have); pass dtype=")));
    }
    Ok(match infer(fields, na)? {
        Inferred::Int(values) if values.iter().all(Option::is_some) => ColumnType::Int64,
        Inferred::Int(_) | Inferred::Float(_) => ColumnType::Float64,
        Inferred::UInt | Inferred::UIntConflict => {
            return Err(IoError::Schema(format!("legatec: read_csv: column {name:?} holds integers beyond int64, which pandas reads as uint64 or object, dtypes legatec does not have")));
        }
        Inferred::Object => {
            let (mut bools, mut missing) = (true, false);
            for field in fields.iter() {
                if na.contains(field) {
                    missing = true;
                } else if parse_bool(field).is_none() {
                    bools = false;
                    break;
                }
            }
            match (bools, missing) {
                (true, false) => ColumnType::Bool,
                (true, true) => {
                    return Err(IoError::Schema(format!("read_csv: column {name:?} holds booleans and missing values, which pandas reads as object, a dtype legatec does not have")));
                }
                _ => ColumnType::Str,
            }
        }
    })
}

/// The column labels `pd.read_csv` would give the file, after `names` and `usecols`: what
/// a compiler reads to build a [`Schema`].
pub fn read_csv_labels(
    path: impl AsRef<Path>,
    options: &CsvOptions,
) -> Result<Vec<String>, IoError> {
    let path = path.as_ref();
    let data = super::file::FileBytes::open(path).map_err(|error| IoError::File {
        path: path.display().to_string(),
        error,
    })?;
    let table = tokenize(&data, options)?;
    Ok(select_columns(&table, options)?.0)
}

// ---------------------------------------------------------------------------------------
// Tokenizing.

/// The tokenized file: `rows` records of `width` fields each (short rows padded with
/// empty fields), the header row apart.
struct Table<'a> {
    data: &'a [u8],
    /// Bytes of fields that had to be rewritten (doubled quotes, text after a closing
    /// quote). A field range at or past `data.len()` points here.
    rewritten: Vec<u8>,
    /// Field ranges, row after row.
    fields: Vec<(usize, usize)>,
    width: usize,
    rows: usize,
    /// The header row's fields, when `header` is not `None`.
    header: Option<Vec<String>>,
}

impl<'a> Table<'a> {
    fn bytes(&self, range: (usize, usize)) -> &[u8] {
        let length = self.data.len();
        if range.0 >= length {
            &self.rewritten[range.0 - length..range.1 - length]
        } else {
            &self.data[range.0..range.1]
        }
    }
}

/// The states of pandas' tokenizer (`tokenizer.c`) that the supported options reach.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum State {
    StartRecord,
    StartField,
    InField,
    InQuotedField,
    QuoteInQuotedField,
    EatCrnl,
    EatCrnlNop,
    WhitespaceLine,
    StartFieldInSkipLine,
    InFieldInSkipLine,
    InQuotedFieldInSkipLine,
    QuoteInQuotedFieldInSkipLine,
}

/// The tokenizer's running record: fields of the current line and line counters.
struct Tokenizer<'a> {
    data: &'a [u8],
    rewritten: Vec<u8>,
    /// Every field of every line kept so far.
    fields: Vec<(usize, usize)>,
    /// Where the current line's fields start in `fields`.
    line_start: usize,
    /// Fields of each kept line.
    line_fields: Vec<usize>,
    /// pandas' `file_lines`: records ended or skipped so far.
    file_lines: usize,
    /// pandas' `header_end`: the last line that is part of the header (-1 for none).
    header_end: i64,
    skiprows: usize,
    /// The current field: start in `data`, or start in `rewritten` once it is copied.
    field_start: usize,
    copying: bool,
    /// Where the last quoted stretch of the current field ended in `data`.
    quote_end: usize,
}

impl<'a> Tokenizer<'a> {
    fn begin_field(&mut self, at: usize) {
        self.field_start = at;
        self.copying = false;
    }

    /// Switches the current field (bytes `field_start..end` of the data) to a copy.
    fn start_copy(&mut self, end: usize) {
        if !self.copying {
            let start = self.rewritten.len();
            self.rewritten
                .extend_from_slice(&self.data[self.field_start..end]);
            self.field_start = start;
            self.copying = true;
        }
    }

    fn end_field(&mut self, end: usize) {
        let range = if self.copying {
            let base = self.data.len();
            (base + self.field_start, base + self.rewritten.len())
        } else {
            (self.field_start, end)
        };
        self.fields.push(range);
    }

    /// pandas' `end_line`: checks the field count, pads short rows, counts the line.
    fn end_line(&mut self, skipping: bool) -> Result<(), IoError> {
        if skipping {
            self.file_lines += 1;
            return Ok(());
        }
        let lines = self.line_fields.len();
        let mut fields = self.fields.len() - self.line_start;
        if lines > 0 {
            let expected = self.line_fields[lines - 1];
            if lines as i64 > self.header_end + 1 && fields > expected {
                self.file_lines += 1;
                return Err(IoError::Parser(format!(
                    "Error tokenizing data. C error: Expected {expected} fields in line {}, saw {fields}\n",
                    self.file_lines
                )));
            }
            if lines as i64 > self.header_end && fields < expected {
                while fields < expected {
                    self.fields.push((0, 0));
                    fields += 1;
                }
            }
        }
        self.file_lines += 1;
        self.line_fields.push(fields);
        self.line_start = self.fields.len();
        Ok(())
    }
}

fn is_blank(byte: u8) -> bool {
    byte == b' ' || byte == b'\t'
}

/// Tokenizes the whole file as pandas' C parser does with the supported options.
fn tokenize<'a>(data: &'a [u8], options: &CsvOptions) -> Result<Table<'a>, IoError> {
    let sep = options.sep;
    let mut t = Tokenizer {
        data,
        rewritten: Vec::new(),
        // A guess of one field per eight bytes saves most regrowth of the largest vector.
        fields: Vec::with_capacity(data.len() / 8),
        line_start: 0,
        line_fields: Vec::new(),
        file_lines: 0,
        header_end: options.header.map_or(-1, |h| h as i64),
        skiprows: options.skiprows,
        field_start: 0,
        copying: false,
        quote_end: 0,
    };
    // The bytes that end an unquoted field.
    let mut special = [false; 256];
    for byte in [sep, b'\n', b'\r'] {
        special[usize::from(byte)] = true;
    }
    let mut state = State::StartRecord;
    let mut i = if data.starts_with(b"\xef\xbb\xbf") {
        3
    } else {
        0
    };
    // Where the current line began, for the whitespace-line backtrack.
    let mut line_begin = i;
    while i < data.len() {
        let c = data[i];
        match state {
            State::StartRecord => {
                line_begin = i;
                if t.file_lines < t.skiprows {
                    if c == b'"' {
                        state = State::InQuotedFieldInSkipLine;
                    } else {
                        state = State::InFieldInSkipLine;
                        if c == b'\n' {
                            t.end_line(true)?;
                            state = State::StartRecord;
                        }
                    }
                    i += 1;
                    continue;
                }
                if c == b'\n' {
                    t.file_lines += 1;
                    i += 1;
                    continue;
                }
                if c == b'\r' {
                    t.file_lines += 1;
                    state = State::EatCrnlNop;
                    i += 1;
                    continue;
                }
                if is_blank(c) && c != sep {
                    state = State::WhitespaceLine;
                    i += 1;
                    continue;
                }
                state = State::StartField;
                // The same byte is handled as the start of a field.
            }
            State::WhitespaceLine => {
                if c == b'\n' {
                    t.file_lines += 1;
                    state = State::StartRecord;
                    i += 1;
                } else if c == b'\r' {
                    t.file_lines += 1;
                    state = State::EatCrnlNop;
                    i += 1;
                } else if is_blank(c) && c != sep {
                    i += 1;
                } else {
                    i = line_begin;
                    state = State::StartField;
                }
            }
            State::StartField => {
                if c == b'\n' {
                    t.begin_field(i);
                    t.end_field(i);
                    t.end_line(false)?;
                    state = State::StartRecord;
                } else if c == b'\r' {
                    t.begin_field(i);
                    t.end_field(i);
                    state = State::EatCrnl;
                } else if c == b'"' {
                    t.begin_field(i + 1);
                    state = State::InQuotedField;
                } else if c == sep {
                    t.begin_field(i);
                    t.end_field(i);
                } else {
                    // An unquoted field: scan to its end here, the common case.
                    t.begin_field(i);
                    let mut end = i + 1;
                    while end < data.len() && !special[usize::from(data[end])] {
                        end += 1;
                    }
                    i = end;
                    if i < data.len() {
                        let c = data[i];
                        t.end_field(i);
                        if c == b'\n' {
                            t.end_line(false)?;
                            state = State::StartRecord;
                        } else if c == b'\r' {
                            state = State::EatCrnl;
                        }
                    } else {
                        state = State::InField;
                    }
                }
                i += 1;
            }
            State::InField => {
                // Runs to the next separator or line end; quotes are ordinary here.
                let mut end = i;
                while end < data.len() && !special[usize::from(data[end])] {
                    end += 1;
                }
                if t.copying {
                    t.rewritten.extend_from_slice(&data[i..end]);
                }
                i = end;
                if i < data.len() {
                    let c = data[i];
                    t.end_field(i);
                    if c == b'\n' {
                        t.end_line(false)?;
                        state = State::StartRecord;
                    } else if c == b'\r' {
                        state = State::EatCrnl;
                    } else {
                        state = State::StartField;
                    }
                    i += 1;
                }
            }
            State::InQuotedField => {
                let rest = &data[i..];
                let end = memchr::memchr(b'"', rest).map_or(data.len(), |offset| i + offset);
                if t.copying {
                    t.rewritten.extend_from_slice(&data[i..end]);
                }
                t.quote_end = end;
                if end < data.len() {
                    state = State::QuoteInQuotedField;
                    i = end + 1;
                } else {
                    i = end;
                }
            }
            State::QuoteInQuotedField => {
                if c == b'"' {
                    // A doubled quote is one quote character.
                    t.start_copy(t.quote_end);
                    t.rewritten.push(b'"');
                    state = State::InQuotedField;
                } else if c == sep {
                    t.end_field(t.quote_end);
                    state = State::StartField;
                } else if c == b'\n' {
                    t.end_field(t.quote_end);
                    t.end_line(false)?;
                    state = State::StartRecord;
                } else if c == b'\r' {
                    t.end_field(t.quote_end);
                    state = State::EatCrnl;
                } else {
                    // Text after the closing quote joins the field.
                    t.start_copy(t.quote_end);
                    t.rewritten.push(c);
                    state = State::InField;
                }
                i += 1;
            }
            State::EatCrnl => {
                if c == b'\n' {
                    t.end_line(false)?;
                    state = State::StartRecord;
                    i += 1;
                } else if c == sep {
                    // pandas ends the line and starts the next one with an empty field.
                    t.end_line(false)?;
                    t.begin_field(i);
                    t.end_field(i);
                    state = State::StartField;
                    i += 1;
                } else {
                    t.end_line(false)?;
                    state = State::StartRecord;
                }
            }
            State::EatCrnlNop => {
                state = State::StartRecord;
                if c == b'\n' || c == sep {
                    i += 1;
                }
            }
            State::StartFieldInSkipLine | State::InFieldInSkipLine => {
                if c == b'\n' {
                    t.end_line(true)?;
                    state = State::StartRecord;
                } else if c == b'\r' {
                    t.file_lines += 1;
                    state = State::EatCrnlNop;
                } else if c == b'"' && state == State::StartFieldInSkipLine {
                    state = State::InQuotedFieldInSkipLine;
                } else if c == sep {
                    state = State::StartFieldInSkipLine;
                } else {
                    state = State::InFieldInSkipLine;
                }
                i += 1;
            }
            State::InQuotedFieldInSkipLine => {
                if c == b'"' {
                    state = State::QuoteInQuotedFieldInSkipLine;
                }
                i += 1;
            }
            State::QuoteInQuotedFieldInSkipLine => {
                if c == b'"' {
                    state = State::InQuotedFieldInSkipLine;
                } else if c == b'\n' {
                    t.end_line(true)?;
                    state = State::StartRecord;
                } else if c == b'\r' {
                    t.file_lines += 1;
                    state = State::EatCrnlNop;
                } else if c == sep {
                    state = State::StartFieldInSkipLine;
                } else {
                    state = State::InFieldInSkipLine;
                }
                i += 1;
            }
        }
    }
    // pandas' `parser_handle_eof`.
    match state {
        State::InQuotedField => {
            return Err(IoError::Parser(format!(
                "Error tokenizing data. C error: EOF inside string starting at row {}",
                t.file_lines
            )))
        }
        State::InField | State::StartField => {
            t.end_field(data.len());
            t.end_line(false)?;
        }
        State::QuoteInQuotedField => {
            t.end_field(t.quote_end);
            t.end_line(false)?;
        }
        State::EatCrnl => t.end_line(false)?,
        State::StartFieldInSkipLine
        | State::InFieldInSkipLine
        | State::InQuotedFieldInSkipLine
        | State::QuoteInQuotedFieldInSkipLine => t.end_line(true)?,
        State::StartRecord | State::WhitespaceLine | State::EatCrnlNop => {}
    }
    build_table(t, options)
}

/// Splits the tokenized lines into the header row and the data rows.
fn build_table<'a>(t: Tokenizer<'a>, options: &CsvOptions) -> Result<Table<'a>, IoError> {
    let lines = &t.line_fields;
    let header_line = options.header;
    let first_data_line = header_line.map_or(0, |h| h + 1);
    if lines.is_empty() || header_line.is_some_and(|h| h >= lines.len()) {
        if header_line.is_some_and(|h| h > 0 && h >= lines.len()) && !lines.is_empty() {
            return Err(IoError::Value(format!(
                "Passed header={}, len of {}, but only {} lines in file",
                header_line.unwrap_or(0),
                header_line.unwrap_or(0) + 1,
                lines.len()
            )));
        }
        return Err(IoError::EmptyData);
    }
    let mut offset = 0;
    let mut header = None;
    for (line, &count) in lines.iter().enumerate().take(first_data_line) {
        if Some(line) == header_line {
            let labels = t.fields[offset..offset + count]
                .iter()
                .map(|&range| {
                    let table_bytes = if range.0 >= t.data.len() {
                        &t.rewritten[range.0 - t.data.len()..range.1 - t.data.len()]
                    } else {
                        &t.data[range.0..range.1]
                    };
                    String::from_utf8_lossy(table_bytes).into_owned()
                })
                .collect::<Vec<_>>();
            header = Some(labels);
        }
        offset += count;
    }
    let width = match &header {
        Some(labels) => labels.len(),
        None => lines[0],
    };
    let rows = lines.len() - first_data_line;
    if lines[first_data_line..].iter().any(|&count| count != width) {
        return Err(IoError::Schema(
            "read_csv: a first data row longer than the header (pandas' implicit index) is not supported".into(),
        ));
    }
    let mut fields = t.fields;
    fields.drain(..offset);
    Ok(Table {
        data: t.data,
        rewritten: t.rewritten,
        fields,
        width,
        rows,
        header,
    })
}

/// pandas' `_dedup_names`: `a`, `a.1`, `a.2` for repeated labels.
fn dedup_names(names: Vec<String>) -> Vec<String> {
    let mut counts: HashMap<String, usize> = HashMap::new();
    let mut result = Vec::with_capacity(names.len());
    for name in names {
        let mut name = name;
        let mut count = counts.get(&name).copied().unwrap_or(0);
        while count > 0 {
            counts.insert(name.clone(), count + 1);
            name = format!("{name}.{count}");
            count = counts.get(&name).copied().unwrap_or(0);
        }
        counts.insert(name.clone(), count + 1);
        result.push(name);
    }
    result
}

/// The result's labels and, for each, its position among the file's columns.
fn select_columns(
    table: &Table,
    options: &CsvOptions,
) -> Result<(Vec<String>, Vec<usize>), IoError> {
    let labels: Vec<String> = match (&options.names, &table.header) {
        (Some(names), _) => {
            if names.len() != table.width {
                return Err(IoError::Schema(format!(
                    "read_csv: {} names for {} columns is not supported",
                    names.len(),
                    table.width
                )));
            }
            names.clone()
        }
        (None, Some(header)) => dedup_names(
            header
                .iter()
                .enumerate()
                .map(|(i, label)| {
                    if label.is_empty() {
                        format!("Unnamed: {i}")
                    } else {
                        label.clone()
                    }
                })
                .collect(),
        ),
        (None, None) => (0..table.width).map(|i| i.to_string()).collect(),
    };
    let positions: Vec<usize> = match &options.usecols {
        None => (0..labels.len()).collect(),
        Some(wanted) => {
            let missing: Vec<&String> = wanted.iter().filter(|w| !labels.contains(w)).collect();
            if !missing.is_empty() {
                let list: Vec<String> = missing.iter().map(|m| python_repr(m)).collect();
                return Err(IoError::Value(format!(
                    "Usecols do not match columns, columns expected but not found: [{}]",
                    list.join(", ")
                )));
            }
            (0..labels.len())
                .filter(|&i| wanted.contains(&labels[i]))
                .collect()
        }
    };
    Ok((
        positions.iter().map(|&i| labels[i].clone()).collect(),
        positions,
    ))
}

// ---------------------------------------------------------------------------------------
// Converting fields to typed columns.

/// The missing-value strings, and the float values pandas also treats as missing
/// (`na_fvalues`: the user's `na_values` that are numbers).
struct NaSet {
    strings: HashSet<Vec<u8>>,
    longest: usize,
    /// Whether some missing-value string starts with the byte: most fields are told
    /// apart by their first byte without hashing.
    first_bytes: [bool; 256],
    empty_is_missing: bool,
    /// Whether the user gave strings that might also parse as numbers.
    has_user_values: bool,
    floats: Vec<f64>,
}

impl NaSet {
    /// pandas' `_clean_na_values` with `_stringify_na_values`: each user value `x` adds
    /// `x`, and when it is a whole number `v`, also `"{v}.0"` and `"{v}"`.
    fn new(options: &CsvOptions) -> NaSet {
        let mut strings: HashSet<Vec<u8>> = HashSet::new();
        if options.keep_default_na {
            strings.extend(DEFAULT_NA_VALUES.iter().map(|s| s.as_bytes().to_vec()));
        }
        let mut floats = Vec::new();
        for value in &options.na_values {
            strings.insert(value.as_bytes().to_vec());
            if let Some(number) = python_float(value) {
                if number.is_finite() && number == number.trunc() && number.abs() < 1e300 {
                    let whole = format!("{number:.0}");
                    strings.insert(format!("{whole}.0").into_bytes());
                    strings.insert(whole.into_bytes());
                }
                floats.push(number);
            }
        }
        let longest = strings.iter().map(Vec::len).max().unwrap_or(0);
        let empty_is_missing = strings.contains(&Vec::new());
        let mut first_bytes = [false; 256];
        for string in &strings {
            if let Some(&first) = string.first() {
                first_bytes[usize::from(first)] = true;
            }
        }
        NaSet {
            strings,
            longest,
            first_bytes,
            empty_is_missing,
            has_user_values: !options.na_values.is_empty(),
            floats,
        }
    }

    fn contains(&self, field: &[u8]) -> bool {
        if field.is_empty() {
            return self.empty_is_missing;
        }
        self.first_bytes[usize::from(field[0])]
            && field.len() <= self.longest
            && self.strings.contains(field)
    }

    /// Whether a field that parsed as a number is still missing (only user values can be).
    fn contains_number(&self, field: &[u8]) -> bool {
        self.has_user_values && self.contains(field)
    }
}

/// One file column of the table.
struct FieldColumn<'t, 'a> {
    table: &'t Table<'a>,
    column: usize,
}

impl<'t, 'a> FieldColumn<'t, 'a> {
    fn len(&self) -> usize {
        self.table.rows
    }

    fn get(&self, row: usize) -> &'t [u8] {
        self.table
            .bytes(self.table.fields[row * self.table.width + self.column])
    }

    fn iter(&self) -> impl Iterator<Item = &'t [u8]> + '_ {
        (0..self.len()).map(move |row| self.get(row))
    }
}

/// C's `isspace` in the "C" locale, as pandas' parsers use it.
fn is_c_space(byte: u8) -> bool {
    matches!(byte, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

fn trim_c_space(mut field: &[u8]) -> &[u8] {
    while let [first, rest @ ..] = field {
        if is_c_space(*first) {
            field = rest;
        } else {
            break;
        }
    }
    while let [rest @ .., last] = field {
        if is_c_space(*last) {
            field = rest;
        } else {
            break;
        }
    }
    field
}

/// The result of pandas' `str_to_int64` / `str_to_uint64`.
enum IntParse<T> {
    Value(T),
    Invalid,
    Overflow,
}

/// pandas' `str_to_int64`: C spaces around, one sign, decimal digits.
fn parse_int64(field: &[u8]) -> IntParse<i64> {
    let mut position = 0;
    while position < field.len() && is_c_space(field[position]) {
        position += 1;
    }
    let negative = field.get(position) == Some(&b'-');
    if matches!(field.get(position), Some(b'-' | b'+')) {
        position += 1;
    }
    if !field.get(position).is_some_and(u8::is_ascii_digit) {
        return IntParse::Invalid;
    }
    let mut value: i64 = 0;
    let mut overflow = false;
    while position < field.len() && field[position].is_ascii_digit() {
        let digit = i64::from(field[position] - b'0');
        let next = value.checked_mul(10).and_then(|v| {
            if negative {
                v.checked_sub(digit)
            } else {
                v.checked_add(digit)
            }
        });
        match next {
            Some(next) => value = next,
            None => overflow = true,
        }
        position += 1;
    }
    if overflow {
        // strtoll stops at the last digit: trailing text makes the field invalid instead.
        return if position == field.len() {
            IntParse::Overflow
        } else {
            IntParse::Invalid
        };
    }
    while position < field.len() && is_c_space(field[position]) {
        position += 1;
    }
    if position == field.len() {
        IntParse::Value(value)
    } else {
        IntParse::Invalid
    }
}

/// pandas' `str_to_uint64` for a field that overflowed int64; `None` for a negative value.
fn parse_uint64(field: &[u8]) -> Option<IntParse<u64>> {
    let field = trim_c_space(field);
    if field.first() == Some(&b'-') {
        // A negative value: pandas' uint64 pass reports it as a conflict, or as an
        // overflow when it is below int64's range too.
        return match parse_int64(field) {
            IntParse::Overflow => Some(IntParse::Overflow),
            _ => None,
        };
    }
    let digits = field.strip_prefix(b"+").unwrap_or(field);
    if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
        return Some(IntParse::Invalid);
    }
    let mut value: u64 = 0;
    for &byte in digits {
        match value
            .checked_mul(10)
            .and_then(|v| v.checked_add(u64::from(byte - b'0')))
        {
            Some(next) => value = next,
            None => return Some(IntParse::Overflow),
        }
    }
    Some(IntParse::Value(value))
}

/// pandas' `_try_double` for one field: `inf` spellings exactly, else C spaces around a
/// decimal number (sign, digits with an optional point, an optional exponent), rounded
/// correctly.
fn parse_float(field: &[u8]) -> Option<f64> {
    if field.len() >= 3 && field.len() <= 9 {
        let (negative, body) = match field[0] {
            b'-' => (true, &field[1..]),
            b'+' => (false, &field[1..]),
            _ => (false, field),
        };
        if body.eq_ignore_ascii_case(b"inf") || body.eq_ignore_ascii_case(b"infinity") {
            return Some(if negative {
                f64::NEG_INFINITY
            } else {
                f64::INFINITY
            });
        }
    }
    let text = trim_c_space(field);
    let mut position = 0;
    if matches!(text.first(), Some(b'-' | b'+')) {
        position += 1;
    }
    let mut digit_count = 0;
    // The digits as an integer while they fit, and the count after the point, for the
    // exact fast path below.
    let mut mantissa: u64 = 0;
    let mut fraction_digits = 0i32;
    while position < text.len() && text[position].is_ascii_digit() {
        mantissa = mantissa
            .wrapping_mul(10)
            .wrapping_add(u64::from(text[position] - b'0'));
        position += 1;
        digit_count += 1;
    }
    if text.get(position) == Some(&b'.') {
        position += 1;
        while position < text.len() && text[position].is_ascii_digit() {
            mantissa = mantissa
                .wrapping_mul(10)
                .wrapping_add(u64::from(text[position] - b'0'));
            position += 1;
            digit_count += 1;
            fraction_digits += 1;
        }
    }
    if digit_count == 0 {
        return None;
    }
    if position == text.len() && digit_count <= 15 && fraction_digits <= 22 {
        // Clinger's fast path: a mantissa below 2^53 and a power of ten that is exact in
        // a double give the correctly rounded quotient in one division.
        const POWERS: [f64; 23] = [
            1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
            1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
        ];
        let magnitude = mantissa as f64 / POWERS[fraction_digits as usize];
        return Some(if text[0] == b'-' {
            -magnitude
        } else {
            magnitude
        });
    }
    if matches!(text.get(position), Some(b'e' | b'E')) {
        position += 1;
        if matches!(text.get(position), Some(b'-' | b'+')) {
            position += 1;
        }
        let exponent_start = position;
        while position < text.len() && text[position].is_ascii_digit() {
            position += 1;
        }
        if position == exponent_start {
            return None;
        }
    }
    if position != text.len() {
        return None;
    }
    // The text is ASCII, so it is UTF-8.
    std::str::from_utf8(text).ok()?.parse::<f64>().ok()
}

/// pandas' boolean spellings: `true` and `false` in any case, nothing around them.
fn parse_bool(field: &[u8]) -> Option<bool> {
    if field.eq_ignore_ascii_case(b"true") {
        Some(true)
    } else if field.eq_ignore_ascii_case(b"false") {
        Some(false)
    } else {
        None
    }
}

/// Python's digits with single underscores between them (`int()` and `float()` syntax);
/// Unicode decimal digits count, as Python's do.
fn python_digit_part(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    !chars.is_empty()
        && chars[0] != '_'
        && chars[chars.len() - 1] != '_'
        && chars.iter().all(|c| c.is_numeric() || *c == '_')
        && !text.contains("__")
}

/// Python's `int(text)` succeeds.
fn python_int_accepts(text: &str) -> bool {
    let trimmed = text.trim();
    let body = trimmed.strip_prefix(['-', '+']).unwrap_or(trimmed);
    python_digit_part(body)
}

/// Python's `float(text)`, or `None` where it raises.
fn python_float(text: &str) -> Option<f64> {
    let trimmed = text.trim();
    let body = trimmed.strip_prefix(['-', '+']).unwrap_or(trimmed);
    let lower = body.to_ascii_lowercase();
    if lower == "inf" || lower == "infinity" || lower == "nan" {
        return trimmed.to_ascii_lowercase().parse::<f64>().ok();
    }
    let (mantissa, exponent) = match body.find(['e', 'E']) {
        Some(at) => (&body[..at], Some(&body[at + 1..])),
        None => (body, None),
    };
    let mantissa_ok = match mantissa.split_once('.') {
        Some((whole, fraction)) => {
            (whole.is_empty() || python_digit_part(whole))
                && (fraction.is_empty() || python_digit_part(fraction))
                && !(whole.is_empty() && fraction.is_empty())
        }
        None => python_digit_part(mantissa),
    };
    let exponent_ok =
        exponent.is_none_or(|e| python_digit_part(e.strip_prefix(['-', '+']).unwrap_or(e)));
    if !(mantissa_ok && exponent_ok) {
        return None;
    }
    let ascii: String = trimmed
        .chars()
        .filter(|c| *c != '_')
        .map(|c| c.to_digit(10).map_or(c, |d| char::from(b'0' + d as u8)))
        .collect();
    Some(ascii.parse::<f64>().unwrap_or(0.0))
}

/// A column's fields as pandas' `_infer_types` would read them without a dtype, for the
/// casts that follow a failed parse.
enum Inferred {
    /// int64 values, or `None` where the field was missing.
    Int(Vec<Option<i64>>),
    UInt,
    /// An int64 overflow that uint64 does not absorb (negative or missing values).
    UIntConflict,
    Float(Vec<f64>),
    Object,
}

fn infer(fields: &FieldColumn, na: &NaSet) -> Result<Inferred, IoError> {
    let mut ints = Vec::with_capacity(fields.len());
    let mut overflow = false;
    let mut invalid = false;
    for field in fields.iter() {
        if na.contains(field) {
            ints.push(None);
            continue;
        }
        match parse_int64(field) {
            IntParse::Value(v) => ints.push(Some(v)),
            IntParse::Overflow => {
                overflow = true;
                break;
            }
            IntParse::Invalid => {
                invalid = true;
                break;
            }
        }
    }
    if !overflow && !invalid {
        return Ok(Inferred::Int(ints));
    }
    if overflow {
        let mut values = Vec::with_capacity(fields.len());
        let mut conflict = false;
        for field in fields.iter() {
            if na.contains(field) {
                conflict = true;
                continue;
            }
            match parse_uint64(field) {
                None => conflict = true,
                Some(IntParse::Value(v)) => values.push(v),
                Some(IntParse::Overflow) => return Err(IoError::Overflow("Overflow".into())),
                Some(IntParse::Invalid) => {
                    values.clear();
                    conflict = false;
                    break;
                }
            }
        }
        if conflict {
            return Ok(Inferred::UIntConflict);
        }
        if values.len() == fields.len() {
            return Ok(Inferred::UInt);
        }
    }
    let mut floats = Vec::with_capacity(fields.len());
    for field in fields.iter() {
        if na.contains(field) {
            floats.push(f64::NAN);
            continue;
        }
        match parse_float(field) {
            Some(v) => floats.push(v),
            None => return Ok(Inferred::Object),
        }
    }
    Ok(Inferred::Float(floats))
}

/// pandas' "cannot safely convert" error.
fn unsafe_cast(dtype: &str, data: &str, column: usize) -> IoError {
    IoError::Value(format!(
        "cannot safely convert passed user dtype of {dtype} for {data} dtyped data in column {column}"
    ))
}

/// The first field Python's `int()` rejects, as pandas' object-to-int cast reports it.
fn object_to_int_error(fields: &FieldColumn, na: &NaSet, dtype: &str, column: usize) -> IoError {
    for field in fields.iter() {
        if na.contains(field) {
            continue;
        }
        let text = String::from_utf8_lossy(field);
        if !python_int_accepts(&text) {
            return IoError::Value(format!(
                "invalid literal for int() with base 10: {}",
                python_repr(&text)
            ));
        }
    }
    unsafe_cast(dtype, "object", column)
}

fn object_to_float_error(fields: &FieldColumn, na: &NaSet, dtype: &str, column: usize) -> IoError {
    for field in fields.iter() {
        if na.contains(field) {
            continue;
        }
        let text = String::from_utf8_lossy(field);
        if python_float(&text).is_none() {
            return IoError::Value(format!(
                "could not convert string to float: {}",
                python_repr(&text)
            ));
        }
    }
    unsafe_cast(dtype, "object", column)
}

fn mask_if_missing(valid: Vec<u8>) -> Option<Vec<u8>> {
    valid.contains(&0).then_some(valid)
}

/// An integer column (`int64` or `int32`) as pandas' `_convert_with_dtype` builds it.
fn convert_int(
    fields: &FieldColumn,
    na: &NaSet,
    dtype: &str,
    column: usize,
) -> Result<Vec<i64>, IoError> {
    // The common case first: every field an int64 and none missing.
    let mut values = Vec::with_capacity(fields.len());
    let mut clean = true;
    for field in fields.iter() {
        match parse_int64(field) {
            IntParse::Value(v) if !na.contains_number(field) => values.push(v),
            _ => {
                clean = false;
                break;
            }
        }
    }
    if clean {
        return Ok(values);
    }
    match infer(fields, na)? {
        Inferred::Int(values) => {
            if values.iter().any(Option::is_none) {
                return Err(IoError::Value(format!(
                    "Integer column has NA values in column {column}"
                )));
            }
            Ok(values.into_iter().flatten().collect())
        }
        Inferred::UInt => Err(unsafe_cast(dtype, "uint64", column)),
        Inferred::UIntConflict => Err(IoError::Value("Cannot convert to numerical dtype".into())),
        Inferred::Float(floats) => {
            let fits = floats
                .iter()
                .all(|v| v.is_finite() && *v == v.trunc() && v.abs() < 9.2e18);
            if !fits {
                return Err(unsafe_cast(dtype, "float64", column));
            }
            Ok(floats.into_iter().map(|v| v as i64).collect())
        }
        // pandas reads a column of `True`/`False` as bools, then casts them: 1 and 0.
        Inferred::Object => match bools(fields, na) {
            Some(values) if values.iter().any(Option::is_none) => Err(IoError::Value(format!(
                "cannot safely convert passed user dtype of {dtype} for <class 'numpy.bool'> dtyped data in column {column} due to NA values"
            ))),
            Some(values) => Ok(values.into_iter().map(|v| i64::from(v == Some(true))).collect()),
            None => Err(object_to_int_error(fields, na, dtype, column)),
        },
    }
}

/// A column whose every field is one of pandas' boolean spellings or missing (`None`), as
/// pandas infers a bool column before a numeric dtype casts it.
fn bools(fields: &FieldColumn, na: &NaSet) -> Option<Vec<Option<bool>>> {
    fields
        .iter()
        .map(|field| match parse_bool(field).filter(|_| !na.contains(field)) {
            Some(v) => Some(Some(v)),
            None if na.contains(field) => Some(None),
            None => None,
        })
        .collect()
}

/// A float64 column: missing values NaN and masked.
fn convert_float(
    fields: &FieldColumn,
    na: &NaSet,
    dtype: &str,
    column: usize,
) -> Result<(Vec<f64>, Vec<u8>), IoError> {
    let mut values = Vec::with_capacity(fields.len());
    let mut valid = Vec::with_capacity(fields.len());
    for field in fields.iter() {
        match parse_float(field) {
            Some(v) if !na.contains_number(field) && !na.floats.contains(&v) => {
                values.push(v);
                valid.push(1);
            }
            _ if na.contains(field) || parse_float(field).is_some() => {
                values.push(f64::NAN);
                valid.push(0);
            }
            _ => {
                // A column of `True`/`False` (and missing values) reads as 1.0 and 0.0.
                return match bools(fields, na) {
                    Some(b) => Ok((
                        b.iter().map(|v| v.map_or(f64::NAN, |t| f64::from(u8::from(t)))).collect(),
                        b.iter().map(|v| u8::from(v.is_some())).collect(),
                    )),
                    None => Err(object_to_float_error(fields, na, dtype, column)),
                };
            }
        }
    }
    Ok((values, valid))
}

fn convert_bool(fields: &FieldColumn, na: &NaSet, column: usize) -> Result<Vec<u8>, IoError> {
    let mut values = Vec::with_capacity(fields.len());
    let mut missing = false;
    for field in fields.iter() {
        if let Some(v) = parse_bool(field).filter(|_| !na.contains_number(field)) {
            values.push(u8::from(v));
            continue;
        }
        if na.contains(field) {
            missing = true;
            values.push(0);
            continue;
        }
        match parse_bool(field) {
            Some(v) => values.push(u8::from(v)),
            None => {
                // pandas infers the column's type and casts it to bool when every value
                // is 0 or 1.
                return match infer(fields, na)? {
                    Inferred::Int(ints) => {
                        if ints.iter().all(|v| matches!(v, Some(0 | 1))) {
                            Ok(ints.into_iter().map(|v| v.unwrap_or(0) as u8).collect())
                        } else {
                            Err(unsafe_cast("bool", "int64", column))
                        }
                    }
                    Inferred::Float(floats) => {
                        if floats.iter().all(|v| *v == 0.0 || *v == 1.0) {
                            Ok(floats.into_iter().map(|v| u8::from(v == 1.0)).collect())
                        } else {
                            Err(unsafe_cast("bool", "float64", column))
                        }
                    }
                    Inferred::UInt => Err(unsafe_cast("bool", "uint64", column)),
                    Inferred::UIntConflict => {
                        Err(IoError::Value("Cannot convert to numerical dtype".into()))
                    }
                    Inferred::Object => Err(unsafe_cast("bool", "object", column)),
                };
            }
        }
    }
    if missing {
        return Err(IoError::Value(format!(
            "Bool column has NA values in column {column}"
        )));
    }
    Ok(values)
}

/// Strings in Arrow's layout and their validity.
fn convert_str(fields: &FieldColumn, na: &NaSet) -> (Vec<i64>, Vec<u8>, Vec<u8>) {
    let mut offsets = Vec::with_capacity(fields.len() + 1);
    let mut bytes = Vec::new();
    let mut valid = Vec::with_capacity(fields.len());
    offsets.push(0);
    for field in fields.iter() {
        if na.contains(field) {
            valid.push(0);
        } else {
            bytes.extend_from_slice(field);
            valid.push(1);
        }
        offsets.push(bytes.len() as i64);
    }
    (offsets, bytes, valid)
}

fn str_column(offsets: Vec<i64>, bytes: Vec<u8>, valid: Vec<u8>) -> OwnedColumn {
    OwnedColumn {
        values: OwnedValues::Str { offsets, bytes },
        valid: mask_if_missing(valid),
    }
}

/// A categorical column: codes by first appearance, then the categories typed as pandas'
/// `Categorical._from_inferred_categories` types them (int64, float64, bool or str) and
/// sorted.
fn convert_category(fields: &FieldColumn, na: &NaSet, name: &str) -> Result<OwnedColumn, IoError> {
    let mut seen: HashMap<&[u8], i32> = HashMap::new();
    let mut uniques: Vec<&[u8]> = Vec::new();
    let mut codes = Vec::with_capacity(fields.len());
    for field in fields.iter() {
        if na.contains(field) {
            codes.push(-1);
            continue;
        }
        let next = uniques.len() as i32;
        let code = *seen.entry(field).or_insert_with(|| {
            uniques.push(field);
            next
        });
        codes.push(code);
    }
    let ints: Option<Vec<i64>> = uniques
        .iter()
        .map(|u| {
            if let IntParse::Value(v) = parse_int64(u) {
                Some(v)
            } else {
                None
            }
        })
        .collect();
    let floats: Option<Vec<f64>> = uniques.iter().map(|u| parse_float(u)).collect();
    let bools: Option<Vec<bool>> = uniques.iter().map(|u| parse_bool(u)).collect();
    let count = uniques.len();
    let mut order: Vec<usize> = (0..count).collect();
    let categories = if let Some(ints) = ints {
        order.sort_by_key(|&i| ints[i]);
        OwnedValues::I64(order.iter().map(|&i| ints[i]).collect())
    } else if let Some(floats) = floats {
        order.sort_by(|&a, &b| floats[a].total_cmp(&floats[b]));
        OwnedValues::F64(order.iter().map(|&i| floats[i]).collect())
    } else if let Some(bools) = bools {
        order.sort_by_key(|&i| bools[i]);
        OwnedValues::Bool(order.iter().map(|&i| u8::from(bools[i])).collect())
    } else {
        order.sort_by(|&a, &b| uniques[a].cmp(uniques[b]));
        let mut offsets = vec![0i64];
        let mut bytes = Vec::new();
        for &i in &order {
            bytes.extend_from_slice(uniques[i]);
            offsets.push(bytes.len() as i64);
        }
        OwnedValues::Str { offsets, bytes }
    };
    let categories = OwnedColumn {
        values: categories,
        valid: None,
    };
    {
        let view = categories.as_column();
        if (1..count).any(|i| crate::io::equal_values(&view, i - 1, i)) {
            return Err(IoError::Schema(format!(
                "read_csv: the categories of column {name:?} repeat after conversion"
            )));
        }
    }
    let mut new_code = vec![0i32; count];
    for (position, &old) in order.iter().enumerate() {
        new_code[old] = position as i32;
    }
    for code in codes.iter_mut() {
        if *code >= 0 {
            *code = new_code[*code as usize];
        }
    }
    Ok(OwnedColumn {
        values: OwnedValues::Category {
            codes,
            categories: Box::new(categories),
        },
        valid: None,
    })
}

fn convert_datetime(
    fields: &FieldColumn,
    na: &NaSet,
    name: &str,
    explicit: Option<&DateFormat>,
) -> Result<OwnedColumn, IoError> {
    let mut format = explicit.cloned();
    let mut instants: Vec<Option<Instant>> = Vec::with_capacity(fields.len());
    for field in fields.iter() {
        if na.contains(field) {
            instants.push(None);
            continue;
        }
        if format.is_none() {
            format = DateFormat::infer(field);
        }
        match format.as_ref().and_then(|f| f.parse(field)) {
            Some(instant) => instants.push(Some(instant)),
            None => return Err(IoError::Schema(format!(
                "read_csv: column {name:?} would stay str in pandas: {} does not parse as a date{}",
                python_repr(&String::from_utf8_lossy(field)),
                if format.is_none() {
                    " (no format could be guessed)"
                } else {
                    " in the column's format"
                }
            ))),
        }
    }
    let unit = if instants.iter().flatten().any(|i| i.needs_nanos) {
        TimeUnit::Nano
    } else {
        TimeUnit::Micro
    };
    let ticks = instants
        .iter()
        .map(|i| i.map_or(i64::MIN, |i| i.ticks(unit)))
        .collect();
    let valid = instants.iter().map(|i| u8::from(i.is_some())).collect();
    Ok(OwnedColumn {
        values: OwnedValues::DateTime { ticks, unit },
        valid: mask_if_missing(valid),
    })
}

/// One column of the result.
fn convert(
    fields: &FieldColumn,
    kind: &ColumnType,
    name: &str,
    na: &NaSet,
    date_format: Option<&DateFormat>,
) -> Result<OwnedColumn, IoError> {
    let column = fields.column;
    Ok(match kind {
        ColumnType::Int64 => OwnedColumn {
            values: OwnedValues::I64(convert_int(fields, na, "int64", column)?),
            valid: None,
        },
        ColumnType::Int32 => {
            let values = convert_int(fields, na, "int32", column)?;
            if values.iter().any(|v| i32::try_from(*v).is_err()) {
                return Err(unsafe_cast("int32", "int64", column));
            }
            OwnedColumn {
                values: OwnedValues::I32(values.into_iter().map(|v| v as i32).collect()),
                valid: None,
            }
        }
        ColumnType::Float64 => {
            let (values, valid) = convert_float(fields, na, "float64", column)?;
            OwnedColumn {
                values: OwnedValues::F64(values),
                valid: mask_if_missing(valid),
            }
        }
        ColumnType::Float32 => {
            let (values, valid) = convert_float(fields, na, "float32", column)?;
            OwnedColumn {
                values: OwnedValues::F32(values.into_iter().map(|v| v as f32).collect()),
                valid: mask_if_missing(valid),
            }
        }
        ColumnType::Bool => OwnedColumn {
            values: OwnedValues::Bool(convert_bool(fields, na, column)?),
            valid: None,
        },
        ColumnType::Str => {
            let (offsets, bytes, valid) = convert_str(fields, na);
            if std::str::from_utf8(&bytes).is_err() {
                return Err(IoError::Value(
                    "'utf-8' codec can't decode the file's bytes: invalid UTF-8 in a string column"
                        .into(),
                ));
            }
            str_column(offsets, bytes, valid)
        }
        ColumnType::Category => convert_category(fields, na, name)?,
        ColumnType::DateTime(_) => convert_datetime(fields, na, name, date_format)?,
    })
}

// ---------------------------------------------------------------------------------------
// Writing.

/// The arguments of `df.to_csv` that the writer honours.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CsvWriteOptions {
    /// `sep`: one byte.
    pub sep: u8,
    /// `header`: whether to write the column labels.
    pub header: bool,
    /// `index`: whether to write the row labels first.
    pub index: bool,
    /// `na_rep`: the text of a missing value.
    pub na_rep: String,
    /// `lineterminator` (pandas' default is `os.linesep`, `"\n"` here).
    pub lineterminator: String,
}

impl Default for CsvWriteOptions {
    fn default() -> CsvWriteOptions {
        CsvWriteOptions {
            sep: b',',
            header: true,
            index: true,
            na_rep: String::new(),
            lineterminator: "\n".into(),
        }
    }
}

/// Python's `repr(float)` (and NumPy's `str` of a float64): the shortest text that reads
/// back as the same value, positional for decimal exponents -4 to 15, else `1e-05` style.
pub fn python_float_repr(value: f64) -> String {
    let bits = value.to_bits();
    let exponent_bits = ((bits >> 52) & 0x7ff) as i32;
    let fraction = bits & ((1 << 52) - 1);
    let (mantissa, exponent) = if exponent_bits == 0 {
        (fraction, -1074)
    } else {
        (fraction | (1 << 52), exponent_bits - 1075)
    };
    let (digits, decimal_exponent) = shortest_digits(format!("{value:e}"), mantissa, exponent);
    lay_out(
        value,
        digits,
        decimal_exponent,
        (-4..16).contains(&decimal_exponent),
    )
}

/// NumPy's `str` of a float32: the shortest text that reads back as the same float32,
/// positional from 1e-4 up to 1e6.
pub fn numpy_float32_repr(value: f32) -> String {
    let bits = value.to_bits();
    let exponent_bits = ((bits >> 23) & 0xff) as i32;
    let fraction = u64::from(bits & ((1 << 23) - 1));
    let (mantissa, exponent) = if exponent_bits == 0 {
        (fraction, -149)
    } else {
        (fraction | (1 << 23), exponent_bits - 150)
    };
    let (digits, decimal_exponent) = shortest_digits(format!("{value:e}"), mantissa, exponent);
    let magnitude = f64::from(value).abs();
    lay_out(
        f64::from(value),
        digits,
        decimal_exponent,
        magnitude == 0.0 || (1e-4..1e6).contains(&magnitude),
    )
}

/// The shortest round-trip digits and decimal exponent from Rust's `{:e}` text, with ties
/// between two equally near shortest texts broken to the even last digit, as Python's
/// and NumPy's formatters do (Rust rounds those half up). `mantissa * 2^exponent` is the
/// value's exact magnitude.
fn shortest_digits(scientific: String, mantissa: u64, exponent: i32) -> (String, i32) {
    let (digits_part, exponent_part) = scientific.split_once('e').unwrap_or((&scientific, "0"));
    let decimal_exponent: i32 = exponent_part.parse().unwrap_or(0);
    let digits: String = digits_part.chars().filter(char::is_ascii_digit).collect();
    // A tie needs the exact value to have one digit more than the shortest text, the last
    // a 5: only values with a few fractional bits can.
    if mantissa == 0 || exponent >= 0 {
        return (digits, decimal_exponent);
    }
    let (mut mantissa, mut exponent) = (mantissa, exponent);
    while mantissa % 2 == 0 && exponent < 0 {
        mantissa /= 2;
        exponent += 1;
    }
    let power = (-exponent) as u32;
    if exponent >= 0 || power > 27 {
        return (digits, decimal_exponent);
    }
    let exact = u128::from(mantissa) * 5u128.pow(power);
    let exact_text = exact.to_string();
    if exact_text.len() != digits.len() + 1 || exact % 10 != 5 {
        return (digits, decimal_exponent);
    }
    let lower = exact / 10;
    let even = if lower.is_multiple_of(2) {
        lower
    } else {
        lower + 1
    };
    let even_text = even.to_string();
    if even_text.len() == digits.len() {
        (even_text, decimal_exponent)
    } else {
        (digits, decimal_exponent)
    }
}

/// Lays out shortest digits as Python's `repr` does: positional (`0.0001`, `1e+16` is not)
/// or scientific with a signed exponent of at least two digits.
fn lay_out(value: f64, digits: String, exponent: i32, positional: bool) -> String {
    if value.is_nan() {
        return "nan".into();
    }
    if value.is_infinite() {
        return if value > 0.0 {
            "inf".into()
        } else {
            "-inf".into()
        };
    }
    let mut out = String::new();
    if value.is_sign_negative() {
        out.push('-');
    }
    if positional {
        if exponent < 0 {
            out.push_str("0.");
            for _ in 0..(-exponent - 1) {
                out.push('0');
            }
            out.push_str(&digits);
        } else {
            let point = exponent as usize + 1;
            if digits.len() <= point {
                out.push_str(&digits);
                for _ in digits.len()..point {
                    out.push('0');
                }
                out.push_str(".0");
            } else {
                out.push_str(&digits[..point]);
                out.push('.');
                out.push_str(&digits[point..]);
            }
        }
    } else {
        out.push_str(&digits[..1]);
        if digits.len() > 1 {
            out.push('.');
            out.push_str(&digits[1..]);
        }
        out.push('e');
        out.push(if exponent < 0 { '-' } else { '+' });
        out.push_str(&format!("{:02}", exponent.abs()));
    }
    out
}

/// How one column's cells are written: the prepared state of its formatter.
enum CellFormat<'c> {
    Plain(Column<'c>),
    /// Datetimes: dates alone when every value is at midnight, else the time with the
    /// fractional digits (0, 3, 6 or 9) the finest value needs.
    DateTime {
        ticks: &'c [i64],
        unit: TimeUnit,
        valid: Option<&'c [u8]>,
        dates_only: bool,
        fraction_digits: usize,
    },
    /// Category values: each category's text, written by code.
    Category {
        codes: &'c [i32],
        texts: Vec<Option<String>>,
        valid: Option<&'c [u8]>,
    },
}

fn datetime_plan(ticks: &[i64], unit: TimeUnit, column: &Column) -> (bool, usize) {
    let present = || {
        (0..ticks.len())
            .filter(|&i| !column.is_missing(i))
            .map(|i| crate::repr::datetime::civil_time(ticks[i], unit))
    };
    let dates_only = present().all(|t| t.nanos_of_day == 0);
    let sub_second = || present().map(|t| t.nanos_of_day % 1_000_000_000);
    let digits = if sub_second().any(|n| n % 1_000 != 0) {
        9
    } else if sub_second().any(|n| n % 1_000_000 != 0) {
        6
    } else if sub_second().any(|n| n != 0) {
        3
    } else {
        0
    };
    (dates_only, digits)
}

fn write_datetime(
    out: &mut Vec<u8>,
    ticks: i64,
    unit: TimeUnit,
    dates_only: bool,
    fraction_digits: usize,
) {
    let time = crate::repr::datetime::civil_time(ticks, unit);
    let _ = write!(out, "{}-{:02}-{:02}", time.year, time.month, time.day);
    if dates_only {
        return;
    }
    let seconds = time.nanos_of_day / 1_000_000_000;
    let nanos = time.nanos_of_day % 1_000_000_000;
    let _ = write!(
        out,
        " {:02}:{:02}:{:02}",
        seconds / 3600,
        seconds / 60 % 60,
        seconds % 60
    );
    match fraction_digits {
        9 => {
            let _ = write!(out, ".{nanos:09}");
        }
        6 => {
            let _ = write!(out, ".{:06}", nanos / 1_000);
        }
        3 => {
            let _ = write!(out, ".{:03}", nanos / 1_000_000);
        }
        _ => {}
    }
}

/// The text of value `row` of a plain (not datetime, not categorical) column, or `None`
/// when it is missing.
fn plain_text(column: &Column, row: usize, out: &mut Vec<u8>) -> bool {
    if column.is_missing(row) {
        return false;
    }
    match column.values {
        Values::Bool(v) => out.extend_from_slice(if v[row] != 0 { b"True" } else { b"False" }),
        Values::I8(v) => write_int(out, i64::from(v[row])),
        Values::I16(v) => write_int(out, i64::from(v[row])),
        Values::I32(v) => write_int(out, i64::from(v[row])),
        Values::I64(v) => write_int(out, v[row]),
        Values::U8(v) => write_int(out, i64::from(v[row])),
        Values::U16(v) => write_int(out, i64::from(v[row])),
        Values::U32(v) => write_int(out, i64::from(v[row])),
        Values::U64(v) => {
            let _ = write!(out, "{}", v[row]);
        }
        Values::F32(v) => out.extend_from_slice(numpy_float32_repr(v[row]).as_bytes()),
        Values::F64(v) => out.extend_from_slice(python_float_repr(v[row]).as_bytes()),
        Values::Str { offsets, bytes } => {
            out.extend_from_slice(&bytes[offsets[row] as usize..offsets[row + 1] as usize]);
        }
        Values::DateTime { ticks, unit } => write_datetime(out, ticks[row], unit, false, 9),
        Values::Category { codes, categories } => {
            return plain_text(categories, codes[row] as usize, out)
        }
    }
    true
}

fn write_int(out: &mut Vec<u8>, value: i64) {
    let mut buffer = [0u8; 20];
    let mut position = buffer.len();
    let mut magnitude = value.unsigned_abs();
    loop {
        position -= 1;
        buffer[position] = b'0' + (magnitude % 10) as u8;
        magnitude /= 10;
        if magnitude == 0 {
            break;
        }
    }
    if value < 0 {
        out.push(b'-');
    }
    out.extend_from_slice(&buffer[position..]);
}

impl<'c> CellFormat<'c> {
    fn new(column: Column<'c>) -> CellFormat<'c> {
        match column.values {
            Values::DateTime { ticks, unit } => {
                let (dates_only, fraction_digits) = datetime_plan(ticks, unit, &column);
                CellFormat::DateTime {
                    ticks,
                    unit,
                    valid: column.valid,
                    dates_only,
                    fraction_digits,
                }
            }
            Values::Category { codes, categories } => {
                let texts = match categories.values {
                    Values::DateTime { ticks, unit } => {
                        let (dates_only, fraction_digits) = datetime_plan(ticks, unit, categories);
                        (0..categories.len())
                            .map(|i| {
                                let mut text = Vec::new();
                                write_datetime(
                                    &mut text,
                                    ticks[i],
                                    unit,
                                    dates_only,
                                    fraction_digits,
                                );
                                Some(String::from_utf8_lossy(&text).into_owned())
                            })
                            .collect()
                    }
                    _ => (0..categories.len())
                        .map(|i| {
                            let mut text = Vec::new();
                            plain_text(categories, i, &mut text)
                                .then(|| String::from_utf8_lossy(&text).into_owned())
                        })
                        .collect(),
                };
                CellFormat::Category {
                    codes,
                    texts,
                    valid: column.valid,
                }
            }
            _ => CellFormat::Plain(column),
        }
    }

    /// Writes the unquoted text of `row`; false when the value is missing.
    fn text(&self, row: usize, out: &mut Vec<u8>) -> bool {
        match self {
            CellFormat::Plain(column) => plain_text(column, row, out),
            CellFormat::DateTime {
                ticks,
                unit,
                valid,
                dates_only,
                fraction_digits,
            } => {
                if valid.is_some_and(|v| v[row] == 0) || ticks[row] == i64::MIN {
                    return false;
                }
                write_datetime(out, ticks[row], *unit, *dates_only, *fraction_digits);
                true
            }
            CellFormat::Category {
                codes,
                texts,
                valid,
            } => {
                if valid.is_some_and(|v| v[row] == 0) || codes[row] < 0 {
                    return false;
                }
                match &texts[codes[row] as usize] {
                    Some(text) => {
                        out.extend_from_slice(text.as_bytes());
                        true
                    }
                    None => false,
                }
            }
        }
    }
}

/// Appends one field with Python's `csv.QUOTE_MINIMAL`: quoted (quotes doubled) when it
/// holds the separator, a quote or a character of the line terminator.
fn push_field(line: &mut Vec<u8>, field: &[u8], sep: u8, terminator: &[u8]) {
    let needs_quotes = field
        .iter()
        .any(|&b| b == sep || b == b'"' || terminator.contains(&b));
    if needs_quotes {
        line.push(b'"');
        for &byte in field {
            if byte == b'"' {
                line.push(b'"');
            }
            line.push(byte);
        }
        line.push(b'"');
    } else {
        line.extend_from_slice(field);
    }
}

/// Ends a record: Python's csv writer quotes a record that is one empty field.
fn end_record(out: &mut Vec<u8>, record_start: usize, fields: usize, terminator: &[u8]) {
    if fields == 1 && out.len() == record_start {
        out.extend_from_slice(b"\"\"");
    }
    out.extend_from_slice(terminator);
}

/// `df.to_csv(out, ...)`: pandas' text, byte for byte.
pub fn write_csv<W: Write>(
    out: &mut W,
    frame: &Frame,
    options: &CsvWriteOptions,
) -> std::io::Result<()> {
    write_csv_planned(out, frame, options, None)
}

/// A datetime column's format, which depends on all its values: whether every present
/// value is a date (no time of day), and the digits of the seconds' fractions.
pub type DatetimePlan = (bool, usize);

/// The format each datetime index level and column of `frame` needs (index levels first,
/// in order, then the columns; `None` for other kinds): of the rows held, so that ranks
/// that hold parts of a frame combine theirs ([`combine_datetime_plans`]).
pub fn datetime_plans(frame: &Frame) -> Vec<Option<DatetimePlan>> {
    let levels: Vec<Column> = match &frame.index {
        Index::Levels(levels) => levels.iter().map(|(_, c)| *c).collect(),
        Index::Range { .. } => Vec::new(),
    };
    levels
        .iter()
        .chain(frame.columns.iter().map(|(_, c)| c))
        .map(|c| match c.values {
            Values::DateTime { ticks, unit } => Some(datetime_plan(ticks, unit, c)),
            _ => None,
        })
        .collect()
}

/// The format of the rows of all parts together: dates only where every part's are, the
/// most fraction digits any part needs.
pub fn combine_datetime_plans(a: Option<DatetimePlan>, b: Option<DatetimePlan>) -> Option<DatetimePlan> {
    match (a, b) {
        (Some((dates_a, digits_a)), Some((dates_b, digits_b))) => Some((dates_a && dates_b, digits_a.max(digits_b))),
        (plan, None) | (None, plan) => plan,
    }
}

/// [`write_csv`] with the datetime formats given (as [`datetime_plans`] orders them) where
/// `plans` is given, for part of a frame's rows.
pub fn write_csv_planned<W: Write>(
    out: &mut W,
    frame: &Frame,
    options: &CsvWriteOptions,
    plans: Option<&[Option<DatetimePlan>]>,
) -> std::io::Result<()> {
    let sep = options.sep;
    let terminator = options.lineterminator.as_bytes();
    let na_rep = options.na_rep.as_bytes();
    let mut index_columns: Vec<(Option<&str>, CellFormat)> = Vec::new();
    let mut range_index = None;
    if options.index {
        match &frame.index {
            Index::Range { start, step, name } => range_index = Some((*start, *step, *name)),
            Index::Levels(levels) => {
                index_columns = levels
                    .iter()
                    .map(|(name, column)| (*name, CellFormat::new(*column)))
                    .collect();
            }
        }
    }
    let mut columns: Vec<CellFormat> = frame
        .columns
        .iter()
        .map(|(_, column)| CellFormat::new(*column))
        .collect();
    if let Some(plans) = plans {
        let levels = match &frame.index {
            Index::Levels(levels) => levels.len(),
            Index::Range { .. } => 0,
        };
        let (level_plans, column_plans) = plans.split_at(levels.min(plans.len()));
        let formats = index_columns.iter_mut().map(|(_, f)| f).zip(level_plans).chain(columns.iter_mut().zip(column_plans));
        for (format, plan) in formats {
            if let (CellFormat::DateTime { dates_only, fraction_digits, .. }, Some((dates, digits))) = (format, plan) {
                *dates_only = *dates;
                *fraction_digits = *digits;
            }
        }
    }
    let fields_per_row = columns.len() + index_columns.len() + usize::from(range_index.is_some());
    let mut buffer: Vec<u8> = Vec::with_capacity(1 << 16);
    if options.header {
        let start = buffer.len();
        let mut first = true;
        let mut label = |buffer: &mut Vec<u8>, text: &str| {
            if !first {
                buffer.push(sep);
            }
            first = false;
            push_field(buffer, text.as_bytes(), sep, terminator);
        };
        if let Some((_, _, name)) = range_index {
            label(&mut buffer, name.unwrap_or(""));
        }
        for (name, _) in &index_columns {
            label(&mut buffer, name.unwrap_or(""));
        }
        for (name, _) in &frame.columns {
            label(&mut buffer, name);
        }
        end_record(&mut buffer, start, fields_per_row, terminator);
    }
    let mut scratch = Vec::with_capacity(64);
    for row in 0..frame.len {
        let start = buffer.len();
        let mut first = true;
        if let Some((begin, step, _)) = range_index {
            write_int(&mut buffer, begin + step * row as i64);
            first = false;
        }
        for format in index_columns.iter().map(|(_, f)| f).chain(columns.iter()) {
            if !first {
                buffer.push(sep);
            }
            first = false;
            scratch.clear();
            if format.text(row, &mut scratch) {
                push_field(&mut buffer, &scratch, sep, terminator);
            } else {
                push_field(&mut buffer, na_rep, sep, terminator);
            }
        }
        end_record(&mut buffer, start, fields_per_row, terminator);
        if buffer.len() >= 1 << 16 {
            out.write_all(&buffer)?;
            buffer.clear();
        }
    }
    out.write_all(&buffer)
}

/// [`write_csv`] to a file at `path` (created or truncated).
pub fn write_csv_file(
    path: impl AsRef<Path>,
    frame: &Frame,
    options: &CsvWriteOptions,
) -> Result<(), IoError> {
    let path = path.as_ref();
    let error = |error| IoError::File {
        path: path.display().to_string(),
        error,
    };
    super::check_parent_directory(path)?;
    let mut file = std::io::BufWriter::new(std::fs::File::create(path).map_err(error)?);
    write_csv(&mut file, frame, options).map_err(error)?;
    file.flush().map_err(error)
}

/// `df.to_csv()` with no path: the text.
pub fn to_csv_string(frame: &Frame, options: &CsvWriteOptions) -> String {
    let mut out = Vec::new();
    write_csv(&mut out, frame, options).expect("writing to memory does not fail");
    String::from_utf8_lossy(&out).into_owned()
}
