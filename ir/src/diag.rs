//! Diagnostics as plain data. Rendering (miette) happens only in `cli`.

use crate::span::Span;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
}

/// A secondary location with a message ("first assigned here").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    pub span: Span,
    pub message: String,
}

/// One user-facing diagnostic: a stable kebab-case `code`, a message, the
/// primary span, optional extra labels and a hint.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub code: &'static str,
    pub message: String,
    pub span: Span,
    pub labels: Vec<Label>,
    pub hint: Option<String>,
}

impl Diagnostic {
    pub fn error(code: &'static str, span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code,
            message: message.into(),
            span,
            labels: Vec::new(),
            hint: None,
        }
    }
    /// A compiler bug found while compiling this span: code `internal-error` (the
    /// command exits 101 when it sees one).
    pub fn internal(pass: &'static str, span: Span, message: impl Into<String>) -> Self {
        Diagnostic::error(
            "internal-error",
            span,
            format!("internal compiler error in `{pass}`: {}\nThis indicates a bug in legatec; please report it with the script that triggered it.", message.into()),
        )
    }

    pub fn is_internal(&self) -> bool {
        self.code == "internal-error"
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
    pub fn with_label(mut self, span: Span, message: impl Into<String>) -> Self {
        self.labels.push(Label { span, message: message.into() });
        self
    }
}

/// A compiler bug: names the pass or stage that found it. Never shown as a user error.
#[derive(Clone, Debug)]
pub struct InternalError {
    pub pass: &'static str,
    pub message: String,
}

impl std::fmt::Display for InternalError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "internal compiler error in `{}`: {}\nThis indicates a bug in legatec; please report it with the script that triggered it.",
            self.pass, self.message
        )
    }
}
