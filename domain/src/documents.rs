//! Shared drafts: documents in a space, every save kept as a revision, edits made at the same
//! time merged so nobody's words are lost, and versions compared word by word.

#[cfg(feature = "db")]
pub mod agreeing;
#[cfg(feature = "db")]
pub mod easy_read;
#[cfg(feature = "db")]
pub mod follows;
#[cfg(feature = "db")]
pub mod live;
pub mod merge;
#[cfg(feature = "db")]
pub mod render;
#[cfg(feature = "db")]
pub mod service;
#[cfg(feature = "db")]
pub mod suggestions;
#[cfg(feature = "db")]
pub mod vision;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "db", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    Policy,
    Paperwork,
    Form,
    Report,
    EasyRead,
    /// A meeting's minutes (started from its agenda).
    Minutes,
    Other,
}

impl DocumentKind {
    pub const ALL: [DocumentKind; 7] = [Self::Policy, Self::Paperwork, Self::Form, Self::Report, Self::EasyRead, Self::Minutes, Self::Other];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Policy => "policy",
            Self::Paperwork => "paperwork",
            Self::Form => "form",
            Self::Report => "report",
            Self::EasyRead => "easy_read",
            Self::Minutes => "minutes",
            Self::Other => "other",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == raw)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Policy => "Policy",
            Self::Paperwork => "Letter or paperwork",
            Self::Form => "Form",
            Self::Report => "Report",
            Self::EasyRead => "Easy-read version",
            Self::Minutes => "Minutes of a meeting",
            Self::Other => "Other",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "db", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum DocumentStatus {
    Draft,
    OutForComment,
    Agreed,
    Published,
    Withdrawn,
}

impl DocumentStatus {
    pub const ALL: [DocumentStatus; 5] = [Self::Draft, Self::OutForComment, Self::Agreed, Self::Published, Self::Withdrawn];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::OutForComment => "out_for_comment",
            Self::Agreed => "agreed",
            Self::Published => "published",
            Self::Withdrawn => "withdrawn",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == raw)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Draft => "Draft",
            Self::OutForComment => "Out for comment",
            Self::Agreed => "Agreed",
            Self::Published => "Published",
            Self::Withdrawn => "Withdrawn",
        }
    }

    /// One plain sentence saying what the status means for the people reading.
    pub fn explanation(self) -> &'static str {
        match self {
            Self::Draft => "This is a draft. People in the group are still writing it.",
            Self::OutForComment => "This is out for comment. People in the group are reading it and saying whether they agree.",
            Self::Agreed => "This has been agreed. It can now be published for everyone to read.",
            Self::Published => "This has been agreed and published. Anyone can read the published version.",
            Self::Withdrawn => "This was published and has been withdrawn. The public can no longer read it.",
        }
    }

    /// Where a document can go from here. The order is the order buttons are shown in.
    pub fn next_steps(self) -> &'static [DocumentStatus] {
        match self {
            Self::Draft => &[Self::OutForComment],
            Self::OutForComment => &[Self::Agreed, Self::Draft],
            Self::Agreed => &[Self::Published, Self::Draft],
            Self::Published => &[Self::Withdrawn],
            Self::Withdrawn => &[Self::Draft],
        }
    }

    /// What someone must be allowed to do to move a document from `self` to `to`: writers move
    /// drafts in and out of comment; agreeing, publishing, withdrawing and undoing an agreement
    /// are decisions.
    pub fn step_needs(self, to: DocumentStatus) -> crate::permissions::Action {
        use crate::permissions::Action;
        match (self, to) {
            (_, Self::Agreed | Self::Published | Self::Withdrawn) | (Self::Agreed, _) => Action::Decide,
            _ => Action::EditDocuments,
        }
    }

    /// The words on the button that makes the move.
    pub fn step_label(self, to: DocumentStatus) -> &'static str {
        match (self, to) {
            (_, Self::OutForComment) => "Send it out for comment",
            (_, Self::Agreed) => "Record that it is agreed",
            (_, Self::Published) => "Publish it",
            (_, Self::Withdrawn) => "Withdraw it from the public",
            (Self::OutForComment, Self::Draft) => "Take it back to draft",
            (Self::Agreed, Self::Draft) => "Undo the agreement and go back to draft",
            (_, Self::Draft) => "Start a new draft",
        }
    }
}

