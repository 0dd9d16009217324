//! `np.save` and `np.load` of `.npy` files.
//!
//! Saving writes what NumPy's `np.save` writes, byte for byte: format
//! version 1.0, the header dict `{'descr': '<f8', 'fortran_order': False,
//! 'shape': (3,), }` with NumPy's spare space after it for growing the first
//! axis, padded with spaces and a newline so that the data starts at a
//! multiple of 64 bytes. An array that is Fortran- but not C-contiguous is
//! written in Fortran order with `fortran_order: True`, as NumPy does; any
//! other array in C order.
//!
//! Loading accepts versions 1.0 to 3.0, little- or big-endian data and either
//! order, and returns a C-contiguous array. The compiler fixed the dtype and
//! rank of the result, so a file holding anything else is a ValueError.

use std::fs::File;
use std::io::{Read, Seek, SeekFrom, Write};

use runtime_abi::{
    ArrayDesc, DTYPE_BOOL, DTYPE_F32, DTYPE_F64, DTYPE_I16, DTYPE_I32, DTYPE_I64, DTYPE_I8, DTYPE_U16, DTYPE_U32, DTYPE_U64, DTYPE_U8,
};

use runtime_core::array::{self, dtype_name, elem_size, shape_size};
use runtime_core::errors::{RtError, RtResult};
use crate::strings::python_repr;

const MAGIC: &[u8] = b"\x93NUMPY";
/// The data of a `.npy` file starts at a multiple of this many bytes.
const ARRAY_ALIGN: usize = 64;
/// NumPy leaves room in the header for the growing axis to reach this many digits.
const GROWTH_AXIS_MAX_DIGITS: usize = 21;

/// NumPy's `descr` of a dtype code (on a little-endian machine).
fn descr(dtype: i64) -> RtResult<&'static str> {
    Ok(match dtype {
        DTYPE_BOOL => "|b1",
        DTYPE_I8 => "|i1",
        DTYPE_I16 => "<i2",
        DTYPE_I32 => "<i4",
        DTYPE_I64 => "<i8",
        DTYPE_U8 => "|u1",
        DTYPE_U16 => "<u2",
        DTYPE_U32 => "<u4",
        DTYPE_U64 => "<u8",
        DTYPE_F32 => "<f4",
        DTYPE_F64 => "<f8",
        runtime_abi::DTYPE_C64 => "<c8",
        runtime_abi::DTYPE_C128 => "<c16",
        _ => return Err(RtError::internal(format!("no .npy descr for dtype code {dtype}"))),
    })
}

/// NumPy's C- and Fortran-contiguity flags (axes of extent 1 are ignored; an
/// empty array is both).
fn contiguity(shape: &[i64], strides: &[i64]) -> (bool, bool) {
    if shape.contains(&0) {
        return (true, true);
    }
    let check = |axes: &mut dyn Iterator<Item = usize>| {
        let mut expected = 1i64;
        for axis in axes {
            if shape[axis] != 1 {
                if strides[axis] != expected {
                    return false;
                }
                expected *= shape[axis];
            }
        }
        true
    };
    let c = check(&mut (0..shape.len()).rev());
    let f = check(&mut (0..shape.len()));
    (c, f)
}

/// The complete header (magic, version, length, dict, padding) NumPy writes.
pub fn header(descr: &str, fortran_order: bool, shape: &[i64]) -> Vec<u8> {
    let mut dict = format!(
        "{{'descr': '{descr}', 'fortran_order': {}, 'shape': {}, }}",
        if fortran_order { "True" } else { "False" },
        array::shape_repr(shape)
    );
    if !shape.is_empty() {
        let growing = if fortran_order { shape[shape.len() - 1] } else { shape[0] };
        let digits = growing.to_string().len();
        dict.push_str(&" ".repeat(GROWTH_AXIS_MAX_DIGITS.saturating_sub(digits)));
    }
    // Version 1.0: 6 magic bytes, 2 version bytes, a little-endian u16 length.
    let length = dict.len() + 1;
    let padding = ARRAY_ALIGN - (MAGIC.len() + 2 + 2 + length) % ARRAY_ALIGN;
    let mut out = Vec::with_capacity(MAGIC.len() + 4 + length + padding);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&[1, 0]);
    out.extend_from_slice(&((length + padding) as u16).to_le_bytes());
    out.extend_from_slice(dict.as_bytes());
    out.extend(std::iter::repeat_n(b' ', padding));
    out.push(b'\n');
    out
}

