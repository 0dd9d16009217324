//! `pd.read_csv`, `df.to_csv`, `pd.read_parquet` and `df.to_parquet`, run by the
//! runtime's readers and writers (`runtime-frame`'s `io`).
//!
//! A frame's schema is a compile-time fact. `read_csv` takes each column's dtype from, in
//! order: `dtype=` (and `parse_dates=`); an earlier `to_csv` of the same constant path in
//! the script (with default reader options); the file itself when it exists at compile
//! time (a relative path is resolved against the directory legatec runs in), inferred as
//! pandas infers it. A dtype not given by `dtype=` is checked again when the program
//! reads: if pandas would now infer another dtype, the read raises a ValueError. Parquet
//! files carry their schema: an earlier `to_parquet` in the script or the file decides.

use std::rc::Rc;

use super::{Args, Col, ColType, Frame, IndexV, Kind, KindT, Kwargs, Level};
use crate::diagnostics as diag;
use crate::lower::{FnCx, Value};
use ir::{DType, EntryPoint, Expr, Span, Type};
use runtime_frame::io::csv::{CsvOptions, CsvWriteOptions};
use runtime_frame::io::{ColumnType, Schema};

/// A file's schema as the script wrote it or the compiler read it.
#[derive(Clone, Debug)]
pub(crate) struct FileSchema {
    pub columns: Vec<(String, ColumnType)>,
    /// Parquet only: `None` for a range index, else each level's name and dtype.
    pub levels: Option<Vec<(Option<String>, ColumnType)>>,
    pub parquet: bool,
}

/// The column type of a `ColumnType`: how the frame holds it (strings, datetimes and
/// categories with a mask, as they may miss values).
fn col_type_of(t: &ColumnType) -> Option<ColType> {
    Some(match t {
        ColumnType::Int64 => ColType::num(DType::I64),
        ColumnType::Int32 => ColType::num(DType::I32),
        ColumnType::Float64 => ColType::num(DType::F64),
        ColumnType::Float32 => ColType::num(DType::F32),
        ColumnType::Bool => ColType::num(DType::Bool),
        ColumnType::Str => ColType::of(KindT::Str).with_mask(true),
        ColumnType::DateTime(runtime_frame::column::TimeUnit::Micro) => ColType::of(KindT::Time).with_mask(true),
        ColumnType::DateTime(_) => return None,
        ColumnType::Category => ColType::of(KindT::Cat).with_mask(true),
    })
}

/// The `ColumnType` of a frame's column.
fn column_type(ct: ColType) -> ColumnType {
    match ct.kind {
        KindT::Num(DType::I64) => ColumnType::Int64,
        KindT::Num(DType::I32) => ColumnType::Int32,
        KindT::Num(DType::F64) => ColumnType::Float64,
        KindT::Num(DType::F32) => ColumnType::Float32,
        KindT::Num(DType::Bool) => ColumnType::Bool,
        // The other integer dtypes: `to_csv` writes them as integers, which read back as
        // int64 (`to_parquet` refuses them).
        KindT::Num(_) => ColumnType::Int64,
        KindT::Str => ColumnType::Str,
        KindT::Time => ColumnType::DateTime(runtime_frame::column::TimeUnit::Micro),
        KindT::Cat => ColumnType::Category,
    }
}

/// What `read_csv` (default options) would infer for a column `to_csv` wrote.
fn csv_read_back(t: ColumnType) -> ColumnType {
    match t {
        ColumnType::Int32 => ColumnType::Int64,
        ColumnType::Float32 => ColumnType::Float64,
        ColumnType::DateTime(_) | ColumnType::Category => ColumnType::Str,
        other => other,
    }
}

impl FnCx<'_, '_> {
    fn str_kw(&mut self, v: &Value, span: Span, what: &str) -> Option<String> {
        let s = self.const_str(v);
        if s.is_none() {
            self.error(diag::type_error(span, format!("`{what}` must be a string constant"), "write it as a string literal"));
        }
        s
    }

    fn str_list_kw(&mut self, v: &Value, span: Span, what: &str) -> Option<Vec<String>> {
        let s = self.const_str_list(v);
        if s.is_none() {
            self.error(diag::type_error(span, format!("`{what}` must be string constants"), "write a list of string literals"));
        }
        s
    }

