//! `repr(df)`: pandas' `DataFrameFormatter` and `StringFormatter` for a script (display
//! options at their defaults, `display.max_columns == 0`): rows cut to a head and a tail
//! past `max_rows`, columns fitted to the terminal width with a ` ...` column, and the
//! `[N rows x M columns]` footer when anything was cut.

use super::index::{format_index_levels, has_names, index_label_texts};
use super::text::{adjoin, make_fixed_width, pad, text_len, trim_front, Justify};
use super::values::{format_array, gather, is_numeric};
use super::Options;
use crate::column::Frame;

/// The most labels `pprint_thing` lists before `...` (`display.max_seq_items`).
const MAX_SEQ_ITEMS: usize = 100;

/// pandas' `_pprint_seq` of a list of labels: `[a, b, ...]`.
fn label_list(labels: &[String], total: usize) -> String {
    let mut body = labels.join(", ");
    if total > labels.len() {
        body.push_str(", ...");
    }
    format!("[{body}]")
}

/// The positions kept when `count` items are cut to `limit` (pandas'
/// `_truncate_vertically` and `_truncate_horizontally`): the first and last `limit / 2`,
/// or the first `fallback` when `limit / 2` is zero. Returns the positions and the place
/// of the cut.
fn truncated_positions(count: usize, limit: usize, fallback: usize) -> (Vec<usize>, usize) {
    let half = limit / 2;
    if half >= 1 {
        let mut positions: Vec<usize> = (0..half).collect();
        positions.extend(count - half..count);
        (positions, half)
    } else {
        ((0..fallback.min(count)).collect(), fallback)
    }
}

/// The state pandas' formatter carries while it lays out one frame.
struct Layout<'f, 'a> {
    frame: &'f Frame<'a>,
    opts: &'f Options,
    /// `max_cols_fitted`: zero means no limit.
    max_cols_fitted: usize,
    /// `max_rows_fitted`: zero means no limit.
    max_rows_fitted: usize,
    /// The positions of the columns and rows printed (`tr_frame`).
    columns: Vec<usize>,
    rows: Vec<usize>,
    /// Where the ` ...` column and the `..` row go.
    cut_column: usize,
    cut_row: usize,
}

impl<'f, 'a> Layout<'f, 'a> {
    fn new(frame: &'f Frame<'a>, opts: &'f Options) -> Layout<'f, 'a> {
        let column_count = frame.columns.len();
        // In a terminal (max_columns == 0) pandas first cuts a frame with more columns than
        // the terminal is wide down to that many columns.
        let max_cols_fitted = if opts.max_columns == 0 && column_count > opts.width {
            opts.width
        } else {
            opts.max_columns
        };
        let mut max_rows_fitted = opts.max_rows;
        if max_rows_fitted > 0 && frame.len > max_rows_fitted && opts.min_rows > 0 {
            max_rows_fitted = max_rows_fitted.min(opts.min_rows);
        }
        let mut layout = Layout {
            frame,
            opts,
            max_cols_fitted,
            max_rows_fitted,
            columns: (0..column_count).collect(),
            rows: (0..frame.len).collect(),
            cut_column: 0,
            cut_row: 0,
        };
        if layout.is_truncated_horizontally() {
            let (columns, cut) =
                truncated_positions(column_count, max_cols_fitted, opts.max_columns);
            layout.columns = columns;
            layout.cut_column = cut;
        }
        if layout.is_truncated_vertically() {
            let (rows, cut) = truncated_positions(frame.len, max_rows_fitted, opts.max_rows);
            layout.rows = rows;
            layout.cut_row = cut;
        }
        layout
    }

    fn is_truncated_horizontally(&self) -> bool {
        self.max_cols_fitted > 0 && self.frame.columns.len() > self.max_cols_fitted
    }

    fn is_truncated_vertically(&self) -> bool {
        self.max_rows_fitted > 0 && self.frame.len > self.max_rows_fitted
    }

    fn is_truncated(&self) -> bool {
        self.is_truncated_horizontally() || self.is_truncated_vertically()
    }

    fn dimensions_footer(&self) -> String {
        format!(
            "\n\n[{} rows x {} columns]",
            self.frame.len,
            self.frame.columns.len()
        )
    }