/// Writes the data of `a` after its header, in the order `header_for` stated:
/// one write of the memory when it is contiguous, else element by element.
///
/// # Safety
/// `a` must be a live descriptor whose host copy is current.
unsafe fn write_data(a: &ArrayDesc, out: &mut dyn Write) -> std::io::Result<()> {
    let shape = array::shape(a);
    let strides = array::strides(a);
    let item = elem_size(a.dtype).map_err(|e| std::io::Error::other(e.message))?;
    let (c_contiguous, f_contiguous) = contiguity(shape, strides);
    let count = shape_size(shape) as usize;
    if c_contiguous || f_contiguous {
        // The elements lie in memory in the order the header states.
        if count > 0 {
            out.write_all(unsafe { std::slice::from_raw_parts(a.data, count * item) })?;
        }
        return Ok(());
    }
    let mut result = Ok(());
    array::for_each_index(shape, |index| {
        if result.is_ok() {
            let ptr = array::offset_ptr(a.data, strides, index, item);
            result = out.write_all(unsafe { std::slice::from_raw_parts(ptr, item) });
        }
    });
    result
}

/// The header NumPy writes for `a`: Fortran order when `a` is Fortran- but not
/// C-contiguous, else C order.
fn header_for(a: &ArrayDesc) -> RtResult<Vec<u8>> {
    let shape = array::shape(a);
    let (c_contiguous, f_contiguous) = contiguity(shape, array::strides(a));
    Ok(header(descr(a.dtype)?, !c_contiguous && f_contiguous, shape))
}

/// `np.save(path, a)`: the file is written whole (see `files.rs`).
///
/// # Safety
/// `a` must be a live descriptor whose host copy is current.
pub unsafe fn save(path: &str, a: &ArrayDesc) -> RtResult<()> {
    let path = if path.ends_with(".npy") { path.to_string() } else { format!("{path}.npy") };
    let header = header_for(a)?;
    crate::files::write_whole(&path, |out| {
        out.write_all(&header)?;
        unsafe { write_data(a, out) }
    })
}

/// A parsed `.npy` header.
#[derive(Debug, PartialEq)]
pub struct Header {
    pub descr: String,
    pub fortran_order: bool,
    pub shape: Vec<i64>,
    /// Where the data starts.
    pub data_offset: usize,
}

/// A value of the header dict (a Python literal).
#[derive(Debug, Clone, PartialEq)]
enum Literal {
    Str(String),
    Bool(bool),
    Int(i64),
    Tuple(Vec<Literal>),
}

/// A small parser of the Python literals a `.npy` header holds.
struct LiteralParser<'a> {
    text: &'a [u8],
    at: usize,
}