    /// A `dtype=` value for a column.
    fn file_dtype(&mut self, v: &Value, span: Span) -> Option<ColumnType> {
        let t = match v {
            Value::DType(DType::I64) => Some(ColumnType::Int64),
            Value::DType(DType::I32) => Some(ColumnType::Int32),
            Value::DType(DType::F64) => Some(ColumnType::Float64),
            Value::DType(DType::F32) => Some(ColumnType::Float32),
            Value::DType(DType::Bool) => Some(ColumnType::Bool),
            Value::Builtin(b) => match b.as_str() {
                "int" => Some(ColumnType::Int64),
                "float" => Some(ColumnType::Float64),
                "bool" => Some(ColumnType::Bool),
                "str" => Some(ColumnType::Str),
                _ => None,
            },
            other => match self.const_str(other).as_deref() {
                Some("int64") => Some(ColumnType::Int64),
                Some("int32") => Some(ColumnType::Int32),
                Some("float64") => Some(ColumnType::Float64),
                Some("float32") => Some(ColumnType::Float32),
                Some("bool") => Some(ColumnType::Bool),
                // pandas' nullable `string`: read as `str`, marked by the caller.
                Some("str" | "string") => Some(ColumnType::Str),
                Some("category") => Some(ColumnType::Category),
                _ => None,
            },
        };
        if t.is_none() {
            self.error(diag::type_error(span, "this dtype is not supported for a file's column", "use int64, int32, float64, float32, bool, str or \"category\""));
        }
        t
    }

    fn path_value(&mut self, v: Value, span: Span, func: &str) -> Option<(ir::ExprId, Option<String>)> {
        match v {
            Value::Str(e) => Some((e, self.const_str(&Value::Str(e)))),
            Value::Error => None,
            other => {
                let d = self.describe_value(&other);
                self.error(diag::type_error(span, format!("the path of `{func}` must be a str, found {d}"), "pass the file name as a string"));
                None
            }
        }
    }

    /// Pushes a path string as an operand.
    fn push_path(&mut self, path: ir::ExprId, span: Span) {
        self.runtime_call(EntryPoint::FramePushStr, vec![path], None, span);
    }

    /// A frame of the columns an operation returned, with a range index over their rows.
    fn frame_of_columns(&mut self, labels: Vec<String>, cols: Vec<Col>, span: Span) -> Value {
        let Some(&first) = cols.first() else {
            self.error(diag::type_error(span, "a file with no columns", "read a file with columns"));
            return Value::Error;
        };
        let n = self.col_len(first);
        let index = self.range_index(n, span);
        Value::Frame(Rc::new(Frame { columns: labels.into_iter().zip(cols).collect(), index }))
    }