/// What someone says when asked whether they can agree to a version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "db", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ConsentResponse {
    /// I agree.
    Agree,
    /// I can agree, but I have concerns (recorded with the reason).
    Concerns,
    /// I do not agree yet: this stops the document being agreed until it is talked through.
    Object,
}

impl ConsentResponse {
    pub const ALL: [ConsentResponse; 3] = [Self::Agree, Self::Concerns, Self::Object];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Agree => "agree",
            Self::Concerns => "concerns",
            Self::Object => "object",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == raw)
    }

    /// As a choice on the form, in the first person.
    pub fn choice(self) -> &'static str {
        match self {
            Self::Agree => "I agree",
            Self::Concerns => "I agree, but I have concerns",
            Self::Object => "I do not agree yet",
        }
    }

    /// As a list of views shows it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Agree => "agrees",
            Self::Concerns => "agrees, with concerns",
            Self::Object => "does not agree yet",
        }
    }

    /// Agreeing with concerns still counts as agreeing.
    pub fn consents(self) -> bool {
        matches!(self, Self::Agree | Self::Concerns)
    }
}

/// One person's view on the newest version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "db", derive(utoipa::ToSchema))]
pub struct ConsentView {
    pub person_id: Uuid,
    pub name: String,
    pub perspective: crate::people::Perspective,
    pub response: ConsentResponse,
    pub reason: Option<String>,
    /// Who gave the view for the person, when a supporter did.
    pub given_by: Option<String>,
    pub updated_at: chrono::DateTime<chrono::Utc>,
}

/// The co-production check: does agreement include at least one expert by experience and one
/// member of staff? Counting perspectives here is the point of the rule; it never decides what
/// anyone may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "db", derive(utoipa::ToSchema))]
pub struct CoproductionCheck {
    /// Whether the board or group asks for it.
    pub required: bool,
    pub experts_agreeing: u32,
    pub staff_agreeing: u32,
}

impl CoproductionCheck {
    pub fn met(&self) -> bool {
        self.experts_agreeing > 0 && self.staff_agreeing > 0
    }

    /// Says plainly where things stand.
    pub fn explanation(&self) -> String {
        let count = |n: u32, one: &str, many: &str| match n {
            0 => format!("no {one}"),
            1 => format!("1 {one}"),
            n => format!("{n} {many}"),
        };
        let so_far = format!(
            "So far {} and {} agree.",
            count(self.experts_agreeing, "expert by experience", "experts by experience"),
            count(self.staff_agreeing, "member of staff", "members of staff")
        );
        match (self.required, self.met()) {
            (true, true) => format!("Co-production check met: at least one expert by experience and one member of staff agree. {so_far}"),
            (true, false) => format!("Co-production check not met yet: this needs at least one expert by experience and one member of staff to agree. {so_far}"),
            (false, _) => format!("This space does not ask for a co-production check. {so_far}"),
        }
    }
}

/// Where agreeing the newest version stands.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "db", derive(utoipa::ToSchema))]
pub struct Agreement {
    pub status: DocumentStatus,
    pub revision_id: Uuid,
    pub revision_number: i32,
    /// Views on the newest version.
    pub views: Vec<ConsentView>,
    /// How many views were given on older versions and need giving again.
    pub earlier_views: u32,
    pub check: CoproductionCheck,
    /// Why it cannot be recorded as agreed yet; empty when it can.
    pub not_yet: Vec<String>,
}

/// Someone's view as it stood when the decision was made.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "db", derive(utoipa::ToSchema))]
pub struct Voice {
    pub name: String,
    pub perspective: crate::people::Perspective,
    pub response: ConsentResponse,
    pub reason: Option<String>,
}