    /// `Empty DataFrame` with the column and index labels.
    fn empty_text(&self) -> String {
        let columns: Vec<String> = self
            .frame
            .columns
            .iter()
            .take(MAX_SEQ_ITEMS)
            .map(|(label, _)| label.to_string())
            .collect();
        let shown_rows = self.frame.len.min(MAX_SEQ_ITEMS);
        let index = index_label_texts(&self.frame.index, shown_rows, self.opts);
        format!(
            "Empty DataFrame\nColumns: {}\nIndex: {}",
            label_list(&columns, self.frame.columns.len()),
            label_list(&index, self.frame.len)
        )
    }

    /// pandas' `_get_formatted_index`: the index column, with a blank line for the column
    /// header and the index names' line when the index is named.
    fn index_column(&self) -> Vec<String> {
        let show_names = has_names(&self.frame.index);
        let levels = format_index_levels(&self.frame.index, &self.rows, show_names, self.opts);
        let levels: Vec<Vec<String>> = levels
            .into_iter()
            .map(|level| make_fixed_width(level, Justify::Left, None, self.opts.max_colwidth).0)
            .collect();
        let mut column = vec![String::new()];
        column.extend(adjoin(1, &levels).split('\n').map(str::to_string));
        column
    }

    /// pandas' `_get_strcols_without_index`: each printed column's header and values,
    /// padded to one width.
    fn value_columns(&self) -> Vec<Vec<String>> {
        let show_names = has_names(&self.frame.index);
        let labels: Vec<String> = self
            .columns
            .iter()
            .map(|&c| format!(" {}", super::text::escape_controls(self.frame.columns[c].0)))
            .collect();
        let labels = trim_front(labels);
        self.columns
            .iter()
            .enumerate()
            .map(|(position, &c)| {
                // pandas pairs the printed labels with the dtypes of the whole frame by
                // position, so after a cut a label may take another column's prefix.
                let numeric = is_numeric(&self.frame.columns[position].1);
                let label = if numeric {
                    format!(" {}", labels[position])
                } else {
                    labels[position].clone()
                };
                let mut header = vec![label];
                if show_names {
                    header.push(String::new());
                }
                let header_width = header.iter().map(|h| text_len(h)).max().unwrap_or(0);
                let printed = gather(&self.frame.columns[c].1, &self.rows);
                let values = format_array(
                    &printed,
                    self.opts.precision,
                    Justify::Right,
                    self.opts.max_colwidth,
                );
                let (values, width) = make_fixed_width(
                    values,
                    Justify::Right,
                    Some(header_width),
                    self.opts.max_colwidth,
                );
                let width = width.max(header_width);
                let mut column: Vec<String> = header
                    .iter()
                    .map(|h| pad(h, width, Justify::Right))
                    .collect();
                column.extend(values);
                column
            })
            .collect()
    }

    /// pandas' `_insert_dot_separators`: the ` ...` column and the `..` row.
    fn insert_dots(&self, columns: &mut Vec<Vec<String>>) {
        let index_length = columns[0].len();
        let dot_column = self.cut_column + 1;
        if self.is_truncated_horizontally() {
            let at = dot_column.min(columns.len());
            columns.insert(at, vec![" ...".to_string(); index_length]);
        }
        if self.is_truncated_vertically() {
            let header_rows = index_length - self.rows.len();
            let row = self.cut_row;
            for (position, column) in columns.iter_mut().enumerate() {
                let is_dot_column = self.is_truncated_horizontally() && position == dot_column;
                let mut width = column.get(row).map_or(0, |cell| text_len(cell));
                let dots = if width > 3 || is_dot_column {
                    "..."
                } else {
                    ".."
                };
                let mode = if position == 0 {
                    Justify::Left
                } else {
                    if is_dot_column {
                        width = 4;
                    }
                    Justify::Right
                };
                // Python's `list.insert` appends past the end; so does this.
                let at = (row + header_rows).min(column.len());
                column.insert(at, pad(dots, width, mode));
            }
        }
    }

