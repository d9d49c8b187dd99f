//! Meeting times: typed as a local date and clock times in the board's time zone, stored in UTC,
//! and written out again in the board's time zone, correct either side of a clock change.

use chrono::{DateTime, Datelike, LocalResult, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;

use crate::{DomainError, DomainResult};

const DAYS: [&str; 7] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

/// Reads a clock time as a form sends it: `14:30` from a time picker, or `2:30pm`, `14.30`.
pub fn parse_clock(field: &str, raw: &str) -> DomainResult<NaiveTime> {
    let text = raw.trim().to_lowercase().replace(' ', "");
    if text.is_empty() {
        return Err(DomainError::invalid(field, "Please give a time, for example 10:00 or 2:30pm."));
    }
    let (digits, pm, am) = match (text.strip_suffix("pm"), text.strip_suffix("am")) {
        (Some(d), _) => (d.to_owned(), true, false),
        (_, Some(d)) => (d.to_owned(), false, true),
        _ => (text.clone(), false, false),
    };
    let digits = digits.replace('.', ":");
    let parsed = NaiveTime::parse_from_str(&digits, "%H:%M").ok().or_else(|| digits.parse::<u32>().ok().and_then(|h| NaiveTime::from_hms_opt(h, 0, 0)));
    let time = parsed.and_then(|t| {
        use chrono::Timelike;
        let h = t.hour();
        match (am, pm) {
            (false, false) => Some(t),
            _ if !(1..=12).contains(&h) => None,
            (true, _) => t.with_hour(h % 12),
            (_, true) => t.with_hour(h % 12 + 12),
        }
    });
    time.ok_or_else(|| DomainError::invalid(field, "Please give a real time, for example 10:00 or 2:30pm."))
}

/// The moment a local date and time in `zone` names. A time the clocks skip (1:30 on the
/// morning they go forward) is refused in words; a time that happens twice (when they go back)
/// is the first of the two.
pub fn to_utc(field: &str, day: NaiveDate, time: NaiveTime, zone: Tz) -> DomainResult<DateTime<Utc>> {
    match zone.from_local_datetime(&day.and_time(time)) {
        LocalResult::Single(t) => Ok(t.with_timezone(&Utc)),
        LocalResult::Ambiguous(first, _) => Ok(first.with_timezone(&Utc)),
        LocalResult::None => Err(DomainError::invalid(
            field,
            format!("{} does not happen on {} because the clocks go forward that night. Please choose a later time.", clock(time), crate::dates::long_date(day)),
        )),
    }
}

fn clock(t: NaiveTime) -> String {
    t.format("%H:%M").to_string()
}

/// What the zone is called on a page: "UK time" for Europe/London.
pub fn zone_name(zone: Tz) -> String {
    match zone.name() {
        "Europe/London" => "UK time".to_owned(),
        other => format!("{} time", other.rsplit('/').next().unwrap_or(other).replace('_', " ")),
    }
}

/// "Tuesday 12 January 2027"
pub fn day_in_words(day: NaiveDate) -> String {
    format!("{} {}", DAYS[day.weekday().num_days_from_monday() as usize], crate::dates::long_date(day))
}

/// "Tuesday 12 January 2027, 10:00 to 12:00 (UK time)", in the board's zone.
pub fn when(starts: DateTime<Utc>, ends: DateTime<Utc>, zone: Tz) -> String {
    let (s, e) = (starts.with_timezone(&zone), ends.with_timezone(&zone));
    let end = if s.date_naive() == e.date_naive() { clock(e.time()) } else { format!("{}, {}", day_in_words(e.date_naive()), clock(e.time())) };
    format!("{}, {} to {end} ({})", day_in_words(s.date_naive()), clock(s.time()), zone_name(zone))
}

/// The local date and clock times, as a form shows them.
pub fn local_parts(starts: DateTime<Utc>, ends: DateTime<Utc>, zone: Tz) -> (String, String, String) {
    let (s, e) = (starts.with_timezone(&zone), ends.with_timezone(&zone));
    (s.date_naive().format("%Y-%m-%d").to_string(), clock(s.time()), clock(e.time()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::Europe::London;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn clock_times_are_read_as_people_type_them() {
        let want = NaiveTime::from_hms_opt(14, 30, 0).unwrap();
        for typed in ["14:30", "2:30pm", "2.30 pm", " 14.30 "] {
            assert_eq!(parse_clock("t", typed).unwrap(), want, "{typed}");
        }
        assert_eq!(parse_clock("t", "12am").unwrap(), NaiveTime::from_hms_opt(0, 0, 0).unwrap());
        assert_eq!(parse_clock("t", "10").unwrap(), NaiveTime::from_hms_opt(10, 0, 0).unwrap());
        for wrong in ["", "25:00", "13pm", "teatime"] {
            assert!(parse_clock("t", wrong).is_err(), "{wrong}");
        }
    }

    #[test]
    fn local_times_are_right_either_side_of_the_clock_change() {
        let ten = NaiveTime::from_hms_opt(10, 0, 0).unwrap();
        // GMT before 28 March 2027, BST after: 10:00 local is 10:00 UTC, then 09:00 UTC.
        assert_eq!(to_utc("t", day(2027, 3, 26), ten, London).unwrap().to_rfc3339(), "2027-03-26T10:00:00+00:00");
        assert_eq!(to_utc("t", day(2027, 3, 29), ten, London).unwrap().to_rfc3339(), "2027-03-29T09:00:00+00:00");
        // 01:30 on 28 March 2027 never happens in London.
        let err = to_utc("t", day(2027, 3, 28), NaiveTime::from_hms_opt(1, 30, 0).unwrap(), London).unwrap_err();
        assert!(err.to_string().contains("clocks go forward"), "{err}");
        // 01:30 on 31 October 2027 happens twice: the first (still summer time) is taken.
        assert_eq!(to_utc("t", day(2027, 10, 31), NaiveTime::from_hms_opt(1, 30, 0).unwrap(), London).unwrap().to_rfc3339(), "2027-10-31T00:30:00+00:00");
        let s = to_utc("t", day(2027, 3, 29), ten, London).unwrap();
        assert_eq!(when(s, s + chrono::Duration::hours(2), London), "Monday 29 March 2027, 10:00 to 12:00 (UK time)");
    }
}