/// A consent decision: the document was agreed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "db", derive(utoipa::ToSchema))]
pub struct Decision {
    pub id: Uuid,
    pub revision_number: i32,
    pub recorded_by: String,
    pub note: Option<String>,
    pub coproduction_required: bool,
    /// The vision check as it stood when agreed: "Open and honest: 2 yes, 0 partly, 0 not yet. ..."
    pub vision_summary: Option<String>,
    pub voices: Vec<Voice>,
    pub created_at: chrono::DateTime<chrono::Utc>,
}

/// One move of the working status.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "db", derive(utoipa::ToSchema))]
pub struct StatusChange {
    pub from: DocumentStatus,
    pub to: DocumentStatus,
    pub revision_number: i32,
    pub by: String,
    pub note: Option<String>,
    pub created_at: chrono::DateTime<chrono::Utc>,
}

/// A published document, as the public reads it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "db", derive(utoipa::ToSchema))]
pub struct PublishedDocument {
    pub id: Uuid,
    pub title: String,
    pub kind: DocumentKind,
    pub space_name: String,
    pub revision_number: i32,
    pub agreed_at: Option<chrono::DateTime<chrono::Utc>>,
    pub published_at: chrono::DateTime<chrono::Utc>,
    /// "5 people agreed: 2 experts by experience, 2 members of staff and 1 family carer."
    pub agreed_by: Option<String>,
    /// How the agreed version was judged against the vision statements.
    pub vision_summary: Option<String>,
    pub body_markdown: String,
    pub body_html: String,
    pub explained: Vec<crate::glossary::Term>,
    /// The version published now; `revision_number` differs when this is an earlier one.
    #[serde(default)]
    pub latest_number: i32,
    /// Versions published before the one published now, newest first: anyone may read them.
    #[serde(default)]
    pub earlier: Vec<PublishedVersion>,
}

/// A version that was the published one for a while.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "db", derive(utoipa::ToSchema))]
pub struct PublishedVersion {
    pub number: i32,
    /// When it was last published.
    pub published_at: chrono::DateTime<chrono::Utc>,
}

/// A published document in the public list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "db", derive(utoipa::ToSchema))]
pub struct PublishedSummary {
    pub id: Uuid,
    pub title: String,
    pub kind: DocumentKind,
    pub space_name: String,
    pub published_at: chrono::DateTime<chrono::Utc>,
}

/// One saved version, as the history lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "db", derive(utoipa::ToSchema))]
pub struct RevisionSummary {
    pub id: Uuid,
    pub number: i32,
    /// "Priya Shah", or "Sam Lee, supporting Jordan Reid".
    pub author: String,
    /// Everyone else who wrote this version with the author, live (their names).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub written_with: Vec<String>,
    pub note: Option<String>,
    pub merged: bool,
    pub clashes: i32,
    pub created_at: chrono::DateTime<chrono::Utc>,
}

/// A document as its page shows it: the newest revision, as Markdown and as safe HTML.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "db", derive(utoipa::ToSchema))]
pub struct DocumentView {
    pub id: Uuid,
    pub space_id: Uuid,
    pub space_name: String,
    pub space_slug: String,
    pub space_kind: crate::spaces::SpaceKind,
    pub title: String,
    pub kind: DocumentKind,
    pub status: DocumentStatus,
    pub tags: Vec<String>,
    pub revision: RevisionSummary,
    /// The version the public can read, if one is published.
    pub published_number: Option<i32>,
    pub body_markdown: String,
    /// Rendered from the Markdown and cleaned: no script or unsafe link survives. The first use
    /// of each glossary term links to its explanation in `explained`.
    pub body_html: String,
    /// Glossary terms used in the text, with their explanations, in order of first use.
    pub explained: Vec<crate::glossary::Term>,
}

/// A document in a list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "db", derive(utoipa::ToSchema))]
pub struct DocumentSummary {
    pub id: Uuid,
    pub title: String,
    pub kind: DocumentKind,
    pub status: DocumentStatus,
    pub tags: Vec<String>,
    pub updated_at: chrono::DateTime<chrono::Utc>,
}

