//! Datetime text as pandas prints `datetime64` values: dates only when every value is at
//! midnight, else `YYYY-MM-DD HH:MM:SS` with as many fractional digits (none, 3, 6 or 9)
//! as the finest value needs; `NaT` for missing values.

use crate::column::TimeUnit;

/// Ticks of `unit` in one second.
fn ticks_per_second(unit: TimeUnit) -> i64 {
    match unit {
        TimeUnit::Second => 1,
        TimeUnit::Milli => 1_000,
        TimeUnit::Micro => 1_000_000,
        TimeUnit::Nano => 1_000_000_000,
    }
}

/// A point in time split into a civil date and the nanoseconds since its midnight.
#[derive(Clone, Copy, Debug)]
pub(crate) struct CivilTime {
    pub year: i64,
    pub month: u32,
    pub day: u32,
    pub nanos_of_day: i64,
}

/// The proleptic Gregorian date of a day count since 1970-01-01 (Howard Hinnant's
/// `civil_from_days`).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1_460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = (day_of_year - (153 * month_index + 2) / 5 + 1) as u32;
    let month = if month_index < 10 {
        month_index + 3
    } else {
        month_index - 9
    } as u32;
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// Splits `ticks` of `unit` since the epoch into a civil date and time of day.
pub(crate) fn civil_time(ticks: i64, unit: TimeUnit) -> CivilTime {
    let per_second = ticks_per_second(unit);
    let per_day = 86_400 * per_second;
    let days = ticks.div_euclid(per_day);
    let nanos_of_day = ticks.rem_euclid(per_day) * (1_000_000_000 / per_second);
    let (year, month, day) = civil_from_days(days);
    CivilTime {
        year,
        month,
        day,
        nanos_of_day,
    }
}

fn date_text(time: &CivilTime) -> String {
    format!("{}-{:02}-{:02}", time.year, time.month, time.day)
}

fn date_time_text(time: &CivilTime, fraction_digits: usize) -> String {
    let seconds_of_day = time.nanos_of_day / 1_000_000_000;
    let nanos = time.nanos_of_day % 1_000_000_000;
    let mut text = format!(
        "{} {:02}:{:02}:{:02}",
        date_text(time),
        seconds_of_day / 3600,
        seconds_of_day / 60 % 60,
        seconds_of_day % 60
    );
    match fraction_digits {
        9 => text.push_str(&format!(".{nanos:09}")),
        6 => text.push_str(&format!(".{:06}", nanos / 1_000)),
        3 => text.push_str(&format!(".{:03}", nanos / 1_000_000)),
        _ => {}
    }
    text
}

/// Formats datetime values (`None` is `NaT`) as pandas' `_Datetime64Formatter` does.
pub(crate) fn format_datetime_array(ticks: &[Option<i64>], unit: TimeUnit) -> Vec<String> {
    let times: Vec<Option<CivilTime>> = ticks
        .iter()
        .map(|t| t.map(|t| civil_time(t, unit)))
        .collect();
    let present = || times.iter().flatten();
    let dates_only = present().all(|t| t.nanos_of_day == 0);
    let fraction_digits = if dates_only {
        0
    } else {
        let sub_second = || present().map(|t| t.nanos_of_day % 1_000_000_000);
        if unit == TimeUnit::Nano && sub_second().any(|n| n % 1_000 != 0) {
            9
        } else if sub_second().any(|n| n % 1_000_000 != 0) {
            6
        } else if sub_second().any(|n| n != 0) {
            3
        } else {
            0
        }
    };
    times
        .iter()
        .map(|time| match time {
            None => "NaT".to_string(),
            Some(time) if dates_only => date_text(time),
            Some(time) => date_time_text(time, fraction_digits),
        })
        .collect()
}

/// `str(pd.Timestamp(...))`: the full date and time, with microseconds (or nanoseconds)
/// only when the value has them.
pub(crate) fn timestamp_text(ticks: i64, unit: TimeUnit) -> String {
    let time = civil_time(ticks, unit);
    let nanos = time.nanos_of_day % 1_000_000_000;
    let digits = if nanos % 1_000 != 0 {
        9
    } else if nanos != 0 {
        6
    } else {
        0
    };
    date_time_text(&time, digits)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epoch_and_leap_days() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(-1), (1969, 12, 31));
        assert_eq!(civil_from_days(19_782), (2024, 2, 29));
    }
}
