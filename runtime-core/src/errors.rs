//! Python exceptions raised by the runtime: the error type that internal code
//! returns and the single exit path that prints a traceback-like message.

use runtime_abi::{
    ERR_ARITHMETIC, ERR_ASSERTION, ERR_ATTRIBUTE, ERR_AXIS, ERR_EXCEPTION, ERR_FLOATING_POINT, ERR_INDEX, ERR_KEY, ERR_LINALG, ERR_LOOKUP, ERR_NAME, ERR_RECURSION,
    ERR_NOT_IMPLEMENTED, ERR_OVERFLOW, ERR_RUNTIME, ERR_TYPE, ERR_UNBOUND_LOCAL, ERR_VALUE, ERR_ZERO_DIVISION,
};

/// The Python exception class of a runtime error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    ZeroDivision,
    Index,
    Value,
    Overflow,
    Type,
    /// `AttributeError` (`a.shape = s` where `a` cannot take the shape in place).
    Attribute,
    /// `AssertionError` (a failed `assert`).
    Assertion,
    /// `KeyError` (a dict read at a key it lacks).
    Key,
    /// `NameError` and `UnboundLocalError`: a variable read before any assignment.
    Name,
    UnboundLocal,
    /// `numpy.exceptions.AxisError` (a subclass of both `ValueError` and `IndexError`).
    Axis,
    /// `numpy.linalg.LinAlgError` (a singular matrix, one that is not square).
    LinAlg,
    /// Operating-system errors of file operations (`open`), by Python class.
    FileNotFound,
    Permission,
    IsADirectory,
    Os,
    Eof,
    /// `pandas.errors.ParserError` and `pandas.errors.EmptyDataError` (a file pandas cannot read).
    PandasParser,
    PandasEmptyData,
    /// NumPy's `MemoryError` for an array that cannot be allocated (`numpy._core._exceptions._ArrayMemoryError`).
    Memory,
    /// `RuntimeError`: the GPU could not be used (no driver with `LEGATEC_DEVICE=gpu`, a CUDA failure).
    Runtime,
    /// Python's other built-in exceptions, raised by a `raise` statement.
    NotImplemented,
    Exception,
    Arithmetic,
    FloatingPoint,
    Lookup,
    Recursion,
    /// A broken invariant between generated code and the runtime: a legatec bug.
    Internal,
}

impl ErrorKind {
    /// Maps an `ERR_*` code of the ABI to a kind; unknown codes are internal errors.
    pub fn from_code(code: i64) -> ErrorKind {
        match code {
            ERR_ZERO_DIVISION => ErrorKind::ZeroDivision,
            ERR_INDEX => ErrorKind::Index,
            ERR_VALUE => ErrorKind::Value,
            ERR_OVERFLOW => ErrorKind::Overflow,
            ERR_NAME => ErrorKind::Name,
            ERR_UNBOUND_LOCAL => ErrorKind::UnboundLocal,
            ERR_TYPE => ErrorKind::Type,
            ERR_LINALG => ErrorKind::LinAlg,
            ERR_AXIS => ErrorKind::Axis,
            ERR_ATTRIBUTE => ErrorKind::Attribute,
            ERR_ASSERTION => ErrorKind::Assertion,
            ERR_KEY => ErrorKind::Key,
            ERR_RUNTIME => ErrorKind::Runtime,
            ERR_NOT_IMPLEMENTED => ErrorKind::NotImplemented,
            ERR_EXCEPTION => ErrorKind::Exception,
            ERR_ARITHMETIC => ErrorKind::Arithmetic,
            ERR_FLOATING_POINT => ErrorKind::FloatingPoint,
            ERR_LOOKUP => ErrorKind::Lookup,
            ERR_RECURSION => ErrorKind::Recursion,
            _ => ErrorKind::Internal,
        }
    }