    /// pandas' `_fit_strcols_to_terminal_width`: drops middle columns until the lines fit
    /// the terminal, marking the cut with a ` ...` column.
    fn fit_to_width(&mut self, columns: Vec<Vec<String>>) -> String {
        let mut widths: Vec<usize> = columns
            .iter()
            .map(|column| column.iter().map(|c| text_len(c)).max().unwrap_or(0))
            .collect();
        let mut column_count = widths.len();
        let total_width = widths.iter().sum::<usize>() + column_count - 1;
        let mut excess = total_width as i64 - self.opts.width as i64 + 1;
        if excess <= 0 {
            return adjoin(1, &columns);
        }
        excess += 5;
        while excess > 0 && column_count > 1 {
            let middle = round_half_even_half(column_count);
            excess -= widths.remove(middle) as i64 + 1;
            column_count -= 1;
        }
        let fitted = (column_count - 1).max(2);
        self.max_cols_fitted = fitted;
        let data_columns = columns.len() - 1;
        if fitted >= data_columns {
            return adjoin(1, &columns);
        }
        let half = fitted / 2;
        let mut kept: Vec<Vec<String>> = columns[..half + 1].to_vec();
        kept.extend_from_slice(&columns[columns.len() - half..]);
        let row_count = kept[0].len();
        kept.insert(half + 1, vec![" ...".to_string(); row_count]);
        adjoin(1, &kept)
    }

    /// pandas' `_join_multiline` (when `max_columns > 0`): the columns wrapped into blocks
    /// of `display_width`, each repeating the index, joined by `\`.
    fn join_multiline(&self, mut columns: Vec<Vec<String>>) -> String {
        let index = columns.remove(0);
        let index_width = index.iter().map(|c| text_len(c)).max().unwrap_or(0);
        let line_width = self.opts.display_width as i64 - (index_width as i64 + 1);
        let widths: Vec<usize> = columns
            .iter()
            .map(|column| column.iter().map(|c| text_len(c)).max().unwrap_or(0))
            .collect();
        let bins = binify(&widths, line_width);
        let bin_count = bins.len();
        let mut blocks = Vec::new();
        let mut start = 0;
        for (bin, &end) in bins.iter().enumerate() {
            let mut row: Vec<Vec<String>> = vec![index.clone()];
            row.extend_from_slice(&columns[start..end]);
            if bin_count > 1 {
                let line_count = row.last().map_or(0, Vec::len);
                if end <= columns.len() && bin < bin_count - 1 {
                    let mut marker = vec![" \\".to_string()];
                    marker.extend(std::iter::repeat_n(
                        "  ".to_string(),
                        line_count.saturating_sub(1),
                    ));
                    row.push(marker);
                } else {
                    row.push(vec![" ".to_string(); line_count]);
                }
            }
            blocks.push(adjoin(1, &row));
            start = end;
        }
        blocks.join("\n\n")
    }
}

/// Python's `round(n / 2)` (halves round to even).
fn round_half_even_half(n: usize) -> usize {
    if n.is_multiple_of(2) {
        n / 2
    } else {
        let low = n / 2;
        if low.is_multiple_of(2) {
            low
        } else {
            low + 1
        }
    }
}

/// pandas' `_binify`: where to wrap columns of these widths into lines of `line_width`.
fn binify(widths: &[usize], line_width: i64) -> Vec<usize> {
    let mut bins = Vec::new();
    let mut current = 0i64;
    let last = widths.len().saturating_sub(1);
    for (i, &width) in widths.iter().enumerate() {
        let adjoined = width as i64 + 1;
        current += adjoined;
        let wrap = if i == last {
            current + 1 > line_width && i > 0
        } else {
            current + 2 > line_width && i > 0
        };
        if wrap {
            bins.push(i);
            current = adjoined;
        }
    }
    bins.push(widths.len());
    bins
}

/// `repr(df)` for pandas' default display options in a script.
pub(crate) fn frame_repr(frame: &Frame, opts: &Options) -> String {
    let mut layout = Layout::new(frame, opts);
    let text = if frame.len == 0 || frame.columns.is_empty() {
        layout.empty_text()
    } else {
        let mut columns = vec![layout.index_column()];
        columns.extend(layout.value_columns());
        if layout.is_truncated() {
            layout.insert_dots(&mut columns);
        }
        if opts.max_columns > 0 {
            layout.join_multiline(columns)
        } else {
            layout.fit_to_width(columns)
        }
    };
    if layout.is_truncated() {
        format!("{text}{}", layout.dimensions_footer())
    } else {
        text
    }
}