/// What happened to a save.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "db", derive(utoipa::ToSchema))]
pub struct SaveOutcome {
    pub revision_id: Uuid,
    pub number: i32,
    /// Someone else saved after you started; your words were merged with theirs.
    pub merged: bool,
    /// Places where you both changed the same words: both versions are kept in the text.
    pub clashes: i32,
    /// The update that carried this save into a live session on the document, when one is
    /// open: the server passes it on to everyone writing live.
    #[serde(skip)]
    #[cfg_attr(feature = "db", schema(ignore))]
    pub live_update: Option<i64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "db", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SuggestionStatus {
    Open,
    Accepted,
    Declined,
}

impl SuggestionStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::Accepted => "accepted",
            Self::Declined => "declined",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        [Self::Open, Self::Accepted, Self::Declined].into_iter().find(|s| s.as_str() == raw)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Open => "Waiting for a decision",
            Self::Accepted => "Accepted",
            Self::Declined => "Declined",
        }
    }
}

/// Where a suggestion's passage stands in the newest version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "db", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Anchor {
    /// The words are there once (perhaps moved): accepting changes exactly them.
    Found,
    /// The words were changed since: it cannot be applied as it is.
    Changed,
    /// The words now appear more than once: someone must choose by editing.
    Repeated,
}

/// Proposed new words for a passage, with the reason, the discussion and the outcome.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "db", derive(utoipa::ToSchema))]
pub struct Suggestion {
    pub id: Uuid,
    pub document_id: Uuid,
    /// The version the suggester was reading.
    pub revision_number: i32,
    pub original: String,
    pub proposed: String,
    pub reason: String,
    /// "Alex Morgan", or "Sam Lee, supporting Alex Morgan".
    pub by: String,
    pub perspective: crate::people::Perspective,
    pub status: SuggestionStatus,
    pub anchor: Anchor,
    pub decided_by: Option<String>,
    pub decline_reason: Option<String>,
    /// The version made by accepting it.
    pub applied_revision_number: Option<i32>,
    /// Its discussion, once someone has commented.
    pub discussion: Option<crate::conversations::Thread>,
    pub created_at: chrono::DateTime<chrono::Utc>,
}

/// The passages (paragraphs, headings, list blocks) of a text, as someone picks one to change.
pub fn passages(markdown: &str) -> Vec<String> {
    markdown.replace("\r\n", "\n").split("\n\n").map(str::trim).filter(|p| !p.is_empty()).map(str::to_owned).collect()
}

/// How well a document meets one vision statement, in one person's view.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "db", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum VisionRating {
    Yes,
    Partly,
    NotYet,
}

impl VisionRating {
    pub const ALL: [VisionRating; 3] = [Self::Yes, Self::Partly, Self::NotYet];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Yes => "yes",
            Self::Partly => "partly",
            Self::NotYet => "not_yet",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == raw)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Yes => "Yes",
            Self::Partly => "Partly",
            Self::NotYet => "Not yet",
        }
    }
}

/// One person's rating against one statement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "db", derive(utoipa::ToSchema))]
pub struct VisionReview {
    pub person_id: Uuid,
    pub by: String,
    pub perspective: crate::people::Perspective,
    pub rating: VisionRating,
    pub comment: Option<String>,
    pub revision_number: i32,
    pub updated_at: chrono::DateTime<chrono::Utc>,
}

/// Everyone's ratings against one vision statement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "db", derive(utoipa::ToSchema))]
pub struct StatementCheck {
    pub statement_id: Uuid,
    pub title: String,
    pub body: String,
    pub reviews: Vec<VisionReview>,
}

impl StatementCheck {
    /// "2 say yes, 1 partly, 0 not yet."
    pub fn summary(&self) -> String {
        if self.reviews.is_empty() {
            return "Nobody has checked this yet.".to_owned();
        }
        let n = |r: VisionRating| self.reviews.iter().filter(|v| v.rating == r).count();
        format!("{} yes, {} partly, {} not yet.", n(VisionRating::Yes), n(VisionRating::Partly), n(VisionRating::NotYet))
    }
}

/// A document checked against its board's vision statements.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "db", derive(utoipa::ToSchema))]
pub struct VisionCheck {
    /// Whether the space asks for a complete check before agreeing.
    pub required: bool,
    pub statements: Vec<StatementCheck>,
}

