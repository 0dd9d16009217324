//! Dates and times in CSV text: pandas' format inference for `parse_dates` and the parsing of `date_format` directives.
//!
//! pandas guesses one format from the first non-missing value and parses every value with
//! it; when a value does not match, `read_csv` leaves the column as strings. Supported
//! formats: ISO 8601 dates with an optional time (`2024-01-02`, `2024-01-02 10:11`,
//! `2024-01-02T10:11:12.123`), `YYYYMMDD`, and `MM/DD/YYYY` (`DD/MM/YYYY` when the first
//! number of the first value is above 12); explicit formats built from `%Y %m %d %H %M %S
//! %f %%` and literal characters; and `ISO8601`, which takes each value's own ISO shape.

use crate::column::TimeUnit;

/// A parsed point in time: seconds since the epoch and nanoseconds within the second.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Instant {
    pub seconds: i64,
    pub nanos: u32,
    /// Whether the text had digits below the microsecond (pandas then picks `ns`).
    pub needs_nanos: bool,
}

impl Instant {
    /// Ticks in `unit` (only `Micro` and `Nano` are used by the reader).
    pub fn ticks(&self, unit: TimeUnit) -> i64 {
        match unit {
            TimeUnit::Second => self.seconds,
            TimeUnit::Milli => self.seconds * 1_000 + i64::from(self.nanos / 1_000_000),
            TimeUnit::Micro => self.seconds * 1_000_000 + i64::from(self.nanos / 1_000),
            TimeUnit::Nano => self.seconds * 1_000_000_000 + i64::from(self.nanos),
        }
    }
}

/// The shape of an ISO 8601 value: what follows the date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct IsoShape {
    /// `None` for a date alone, else the separator before the time (`b' '` or `b'T'`).
    time_separator: Option<u8>,
    has_seconds: bool,
    has_fraction: bool,
}

/// One piece of an explicit format.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Directive {
    Year,
    Month,
    Day,
    Hour,
    Minute,
    Second,
    Fraction,
    Literal(u8),
}

/// A date format that `read_csv` applies to a whole column.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum DateFormat {
    /// ISO values of one shape (the inferred `%Y-%m-%d %H:%M:%S` family).
    Iso(IsoShape),
    /// `date_format="ISO8601"`: any ISO shape.
    AnyIso,
    /// Directives matched in order.
    Directives(Vec<Directive>),
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year.rem_euclid(400);
    let month = i64::from(month);
    let day_of_year =
        (153 * (if month > 2 { month - 3 } else { month + 9 }) + 2) / 5 + i64::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        _ => 28,
    }
}

/// Reads between `min` and `max` ASCII digits at `*position`.
fn digits(text: &[u8], position: &mut usize, min: usize, max: usize) -> Option<(u64, usize)> {
    let start = *position;
    let mut value = 0u64;
    while *position < text.len() && *position - start < max && text[*position].is_ascii_digit() {
        value = value * 10 + u64::from(text[*position] - b'0');
        *position += 1;
    }
    let count = *position - start;
    (count >= min).then_some((value, count))
}

/// The fields of a date and time, validated into an [`Instant`].
#[derive(Default)]
struct Fields {
    year: i64,
    month: u32,
    day: u32,
    hour: u32,
    minute: u32,
    second: u32,
    nanos: u32,
    needs_nanos: bool,
}

impl Fields {
    fn instant(&self) -> Option<Instant> {
        if !(1..=12).contains(&self.month)
            || self.day == 0
            || self.day > days_in_month(self.year, self.month)
            || self.hour > 23
            || self.minute > 59
            || self.second > 59
        {
            return None;
        }
        let days = days_from_civil(self.year, self.month, self.day);
        let seconds = days * 86_400 + i64::from(self.hour * 3600 + self.minute * 60 + self.second);
        Some(Instant {
            seconds,
            nanos: self.nanos,
            needs_nanos: self.needs_nanos,
        })
    }
}