impl LiteralParser<'_> {
    fn skip_space(&mut self) {
        while self.at < self.text.len() && self.text[self.at].is_ascii_whitespace() {
            self.at += 1;
        }
    }

    fn eat(&mut self, c: u8) -> bool {
        self.skip_space();
        if self.text.get(self.at) == Some(&c) {
            self.at += 1;
            true
        } else {
            false
        }
    }

    fn value(&mut self) -> Option<Literal> {
        self.skip_space();
        match *self.text.get(self.at)? {
            quote @ (b'\'' | b'"') => {
                self.at += 1;
                let start = self.at;
                while *self.text.get(self.at)? != quote {
                    self.at += 1;
                }
                let s = String::from_utf8_lossy(&self.text[start..self.at]).into_owned();
                self.at += 1;
                Some(Literal::Str(s))
            }
            b'(' => {
                self.at += 1;
                let mut items = Vec::new();
                loop {
                    if self.eat(b')') {
                        return Some(Literal::Tuple(items));
                    }
                    items.push(self.value()?);
                    if !self.eat(b',') {
                        return self.eat(b')').then_some(Literal::Tuple(items));
                    }
                }
            }
            c if c.is_ascii_digit() => {
                let start = self.at;
                while self.text.get(self.at).is_some_and(u8::is_ascii_digit) {
                    self.at += 1;
                }
                // Python 2 era headers may write `3L`.
                if self.text.get(self.at) == Some(&b'L') {
                    self.at += 1;
                }
                std::str::from_utf8(&self.text[start..self.at]).ok()?.trim_end_matches('L').parse().ok().map(Literal::Int)
            }
            _ => {
                for (word, value) in [("True", true), ("False", false)] {
                    if self.text[self.at..].starts_with(word.as_bytes()) {
                        self.at += word.len();
                        return Some(Literal::Bool(value));
                    }
                }
                None
            }
        }
    }

    fn dict(&mut self) -> Option<Vec<(String, Literal)>> {
        if !self.eat(b'{') {
            return None;
        }
        let mut entries = Vec::new();
        loop {
            if self.eat(b'}') {
                return Some(entries);
            }
            let Literal::Str(key) = self.value()? else { return None };
            if !self.eat(b':') {
                return None;
            }
            entries.push((key, self.value()?));
            if !self.eat(b',') {
                return self.eat(b'}').then_some(entries);
            }
        }
    }
}

/// The length of the whole header (up to where the data starts) that the first
/// bytes of a `.npy` file state, if they state one.
fn header_length(bytes: &[u8]) -> Option<usize> {
    if !bytes.starts_with(MAGIC) {
        return None;
    }
    match *bytes.get(6)? {
        1 => Some(10 + u16::from_le_bytes([*bytes.get(8)?, *bytes.get(9)?]) as usize),
        2 | 3 => Some(12 + u32::from_le_bytes(bytes.get(8..12)?.try_into().ok()?) as usize),
        _ => None,
    }
}

/// Parses the header of a `.npy` file's bytes.
pub fn parse_header(bytes: &[u8]) -> RtResult<Header> {
    if bytes.is_empty() {
        return Err(RtError::new(runtime_core::errors::ErrorKind::Eof, "No data left in file"));
    }
    if !bytes.starts_with(MAGIC) {
        return Err(RtError::value(
            "This file contains pickled (object) data. If you trust the file you can load it unsafely using the `allow_pickle=` keyword argument or `pickle.load()`.",
        ));
    }
    let short = || RtError::value("EOF: reading array header, expected more bytes");
    let major = *bytes.get(6).ok_or_else(short)?;
    let (length, start) = match major {
        1 => (u16::from_le_bytes([*bytes.get(8).ok_or_else(short)?, *bytes.get(9).ok_or_else(short)?]) as usize, 10),
        2 | 3 => {
            let word: [u8; 4] = bytes.get(8..12).ok_or_else(short)?.try_into().map_err(|_| short())?;
            (u32::from_le_bytes(word) as usize, 12)
        }
        _ => {
            let minor = bytes.get(7).copied().unwrap_or(0);
            return Err(RtError::value(format!("we only support format version (1,0), (2,0), and (3,0), not ({major}, {minor})")));
        }
    };
    let text = bytes.get(start..start + length).ok_or_else(short)?;
    let cannot_parse = || RtError::value(format!("Cannot parse header: {}", python_repr(&String::from_utf8_lossy(text))));
    let entries = LiteralParser { text, at: 0 }.dict().ok_or_else(cannot_parse)?;
    let mut keys: Vec<&str> = entries.iter().map(|(k, _)| k.as_str()).collect();
    keys.sort_unstable();
    if keys != ["descr", "fortran_order", "shape"] {
        return Err(RtError::value(format!(
            "Header does not contain the correct keys: [{}]",
            keys.iter().map(|k| python_repr(k)).collect::<Vec<_>>().join(", ")
        )));
    }
    let get = |key: &str| entries.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone()).expect("key checked");
    let Literal::Str(descr) = get("descr") else {
        return Err(RtError::value("descr is not a valid dtype descriptor"));
    };
    let Literal::Bool(fortran_order) = get("fortran_order") else {
        return Err(RtError::value("fortran_order is not a valid bool"));
    };
    let shape = match get("shape") {
        Literal::Tuple(items) => items
            .into_iter()
            .map(|item| match item {
                Literal::Int(n) => Some(n),
                _ => None,
            })
            .collect::<Option<Vec<i64>>>(),
        _ => None,
    }
    .ok_or_else(|| RtError::value("shape is not valid"))?;
    Ok(Header { descr, fortran_order, shape, data_offset: start + length })
}