impl VisionCheck {
    /// Statement by statement, in words: "Open and honest: 2 yes, 0 partly, 0 not yet."
    pub fn summary(&self) -> String {
        self.statements.iter().map(|s| format!("{}: {}", s.title, s.summary().to_lowercase())).collect::<Vec<_>>().join(" ")
    }

    /// Complete when every statement has been checked by at least one person.
    pub fn complete(&self) -> bool {
        self.statements.iter().all(|s| !s.reviews.is_empty())
    }

    /// The statements nobody has checked the document against yet.
    pub fn missing(&self) -> Vec<&str> {
        self.statements.iter().filter(|s| s.reviews.is_empty()).map(|s| s.title.as_str()).collect()
    }
}

/// A section of a document's full text: what comes before the first heading, or a heading and
/// what follows it up to the next heading.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    /// Stable while the heading keeps its words: `start`, or the heading as a slug.
    pub key: String,
    pub title: String,
    pub markdown: String,
}

/// At most this many sections: a heading after the last one stays inside it. No real policy comes
/// near it, and it keeps a pasted list of thousands of headings from making thousands of parts.
pub const MAX_SECTIONS: usize = 500;

/// Splits a text into sections at its headings (lines starting with `#`, outside code blocks).
/// Linear in the text: a repeated heading gets the next free `-n` suffix from a counter kept per
/// heading, never by searching the sections made so far.
pub fn sections(markdown: &str) -> Vec<Section> {
    let mut out: Vec<Section> = Vec::new();
    let mut used: std::collections::HashSet<String> = std::collections::HashSet::from(["start".to_owned()]);
    let mut next_suffix: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let mut current = Section { key: "start".into(), title: "Introduction".into(), markdown: String::new() };
    let mut in_code = false;
    for line in markdown.lines() {
        if line.trim_start().starts_with("```") {
            in_code = !in_code;
        }
        let heading = !in_code && line.starts_with('#') && line.trim_start_matches('#').starts_with(' ');
        if heading && out.len() + 1 < MAX_SECTIONS {
            if !current.markdown.trim().is_empty() {
                out.push(current);
            }
            let title = line.trim_start_matches('#').trim().to_owned();
            let base = crate::spaces::slugify(&title);
            let key = if used.contains(&base) {
                // Keys only ever get used, never freed, so every suffix below the counter is taken.
                let n = next_suffix.entry(base.clone()).or_insert(2);
                while used.contains(&format!("{base}-{n}")) {
                    *n += 1;
                }
                let key = format!("{base}-{n}");
                *n += 1;
                key
            } else {
                base
            };
            used.insert(key.clone());
            current = Section { key, title, markdown: String::new() };
        }
        current.markdown.push_str(line);
        current.markdown.push('\n');
    }
    if !current.markdown.trim().is_empty() {
        out.push(current);
    }
    out
}

/// The easy-read version of one section.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "db", derive(utoipa::ToSchema))]
pub struct EasyReadPart {
    pub body_markdown: String,
    pub body_html: String,
    pub image_url: Option<String>,
    pub image_alt: Option<String>,
    /// False when the full text of its section changed after it was written.
    pub up_to_date: bool,
    pub updated_by: String,
    pub updated_at: chrono::DateTime<chrono::Utc>,
}

/// One section of the full text with its easy-read part, if written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "db", derive(utoipa::ToSchema))]
pub struct EasyReadSection {
    pub key: String,
    pub title: String,
    pub full_html: String,
    pub part: Option<EasyReadPart>,
}

/// A document's easy-read companion, section by section.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "db", derive(utoipa::ToSchema))]
pub struct EasyRead {
    /// Whether the space asks for an up-to-date easy-read version before publishing.
    pub required: bool,
    pub sections: Vec<EasyReadSection>,
}

impl EasyRead {
    /// Every section has an easy-read part written for its current words.
    pub fn complete(&self) -> bool {
        self.sections.iter().all(|s| s.part.as_ref().is_some_and(|p| p.up_to_date))
    }
}