    /// `pd.read_csv(path, ...)`.
    pub(crate) fn read_csv(&mut self, args: Args, kw: Kwargs, span: Span) -> Value {
        const KW: &[&str] = &["filepath_or_buffer", "sep", "delimiter", "header", "names", "usecols", "dtype", "parse_dates", "date_format", "skiprows", "na_values", "keep_default_na"];
        let Some(kw) = self.keywords("pd.read_csv", kw, KW) else { return Value::Error };
        let mut path = args.into_iter().next();
        let mut options = CsvOptions::default();
        let mut header_given = None;
        let mut names_span = span;
        let mut dtypes: Vec<(String, ColumnType)> = Vec::new();
        let mut all_dtype: Option<ColumnType> = None;
        // Columns given as pandas' nullable `string` (read as `str`, then marked).
        let mut string_labels: Vec<String> = Vec::new();
        let mut parse_dates: Vec<String> = Vec::new();
        for (k, v, vspan) in kw {
            match k.as_str() {
                "filepath_or_buffer" => path = Some((v, vspan)),
                "sep" | "delimiter" => {
                    let Some(s) = self.str_kw(&v, vspan, &k) else { return Value::Error };
                    if s.len() != 1 {
                        self.error(diag::type_error(vspan, "a separator of one character is supported", "pandas treats longer ones as regular expressions"));
                        return Value::Error;
                    }
                    options.sep = s.as_bytes()[0];
                }
                "header" => match &v {
                    Value::None => header_given = Some(None),
                    Value::Scalar(e) if self.const_int_of(*e).is_some_and(|h| h >= 0) => header_given = Some(Some(self.const_int_of(*e).unwrap_or(0) as usize)),
                    _ => {
                        self.error(diag::type_error(vspan, "`header` must be a row number or None", "write e.g. `header=0`"));
                        return Value::Error;
                    }
                },
                "names" => match self.str_list_kw(&v, vspan, "names") {
                    Some(n) => {
                        options.names = Some(n);
                        names_span = vspan;
                    }
                    None => return Value::Error,
                },
                "usecols" => match self.str_list_kw(&v, vspan, "usecols") {
                    Some(n) => options.usecols = Some(n),
                    None => return Value::Error,
                },
                "parse_dates" => match self.str_list_kw(&v, vspan, "parse_dates") {
                    Some(n) => parse_dates = n,
                    None => return Value::Error,
                },
                "date_format" => match self.str_kw(&v, vspan, "date_format") {
                    Some(f) => options.date_format = Some(f),
                    None => return Value::Error,
                },
                "na_values" => match self.str_list_kw(&v, vspan, "na_values") {
                    Some(n) => options.na_values = n,
                    None => return Value::Error,
                },
                "skiprows" => match &v {
                    Value::Scalar(e) if self.const_int_of(*e).is_some_and(|h| h >= 0) => options.skiprows = self.const_int_of(*e).unwrap_or(0) as usize,
                    _ => {
                        self.error(diag::type_error(vspan, "`skiprows` must be a count here", "write an int literal"));
                        return Value::Error;
                    }
                },
                "keep_default_na" => match &v {
                    Value::Scalar(e) if self.const_bool(*e).is_some() => options.keep_default_na = self.const_bool(*e).unwrap_or(true),
                    _ => {
                        self.error(diag::type_error(vspan, "`keep_default_na` must be True or False", "write a constant"));
                        return Value::Error;
                    }
                },
                _ => match &v {
                    Value::Dict(entries) => {
                        for (key, kspan, dv, dspan) in entries.clone() {
                            let Some(label) = self.const_str(&key) else {
                                self.error(diag::type_error(kspan, "`dtype` keys must be column labels", "write string literals"));
                                return Value::Error;
                            };
                            if self.const_str(&dv).as_deref() == Some("string") {
                                string_labels.push(label.clone());
                            }
                            let Some(t) = self.file_dtype(&dv, dspan) else { return Value::Error };
                            dtypes.push((label, t));
                        }
                    }
                    other if self.const_str(other).as_deref() == Some("string") => {
                        self.error(diag::type_error(vspan, "`dtype=\"string\"` for every column of a file", "name the string columns: `dtype={\"name\": \"string\"}`"));
                        return Value::Error;
                    }
                    other => match self.file_dtype(other, vspan) {
                        Some(t) => all_dtype = Some(t),
                        None => return Value::Error,
                    },
                },
            }
        }
        // pandas: `header="infer"` is row 0, or no header row when `names` is given.
        options.header = match header_given {
            Some(h) => h,
            None if options.names.is_some() => None,
            None => Some(0),
        };
        let Some((path, pspan)) = path else {
            self.error(diag::bad_arguments(span, "`pd.read_csv` needs the path"));
            return Value::Error;
        };
        let Some((path, constant)) = self.path_value(path, pspan, "pd.read_csv") else { return Value::Error };
        for label in &parse_dates {
            dtypes.push((label.clone(), ColumnType::DateTime(runtime_frame::column::TimeUnit::Micro)));
        }
        // The schema: from dtype= for every column, an earlier to_csv, or the file.
        let given = |label: &str, dtypes: &[(String, ColumnType)]| dtypes.iter().rev().find(|(l, _)| l == label).map(|(_, t)| t.clone()).or(all_dtype.clone());
        // A file written earlier in the script, read from its header row: the columns it
        // wrote (renamed by `names`, selected by `usecols`).
        let written = constant.as_ref().and_then(|p| self.cx.frame_files.get(p)).filter(|s| !s.parquet).cloned();
        // pandas fills the columns `names` has beyond the file's with missing values, or makes
        // the file's extra leading columns the index; the runtime refuses both, so where the
        // file's width is known here (written earlier), so is the error.
        if let (Some(w), Some(n)) = (&written, &options.names) {
            if n.len() != w.columns.len() {
                self.error(diag::unsupported_syntax(
                    names_span,
                    &format!("`read_csv` calls with {} names for a file of {} columns", n.len(), w.columns.len()),
                    "give one name per column of the file",
                ));
                return Value::Error;
            }
        }
        let written = written.filter(|w| options.header == Some(0) && options.skiprows == 0 && options.names.as_ref().is_none_or(|n| n.len() == w.columns.len()));
        let schema: Schema = match (&constant, &options.names) {
            (Some(_), _) if written.is_some() => {
                let w = written.expect("matched");
                let labels: Vec<String> = match &options.names {
                    Some(n) => n.clone(),
                    None => w.columns.iter().map(|(l, _)| l.clone()).collect(),
                };
                let mut columns = Vec::new();
                for (l, (_, t)) in labels.into_iter().zip(w.columns) {
                    if options.usecols.as_ref().is_none_or(|u| u.contains(&l)) {
                        let t = given(&l, &dtypes).unwrap_or(csv_read_back(t));
                        columns.push((l, t));
                    }
                }
                Schema { columns }
            }
            (Some(p), _) if std::path::Path::new(p).exists() => {
                let data = match std::fs::read(p) {
                    Ok(d) => d,
                    Err(e) => {
                        self.error(diag::type_error(pspan, format!("cannot read `{p}` when compiling: {e}"), "make the file readable, or give `names=` and `dtype=`"));
                        return Value::Error;
                    }
                };
                let mut with_all = dtypes.clone();
                if let Some(t) = &all_dtype {
                    if let Ok(labels) = runtime_frame::io::csv::infer_schema(&data, &options, &[]).map(|s| s.columns) {
                        for (l, _) in labels {
                            if !with_all.iter().any(|(x, _)| *x == l) {
                                with_all.push((l, t.clone()));
                            }
                        }
                    }
                }
                match runtime_frame::io::csv::infer_schema(&data, &options, &with_all) {
                    Ok(s) => s,
                    Err(e) => {
                        self.error(diag::type_error(pspan, format!("reading `{p}` when compiling: {e}"), "give the columns' dtypes with `dtype=`"));
                        return Value::Error;
                    }
                }
            }
            (_, Some(names)) => {
                let labels = options.usecols.clone().unwrap_or_else(|| names.clone());
                let mut columns = Vec::new();
                for l in labels {
                    let Some(t) = given(&l, &dtypes) else {
                        self.error(diag::type_error(pspan, format!("the dtype of column {l:?} is not known when compiling: the file does not exist yet"), "give every column's dtype with `dtype=`, or make the file exist when compiling"));
                        return Value::Error;
                    };
                    columns.push((l, t));
                }
                Schema { columns }
            }
            _ => {
                self.error(diag::type_error(pspan, "the columns of this file are not known when compiling: no earlier `to_csv` to this path and no such file", "make the file exist when compiling (a relative path is resolved where legatec runs), or give `names=` and `dtype=`"));
                return Value::Error;
            }
        };
        options.inferred = schema.columns.iter().filter(|(l, _)| given(l, &dtypes).is_none()).map(|(l, _)| l.clone()).collect();
        let mut types = Vec::new();
        for (l, t) in &schema.columns {
            match col_type_of(t) {
                Some(ct) => types.push(ct.with_na(string_labels.contains(l) && ct.kind == KindT::Str)),
                None => {
                    self.error(diag::type_error(pspan, format!("column {l:?} is datetime64[ns]"), "legatec holds datetime64[us] only"));
                    return Value::Error;
                }
            }
        }
        self.push_path(path, span);
        let mut fields = vec!["read_csv".to_string(), options.encode()];
        for ((l, _), ct) in schema.columns.iter().zip(&types) {
            fields.extend([l.clone(), ct.code()]);
        }
        let (cols, _) = self.frame_run_cols(&fields, &types, &[], span);
        self.frame_of_columns(schema.columns.into_iter().map(|(l, _)| l).collect(), cols, span)
    }