/// Reads a fraction of a second (1 to 9 digits) after its dot.
fn fraction(text: &[u8], position: &mut usize, fields: &mut Fields) -> Option<()> {
    let (value, count) = digits(text, position, 1, 9)?;
    fields.nanos = (value * 10u64.pow(9 - count as u32)) as u32;
    fields.needs_nanos = count > 6;
    Some(())
}

/// Parses an ISO value, returning it and its shape.
fn parse_iso(text: &[u8]) -> Option<(Instant, IsoShape)> {
    let mut fields = Fields::default();
    let mut position = 0;
    let (year, year_digits) = digits(text, &mut position, 4, 4)?;
    debug_assert_eq!(year_digits, 4);
    fields.year = year as i64;
    if text.get(position) != Some(&b'-') {
        return None;
    }
    position += 1;
    fields.month = digits(text, &mut position, 1, 2)?.0 as u32;
    if text.get(position) != Some(&b'-') {
        return None;
    }
    position += 1;
    fields.day = digits(text, &mut position, 1, 2)?.0 as u32;
    let mut shape = IsoShape {
        time_separator: None,
        has_seconds: false,
        has_fraction: false,
    };
    if position < text.len() {
        let separator = text[position];
        if separator != b' ' && separator != b'T' {
            return None;
        }
        shape.time_separator = Some(separator);
        position += 1;
        fields.hour = digits(text, &mut position, 2, 2)?.0 as u32;
        if text.get(position) != Some(&b':') {
            return None;
        }
        position += 1;
        fields.minute = digits(text, &mut position, 2, 2)?.0 as u32;
        if text.get(position) == Some(&b':') {
            position += 1;
            fields.second = digits(text, &mut position, 2, 2)?.0 as u32;
            shape.has_seconds = true;
            if text.get(position) == Some(&b'.') {
                position += 1;
                fraction(text, &mut position, &mut fields)?;
                shape.has_fraction = true;
            }
        }
    }
    if position != text.len() {
        return None;
    }
    Some((fields.instant()?, shape))
}

fn parse_directives(directives: &[Directive], text: &[u8]) -> Option<Instant> {
    let mut fields = Fields {
        month: 1,
        day: 1,
        ..Fields::default()
    };
    let mut position = 0;
    for directive in directives {
        match directive {
            Directive::Year => fields.year = digits(text, &mut position, 4, 4)?.0 as i64,
            Directive::Month => fields.month = digits(text, &mut position, 1, 2)?.0 as u32,
            Directive::Day => fields.day = digits(text, &mut position, 1, 2)?.0 as u32,
            Directive::Hour => fields.hour = digits(text, &mut position, 1, 2)?.0 as u32,
            Directive::Minute => fields.minute = digits(text, &mut position, 1, 2)?.0 as u32,
            Directive::Second => fields.second = digits(text, &mut position, 1, 2)?.0 as u32,
            Directive::Fraction => fraction(text, &mut position, &mut fields)?,
            Directive::Literal(byte) => {
                if text.get(position) != Some(byte) {
                    return None;
                }
                position += 1;
            }
        }
    }
    if position != text.len() {
        return None;
    }
    fields.instant()
}

/// The directives of an explicit `date_format`, or `None` for an unsupported directive.
fn compile(format: &str) -> Option<Vec<Directive>> {
    let bytes = format.as_bytes();
    let mut directives = Vec::new();
    let mut index = 0;
    while index < bytes.len() {
        if bytes[index] == b'%' {
            let directive = match bytes.get(index + 1)? {
                b'Y' => Directive::Year,
                b'm' => Directive::Month,
                b'd' => Directive::Day,
                b'H' => Directive::Hour,
                b'M' => Directive::Minute,
                b'S' => Directive::Second,
                b'f' => Directive::Fraction,
                b'%' => Directive::Literal(b'%'),
                _ => return None,
            };
            directives.push(directive);
            index += 2;
        } else {
            directives.push(Directive::Literal(bytes[index]));
            index += 1;
        }
    }
    Some(directives)
}

