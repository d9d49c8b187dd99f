//! You Said We Did: what people told the board ("you said"), what the board did about it ("we
//! did"), and whether it made a difference to them.
//!
//! An item is one thing people said, however many times and places it was heard: each place is
//! a *source* (a card at an event, a survey answer, the public form) with how many people said
//! it there, so merging two items keeps every source and adds up the people. The response has an
//! owner, a status, a target date and a dated timeline of updates, and links to the documents,
//! decisions and actions that carry it out. Published items are public; everything else is for
//! the board's members.
//!
//! These are the plain types pages, server functions and the JSON API share; the services are
//! server-only.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::meetings::Named;

#[cfg(feature = "db")]
pub mod atom;
#[cfg(feature = "db")]
pub mod import;
#[cfg(feature = "db")]
pub mod overview;
#[cfg(feature = "db")]
pub mod service;

/// The longest "what was said" we keep, in characters. Long enough for a page of someone's own
/// words; anything longer is shown back with the count, never cut off.
pub const MAX_WORDS: usize = 5_000;

/// An open item with no update for this many days is shown as waiting on the overview.
pub const STALE_DAYS: i64 = 90;

macro_rules! keyed {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $key:literal, $label:literal;)* }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[cfg_attr(feature = "db", derive(utoipa::ToSchema))]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($variant),* }

        impl $name {
            pub const ALL: &'static [$name] = &[$(Self::$variant),*];

            pub fn as_str(self) -> &'static str {
                match self { $(Self::$variant => $key),* }
            }

            pub fn parse(raw: &str) -> Option<Self> {
                let raw = raw.trim();
                Self::ALL.iter().copied().find(|v| v.as_str() == raw)
            }

            /// The words shown for it.
            pub fn label(self) -> &'static str {
                match self { $(Self::$variant => $label),* }
            }
        }
    };
}

keyed! {
    /// What the feedback is about.
    Theme {
        Paperwork = "paperwork", "Paperwork and forms";
        Finance = "finance", "Money, finance and audit";
        RecruitingPas = "recruiting_pas", "Finding and keeping personal assistants (PAs)";
        SupportPlans = "support_plans", "Support plans";
        Information = "information", "Information and advice";
        Eligibility = "eligibility", "Who can get a direct payment";
        Other = "other", "Something else";
    }
}

impl Theme {
    /// Reads the stored list (`paperwork,finance`), skipping anything no longer known.
    pub fn parse_list(raw: &str) -> Vec<Theme> {
        Self::ALL.iter().copied().filter(|t| raw.split(',').any(|k| k.trim() == t.as_str())).collect()
    }

    pub fn to_list(items: &[Theme]) -> String {
        Self::ALL.iter().copied().filter(|t| items.contains(t)).map(Theme::as_str).collect::<Vec<_>>().join(",")
    }

    /// A theme as people write it in a spreadsheet: its key, its words, or the first word of
    /// them ("Paperwork", "finance", "Support plans", "PAs").
    pub fn from_words(raw: &str) -> Option<Theme> {
        let w = raw.trim().to_lowercase();
        if w.is_empty() {
            return None;
        }
        Self::parse(&w.replace([' ', '-'], "_")).or_else(|| {
            Self::ALL.iter().copied().find(|t| {
                let label = t.label().to_lowercase();
                label == w || label.split([' ', ',']).next() == Some(w.as_str()) || (w == "pas" || w == "pa" || w.contains("personal assistant")) && *t == Theme::RecruitingPas
            })
        })
    }
}

keyed! {
    /// Where a response stands. Items move heard → considering → doing → done, or to *not
    /// doing*, which always carries an honest reason.
    Status {
        Heard = "heard", "Heard";
        Considering = "considering", "Considering it";
        Doing = "doing", "Doing it";
        Done = "done", "Done";
        NotDoing = "not_doing", "Not doing, and why";
    }
}

keyed! {
    /// Where feedback came from.
    SourceKind {
        Event = "event", "A co-production event";
        Survey = "survey", "A survey";
        Meeting = "meeting", "A meeting";
        Complaint = "complaint", "A complaint";
        PublicForm = "public_form", "The form on this website";
        Other = "other", "Somewhere else";
    }
}

keyed! {
    /// What carries a response out.
    LinkKind {
        Document = "document", "Document";
        Decision = "decision", "Decision";
        Action = "action", "Action";
        Meeting = "meeting", "Meeting";
    }
}