/// The dtype code and byte order (true: big-endian) of a `descr`, if legatec supports it.
pub fn decode_descr(descr: &str) -> Option<(i64, bool)> {
    let (order, code) = descr.split_at(descr.len().min(1));
    let big = match order {
        "<" | "|" | "=" => false,
        ">" => true,
        _ => return None,
    };
    let dtype = match code {
        "b1" | "?" => DTYPE_BOOL,
        "i1" => DTYPE_I8,
        "i2" => DTYPE_I16,
        "i4" => DTYPE_I32,
        "i8" => DTYPE_I64,
        "u1" => DTYPE_U8,
        "u2" => DTYPE_U16,
        "u4" => DTYPE_U32,
        "u8" => DTYPE_U64,
        "f4" => DTYPE_F32,
        "f8" => DTYPE_F64,
        "c8" => runtime_abi::DTYPE_C64,
        "c16" => runtime_abi::DTYPE_C128,
        _ => return None,
    };
    Some((dtype, big))
}

/// `np.load(path)` of a file that must hold a `dtype` array of rank `ndim`.
///
/// # Safety
/// Always safe; `unsafe` for symmetry with the other array constructors.
pub unsafe fn load(path: &str, dtype: i64, ndim: i64) -> RtResult<*mut ArrayDesc> {
    let os_error = |e: std::io::Error| RtError::os(&e, &python_repr(path));
    let mut file = File::open(path).map_err(os_error)?;
    let file_length = file.metadata().map_err(os_error)?.len();
    // The header: the magic, the version and the header's length, then the rest of it.
    let mut head = Vec::new();
    (&mut file).take(12).read_to_end(&mut head).map_err(os_error)?;
    if let Some(total) = header_length(&head) {
        let more = (total as u64).saturating_sub(head.len() as u64);
        (&mut file).take(more).read_to_end(&mut head).map_err(os_error)?;
    }
    let header = parse_header(&head)?;
    let expected = format!("a {ndim}-D {} array", dtype_name(dtype));
    let found = match decode_descr(&header.descr) {
        Some((code, _)) => format!("a {}-D {} array of shape {}", header.shape.len(), dtype_name(code), array::shape_repr(&header.shape)),
        None => format!("dtype {}", python_repr(&header.descr)),
    };
    let mismatch = || {
        RtError::value(format!(
            "np.load({}): the program was compiled for {expected} but the file holds {found}",
            python_repr(path)
        ))
    };
    let (code, big_endian) = decode_descr(&header.descr).ok_or_else(mismatch)?;
    if code != dtype || header.shape.len() as i64 != ndim {
        return Err(mismatch());
    }
    // The result first (NumPy's MemoryError if it cannot be had), then the data.
    let out = array::alloc_array_uninit(dtype, &header.shape)?;
    let result = unsafe { read_data(&mut file, path, file_length, &header, dtype, big_endian, &*out) };
    if let Err(error) = result {
        unsafe { array::release(out) };
        return Err(error);
    }
    Ok(out)
}