    /// The name Python prints on the last traceback line.
    pub fn python_name(self) -> &'static str {
        match self {
            ErrorKind::ZeroDivision => "ZeroDivisionError",
            ErrorKind::Index => "IndexError",
            ErrorKind::Value => "ValueError",
            ErrorKind::Overflow => "OverflowError",
            ErrorKind::Type => "TypeError",
            ErrorKind::Attribute => "AttributeError",
            ErrorKind::Assertion => "AssertionError",
            ErrorKind::Key => "KeyError",
            ErrorKind::Name => "NameError",
            ErrorKind::UnboundLocal => "UnboundLocalError",
            ErrorKind::Axis => "numpy.exceptions.AxisError",
            ErrorKind::LinAlg => "numpy.linalg.LinAlgError",
            ErrorKind::FileNotFound => "FileNotFoundError",
            ErrorKind::Permission => "PermissionError",
            ErrorKind::IsADirectory => "IsADirectoryError",
            ErrorKind::Os => "OSError",
            ErrorKind::Eof => "EOFError",
            ErrorKind::PandasParser => "pandas.errors.ParserError",
            ErrorKind::PandasEmptyData => "pandas.errors.EmptyDataError",
            ErrorKind::Memory => "numpy._core._exceptions._ArrayMemoryError",
            ErrorKind::Runtime => "RuntimeError",
            ErrorKind::NotImplemented => "NotImplementedError",
            ErrorKind::Exception => "Exception",
            ErrorKind::Arithmetic => "ArithmeticError",
            ErrorKind::FloatingPoint => "FloatingPointError",
            ErrorKind::Lookup => "LookupError",
            ErrorKind::Recursion => "RecursionError",
            ErrorKind::Internal => "SystemError",
        }
    }
}

/// A Python exception on its way to [`raise`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RtError {
    pub kind: ErrorKind,
    pub message: String,
}

pub type RtResult<T> = Result<T, RtError>;

impl RtError {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> RtError {
        RtError { kind, message: message.into() }
    }

    pub fn value(message: impl Into<String>) -> RtError {
        RtError::new(ErrorKind::Value, message)
    }

    pub fn index(message: impl Into<String>) -> RtError {
        RtError::new(ErrorKind::Index, message)
    }

    pub fn type_error(message: impl Into<String>) -> RtError {
        RtError::new(ErrorKind::Type, message)
    }

    /// The exception Python's `open` raises for an I/O error on the path whose
    /// Python `repr()` is `path_repr`:
    /// `FileNotFoundError: [Errno 2] No such file or directory: 'x.npy'`.
    pub fn os(error: &std::io::Error, path_repr: &str) -> RtError {
        let kind = match error.kind() {
            std::io::ErrorKind::NotFound => ErrorKind::FileNotFound,
            std::io::ErrorKind::PermissionDenied => ErrorKind::Permission,
            std::io::ErrorKind::IsADirectory => ErrorKind::IsADirectory,
            _ => ErrorKind::Os,
        };
        // Rust prints OS errors as "No such file or directory (os error 2)".
        let text = error.to_string();
        let detail = text.split(" (os error").next().unwrap_or(&text).to_string();
        let message = match error.raw_os_error() {
            Some(code) => format!("[Errno {code}] {detail}: {path_repr}"),
            None => format!("{detail}: {path_repr}"),
        };
        RtError::new(kind, message)
    }

    /// A broken contract between generated code and the runtime.
    pub fn internal(message: impl Into<String>) -> RtError {
        let message = message.into();
        RtError::new(
            ErrorKind::Internal,
            format!("legatec runtime: {message} (this indicates a bug in legatec)"),
        )
    }

    /// The text printed to stderr, without the final newline's absence: the whole block.
    pub fn traceback_text(&self) -> String {
        // An exception without a message prints its name alone (`AssertionError`).
        let colon = if self.message.is_empty() { "" } else { ": " };
        format!("Traceback (most recent call last):\n  (compiled code)\n{}{colon}{}\n", self.kind.python_name(), self.message)
    }
}