keyed! {
    /// "Did this make a difference?"
    Answer {
        Yes = "yes", "Yes, it made a difference";
        Partly = "partly", "Partly";
        No = "no", "No, it did not";
    }
}

/// One place an item was heard.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "db", derive(utoipa::ToSchema))]
pub struct Source {
    pub id: Uuid,
    pub kind: SourceKind,
    /// The event or survey, in words.
    pub detail: Option<String>,
    pub said_on: NaiveDate,
    /// "3 March 2027".
    pub said_on_words: String,
    /// The person's own words: shown publicly only where they agreed; members always see them.
    pub words: Option<String>,
    pub show_words: bool,
    /// How many people said it here.
    pub people: i32,
    /// Name and email, for members only.
    pub contact: Option<String>,
    /// They agreed to be asked later whether it made a difference.
    pub may_ask: bool,
}

/// One entry in an item's timeline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "db", derive(utoipa::ToSchema))]
pub struct Update {
    pub id: Uuid,
    pub at: DateTime<Utc>,
    /// "3 March 2027".
    pub when: String,
    /// Who wrote it ("Priya Shah", or "Someone who gave this feedback").
    pub by: String,
    pub body: String,
    pub status_from: Option<Status>,
    pub status_to: Option<Status>,
}

/// A document, decision, action or meeting carrying a response out.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "db", derive(utoipa::ToSchema))]
pub struct Linked {
    pub id: Uuid,
    pub kind: LinkKind,
    pub target_id: Uuid,
    pub title: String,
    /// Where to read it (for the public: only links to published documents are given).
    pub href: Option<String>,
}

/// What someone who gave the feedback answered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "db", derive(utoipa::ToSchema))]
pub struct AnswerView {
    pub answer: Answer,
    pub words: Option<String>,
    pub when: String,
}

/// An item in a list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "db", derive(utoipa::ToSchema))]
pub struct FeedbackSummary {
    pub id: Uuid,
    pub said: String,
    pub themes: Vec<Theme>,
    pub status: Status,
    /// What the board did or will do, if it has said.
    pub response: Option<String>,
    /// How many people said it, across every source.
    pub people: i64,
    /// When it was first heard.
    pub first_heard: NaiveDate,
    pub first_heard_words: String,
    pub published: bool,
    pub owner: Option<Named>,
    /// When anything last happened to it.
    pub last_update_at: DateTime<Utc>,
    pub link: String,
}

impl FeedbackSummary {
    /// "Said by 12 people", "Said by 1 person".
    pub fn people_words(&self) -> String {
        if self.people == 1 { "Said by 1 person".to_owned() } else { format!("Said by {} people", self.people) }
    }
}

/// What the reader may do with items.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "db", derive(utoipa::ToSchema))]
pub struct FeedbackAbilities {
    /// Read unpublished items, review, answer, update, link, merge and import.
    pub manage: bool,
    /// Publish and unpublish.
    pub publish: bool,
}

/// One item, whole.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "db", derive(utoipa::ToSchema))]
pub struct FeedbackItem {
    pub summary: FeedbackSummary,
    /// The board it was told to.
    pub board_id: Uuid,
    /// Why the board is not doing it.
    pub status_reason: Option<String>,
    pub target_on: Option<NaiveDate>,
    pub target_words: Option<String>,
    /// The group working on it: its address and name.
    pub group: Option<(String, String)>,
    pub published_words: Option<String>,
    /// When this item was merged into another: that one.
    pub merged_into: Option<Uuid>,
    pub sources: Vec<Source>,
    pub updates: Vec<Update>,
    pub links: Vec<Linked>,
    pub answers: Vec<AnswerView>,
    pub can: FeedbackAbilities,
    /// Members only: who could own it, the groups, and what it could be linked to.
    pub choices: Option<Choices>,
}

/// What the manage forms offer.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "db", derive(utoipa::ToSchema))]
pub struct Choices {
    pub people: Vec<Named>,
    /// Group slug and name.
    pub groups: Vec<(String, String)>,
    /// `kind:id` and a description ("Action: Shorten the form (Paperwork group)").
    pub links: Vec<(String, String)>,
    /// Other items it could be merged with: id and what was said.
    pub others: Vec<(Uuid, String)>,
}

/// Which items a list shows.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Filter {
    pub theme: Option<Theme>,
    pub status: Option<Status>,
    /// The year it was first heard.
    pub year: Option<i32>,
    /// Members' list: only items not yet published (or only published ones).
    pub published: Option<bool>,
}

