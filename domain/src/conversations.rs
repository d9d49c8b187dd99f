//! Conversations: comment threads on a document, one section of a document, a suggestion, or
//! standing alone in a space, with replies one level deep, recorded contributions, mentions,
//! reactions counted by perspective, moderation, and the live events pages follow.
//!
//! These are the plain types pages, server functions and the JSON API share; the services
//! (`service`, `events`, `notifications`) are server-only.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::people::Perspective;

#[cfg(feature = "db")]
pub mod events;
#[cfg(feature = "db")]
pub mod notifications;
#[cfg(feature = "db")]
pub mod service;

/// How many unread notifications the person asking has: worked out once per signed-in page
/// request (by the server's session layer) and shown in the header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unread(pub u64);

/// What a thread is about. Stored as a string, so meetings and You Said We Did items plug in
/// later as new kinds without changing comments.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "db", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum TargetKind {
    /// A whole document.
    Document,
    /// One heading section of a document, as it read in a given version.
    Section,
    /// A suggested change to a document.
    Suggestion,
    /// A conversation of its own in a board or group.
    Discussion,
    /// A meeting as a whole.
    Meeting,
    /// One item on a meeting's agenda.
    AgendaItem,
    /// A You Said We Did item.
    Feedback,
}

impl TargetKind {
    pub const ALL: [TargetKind; 7] = [Self::Document, Self::Section, Self::Suggestion, Self::Discussion, Self::Meeting, Self::AgendaItem, Self::Feedback];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Document => "document",
            Self::Section => "section",
            Self::Suggestion => "suggestion",
            Self::Discussion => "discussion",
            Self::Meeting => "meeting",
            Self::AgendaItem => "agenda_item",
            Self::Feedback => "feedback",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == raw.trim())
    }
}

/// The three reactions, each with a meaning a group can weigh up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "db", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ReactionKind {
    Agree,
    Concern,
    Question,
}

impl ReactionKind {
    pub const ALL: [ReactionKind; 3] = [Self::Agree, Self::Concern, Self::Question];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Agree => "agree",
            Self::Concern => "concern",
            Self::Question => "question",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == raw.trim())
    }

    /// The word on the button and in the count.
    pub fn label(self) -> &'static str {
        match self {
            Self::Agree => "Agree",
            Self::Concern => "Concern",
            Self::Question => "Question",
        }
    }
}

/// One reaction on a comment, counted by the perspective of who reacted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "db", derive(utoipa::ToSchema))]
pub struct ReactionCount {
    pub kind: ReactionKind,
    pub total: usize,
    /// Perspective and how many, in the usual order; perspectives nobody has are left out.
    #[cfg_attr(feature = "db", schema(value_type = Vec<Object>))]
    pub by_perspective: Vec<(Perspective, usize)>,
    /// Has the person reading reacted this way?
    pub mine: bool,
}

impl ReactionCount {
    /// "agree: 3 experts by experience, 2 council staff", as text, never only an icon or colour.
    pub fn summary(&self) -> String {
        let parts: Vec<String> = self.by_perspective.iter().map(|(p, n)| p.counted(*n)).collect();
        format!("{}: {}", self.kind.label().to_lowercase(), parts.join(", "))
    }
}

/// The reactions a comment has, as text: "agree: 2 experts by experience; concern: 1 council staff".
pub fn reactions_summary(counts: &[ReactionCount]) -> String {
    let parts: Vec<String> = counts.iter().filter(|c| c.total > 0).map(ReactionCount::summary).collect();
    if parts.is_empty() { "No reactions yet.".to_owned() } else { parts.join("; ") }
}

/// An earlier wording of an edited comment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "db", derive(utoipa::ToSchema))]
pub struct EarlierWording {
    pub body: String,
    pub replaced_at: chrono::DateTime<chrono::Utc>,
}

/// A comment as the person reading sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "db", derive(utoipa::ToSchema))]
pub struct Comment {
    pub id: Uuid,
    pub thread_id: Uuid,
    /// The comment this replies to (replies are one level deep).
    pub parent_id: Option<Uuid>,
    /// "Alex Reid", "Sam Lee, supporting Jordan Ellis", or "Alex Reid, recorded by Jo Patel".
    pub by: String,
    /// Who posted it (or recorded it).
    pub author_id: Uuid,
    /// The perspective of whose words these are, when known.
    pub perspective: Option<Perspective>,
    /// The words, in Markdown. `None` when removed by the author, or hidden and the reader is
    /// neither a lead nor the author.
    pub body: Option<String>,
    /// The words as sanitised HTML, glossary words linked.
    pub body_html: Option<String>,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub edited_at: Option<chrono::DateTime<chrono::Utc>>,
    /// Earlier wordings, oldest first (only where the reader may see the words).
    pub earlier: Vec<EarlierWording>,
    /// Removed by its author: shown as "Comment removed by its author".
    pub deleted: bool,
    /// Hidden by a lead, with the reason shown in its place.
    pub hidden_reason: Option<String>,
    pub hidden_by: Option<String>,
    pub reactions: Vec<ReactionCount>,
    #[cfg_attr(feature = "db", schema(no_recursion))]
    pub replies: Vec<Comment>,
    /// May the reader edit or remove it (their own, not removed, not hidden)?
    pub can_edit: bool,
}

impl Comment {
    /// What shows where the words were, when they are not shown.
    pub fn tombstone(&self) -> Option<String> {
        if self.deleted {
            Some("Comment removed by its author.".to_owned())
        } else {
            self.hidden_reason.as_ref().map(|r| format!("Comment hidden by {}. The reason given: {r}", self.hidden_by.as_deref().unwrap_or("a lead")))
        }
    }
}

