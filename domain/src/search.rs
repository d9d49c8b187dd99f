//! Search across documents, comments, minutes, actions, You Said We Did, outcomes and the glossary, for
//! whoever is asking: signed out, only what is published; signed in, also what the reader's
//! spaces hold.
//!
//! The index (`search_entries`) is written by the services in the same transaction as each
//! change (`index`); the database's own full-text search reads it (`query`: FTS5 on SQLite,
//! `tsvector` on PostgreSQL). These types travel to the pages and the API.

use serde::{Deserialize, Serialize};

#[cfg(feature = "db")]
pub mod index;
#[cfg(feature = "db")]
pub mod query;

/// What a result is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "db", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum FoundKind {
    Document,
    Minutes,
    Comment,
    Action,
    Feedback,
    Word,
    Outcome,
}

impl FoundKind {
    pub const ALL: [FoundKind; 7] = [Self::Document, Self::Minutes, Self::Comment, Self::Action, Self::Feedback, Self::Word, Self::Outcome];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Document => "document",
            Self::Minutes => "minutes",
            Self::Comment => "comment",
            Self::Action => "action",
            Self::Feedback => "feedback",
            Self::Word => "word",
            Self::Outcome => "outcome",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == raw)
    }

    /// How a result's kind reads on the page.
    pub fn label(self) -> &'static str {
        match self {
            Self::Document => "Document",
            Self::Minutes => "Minutes",
            Self::Comment => "Comment",
            Self::Action => "Action",
            Self::Feedback => "You Said We Did",
            Self::Word => "Word explained",
            Self::Outcome => "Outcome",
        }
    }
}

/// A piece of an excerpt: the words searched for are `found`, so pages can mark them up in a
/// way screen readers announce (not by colour alone).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "db", derive(utoipa::ToSchema))]
pub struct Piece {
    pub text: String,
    pub found: bool,
}

/// One thing found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "db", derive(utoipa::ToSchema))]
pub struct Found {
    pub kind: FoundKind,
    /// The document, comment, action, feedback item or word.
    pub id: uuid::Uuid,
    pub title: String,
    /// Where on this site it is.
    pub url: String,
    /// The board or group it belongs to.
    pub place: Option<String>,
    /// Whether anyone may read it (published), or only the people of its space.
    pub public: bool,
    /// Where the words were found.
    pub excerpt: Vec<Piece>,
}

/// One page of results.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "db", derive(utoipa::ToSchema))]
pub struct Results {
    /// The words as they were searched for (empty when nothing searchable was given).
    pub words: Vec<String>,
    pub items: Vec<Found>,
    /// For the next page, when there is one.
    pub next_cursor: Option<String>,
    /// Where this page starts (0 for the first), for "results 21 to 40".
    pub offset: u64,
}

/// The longest query we look at, in characters; more is cut, not refused.
pub const MAX_QUERY_CHARS: usize = 200;
/// At most this many words are searched for.
pub const MAX_WORDS: usize = 12;

/// The words of a query: letters and digits only, lower case, so nothing typed can be read as
/// search syntax by either database.
pub fn words_of(query: &str) -> Vec<String> {
    let cut: String = query.chars().take(MAX_QUERY_CHARS).collect();
    let mut words: Vec<String> = Vec::new();
    for w in cut.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        let w = w.to_lowercase();
        if !words.contains(&w) {
            words.push(w);
        }
        if words.len() == MAX_WORDS {
            break;
        }
    }
    words
}

/// A results cursor: where the next page starts.
pub fn encode_cursor(offset: u64) -> String {
    format!("s1.{offset}")
}

pub fn decode_cursor(raw: &str) -> Option<u64> {
    raw.strip_prefix("s1.").and_then(|n| n.parse::<u64>().ok()).filter(|n| *n <= 10_000)
}

/// The markers the databases put around found words; from the Unicode private use area, so
/// no real text holds them (any that do are removed before indexing).
pub const START: char = '\u{E000}';
pub const STOP: char = '\u{E001}';

/// Splits a marked excerpt into pieces.
pub fn pieces(marked: &str) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::new();
    let mut found = false;
    let mut text = String::new();
    for c in marked.chars() {
        if c == START || c == STOP {
            if !text.is_empty() {
                out.push(Piece { text: std::mem::take(&mut text), found });
            }
            found = c == START;
        } else {
            text.push(c);
        }
    }
    if !text.is_empty() {
        out.push(Piece { text, found });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_words_are_searched_for() {
        assert_eq!(words_of("  Direct payments: \"NEAR\" OR * -x ^ payments"), vec!["direct", "payments", "near", "or", "x"]);
        assert!(words_of("*** \" ( ) :").is_empty());
        assert_eq!(words_of("Taliadau uniongyrchol café").len(), 3);
        assert_eq!(words_of(&"a ".repeat(1000)).len(), 1);
        assert_eq!(words_of(&(0..50).map(|n| format!("w{n} ")).collect::<String>()).len(), MAX_WORDS);
    }

    #[test]
    fn excerpts_split_where_words_were_found() {
        let marked = format!("We pay {START}personal{STOP} assistants {START}on time{STOP}");
        assert_eq!(
            pieces(&marked),
            vec![
                Piece { text: "We pay ".into(), found: false },
                Piece { text: "personal".into(), found: true },
                Piece { text: " assistants ".into(), found: false },
                Piece { text: "on time".into(), found: true },
            ]
        );
        assert_eq!(pieces("plain"), vec![Piece { text: "plain".into(), found: false }]);
    }

    #[test]
    fn cursors_round_trip() {
        assert_eq!(decode_cursor(&encode_cursor(40)), Some(40));
        assert_eq!(decode_cursor("c1.abc"), None);
        assert_eq!(decode_cursor("s1.-1"), None);
        assert_eq!(decode_cursor("s1.99999999"), None);
    }
}
