//! Row labels as pandas prints them: `Index._format_flat` for a `RangeIndex` or a single
//! level, `MultiIndex._format_multi` with sparsified (blanked) repeated outer labels, and
//! the plain label list of an empty frame's `Index: [...]` line.

use super::datetime::format_datetime_array;
use super::text::{escape_controls, pad, text_len, trim_front, Justify};
use super::values::{format_array, gather, is_object_like, label_text, Printed};
use super::Options;
use crate::column::{Column, Index, Values};

/// pandas' `format_name`: an index or series name for display (`""` when unnamed).
pub(crate) fn format_name(name: Option<&str>) -> String {
    name.map(escape_controls).unwrap_or_default()
}

/// Whether the index has a name (any level's, for a MultiIndex): pandas then prints an
/// extra header line holding the names.
pub(crate) fn has_names(index: &Index) -> bool {
    match index {
        Index::Range { name, .. } => name.is_some(),
        Index::Levels(levels) => levels.iter().any(|(name, _)| name.is_some()),
    }
}

/// Whether the index is a MultiIndex (several levels).
pub(crate) fn is_multi(index: &Index) -> bool {
    matches!(index, Index::Levels(levels) if levels.len() > 1)
}

/// The labels of one index level at `rows`, as `Index._format_with_header` formats them
/// (without the header).
fn format_level(column: &Column, rows: &[usize], opts: &Options) -> Vec<String> {
    let printed = gather(column, rows);
    if let Printed::DateTime { ticks, unit } = &printed {
        // DatetimeIndex formats its values for CSV: no leading space and no padding.
        return format_datetime_array(ticks, *unit);
    }
    let justify = if is_object_like(column) {
        Justify::All
    } else {
        Justify::Left
    };
    trim_front(format_array(
        &printed,
        opts.precision,
        justify,
        opts.max_colwidth,
    ))
}

/// The labels of a `RangeIndex` at `rows`. Taking rows keeps a `RangeIndex` only when the
/// labels taken are still evenly spaced (pandas' `maybe_sequence_to_range`): then they are
/// left-justified to the widest; otherwise they print as an `int64` index, where
/// non-negative labels get a space that `trim_front` keeps when a label is negative.
fn format_range(start: i64, step: i64, rows: &[usize], opts: &Options) -> Vec<String> {
    let labels: Vec<i128> = rows
        .iter()
        .map(|&r| i128::from(start) + i128::from(step) * r as i128)
        .collect();
    let evenly_spaced = labels.len() <= 1
        || (labels[1] != labels[0]
            && labels
                .windows(2)
                .all(|pair| pair[1] - pair[0] == labels[1] - labels[0]));
    if !evenly_spaced {
        let printed = Printed::Int(labels);
        return trim_front(format_array(
            &printed,
            opts.precision,
            Justify::Left,
            opts.max_colwidth,
        ));
    }
    let texts: Vec<String> = labels.iter().map(i128::to_string).collect();
    let width = texts.iter().map(|l| text_len(l)).max().unwrap_or(0);
    texts.iter().map(|l| pad(l, width, Justify::Left)).collect()
}

/// pandas' `sparsify_labels`: within each row after `start`, labels equal to the row
/// above's (from the outermost level inwards, never the innermost) become `""`.
fn sparsify(levels: Vec<Vec<String>>, start: usize) -> Vec<Vec<String>> {
    let level_count = levels.len();
    let row_count = levels.first().map_or(0, Vec::len);
    if row_count <= start {
        return levels;
    }
    let mut result = levels.clone();
    for row in start + 1..row_count {
        for level in 0..level_count {
            if level == level_count - 1 {
                break;
            }
            if levels[level][row - 1] == levels[level][row] {
                result[level][row] = String::new();
            } else {
                break;
            }
        }
    }
    result
}

