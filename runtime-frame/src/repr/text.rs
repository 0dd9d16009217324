//! Text layout helpers that mirror pandas' printing utilities: width, justification,
//! `adjoin`, `_make_fixed_width`, `trim_front` and the escaping of control characters.
//!
//! pandas measures text with Python's `len()`, which counts code points, so every width
//! here is a count of `char`s rather than of bytes or of terminal cells.

/// The width of a string as pandas measures it (code points).
pub(crate) fn text_len(text: &str) -> usize {
    text.chars().count()
}

/// How a cell is padded to its column's width.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Justify {
    Left,
    Right,
    Center,
    /// pandas' `"all"`: the strings are left as they are (no padding, no truncation).
    All,
}

/// Pads `text` to `width` like Python's `str.ljust`, `str.rjust` or `str.center`.
pub(crate) fn pad(text: &str, width: usize, mode: Justify) -> String {
    let length = text_len(text);
    if length >= width {
        return text.to_string();
    }
    let margin = width - length;
    let (left, right) = match mode {
        Justify::Left => (0, margin),
        Justify::Right | Justify::All => (margin, 0),
        Justify::Center => {
            // CPython's `str.center` puts the odd space on the left when the width is odd.
            let left = margin / 2 + (margin & width & 1);
            (left, margin - left)
        }
    };
    let mut padded = String::with_capacity(text.len() + margin);
    padded.extend(std::iter::repeat_n(' ', left));
    padded.push_str(text);
    padded.extend(std::iter::repeat_n(' ', right));
    padded
}

/// The first `count` code points of `text`.
pub(crate) fn take_chars(text: &str, count: usize) -> &str {
    match text.char_indices().nth(count) {
        Some((byte, _)) => &text[..byte],
        None => text,
    }
}

/// `text` without its first `count` code points.
pub(crate) fn skip_chars(text: &str, count: usize) -> &str {
    match text.char_indices().nth(count) {
        Some((byte, _)) => &text[byte..],
        None => "",
    }
}

/// pandas' `adjoin`: glues columns of lines side by side. Every column but the last is
/// left-justified to its widest line plus `space`; the last to its widest line. Shorter
/// columns are padded with blank lines at the top.
pub(crate) fn adjoin(space: usize, columns: &[Vec<String>]) -> String {
    if columns.is_empty() {
        return String::new();
    }
    let widest = |column: &Vec<String>| column.iter().map(|s| text_len(s)).max().unwrap_or(0);
    let mut widths: Vec<usize> = columns[..columns.len() - 1]
        .iter()
        .map(|column| widest(column) + space)
        .collect();
    widths.push(widest(&columns[columns.len() - 1]));
    let line_count = columns.iter().map(|column| column.len()).max().unwrap_or(0);
    let mut lines = vec![String::new(); line_count];
    for (column, &width) in columns.iter().zip(&widths) {
        let blank_lines = line_count - column.len();
        for line in lines.iter_mut().take(blank_lines) {
            line.extend(std::iter::repeat_n(' ', width));
        }
        for (line, cell) in lines[blank_lines..].iter_mut().zip(column) {
            line.push_str(&pad(cell, width, Justify::Left));
        }
    }
    lines.join("\n")
}

/// pandas' `_make_fixed_width`: pads every string to the widest (at least `minimum`),
/// capping the width at `max_colwidth` and cutting longer strings to fit, ending them
/// with as much of `...` as fits. Returns the strings and the width used.
pub(crate) fn make_fixed_width(
    strings: Vec<String>,
    justify: Justify,
    minimum: Option<usize>,
    max_colwidth: usize,
) -> (Vec<String>, usize) {
    let widest = strings.iter().map(|s| text_len(s)).max().unwrap_or(0);
    if strings.is_empty() || justify == Justify::All {
        return (strings, widest);
    }
    let mut width = widest.max(minimum.unwrap_or(0));
    if width > max_colwidth {
        width = max_colwidth;
    }
    let keep = width.saturating_sub(3);
    let placeholder = &"..."[..(width - keep).min(3)];
    let fitted = strings
        .into_iter()
        .map(|text| {
            let cell = if text_len(&text) > width {
                format!("{}{}", take_chars(&text, keep), placeholder)
            } else {
                text
            };
            pad(&cell, width, justify)
        })
        .collect();
    (fitted, width)
}

/// pandas' `trim_front`: removes the leading whitespace that every string shares.
pub(crate) fn trim_front(strings: Vec<String>) -> Vec<String> {
    let shared = strings
        .iter()
        .map(|s| text_len(s) - text_len(s.trim_start()))
        .min()
        .unwrap_or(0);
    if shared == 0 {
        return strings;
    }
    strings
        .iter()
        .map(|s| skip_chars(s, shared).to_string())
        .collect()
}

/// pandas' `pprint_thing(x, escape_chars=("\t", "\r", "\n"))`: control characters are
/// shown as their escapes.
pub(crate) fn escape_controls(text: &str) -> String {
    text.replace('\t', "\\t")
        .replace('\r', "\\r")
        .replace('\n', "\\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn center_matches_python() {
        // Python: 'ab'.center(5) == '  ab ', 'ab'.center(6) == '  ab  ', 'a'.center(4) == ' a  '.
        assert_eq!(pad("ab", 5, Justify::Center), "  ab ");
        assert_eq!(pad("ab", 6, Justify::Center), "  ab  ");
        assert_eq!(pad("a", 4, Justify::Center), " a  ");
    }
}