    /// Pushes a frame's index and columns; the spec fields after an operation's own.
    fn push_frame(&mut self, f: &Frame, span: Span) -> Vec<String> {
        let index = self.push_index_pub(&f.index, span);
        let mut fields = vec![index];
        for (label, c) in &f.columns {
            let kind = self.push_col(*c, span);
            fields.extend([label.clone(), kind]);
        }
        fields
    }

    /// `df.to_csv(path=None, sep=, header=, index=, na_rep=)`.
    pub(crate) fn to_csv(&mut self, f: &Frame, args: Args, kw: Kwargs, span: Span) -> Value {
        let Some(kw) = self.keywords("DataFrame.to_csv", kw, &["path_or_buf", "sep", "header", "index", "na_rep"]) else { return Value::Error };
        let mut path = args.into_iter().next();
        let mut options = CsvWriteOptions::default();
        for (k, v, vspan) in kw {
            match k.as_str() {
                "path_or_buf" => path = Some((v, vspan)),
                "sep" => match self.str_kw(&v, vspan, "sep") {
                    Some(s) if s.len() == 1 => options.sep = s.as_bytes()[0],
                    Some(_) => {
                        self.error(diag::type_error(vspan, "`sep` must be one character", "write e.g. `sep=\";\"`"));
                        return Value::Error;
                    }
                    None => return Value::Error,
                },
                "na_rep" => match self.str_kw(&v, vspan, "na_rep") {
                    Some(s) => options.na_rep = s,
                    None => return Value::Error,
                },
                _ => match &v {
                    Value::Scalar(e) if self.const_bool(*e).is_some() => {
                        let b = self.const_bool(*e).unwrap_or(true);
                        if k == "header" { options.header = b } else { options.index = b }
                    }
                    _ => {
                        self.error(diag::type_error(vspan, format!("`{k}` must be True or False"), "write a constant"));
                        return Value::Error;
                    }
                },
            }
        }
        let path = match path {
            None | Some((Value::None, _)) => None,
            Some((v, vspan)) => match self.path_value(v, vspan, "DataFrame.to_csv") {
                Some(p) => Some(p),
                None => return Value::Error,
            },
        };
        let Some((path, constant)) = path else {
            let mut fields = vec!["to_csv".to_string(), options.encode()];
            fields.extend(self.push_frame(f, span));
            let spec: Vec<&str> = fields.iter().map(String::as_str).collect();
            let spec = runtime_abi::frame_spec::encode(&spec);
            let spec = self.str_const(&spec);
            return Value::Str(self.runtime_call(EntryPoint::FrameText, vec![spec], Some(Type::Str), span).expect("a result"));
        };
        if let Some(p) = constant {
            // What reading it back with default options sees (the index first when written).
            let mut columns = Vec::new();
            if options.index && options.header {
                match &f.index {
                    IndexV::Range { .. } => columns.push(("Unnamed: 0".to_string(), ColumnType::Int64)),
                    IndexV::Labels(levels) => {
                        for (k, l) in levels.iter().enumerate() {
                            let name = l.name.clone().unwrap_or_else(|| format!("Unnamed: {k}"));
                            columns.push((name, column_type(self.col_type(l.col))));
                        }
                    }
                }
            }
            for (l, c) in &f.columns {
                // A nullable int column with <NA> reads back as float64 (the file has
                // empty fields; the program checks the guess when it reads).
                let ct = self.col_type(*c);
                let t = if ct.na && ct.masked && matches!(ct.kind, KindT::Num(d) if d.is_int()) { ColumnType::Float64 } else { column_type(ct) };
                columns.push((l.clone(), t));
            }
            if options.header && options.sep == b',' {
                self.cx.frame_files.insert(p, FileSchema { columns, levels: None, parquet: false });
            } else {
                self.cx.frame_files.remove(&p);
            }
        }
        self.push_path(path, span);
        let mut fields = vec!["to_csv".to_string(), options.encode()];
        fields.extend(self.push_frame(f, span));
        self.frame_run(&fields, &[], span);
        Value::None
    }