/// Which labels of a MultiIndex level are missing, and the row holding the level's
/// largest label. pandas keeps a level's labels sorted and unique with missing labels as
/// code -1, and formats `level.take(codes)`, where -1 takes the largest label: that label's
/// text sets the widths and decimals before the missing labels' text replaces it.
fn missing_labels(column: &Column) -> (Vec<bool>, Option<usize>) {
    let rows: Vec<usize> = (0..column.len()).collect();
    match gather(column, &rows) {
        Printed::Float { values, .. } => {
            let missing: Vec<bool> = values.iter().map(|v| v.is_nan()).collect();
            let largest = (0..values.len())
                .filter(|&r| !missing[r])
                .max_by(|&a, &b| values[a].total_cmp(&values[b]));
            (missing, largest)
        }
        Printed::Object(values) => {
            let missing: Vec<bool> = values.iter().map(Option::is_none).collect();
            let largest = (0..values.len())
                .filter(|&r| !missing[r])
                .max_by(|&a, &b| values[a].cmp(&values[b]));
            (missing, largest)
        }
        Printed::DateTime { ticks, .. } => {
            let missing: Vec<bool> = ticks.iter().map(Option::is_none).collect();
            let largest = (0..ticks.len())
                .filter(|&r| !missing[r])
                .max_by_key(|&r| ticks[r]);
            (missing, largest)
        }
        Printed::Int(values) => (vec![false; values.len()], None),
        Printed::Bool(values) => (vec![false; values.len()], None),
        Printed::Boxed(values) => {
            use super::values::Boxed;
            let missing: Vec<bool> = values.iter().map(|v| *v == Boxed::Na).collect();
            let key = |r: usize| match &values[r] {
                Boxed::Text(t) => t.clone(),
                _ => String::new(),
            };
            let largest = (0..values.len()).filter(|&r| !missing[r]).max_by_key(|&r| key(r));
            (missing, largest)
        }
    }
}

/// The text pandas shows for a missing label in a MultiIndex level of this column's dtype
/// (`_get_na_rep`): `NaT` for datetimes, `nan` for strings and categories (their
/// `na_value`), `NaN` otherwise.
fn missing_label_text(column: &Column) -> &'static str {
    match column.values {
        Values::DateTime { .. } => "NaT",
        Values::Str { .. } | Values::Category { .. } => "nan",
        _ => "NaN",
    }
}

/// One MultiIndex level's labels at `rows` (pandas' `_format_multi` before sparsifying).
fn format_multi_level(column: &Column, rows: &[usize], opts: &Options) -> Vec<String> {
    let (missing, largest) = missing_labels(column);
    if !rows.iter().any(|&r| missing[r]) {
        return format_level(column, rows, opts);
    }
    let missing_text = missing_label_text(column);
    let Some(largest) = largest else {
        return vec![missing_text.to_string(); rows.len()];
    };
    let taken: Vec<usize> = rows
        .iter()
        .map(|&r| if missing[r] { largest } else { r })
        .collect();
    let mut labels = format_level(column, &taken, opts);
    for (label, &row) in labels.iter_mut().zip(rows) {
        if missing[row] {
            *label = missing_text.to_string();
        }
    }
    labels
}

/// The formatted labels of every level at `rows`: one list per level, each starting with
/// the level's name when `include_names` is set. A MultiIndex is sparsified.
pub(crate) fn format_index_levels(
    index: &Index,
    rows: &[usize],
    include_names: bool,
    opts: &Options,
) -> Vec<Vec<String>> {
    match index {
        Index::Range { start, step, name } => {
            let mut level = Vec::new();
            if include_names {
                level.push(format_name(*name));
            }
            level.extend(format_range(*start, *step, rows, opts));
            vec![level]
        }
        Index::Levels(levels) => {
            let multi = levels.len() > 1;
            let formatted: Vec<Vec<String>> = levels
                .iter()
                .map(|(name, column)| {
                    let mut level = Vec::new();
                    if include_names {
                        level.push(format_name(*name));
                    }
                    if multi {
                        level.extend(format_multi_level(column, rows, opts));
                    } else {
                        level.extend(format_level(column, rows, opts));
                    }
                    level
                })
                .collect();
            if multi {
                sparsify(formatted, usize::from(include_names))
            } else {
                formatted
            }
        }
    }
}

/// The labels of the first `count` rows as `pprint_thing(index)` lists them: `0`, `a`,
/// `1.5`, `(a, 1)` for a MultiIndex.
pub(crate) fn index_label_texts(index: &Index, count: usize, opts: &Options) -> Vec<String> {
    (0..count)
        .map(|row| match index {
            Index::Range { start, step, .. } => {
                (i128::from(*start) + i128::from(*step) * row as i128).to_string()
            }
            Index::Levels(levels) if levels.len() == 1 => {
                label_text(&levels[0].1, row, opts.precision)
            }
            Index::Levels(levels) => {
                let parts: Vec<String> = levels
                    .iter()
                    .map(|(_, column)| label_text(column, row, opts.precision))
                    .collect();
                format!("({})", parts.join(", "))
            }
        })
        .collect()
}