/// Tags as typed ("finance, easy read ,Finance") to a tidy list: trimmed, no empties or repeats.
pub fn parse_tags(raw: &str) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    for tag in raw.split(',').map(|t| t.split_whitespace().collect::<Vec<_>>().join(" ")) {
        if !tag.is_empty() && !tags.iter().any(|t| t.eq_ignore_ascii_case(&tag)) {
            tags.push(tag.chars().take(40).collect());
        }
    }
    tags.truncate(12);
    tags
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::permissions::Action;

    #[test]
    fn every_status_has_a_way_on_and_agreeing_is_a_decision() {
        for status in DocumentStatus::ALL {
            assert!(!status.next_steps().is_empty(), "{status:?} is a dead end");
            for &to in status.next_steps() {
                assert_ne!(status, to);
                assert!(!status.step_label(to).is_empty());
            }
        }
        assert_eq!(DocumentStatus::Draft.next_steps(), &[DocumentStatus::OutForComment]);
        assert!(!DocumentStatus::Draft.next_steps().contains(&DocumentStatus::Published), "nothing is published without being agreed");
        assert_eq!(DocumentStatus::OutForComment.step_needs(DocumentStatus::Agreed), Action::Decide);
        assert_eq!(DocumentStatus::Agreed.step_needs(DocumentStatus::Published), Action::Decide);
        assert_eq!(DocumentStatus::Agreed.step_needs(DocumentStatus::Draft), Action::Decide);
        assert_eq!(DocumentStatus::Draft.step_needs(DocumentStatus::OutForComment), Action::EditDocuments);
        assert_eq!(DocumentStatus::Withdrawn.step_needs(DocumentStatus::Draft), Action::EditDocuments);
    }

    #[test]
    fn the_coproduction_check_says_what_is_missing() {
        let check = CoproductionCheck { required: true, experts_agreeing: 0, staff_agreeing: 2 };
        assert!(!check.met());
        assert!(check.explanation().contains("no expert by experience and 2 members of staff agree"));
        let check = CoproductionCheck { required: true, experts_agreeing: 1, staff_agreeing: 1 };
        assert!(check.met() && check.explanation().starts_with("Co-production check met"));
    }

    #[test]
    fn sections_split_at_headings_with_stable_keys() {
        let s = sections("Intro line.\n\n# Paying your PA\n\nOn time.\n\n```\n# not a heading\n```\n\n## Payroll\n\nA service.\n\n## Payroll\n\nAgain.\n");
        let keys: Vec<&str> = s.iter().map(|x| x.key.as_str()).collect();
        assert_eq!(keys, vec!["start", "paying-your-pa", "payroll", "payroll-2"]);
        assert_eq!(s[1].title, "Paying your PA");
        assert!(s[1].markdown.contains("# not a heading"), "code blocks stay inside their section");
        assert!(sections("").is_empty());
    }

    #[test]
    fn repeated_headings_take_the_next_free_suffix() {
        let s = sections("# Pay\n\n# Pay 2\n\n# Pay\n\n# Pay\n\n# Start\n");
        let keys: Vec<&str> = s.iter().map(|x| x.key.as_str()).collect();
        assert_eq!(keys, vec!["pay", "pay-2", "pay-3", "pay-4", "start-2"]);
    }

    /// 250,000 repeated headings (1 MB, the request limit) once took longer than anyone would
    /// wait: each new key searched every section made so far, once per suffix tried.
    #[test]
    fn a_megabyte_of_repeated_headings_is_split_once_and_capped() {
        let body = "# a\n".repeat(250_000);
        let s = sections(&body);
        assert_eq!(s.len(), MAX_SECTIONS);
        assert_eq!(s[1].key, "a-2");
        assert_eq!(s[MAX_SECTIONS - 1].key, format!("a-{MAX_SECTIONS}"));
        // Nothing is lost: the headings past the cap stay in the last section.
        let total: usize = s.iter().map(|x| x.markdown.len()).sum();
        assert_eq!(total, body.len());
    }

    #[test]
    fn tags_are_tidied() {
        assert_eq!(parse_tags(" finance,  easy   read ,Finance,, "), vec!["finance".to_owned(), "easy read".to_owned()]);
        assert!(parse_tags("").is_empty());
    }
}