impl Filter {
    /// From a page's query (`?theme=paperwork&status=done&year=2027`); anything not understood
    /// is left out rather than refused, so an old link still shows a list.
    pub fn from_query(theme: Option<&str>, status: Option<&str>, year: Option<&str>) -> Self {
        Filter {
            theme: theme.and_then(Theme::parse),
            status: status.and_then(Status::parse),
            year: year.and_then(|y| y.trim().parse().ok()).filter(|y| (2000..=2100).contains(y)),
            published: None,
        }
    }

    /// Whether an item in a list passes this filter (the same rules `service::list` applies in
    /// the database).
    pub fn matches(&self, item: &FeedbackSummary) -> bool {
        use chrono::Datelike;
        self.theme.is_none_or(|t| item.themes.contains(&t))
            && self.status.is_none_or(|s| item.status == s)
            && self.year.is_none_or(|y| item.first_heard.year() == y)
            && self.published.is_none_or(|p| item.published == p)
    }

    /// The query string for this filter with one part changed (for plain filter links).
    pub fn query(&self) -> String {
        let mut parts = Vec::new();
        if let Some(t) = self.theme {
            parts.push(format!("theme={}", t.as_str()));
        }
        if let Some(s) = self.status {
            parts.push(format!("status={}", s.as_str()));
        }
        if let Some(y) = self.year {
            parts.push(format!("year={y}"));
        }
        if parts.is_empty() { String::new() } else { format!("?{}", parts.join("&")) }
    }
}

/// A row of a feedback CSV as it will become an item, shown for review before it is added.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "db", derive(utoipa::ToSchema))]
pub struct ImportRow {
    /// The line in the file (the heading is line 1).
    pub line: usize,
    pub said: String,
    pub themes: Vec<Theme>,
    pub said_on: NaiveDate,
    pub people: i32,
    pub contact_name: Option<String>,
    pub contact_email: Option<String>,
    pub may_ask: bool,
    pub show_words: bool,
}

/// A row that cannot be added, with why in plain words.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "db", derive(utoipa::ToSchema))]
pub struct BadRow {
    pub line: usize,
    pub problem: String,
}

/// A feedback CSV read through: the rows that will be added and the ones that cannot.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "db", derive(utoipa::ToSchema))]
pub struct ImportPreview {
    pub good: Vec<ImportRow>,
    pub bad: Vec<BadRow>,
    /// A problem with the whole file (no heading we understand, nothing in it).
    pub problem: Option<String>,
}

/// The board's overview: counts, waiting times and items nobody has updated.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "db", derive(utoipa::ToSchema))]
pub struct Overview {
    /// Items in each status (every status, in order).
    pub by_status: Vec<(Status, i64)>,
    /// For each theme that has items: how many in each status, in the order of `Status::ALL`.
    pub by_theme: Vec<(Theme, Vec<i64>)>,
    /// For each status: how many items have been in it (now or before), and the average and
    /// longest days they spent (or have spent so far) in it.
    pub waits: Vec<Wait>,
    /// Open items (not done, not "not doing") with no update for 90 days, oldest first.
    pub stale: Vec<FeedbackSummary>,
    pub total: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "db", derive(utoipa::ToSchema))]
pub struct Wait {
    pub status: Status,
    pub items: i64,
    pub average_days: f64,
    pub longest_days: i64,
}

/// The question put to someone who gave the feedback, as their link shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AskView {
    pub said: String,
    pub response: Option<String>,
    pub link: String,
    /// Already answered: what they said.
    pub answered: Option<AnswerView>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn themes_read_as_people_write_them() {
        assert_eq!(Theme::from_words("Paperwork"), Some(Theme::Paperwork));
        assert_eq!(Theme::from_words(" support plans "), Some(Theme::SupportPlans));
        assert_eq!(Theme::from_words("PAs"), Some(Theme::RecruitingPas));
        assert_eq!(Theme::from_words("money"), Some(Theme::Finance));
        assert_eq!(Theme::from_words("recruiting_pas"), Some(Theme::RecruitingPas));
        assert_eq!(Theme::from_words("weather"), None);
        assert_eq!(Theme::parse_list(&Theme::to_list(&[Theme::Finance, Theme::Paperwork])), vec![Theme::Paperwork, Theme::Finance]);
    }

    #[test]
    fn filters_make_plain_links() {
        let f = Filter::from_query(Some("paperwork"), Some("nonsense"), Some("2027"));
        assert_eq!(f.query(), "?theme=paperwork&year=2027");
        assert_eq!(Filter::default().query(), "");
    }
}
