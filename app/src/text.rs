//! Small helpers for words on pages.

use chrono::NaiveDate;

/// "1 September 2026": unambiguous, and read well by screen readers.
pub fn long_date(date: NaiveDate) -> String {
    date.format("%-d %B %Y").to_string()
}

#[cfg(test)]
mod tests {
    #[test]
    fn dates_read_in_words() {
        let date = chrono::NaiveDate::from_ymd_opt(2027, 3, 1).unwrap();
        assert_eq!(super::long_date(date), "1 March 2027");
    }
}
