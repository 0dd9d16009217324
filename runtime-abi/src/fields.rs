//! The field format of the specs the compiler hands to the runtime (`argparse_spec`,
//! `frame_spec`): a sequence of fields, each `LEN:BYTES` with LEN the byte length of
//! BYTES in decimal, so a field may hold any text.

/// Appends `field` to `out`.
pub fn push_field(out: &mut String, field: &str) {
    out.push_str(&field.len().to_string());
    out.push(':');
    out.push_str(field);
}

/// Reads fields off the front of a spec.
pub struct Fields<'a> {
    text: &'a str,
}

impl<'a> Fields<'a> {
    pub fn new(text: &'a str) -> Fields<'a> {
        Fields { text }
    }

    /// The next field, or `None` at the end.
    pub fn next_field(&mut self) -> Result<Option<&'a str>, String> {
        if self.text.is_empty() {
            return Ok(None);
        }
        let colon = self.text.find(':').ok_or("a field without a length")?;
        let len: usize = self.text[..colon].parse().map_err(|_| "a bad field length")?;
        let start = colon + 1;
        let field = self.text.get(start..start + len).ok_or("a field past the end")?;
        self.text = &self.text[start + len..];
        Ok(Some(field))
    }
}
