//! Dates in words, and a board's local day.

use chrono::{Datelike, NaiveDate};

const MONTHS: [&str; 12] = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
    "December",
];

/// "1 September 2026": unambiguous, and read well by screen readers. Written out by hand so the
/// browser build does not carry chrono's formatting machinery.
pub fn long_date(date: NaiveDate) -> String {
    format!("{} {} {}", date.day(), MONTHS[date.month0() as usize], date.year())
}

/// Reads a date as a form sends it: `2027-03-31` from a date picker, or `31/03/2027` typed
/// into a browser that shows a plain box. Empty is `None`.
pub fn parse_date(field: &str, raw: &str) -> crate::DomainResult<Option<NaiveDate>> {
    let text = raw.trim();
    if text.is_empty() {
        return Ok(None);
    }
    ["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"]
        .iter()
        .find_map(|format| NaiveDate::parse_from_str(text, format).ok())
        .filter(|d| (2000..=2100).contains(&d.year()))
        .map(Some)
        .ok_or_else(|| crate::DomainError::invalid(field, "Please give a real date, as day/month/year, for example 31/03/2027."))
}

/// Reads a time zone name such as `Europe/London`, or says plainly what is wrong.
#[cfg(feature = "db")]
pub fn parse_time_zone(raw: &str) -> crate::DomainResult<chrono_tz::Tz> {
    let name = raw.trim();
    if name.is_empty() {
        return Err(crate::DomainError::invalid("time_zone", "Please choose a time zone. Most boards in the UK use Europe/London."));
    }
    name.parse::<chrono_tz::Tz>().map_err(|_| {
        crate::DomainError::invalid(
            "time_zone",
            format!(
                "We do not know the time zone \"{}\". Please write it as a region and city, such as Europe/London, Europe/Dublin or Europe/Paris.",
                name.chars().take(64).collect::<String>()
            ),
        )
    })
}

/// The time zone a board keeps (Europe/London if it has none, or one no longer known).
#[cfg(feature = "db")]
pub fn zone_or_default(name: Option<&str>) -> chrono_tz::Tz {
    name.and_then(|n| n.parse().ok()).unwrap_or(chrono_tz::Europe::London)
}

/// The day `at` falls on in `zone`.
#[cfg(feature = "db")]
pub fn local_day(at: chrono::DateTime<chrono::Utc>, zone: chrono_tz::Tz) -> NaiveDate {
    at.with_timezone(&zone).date_naive()
}

#[cfg(test)]
mod tests {
    #[test]
    fn dates_read_in_words() {
        let date = chrono::NaiveDate::from_ymd_opt(2027, 3, 1).unwrap();
        assert_eq!(super::long_date(date), "1 March 2027");
    }

    #[test]
    fn dates_are_read_as_people_type_them() {
        let want = chrono::NaiveDate::from_ymd_opt(2027, 3, 31);
        for typed in ["2027-03-31", "31/03/2027", " 31-03-2027 ", "31.03.2027"] {
            assert_eq!(super::parse_date("d", typed).unwrap(), want, "{typed}");
        }
        assert_eq!(super::parse_date("d", "").unwrap(), None);
        for wrong in ["31/02/2027", "next Tuesday", "03/31/2027", "0001-01-01"] {
            assert!(super::parse_date("d", wrong).is_err(), "{wrong}");
        }
    }

    #[cfg(feature = "db")]
    #[test]
    fn local_days_follow_the_board() {
        use chrono::TimeZone;
        // 23:30 UTC on 30 June is already 1 July in London (summer time).
        let at = chrono::Utc.with_ymd_and_hms(2027, 6, 30, 23, 30, 0).unwrap();
        assert_eq!(super::local_day(at, super::parse_time_zone("Europe/London").unwrap()).to_string(), "2027-07-01");
        assert_eq!(super::local_day(at, super::parse_time_zone("America/New_York").unwrap()).to_string(), "2027-06-30");
        assert!(super::parse_time_zone("Europe/Nowhere").is_err());
        assert!(super::parse_time_zone(" ").is_err());
    }
}