    /// `df.to_parquet(path, index=None)`.
    pub(crate) fn to_parquet(&mut self, f: &Frame, args: Args, kw: Kwargs, span: Span) -> Value {
        let Some(kw) = self.keywords("DataFrame.to_parquet", kw, &["path", "index"]) else { return Value::Error };
        let mut path = args.into_iter().next();
        let mut index = None;
        for (k, v, vspan) in kw {
            match (k.as_str(), &v) {
                ("path", _) => path = Some((v, vspan)),
                (_, Value::None) => index = None,
                (_, Value::Scalar(e)) if self.const_bool(*e).is_some() => index = self.const_bool(*e),
                _ => {
                    self.error(diag::type_error(vspan, "`index` must be True, False or None", "write a constant"));
                    return Value::Error;
                }
            }
        }
        let Some((pv, pspan)) = path else {
            self.error(diag::bad_arguments(span, "`to_parquet` needs the path"));
            return Value::Error;
        };
        let Some((path, constant)) = self.path_value(pv, pspan, "DataFrame.to_parquet") else { return Value::Error };
        let levels = match &f.index {
            IndexV::Labels(levels) => levels.iter().map(|l| (l.name.clone().unwrap_or_default(), l.col)).collect(),
            IndexV::Range { .. } => Vec::new(),
        };
        if let Some((label, c)) = f.columns.iter().chain(&levels).find(|(_, c)| c.na) {
            let ct = self.col_type(*c);
            self.error(diag::type_error(span, format!("`to_parquet` of the nullable {} column {label:?} (pandas records the extension dtype in the file, which legatec does not write)", ct.pandas_name()), "convert the column first (`.astype(str)`, `.astype(\"float64\")`), or write it with `to_csv`"));
            return Value::Error;
        }
        let small_int = |ct: ColType| matches!(ct.kind, KindT::Num(d) if d.is_int() && !matches!(d, DType::I32 | DType::I64));
        if let Some((label, c)) = f.columns.iter().chain(&levels).find(|(_, c)| small_int(self.col_type(*c))) {
            let ct = self.col_type(*c);
            self.error(diag::type_error(span, format!("`to_parquet` of the {} column {label:?} is not supported (legatec writes int32 and int64 integers)", ct.pandas_name()), "convert the column first (`.astype(\"int64\")`), or write it with `to_csv`"));
            return Value::Error;
        }
        if let Some(p) = constant {
            let columns = f.columns.iter().map(|(l, c)| (l.clone(), column_type(self.col_type(*c)))).collect();
            let levels = match (&f.index, index) {
                (_, Some(false)) | (IndexV::Range { .. }, None) => None,
                (IndexV::Range { .. }, Some(true)) => Some(vec![(None, ColumnType::Int64)]),
                (IndexV::Labels(levels), _) => Some(levels.iter().map(|l| (l.name.clone(), column_type(self.col_type(l.col)))).collect()),
            };
            self.cx.frame_files.insert(p, FileSchema { columns, levels, parquet: true });
        }
        self.push_path(path, span);
        let flag = match index {
            Some(true) => "1",
            Some(false) => "0",
            None => "",
        };
        let mut fields = vec!["to_parquet".to_string(), flag.to_string()];
        fields.extend(self.push_frame(f, span));
        self.frame_run(&fields, &[], span);
        Value::None
    }