impl DateFormat {
    /// The format of an explicit `date_format` argument.
    pub fn explicit(format: &str) -> Result<DateFormat, String> {
        if format == "ISO8601" {
            return Ok(DateFormat::AnyIso);
        }
        compile(format)
            .map(DateFormat::Directives)
            .ok_or_else(|| format!("date_format {format:?} uses a directive that is not supported"))
    }

    /// pandas' guess from the first non-missing value (`guess_datetime_format`).
    pub fn infer(first: &[u8]) -> Option<DateFormat> {
        if let Some((_, shape)) = parse_iso(first) {
            return Some(DateFormat::Iso(shape));
        }
        if first.len() == 8 && first.iter().all(u8::is_ascii_digit) {
            return Some(DateFormat::Directives(compile("%Y%m%d")?));
        }
        let text = std::str::from_utf8(first).ok()?;
        let parts: Vec<&str> = text.split('/').collect();
        if parts.len() == 3 && parts[2].len() == 4 {
            let first_number: u32 = parts[0].parse().ok()?;
            let format = if first_number > 12 {
                "%d/%m/%Y"
            } else {
                "%m/%d/%Y"
            };
            return Some(DateFormat::Directives(compile(format)?));
        }
        None
    }

    /// The format as pandas names it in its errors: strftime directives, or `ISO8601`.
    #[cfg_attr(not(feature = "ops"), allow(dead_code))]
    pub fn text(&self) -> String {
        match self {
            DateFormat::Iso(shape) => {
                let mut text = String::from("%Y-%m-%d");
                if let Some(separator) = shape.time_separator {
                    text.push(separator as char);
                    text.push_str("%H:%M");
                    if shape.has_seconds {
                        text.push_str(":%S");
                    }
                    if shape.has_fraction {
                        text.push_str(".%f");
                    }
                }
                text
            }
            DateFormat::AnyIso => "ISO8601".to_string(),
            DateFormat::Directives(directives) => directives
                .iter()
                .map(|directive| match directive {
                    Directive::Year => "%Y".to_string(),
                    Directive::Month => "%m".to_string(),
                    Directive::Day => "%d".to_string(),
                    Directive::Hour => "%H".to_string(),
                    Directive::Minute => "%M".to_string(),
                    Directive::Second => "%S".to_string(),
                    Directive::Fraction => "%f".to_string(),
                    Directive::Literal(b'%') => "%%".to_string(),
                    Directive::Literal(byte) => (*byte as char).to_string(),
                })
                .collect(),
        }
    }

    /// pandas' error for a value that does not match this format.
    #[cfg_attr(not(feature = "ops"), allow(dead_code))]
    pub fn mismatch_message(&self, value: &str) -> String {
        let first = match self {
            DateFormat::AnyIso => format!("Time data {value} is not ISO8601 format."),
            other => format!("time data \"{value}\" doesn't match format \"{}\".", other.text()),
        };
        format!(
            "{first} You might want to try:\n    - passing `format` if your strings have a consistent format;\n    - passing `format='ISO8601'` if your strings are all ISO8601 but not necessarily in exactly the same format;\n    - passing `format='mixed'`, and the format will be inferred for each element individually. You might want to use `dayfirst` alongside this."
        )
    }

    /// One value under this format, or `None` where it does not match.
    pub fn parse(&self, text: &[u8]) -> Option<Instant> {
        match self {
            DateFormat::Iso(shape) => parse_iso(text)
                .filter(|(_, found)| found == shape)
                .map(|(instant, _)| instant),
            DateFormat::AnyIso => parse_iso(text).map(|(instant, _)| instant),
            DateFormat::Directives(directives) => parse_directives(directives, text),
        }
    }
}

/// µs since the epoch of a timestamp's text, as `pd.Timestamp(text)` reads ISO 8601 text
/// (the compiler calls this to fold `pd.Timestamp("...")`).
pub fn timestamp_micros(text: &str) -> Option<i64> {
    let instant = DateFormat::explicit("ISO8601").ok()?.parse(text.trim().as_bytes())?;
    (!instant.needs_nanos).then(|| instant.ticks(TimeUnit::Micro))
}

