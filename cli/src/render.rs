//! Renders IR diagnostics with miette: file:line:col, the source line, a
//! caret, the stable code and the hint. Colour only on a terminal without NO_COLOR.

use std::io::IsTerminal;

use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteDiagnostic, NamedSource, Report};

/// Errors, then `could not compile`.
pub fn render_all(path: &str, source: &str, diags: &[ir::Diagnostic]) {
    let mut out = render(path, source, diags);
    let n = diags.len();
    out.push_str(&format!("error: could not compile `{path}` due to {n} previous error{}\n", if n == 1 { "" } else { "s" }));
    eprint!("{out}");
}

/// Warnings (lints), compilation going on.
pub fn render_warnings(path: &str, source: &str, diags: &[ir::Diagnostic]) {
    eprint!("{}", render(path, source, diags));
}

fn render(path: &str, source: &str, diags: &[ir::Diagnostic]) -> String {
    let color = std::env::var_os("NO_COLOR").is_none() && std::io::stderr().is_terminal();
    let width = std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok()).unwrap_or(100);
    let theme = if color { GraphicalTheme::unicode() } else { GraphicalTheme::unicode_nocolor() };
    let handler = GraphicalReportHandler::new_themed(theme).with_width(width);
    let mut out = String::new();
    for d in diags {
        let severity = match d.severity {
            ir::Severity::Error => miette::Severity::Error,
            ir::Severity::Warning => miette::Severity::Warning,
        };
        let mut md = MietteDiagnostic::new(d.message.clone()).with_code(d.code).with_severity(severity);
        if let Some(h) = &d.hint {
            md = md.with_help(h.clone());
        }
        let len = (d.span.end.saturating_sub(d.span.start)) as usize;
        // A label on the primary span itself replaces the default "here".
        let primary_text = d.labels.iter().find(|l| l.span == d.span).map(|l| l.message.clone()).unwrap_or_else(|| "here".to_string());
        let mut labels = vec![LabeledSpan::new_primary_with_span(Some(primary_text), (d.span.start as usize, len))];
        for l in d.labels.iter().filter(|l| l.span != d.span) {
            labels.push(LabeledSpan::new_with_span(Some(l.message.clone()), (l.span.start as usize, (l.span.end - l.span.start) as usize)));
        }
        md = md.with_labels(labels);
        let report = Report::new(md).with_source_code(NamedSource::new(path, source.to_string()));
        let _ = handler.render_report(&mut out, report.as_ref());
        out.push('\n');
    }
    out
}
