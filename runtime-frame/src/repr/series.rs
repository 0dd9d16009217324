//! `repr(s)` and `repr(df.dtypes)`: pandas' `SeriesFormatter` (index and values joined by
//! three spaces, rows cut past `max_rows`, and the `Name: ..., Length: ..., dtype: ...`
//! footer with a categorical's `Categories (...)` line).

use super::index::{format_index_levels, format_name, has_names, is_multi};
use super::text::{adjoin, make_fixed_width, pad, text_len, Justify};
use super::values::{dtype_name, format_array, format_strings, gather, Printed};
use super::Options;
use crate::column::{Column, Index, Values};

/// `display.max_categories`: categories listed in full up to this many.
const MAX_CATEGORIES: usize = 8;

/// The values of a series to print.
pub(crate) enum SeriesValues<'c, 'a> {
    /// A column of the column model.
    Column(&'c Column<'a>),
    /// An object series of texts (the dtype names of `df.dtypes`).
    Texts(&'c [String]),
}

impl SeriesValues<'_, '_> {
    fn len(&self) -> usize {
        match self {
            SeriesValues::Column(column) => column.len(),
            SeriesValues::Texts(texts) => texts.len(),
        }
    }

    /// The values at `rows`, in pandas' printing form.
    fn gather(&self, rows: &[usize]) -> Printed {
        match self {
            SeriesValues::Column(column) => gather(column, rows),
            SeriesValues::Texts(texts) => {
                Printed::Object(rows.iter().map(|&r| Some(texts[r].clone())).collect())
            }
        }
    }
}

/// pandas' `Categorical._repr_categories`: the categories' texts, quoted when they are
/// strings, the middle ones replaced by `...` past `max_categories`.
fn category_texts(categories: &Column, opts: &Options) -> Vec<String> {
    let count = categories.len();
    let quoted = matches!(categories.values, Values::Str { .. });
    let format_part = |rows: Vec<usize>| -> Vec<String> {
        let printed = gather(categories, &rows);
        let strings = if quoted {
            match &printed {
                Printed::Object(values) => values
                    .iter()
                    .map(|v| {
                        format!(
                            "'{}'",
                            super::text::escape_controls(v.as_deref().unwrap_or(""))
                        )
                    })
                    .collect(),
                _ => format_strings(&printed, opts.precision, true, Justify::Right),
            }
        } else {
            format_strings(&printed, opts.precision, true, Justify::Right)
        };
        let (strings, _) = make_fixed_width(strings, Justify::Right, None, opts.max_colwidth);
        strings.iter().map(|s| s.trim().to_string()).collect()
    };
    if count > MAX_CATEGORIES {
        let half = MAX_CATEGORIES / 2;
        let mut texts = format_part((0..half).collect());
        texts.push("...".to_string());
        texts.extend(format_part((count - half..count).collect()));
        texts
    } else {
        format_part((0..count).collect())
    }
}

/// pandas' `Categorical._get_repr_footer`: `Categories (3, str): ['a', 'b', 'c']`, wrapped
/// at `display_width`.
fn categories_footer(categories: &Column, opts: &Options) -> String {
    let texts = category_texts(categories, opts);
    let header = format!(
        "Categories ({}, {}): ",
        categories.len(),
        dtype_name(categories)
    );
    let header_width = text_len(&header);
    let mut body = String::new();
    let mut line_width = header_width;
    let mut first = true;
    for text in &texts {
        let width = text_len(text);
        if opts.display_width != 0 && line_width + 2 + width > opts.display_width {
            body.push_str(",\n");
            body.extend(std::iter::repeat_n(' ', header_width + 1));
            line_width = header_width + 1;
        } else if !first {
            body.push_str(", ");
            line_width += 2;
        }
        body.push_str(text);
        line_width += width;
        first = false;
    }
    format!("{header}[{body}]")
}

/// pandas' `SeriesFormatter.to_string` with `name=True, dtype=True, length="truncate"`.
pub(crate) fn series_text(
    name: Option<&str>,
    values: &SeriesValues,
    index: &Index,
    opts: &Options,
) -> String {
    let len = values.len();
    // Which rows are shown.
    let mut max_rows = opts.max_rows;
    let truncated = max_rows > 0 && len > max_rows;
    let mut rows: Vec<usize> = (0..len).collect();
    let mut cut_row = 0;
    if truncated {
        if opts.min_rows > 0 {
            max_rows = max_rows.min(opts.min_rows);
        }
        if max_rows == 1 {
            rows = vec![0];
            cut_row = 1;
        } else {
            let half = max_rows / 2;
            rows = (0..half).chain(len - half..len).collect();
            cut_row = half;
        }
    }

    // The footer.
    let mut footer_parts = Vec::new();
    if let Some(name) = name {
        footer_parts.push(format!("Name: {}", format_name(Some(name))));
    }
    if truncated {
        footer_parts.push(format!("Length: {len}"));
    }
    let (dtype, categories) = match values {
        SeriesValues::Column(column) => match column.values {
            Values::Category { categories, .. } => ("category".to_string(), Some(categories)),
            _ => (dtype_name(column), None),
        },
        SeriesValues::Texts(_) => ("object".to_string(), None),
    };
    footer_parts.push(format!("dtype: {dtype}"));
    let mut footer = footer_parts.join(", ");
    if let Some(categories) = categories {
        footer.push('\n');
        footer.push_str(&categories_footer(categories, opts));
    }

    if rows.is_empty() {
        return format!("Series([], {footer})");
    }

    // The index lines: the first is the header (names), printed only when named.
    let levels = format_index_levels(index, &rows, true, opts);
    let mut index_lines: Vec<String> = if is_multi(index) {
        adjoin(2, &levels).split('\n').map(str::to_string).collect()
    } else {
        levels.into_iter().next().unwrap_or_default()
    };
    let printed = values.gather(&rows);
    let mut value_lines = format_array(&printed, opts.precision, Justify::Right, opts.max_colwidth);
    if truncated {
        let width = text_len(&value_lines[cut_row - 1]);
        let dots = if width > 3 { "..." } else { ".." };
        value_lines.insert(cut_row, pad(dots, width, Justify::Center));
        let at = (cut_row + 1).min(index_lines.len());
        index_lines.insert(at, String::new());
    }
    let mut result = adjoin(3, &[index_lines[1..].to_vec(), value_lines]);
    if has_names(index) {
        result = format!("{}\n{result}", index_lines[0]);
    }
    format!("{result}\n{footer}")
}
