//! pandas' layout of an `Index`'s repr: the labels by `format_object_summary`, then the
//! attributes (`dtype=...`, `name=...`) by `Index.__repr__`, wrapped at `display.width`
//! (80; an index's repr does not follow the terminal as a frame's does). `df.columns` at
//! compile time and `df.index` at run time both use it.

const WIDTH: usize = 80;
/// pandas' `display.max_seq_items`.
pub const MAX_SEQ_ITEMS: usize = 100;

/// pandas' `pprint_thing(s, escape_chars=("\t", "\r", "\n"), quote_strings=True)`.
pub fn pprint_str(s: &str) -> String {
    format!("'{}'", s.replace('\t', "\\t").replace('\n', "\\n").replace('\r', "\\r"))
}

/// `repr(pd.Index(labels))` of a `str` index without a name (`df.columns`).
pub fn str_index_repr(labels: &[&str]) -> String {
    let values: Vec<String> = labels.iter().map(|l| pprint_str(l)).collect();
    let mut attrs = vec![("dtype".to_string(), "'str'".to_string())];
    if labels.len() > MAX_SEQ_ITEMS {
        attrs.push(("length".into(), labels.len().to_string()));
    }
    assemble("Index", &summary(&values, false, "Index"), &attrs)
}

pub(crate) fn chars(s: &str) -> usize {
    s.chars().count()
}

/// `format_object_summary(obj, default_pprint, is_justify, name=klass)` for one level.
pub fn summary(values: &[String], justify: bool, klass: &str) -> String {
    let space1 = format!("\n{}", " ".repeat(klass.len() + 1));
    let space2 = format!("\n{}", " ".repeat(klass.len() + 2));
    let n = values.len();
    if n == 0 {
        return "[], ".into();
    }
    if n == 1 {
        return format!("[{}], ", values[0]);
    }
    let truncated = n > MAX_SEQ_ITEMS;
    let (mut head, mut tail): (Vec<String>, Vec<String>) = if truncated {
        let k = (MAX_SEQ_ITEMS / 2).min(10);
        (values[..k].to_vec(), values[n - k..].to_vec())
    } else {
        (Vec::new(), values.to_vec())
    };
    if justify && (truncated || !(chars(&head.join(", ")) < WIDTH && chars(&tail.join(", ")) < WIDTH)) {
        let width = head.iter().chain(&tail).map(|s| chars(s)).max().unwrap_or(0);
        for s in head.iter_mut().chain(tail.iter_mut()) {
            *s = format!("{}{s}", " ".repeat(width - chars(s)));
        }
    }
    let extend = |summary: &mut String, line: &mut String, value: &str, width: usize| {
        if chars(line.trim_end()) + chars(value.trim_end()) >= width {
            summary.push_str(line.trim_end());
            *line = space2.clone();
        }
        line.push_str(value);
    };
    let mut out = String::new();
    let mut line = space2.clone();
    for h in &head {
        extend(&mut out, &mut line, &format!("{h}, "), WIDTH);
    }
    if truncated {
        out.push_str(line.trim_end());
        out.push_str(&space2);
        out.push_str("...");
        line = space2.clone();
    }
    for t in &tail[..tail.len() - 1] {
        extend(&mut out, &mut line, &format!("{t}, "), WIDTH);
    }
    extend(&mut out, &mut line, &tail[tail.len() - 1], WIDTH - 2);
    out.push_str(&line);
    out.push_str("],");
    if chars(&out) > WIDTH {
        out.push_str(&space1);
    } else {
        out.push(' ');
    }
    format!("[{}", &out[space2.len()..])
}

/// `Index.__repr__`'s assembly: the class, the data, then the attributes, wrapped.
pub fn assemble(klass: &str, data: &str, attrs: &[(String, String)]) -> String {
    let indent = klass.len() + 1;
    let mut line_len = match data.rsplit_once('\n') {
        Some((_, last)) => chars(last),
        None => indent + chars(data),
    };
    let mut parts = String::new();
    let mut wrapped_first = false;
    for (i, (key, value)) in attrs.iter().enumerate() {
        let attr = format!("{key}={value}");
        let len = chars(&attr);
        let comma = usize::from(i + 1 < attrs.len());
        if i == 0 {
            if line_len + len + comma > WIDTH {
                parts.push('\n');
                parts.push_str(&" ".repeat(indent));
                wrapped_first = true;
                line_len = indent + len;
            } else {
                line_len += len;
            }
        } else if line_len + 2 + len + comma > WIDTH {
            parts.push_str(",\n");
            parts.push_str(&" ".repeat(indent));
            line_len = indent + len;
        } else {
            parts.push_str(", ");
            line_len += 2 + len;
        }
        parts.push_str(&attr);
    }
    let data = if wrapped_first { data.trim_end() } else { data };
    format!("{klass}({data}{parts})")
}