/// Flushes stdout, prints the exception to stderr and exits with status 1 (101 for an
/// internal error: a bug in legatec, as the compiler's own).
pub fn raise(error: RtError) -> ! {
    use std::io::Write;
    crate::stdout::flush_stdout();
    crate::comm::before_fatal_message();
    let text = error.traceback_text();
    let stderr = std::io::stderr();
    let mut handle = stderr.lock();
    let _ = handle.write_all(text.as_bytes());
    let _ = handle.flush();
    std::process::exit(if error.kind == ErrorKind::Internal { 101 } else { 1 });
}

/// Ends the program when an allocation failed where no error could be returned:
/// Python's bare `MemoryError`, exit status 1. Allocates nothing (the text goes
/// straight to file descriptor 2); a failure while doing so exits at once.
pub fn raise_out_of_memory() -> ! {
    use std::sync::atomic::{AtomicBool, Ordering};
    static RAISING: AtomicBool = AtomicBool::new(false);
    extern "C" {
        fn write(fd: i32, buf: *const u8, count: usize) -> isize;
        fn _exit(status: i32) -> !;
    }
    if RAISING.swap(true, Ordering::SeqCst) {
        // SAFETY: ends the process without running anything else.
        unsafe { _exit(1) };
    }
    crate::stdout::flush_stdout_if_free();
    crate::comm::before_fatal_message();
    let text = b"Traceback (most recent call last):\n  (compiled code)\nMemoryError\n";
    // SAFETY: `text` is valid for its length; a short or failed write loses text only.
    unsafe { write(2, text.as_ptr(), text.len()) };
    std::process::exit(1);
}

/// The `OverflowError` of a Python int operation (`runtime_abi::INT_OP_*`) whose exact
/// result does not fit in legatec's 64-bit Python ints, where CPython would make a big int.
pub fn int_overflow(op: i64, x: i64, y: i64) -> RtError {
    if op == runtime_abi::INT_OP_INTO_DTYPE {
        let name = runtime_abi::dtype_name(y);
        return RtError::new(ErrorKind::Overflow, format!("Python integer {x} out of bounds for {name}"));
    }
    let operand = |v: i64| if v < 0 { format!("({v})") } else { v.to_string() };
    let expression = match op {
        runtime_abi::INT_OP_ADD => format!("{x} + {}", operand(y)),
        runtime_abi::INT_OP_SUB => format!("{x} - {}", operand(y)),
        runtime_abi::INT_OP_MUL => format!("{x} * {}", operand(y)),
        runtime_abi::INT_OP_FLOOR_DIV => format!("{x} // {}", operand(y)),
        runtime_abi::INT_OP_POW => format!("{} ** {}", operand(x), operand(y)),
        runtime_abi::INT_OP_NEG => format!("-{}", operand(x)),
        runtime_abi::INT_OP_ABS => format!("abs({x})"),
        runtime_abi::INT_OP_LSHIFT => format!("{} << {y}", operand(x)),
        other => return RtError::internal(format!("unknown int operation {other} for lt_raise_int_overflow")),
    };
    RtError::new(ErrorKind::Overflow, format!("int too large: {expression} does not fit in 64 bits {INT_NOTE}"))
}

/// The `OverflowError` of `int(x)` for a finite float outside int64, given the float's Python `repr()`.
pub fn float_to_int_overflow(repr: &str) -> RtError {
    RtError::new(ErrorKind::Overflow, format!("int too large: int({repr}) does not fit in 64 bits {INT_NOTE}"))
}

const INT_NOTE: &str = "(legatec's Python ints are 64-bit)";

/// Unwraps a runtime result, raising the error as a Python exception.
pub fn or_raise<T>(result: RtResult<T>) -> T {
    match result {
        Ok(value) => value,
        Err(error) => raise(error),
    }
}