/// How a section that was commented on reads now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "db", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SectionPlace {
    /// The section reads as it did when the thread began.
    Same,
    /// The section is still there, with different words.
    Changed,
    /// No section has that heading any more.
    Removed,
}

/// A thread as the person reading sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "db", derive(utoipa::ToSchema))]
pub struct Thread {
    pub id: Uuid,
    pub space_id: Uuid,
    pub target_type: TargetKind,
    pub target_id: Option<Uuid>,
    pub section_key: Option<String>,
    /// The section's heading when the thread began.
    pub section_title: Option<String>,
    /// The version the section was read in.
    pub revision_number: Option<i32>,
    pub section_place: Option<SectionPlace>,
    /// A discussion's subject; for others, what it is about ("Direct payments policy").
    pub title: String,
    pub started_by: String,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub last_activity_at: chrono::DateTime<chrono::Utc>,
    /// "Resolved by Jo Patel", when it is.
    pub resolved_by: Option<String>,
    pub resolved_at: Option<chrono::DateTime<chrono::Utc>>,
    /// Top-level comments, oldest first, each with its replies.
    pub comments: Vec<Comment>,
    /// Every comment and reply, removed ones included.
    pub comment_count: usize,
    /// Where the thread is read on the site.
    pub link: String,
    /// Glossary words its comments use, for "Words explained" on the page.
    pub explained: Vec<crate::glossary::Term>,
}

impl Thread {
    /// The plain sentence about a section that changed since the thread began, if it did.
    pub fn section_note(&self) -> Option<String> {
        let title = self.section_title.as_deref().unwrap_or("this part");
        let version = self.revision_number.map(|n| format!(" in version {n}")).unwrap_or_default();
        match self.section_place? {
            SectionPlace::Same => None,
            SectionPlace::Changed => Some(format!("The part \u{201c}{title}\u{201d} has changed since these comments were made{version}.")),
            SectionPlace::Removed => Some(format!("The part \u{201c}{title}\u{201d}, commented on{version}, has since been removed from the document.")),
        }
    }
}

/// What the person reading may do in a space's conversations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ThreadAbilities {
    /// Post, reply, react, resolve and reopen.
    pub contribute: bool,
    /// Hide and show comments (co-chairs and convenors).
    pub moderate: bool,
    /// Report a comment to the leads (anyone signed in who can read it).
    pub report: bool,
}

/// A notification as its person sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "db", derive(utoipa::ToSchema))]
pub struct Notification {
    pub id: Uuid,
    /// `mention`, `reply`, `hidden`, `report`, `document` (one you follow moved on), `minutes`
    /// (ready to agree), `papers`, `late_paper`, `action`, `action_due`, `feedback`,
    /// `word_explained` or `glossary_waiting`.
    pub kind: String,
    pub summary: String,
    pub link: String,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub read: bool,
}

/// A recent contribution of a person's: a version saved, a suggestion, or a comment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "db", derive(utoipa::ToSchema))]
pub struct Contribution {
    /// `revision`, `suggestion` or `comment`.
    pub kind: String,
    /// One plain sentence: "Commented on Direct payments policy".
    pub summary: String,
    pub link: String,
    pub at: chrono::DateTime<chrono::Utc>,
}

/// The names mentioned in a text: each `@` followed by the longest of `names` it starts with
/// (names are matched whole and without regard to case, so "@Jo Patel" finds "Jo Patel" and
/// not "Jo"). Linear in the text times the number of `@`s and names, which are few.
pub fn mentioned<'a>(text: &str, names: &'a [String]) -> Vec<&'a String> {
    let mut found: Vec<&String> = Vec::new();
    for (at, _) in text.match_indices('@') {
        // An @ inside a word (an email address) is not a mention.
        if text[..at].chars().next_back().is_some_and(|c| c.is_alphanumeric()) {
            continue;
        }
        let rest = &text[at + 1..];
        let best = names
            .iter()
            .filter(|n| !n.is_empty())
            .filter(|n| rest.get(..n.len()).is_some_and(|head| head.eq_ignore_ascii_case(n)))
            // The name must end there, not run on into a longer word ("@Jo" is not "@Joanne").
            .filter(|n| rest[n.len()..].chars().next().is_none_or(|c| !c.is_alphanumeric()))
            .max_by_key(|n| n.len());
        if let Some(name) = best
            && !found.contains(&name)
        {
            found.push(name);
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mentions_match_whole_names_longest_first() {
        let names: Vec<String> = ["Jo", "Jo Patel", "Alex Reid", "Priya"].iter().map(|s| (*s).to_owned()).collect();
        let found = mentioned("Thanks @jo patel and @Alex Reid. Also @Priya, and @Joanne and me@Priya.example", &names);
        assert_eq!(found, vec![&names[1], &names[2], &names[3]]);
        assert!(mentioned("no mentions here", &names).is_empty());
        assert_eq!(mentioned("@Jo.", &names), vec![&names[0]]);
    }

    #[test]
    fn reactions_read_as_text() {
        let c = ReactionCount { kind: ReactionKind::Agree, total: 5, by_perspective: vec![(Perspective::Expert, 3), (Perspective::Staff, 2)], mine: false };
        assert_eq!(c.summary(), "agree: 3 experts by experience, 2 council staff");
        assert_eq!(reactions_summary(&[]), "No reactions yet.");
    }
}
