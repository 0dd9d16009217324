//! Text helpers for failure reports: truncation, line context and a first-difference finder.

/// At most `max_lines` lines and `max_chars` characters of `text`, with a note of what was cut.
pub fn truncate(text: &str, max_lines: usize, max_chars: usize) -> String {
    let mut out = String::new();
    let total_lines = text.lines().count();
    for (shown, line) in text.lines().enumerate() {
        if shown == max_lines || out.len() + line.len() > max_chars {
            out.push_str(&format!("[... {} more lines]\n", total_lines - shown));
            return out;
        }
        out.push_str(line);
        out.push('\n');
    }
    if !text.is_empty() && !text.ends_with('\n') {
        out.push_str("[no line break at the end]\n");
    }
    if text.is_empty() {
        out.push_str("[empty]\n");
    }
    out
}

/// Lines `line - radius ..= line + radius` (1-based) of `text`, each prefixed with its number,
/// the given line marked with `>`.
pub fn context_lines(text: &str, line: usize, radius: usize) -> String {
    let mut out = String::new();
    let first = line.saturating_sub(radius).max(1);
    for (index, content) in text.lines().enumerate() {
        let number = index + 1;
        if number < first || number > line + radius {
            continue;
        }
        let marker = if number == line { '>' } else { ' ' };
        let shown: String = content.chars().take(200).collect();
        out.push_str(&format!("{marker}{number:5} | {shown}\n"));
    }
    if out.is_empty() {
        out.push_str(&format!(">{line:5} | [past the end of the output]\n"));
    }
    out
}

/// The first line (1-based) where two texts differ, comparing line by line exactly;
/// `None` when they are equal.
pub fn first_line_difference(expected: &str, actual: &str) -> Option<usize> {
    if expected == actual {
        return None;
    }
    let mut expected_lines = expected.split_inclusive('\n');
    let mut actual_lines = actual.split_inclusive('\n');
    let mut number = 1;
    loop {
        match (expected_lines.next(), actual_lines.next()) {
            (Some(a), Some(b)) if a == b => number += 1,
            (None, None) => return Some(number),
            _ => return Some(number),
        }
    }
}

/// Whether `BLESS=1` (or any value but `0` and empty) asks to rewrite expected files.
pub fn bless_requested() -> bool {
    std::env::var("BLESS")
        .map(|v| !v.is_empty() && v != "0")
        .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncates_long_text() {
        let text: String = (0..100).map(|i| format!("line {i}\n")).collect();
        let cut = truncate(&text, 3, 10_000);
        assert_eq!(cut, "line 0\nline 1\nline 2\n[... 97 more lines]\n");
        assert_eq!(truncate("", 3, 100), "[empty]\n");
        assert_eq!(truncate("a", 3, 100), "a\n[no line break at the end]\n");
    }

    #[test]
    fn shows_context() {
        let text = "a\nb\nc\nd\ne\n";
        assert_eq!(
            context_lines(text, 3, 1),
            "     2 | b\n>    3 | c\n     4 | d\n"
        );
        assert_eq!(
            context_lines(text, 9, 1),
            ">    9 | [past the end of the output]\n"
        );
    }

    #[test]
    fn finds_first_differing_line() {
        assert_eq!(first_line_difference("a\nb\n", "a\nb\n"), None);
        assert_eq!(first_line_difference("a\nb\n", "a\nc\n"), Some(2));
        assert_eq!(first_line_difference("a\nb\n", "a\nb"), Some(2));
        assert_eq!(first_line_difference("a\n", "a\nb\n"), Some(2));
    }
}
