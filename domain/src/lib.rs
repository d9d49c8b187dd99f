//! Coboard's domain.
//!
//! The types here are shared by the server and the browser build (they travel through server
//! functions), so without features this crate is plain serde data. The `db` feature adds the
//! SeaORM entities and the services: plain async functions taking `&impl ConnectionTrait`, so
//! the same code runs on SQLite and PostgreSQL, inside a transaction or not.

pub mod account_types;
pub mod conversations;
pub mod dates;
pub mod documents;
pub mod error;
pub mod feedback;
pub mod glossary;
pub mod mail;
pub mod meetings;
pub mod outcomes;
pub mod page;
pub mod people;
pub mod permissions;
pub mod search;
pub mod spaces;
pub mod writing;

#[cfg(feature = "db")]
pub mod demo;
#[cfg(feature = "db")]
pub mod seed;
#[cfg(feature = "db")]
pub mod accounts;
#[cfg(feature = "db")]
pub mod entities;
#[cfg(feature = "db")]
pub mod memo;
#[cfg(feature = "db")]
pub mod text_work;
#[cfg(feature = "db")]
pub mod site;

pub use error::{DomainError, DomainResult};

/// Begins a transaction that will write. On SQLite it takes the write lock at once
/// (`BEGIN IMMEDIATE`), so it waits its turn behind another writer (up to the busy timeout)
/// instead of failing when someone else commits between its first read and its first write
/// (SQLite's "busy snapshot": with the mail worker writing in the background, that would
/// otherwise happen to ordinary requests). PostgreSQL begins as usual.
#[cfg(feature = "db")]
pub async fn begin<C: sea_orm::TransactionTrait>(db: &C) -> Result<C::Transaction, sea_orm::DbErr> {
    db.begin_with_options(sea_orm::TransactionOptions { sqlite_transaction_mode: Some(sea_orm::SqliteTransactionMode::Immediate), ..Default::default() }).await
}

/// Is `path` an address on this site (`/groups/policy`), and not one that browsers would read as
/// another site (`//evil.example`, `/\evil.example`)? Used wherever a path arrives from outside
/// and is later linked to or redirected to.
pub fn is_local_path(path: &str) -> bool {
    path.starts_with('/') && !path.starts_with("//") && !path.contains('\\') && !path.chars().any(char::is_control)
}

/// Text cut to at most `max` characters on one line, for titles, labels and notifications: the
/// spaces and line breaks run together, and a cut ends at a word where one is near, with "…".
pub fn shorten(text: &str, max: usize) -> String {
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() <= max {
        return one_line;
    }
    let cut: String = one_line.chars().take(max.saturating_sub(1)).collect();
    // Back to the last space, unless that loses more than a third of what is kept.
    let at_word = match cut.rfind(' ') {
        Some(i) if cut[..i].chars().count() * 3 >= cut.chars().count() * 2 => &cut[..i],
        _ => cut.as_str(),
    };
    format!("{}\u{2026}", at_word.trim_end_matches([' ', ',', ';', ':', '.']))
}

/// "Alex Morgan", "Alex Morgan and Priya Shah", "Alex Morgan, Priya Shah and June Baptiste".
pub fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn lists_read_as_english() {
        let items = |n: &[&str]| n.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        assert_eq!(super::and_list(&items(&[])), "");
        assert_eq!(super::and_list(&items(&["Alex"])), "Alex");
        assert_eq!(super::and_list(&items(&["Alex", "Priya"])), "Alex and Priya");
        assert_eq!(super::and_list(&items(&["Alex", "Priya", "June"])), "Alex, Priya and June");
    }

    #[test]
    fn shortened_text_ends_at_a_word_within_the_limit() {
        assert_eq!(super::shorten("Forms are\n  too long", 40), "Forms are too long");
        let cut = super::shorten("The forms we send out are far too long to read", 20);
        assert_eq!(cut, "The forms we send\u{2026}");
        assert!(cut.chars().count() <= 20);
        assert_eq!(super::shorten("Supercalifragilistic", 8), "Superca\u{2026}");
        assert_eq!(super::shorten("", 5), "");
    }

    #[test]
    fn only_this_sites_addresses_are_local() {
        assert!(super::is_local_path("/groups/policy?x=1"));
        for other in ["//evil.example", "/\\evil.example", "https://evil.example", "groups", "", "/a\nb"] {
            assert!(!super::is_local_path(other), "{other:?}");
        }
    }
}
