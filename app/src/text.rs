//! Small helpers for words on pages.

pub use domain::dates::long_date;