    /// `pd.read_parquet(path)`.
    pub(crate) fn read_parquet(&mut self, args: Args, kw: Kwargs, span: Span) -> Value {
        let Some(kw) = self.keywords("pd.read_parquet", kw, &["path"]) else { return Value::Error };
        let Some((pv, pspan)) = args.into_iter().next().or_else(|| kw.into_iter().next().map(|(_, v, s)| (v, s))) else {
            self.error(diag::bad_arguments(span, "`pd.read_parquet` needs the path"));
            return Value::Error;
        };
        let Some((path, constant)) = self.path_value(pv, pspan, "pd.read_parquet") else { return Value::Error };
        let schema = match &constant {
            Some(p) if self.cx.frame_files.get(p).is_some_and(|s| s.parquet) => self.cx.frame_files[p].clone(),
            Some(p) if std::path::Path::new(p).exists() => match runtime_frame::io::parquet::read_parquet(p) {
                Ok(read) => {
                    let levels = match &read.index {
                        runtime_frame::io::parquet::ParquetIndex::Range { step: 1, .. } => None,
                        runtime_frame::io::parquet::ParquetIndex::Range { .. } => {
                            self.error(diag::type_error(pspan, format!("`{p}` has a RangeIndex with a step other than 1"), "write it with `index=False`"));
                            return Value::Error;
                        }
                        runtime_frame::io::parquet::ParquetIndex::Levels(levels) => Some(levels.iter().map(|(n, c)| (n.clone(), runtime_frame::io::parquet::column_type(c))).collect()),
                    };
                    FileSchema { columns: read.schema.columns.clone(), levels, parquet: true }
                }
                Err(e) => {
                    self.error(diag::type_error(pspan, format!("reading `{p}` when compiling: {e}"), "write the file with pandas' to_parquet"));
                    return Value::Error;
                }
            },
            _ => {
                self.error(diag::type_error(pspan, "the columns of this file are not known when compiling: no earlier `to_parquet` to this path and no such file", "make the file exist when compiling (a relative path is resolved where legatec runs)"));
                return Value::Error;
            }
        };
        let mut types = Vec::new();
        let level_types: Vec<ColType> = match &schema.levels {
            None => Vec::new(),
            Some(levels) => {
                let mut out = Vec::new();
                for (_, t) in levels {
                    let Some(ct) = col_type_of(t) else {
                        self.error(diag::type_error(pspan, "an index of datetime64[ns]", "legatec holds datetime64[us] only"));
                        return Value::Error;
                    };
                    out.push(ct.with_mask(true));
                }
                out
            }
        };
        for (l, t) in &schema.columns {
            match col_type_of(t) {
                // Parquet columns may hold nulls: numbers too are read with a mask.
                Some(ct) => types.push(ct.with_mask(true)),
                None => {
                    self.error(diag::type_error(pspan, format!("column {l:?} is datetime64[ns]"), "legatec holds datetime64[us] only"));
                    return Value::Error;
                }
            }
        }
        self.push_path(path, span);
        let index_field = match &schema.levels {
            None => "range".to_string(),
            Some(levels) => {
                let mut f = vec!["levels".to_string()];
                for ((n, _), ct) in levels.iter().zip(&level_types) {
                    match n {
                        Some(n) => f.extend(["1".to_string(), n.clone()]),
                        None => f.extend(["0".to_string(), String::new()]),
                    }
                    f.push(ct.code());
                }
                let items: Vec<&str> = f.iter().map(String::as_str).collect();
                runtime_abi::frame_spec::encode(&items)
            }
        };
        let mut fields = vec!["read_parquet".to_string(), index_field];
        for ((l, _), ct) in schema.columns.iter().zip(&types) {
            fields.extend([l.clone(), ct.code()]);
        }
        let range = schema.levels.is_none();
        let mut all = level_types.clone();
        all.extend(types.iter().copied());
        let extra = if range { vec![Type::array(DType::I64, 1)] } else { vec![] };
        // Results: the range (an array of two) or the levels, then the columns.
        let places = self.frame_run(&fields, &extra.iter().cloned().chain(all.iter().flat_map(ColType::types)).collect::<Vec<_>>(), span);
        let mut k = extra.len();
        let mut cols = Vec::new();
        for ct in &all {
            let n = ct.types().len();
            cols.push(ct.col(&places[k..k + n]));
            k += n;
        }
        let (level_cols, cols) = cols.split_at(level_types.len());
        let cols: Vec<Col> = cols.iter().zip(&schema.columns).map(|(c, (l, _))| self.unmasked(l, *c, span)).collect();
        let index = if range {
            let r = self.read(places[0]);
            let (zero, one) = (self.const_i64(0), self.const_i64(1));
            let start = self.add(Expr::GetItem(r, vec![zero]), Type::scalar(DType::I64));
            let r = self.read(places[0]);
            let stop = self.add(Expr::GetItem(r, vec![one]), Type::scalar(DType::I64));
            IndexV::Range { start: self.int_place(start, span), stop: self.int_place(stop, span) }
        } else {
            let levels = schema.levels.iter().flatten().zip(level_cols).map(|((n, _), c)| {
                let c = if c.kind == Kind::Num { self.unmasked("the index", *c, span) } else { *c };
                Level { name: n.clone(), col: c, made: super::Made::Labels }
            }).collect();
            IndexV::Labels(Rc::new(levels))
        };
        Value::Frame(Rc::new(Frame { columns: schema.columns.into_iter().map(|(l, _)| l).zip(cols).collect(), index }))
    }
}