/// Reads the `count` elements after the header of `file` into the C-contiguous `out`:
/// straight into it when the file holds them in that order and form, else through
/// a buffer, reordered and converted.
///
/// # Safety
/// `out` must be a new C-contiguous array of the header's shape and `dtype`.
unsafe fn read_data(
    file: &mut File,
    path: &str,
    file_length: u64,
    header: &Header,
    dtype: i64,
    big_endian: bool,
    out: &ArrayDesc,
) -> RtResult<()> {
    let path_error = |e: std::io::Error| RtError::os(&e, &python_repr(path));
    let item = elem_size(dtype)?;
    let shape = &header.shape;
    let count = shape_size(shape) as usize;
    let available = (file_length.saturating_sub(header.data_offset as u64) / item as u64) as usize;
    if available < count {
        return Err(RtError::value(format!(
            "Failed to read all data for array. Expected {} = {count} elements, could only read {available} elements. (file seems not fully written?)",
            array::shape_repr(shape)
        )));
    }
    if count == 0 {
        return Ok(());
    }
    file.seek(SeekFrom::Start(header.data_offset as u64)).map_err(path_error)?;
    let c_order = !header.fortran_order || shape.iter().filter(|&&extent| extent > 1).count() <= 1;
    if c_order && !big_endian && dtype != DTYPE_BOOL {
        // SAFETY: `out` holds `count` elements of `item` bytes.
        let bytes = unsafe { std::slice::from_raw_parts_mut(out.data, count * item) };
        return file.read_exact(bytes).map_err(path_error);
    }
    let mut data: Vec<u8> = runtime_core::memory::try_filled(count * item, 0, shape, dtype)?;
    file.read_exact(&mut data).map_err(path_error)?;
    // The file's element strides: C order, or Fortran order.
    let mut file_strides = vec![0i64; shape.len()];
    let mut step = 1i64;
    let axes: Vec<usize> = if header.fortran_order { (0..shape.len()).collect() } else { (0..shape.len()).rev().collect() };
    for axis in axes {
        file_strides[axis] = step;
        step *= shape[axis].max(1);
    }
    let mut position = 0usize;
    array::for_each_index(shape, |index| {
        let from: i64 = index.iter().zip(&file_strides).map(|(i, s)| i * s).sum();
        let element = &data[from as usize * item..(from as usize + 1) * item];
        let to = unsafe { std::slice::from_raw_parts_mut(out.data.add(position * item), item) };
        to.copy_from_slice(element);
        if big_endian {
            // Each number swapped: both parts of a complex one, each in place.
            let part = if matches!(dtype, runtime_abi::DTYPE_C64 | runtime_abi::DTYPE_C128) { item / 2 } else { item };
            to.chunks_mut(part).for_each(<[u8]>::reverse);
        }
        if dtype == DTYPE_BOOL {
            to[0] = u8::from(to[0] != 0);
        }
        position += 1;
    });
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_aligned_and_parse_back() {
        for shape in [vec![], vec![3], vec![2, 3], vec![123456789, 1, 2]] {
            let bytes = header("<f8", false, &shape);
            assert_eq!(bytes.len() % ARRAY_ALIGN, 0);
            assert_eq!(*bytes.last().unwrap(), b'\n');
            let parsed = parse_header(&bytes).unwrap();
            assert_eq!(parsed, Header { descr: "<f8".into(), fortran_order: false, shape, data_offset: bytes.len() });
        }
    }

    #[test]
    fn header_text_matches_numpy() {
        let bytes = header("<i8", false, &[3]);
        let text = String::from_utf8_lossy(&bytes[10..]).into_owned();
        assert!(text.starts_with("{'descr': '<i8', 'fortran_order': False, 'shape': (3,), }                    "));
        assert_eq!(bytes.len(), 128);
    }

    #[test]
    fn contiguity_follows_numpy_flags() {
        assert_eq!(contiguity(&[3, 1], &[4, 1]), (false, false));
        assert_eq!(contiguity(&[3, 1], &[1, 7]), (true, true));
        assert_eq!(contiguity(&[2, 3], &[1, 2]), (false, true));
        assert_eq!(contiguity(&[0, 3], &[5, 9]), (true, true));
    }
}
