//! Small helpers for words on pages.

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

#[cfg(test)]
mod tests {
    #[test]
    fn dates_read_in_words() {
        let date = chrono::NaiveDate::from_ymd_opt(2027, 3, 1).unwrap();
        assert_eq!(super::long_date(date), "1 March 2027");
    }
}
