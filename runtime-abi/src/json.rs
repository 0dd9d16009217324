//! JSON text written by hand on both sides: the compiler's reports (`passes::report`) and
//! the runtime's profile (`runtime_core::profile`), which `legatec --report --profile` reads
//! back. One escaper and one number form for both.

/// A JSON string literal of `text`.
pub fn string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A JSON number (exponent form, read back exactly), `null` for none or a non-finite one.
pub fn number(v: Option<f64>) -> String {
    v.filter(|x| x.is_finite()).map_or("null".to_string(), |x| format!("{x:e}"))
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_and_numbers() {
        assert_eq!(super::string("a\"b\\c\nd\u{1}"), "\"a\\\"b\\\\c\\nd\\u0001\"");
        assert_eq!(super::number(Some(1.5e-3)), "1.5e-3");
        assert_eq!(super::number(Some(f64::NAN)), "null");
        assert_eq!(super::number(None), "null");
    }
}
