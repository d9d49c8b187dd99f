//! Meetings of the board and its groups: when and where, the access arrangements offered, the
//! agenda with its papers, who is coming and who came (counted by perspective), decisions and
//! actions recorded against the items, and calendars.
//!
//! These are the plain types pages, server functions and the JSON API share. Times arrive here
//! already written out in the board's time zone (`when`), so the browser build needs no time
//! zone data. The services are server-only.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::people::Perspective;

#[cfg(feature = "db")]
pub mod actions;
#[cfg(feature = "db")]
pub mod calendar;
#[cfg(feature = "db")]
pub mod service;
#[cfg(feature = "db")]
pub mod times;

/// An access arrangement a meeting offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "db", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Access {
    Bsl,
    Captions,
    HearingLoop,
    StepFree,
    Breaks,
    LargePrint,
    EasyRead,
}

impl Access {
    pub const ALL: [Access; 7] = [Self::Bsl, Self::Captions, Self::HearingLoop, Self::StepFree, Self::Breaks, Self::LargePrint, Self::EasyRead];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Bsl => "bsl",
            Self::Captions => "captions",
            Self::HearingLoop => "hearing_loop",
            Self::StepFree => "step_free",
            Self::Breaks => "breaks",
            Self::LargePrint => "large_print",
            Self::EasyRead => "easy_read",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.as_str() == raw.trim())
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Bsl => "British Sign Language (BSL) interpreter",
            Self::Captions => "Live captions for people joining online",
            Self::HearingLoop => "Hearing loop in the room",
            Self::StepFree => "Step-free access to the room",
            Self::Breaks => "Regular breaks",
            Self::LargePrint => "Papers in large print",
            Self::EasyRead => "Papers in easy read",
        }
    }

    /// Reads the stored list (`bsl,captions`), skipping anything no longer known.
    pub fn parse_list(raw: &str) -> Vec<Access> {
        Self::ALL.into_iter().filter(|a| raw.split(',').any(|k| k.trim() == a.as_str())).collect()
    }

    pub fn to_list(items: &[Access]) -> String {
        Self::ALL.into_iter().filter(|a| items.contains(a)).map(Access::as_str).collect::<Vec<_>>().join(",")
    }
}

/// What someone says about coming.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "db", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Reply {
    InPerson,
    Online,
    Apologies,
}

impl Reply {
    pub const ALL: [Reply; 3] = [Self::InPerson, Self::Online, Self::Apologies];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::InPerson => "in_person",
            Self::Online => "online",
            Self::Apologies => "apologies",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == raw.trim())
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::InPerson => "Coming in person",
            Self::Online => "Joining online",
            Self::Apologies => "Sent apologies (cannot come)",
        }
    }
}

/// Whether someone came, as the minute-taker records it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "db", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Attended {
    InPerson,
    Online,
    Absent,
}

impl Attended {
    pub const ALL: [Attended; 3] = [Self::InPerson, Self::Online, Self::Absent];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::InPerson => "in_person",
            Self::Online => "online",
            Self::Absent => "absent",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == raw.trim())
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::InPerson => "Came in person",
            Self::Online => "Joined online",
            Self::Absent => "Did not come",
        }
    }
}

/// How a decision was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "db", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum DecisionMethod {
    Consent,
    Vote,
}

impl DecisionMethod {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Consent => "consent",
            Self::Vote => "vote",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        match raw.trim() {
            "consent" => Some(Self::Consent),
            "vote" => Some(Self::Vote),
            _ => None,
        }
    }
}

/// Where an action stands, judged at the board's local day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "db", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ActionStatus {
    Open,
    Overdue,
    Done,
}

impl ActionStatus {
    pub const ALL: [ActionStatus; 3] = [Self::Open, Self::Overdue, Self::Done];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::Overdue => "overdue",
            Self::Done => "done",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == raw.trim())
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Open => "Open",
            Self::Overdue => "Overdue",
            Self::Done => "Done",
        }
    }

    /// The status of an action due on `due`, done or not, on the board's local day `today`.
    pub fn of(due: NaiveDate, done: bool, today: NaiveDate) -> Self {
        match (done, due < today) {
            (true, _) => Self::Done,
            (false, true) => Self::Overdue,
            (false, false) => Self::Open,
        }
    }

    /// The status in words, with the date: "Overdue: it was due on 3 March 2027 (2 days ago)".
    pub fn words(self, due: NaiveDate, today: NaiveDate, done_on: Option<NaiveDate>) -> String {
        let due_text = crate::dates::long_date(due);
        let days = (due - today).num_days();
        let plural = |n: i64| if n == 1 { "1 day".to_owned() } else { format!("{n} days") };
        match self {
            Self::Done => match done_on {
                Some(d) => format!("Done on {}", crate::dates::long_date(d)),
                None => "Done".to_owned(),
            },
            Self::Overdue => format!("Overdue: it was due on {due_text} ({} ago)", plural(-days)),
            Self::Open if days == 0 => format!("Open: due today, {due_text}"),
            Self::Open => format!("Open: due on {due_text} (in {})", plural(days)),
        }
    }
}

/// Someone named on a meeting page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "db", derive(utoipa::ToSchema))]
pub struct Named {
    pub id: Uuid,
    pub name: String,
}

/// A meeting in a list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "db", derive(utoipa::ToSchema))]
pub struct MeetingSummary {
    pub id: Uuid,
    pub space_id: Uuid,
    pub space_name: String,
    pub title: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    /// "Tuesday 12 January 2027, 10:00 to 12:00 (UK time)", in the board's time zone.
    pub when: String,
    pub place: Option<String>,
    /// Only for people in the space.
    pub join_link: Option<String>,
    /// True once the meeting has begun.
    pub started: bool,
    /// True once the meeting has ended.
    pub past: bool,
    pub link: String,
}

/// A paper on an agenda item: a document at the version it was sent at.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "db", derive(utoipa::ToSchema))]
pub struct Paper {
    pub id: Uuid,
    pub document_id: Uuid,
    pub title: String,
    pub revision_number: i32,
    /// The version as sent: `/documents/{id}/versions/{n}`.
    pub link: String,
    /// The easy-read version, where the document has one.
    pub easy_read_link: Option<String>,
    pub added_at: DateTime<Utc>,
    /// Added after the papers went out (or after the day they were due to).
    pub late: bool,
    /// "Added on 9 January 2027, after the papers went out on 5 January 2027."
    pub late_note: Option<String>,
    /// The document has been saved again since: its newest version number.
    pub newer_version: Option<i32>,
}

/// One agenda item with its papers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "db", derive(utoipa::ToSchema))]
pub struct AgendaItem {
    pub id: Uuid,
    pub position: i32,
    pub title: String,
    pub lead: Option<Named>,
    /// Time allowed, in minutes.
    pub minutes: Option<i32>,
    pub papers: Vec<Paper>,
}

/// One person's place at a meeting.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "db", derive(utoipa::ToSchema))]
pub struct Attendee {
    pub person_id: Uuid,
    pub name: String,
    pub perspective: Perspective,
    /// `None`: invited, not answered yet.
    pub reply: Option<Reply>,
    /// "Sam Lee, supporting Jordan Reid" when a supporter answered.
    pub replied_by: Option<String>,
    pub attended: Option<Attended>,
}

/// Who is invited, who is coming, and (after) who came, counted by perspective.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "db", derive(utoipa::ToSchema))]
pub struct AttendanceSummary {
    pub people: Vec<Attendee>,
    /// "5 invited: 2 coming in person, 1 joining online, 1 sent apologies, 1 not answered yet."
    pub replies: String,
    /// "Coming: 2 experts by experience and 1 council staff."
    pub coming_by_perspective: String,
    /// Once recorded: "Attended: 4 experts by experience and 3 council staff."
    pub attended_by_perspective: Option<String>,
    /// How many came, by perspective (for the co-production balance).
    pub attended_counts: Vec<(Perspective, u32)>,
}

/// A decision recorded against an item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "db", derive(utoipa::ToSchema))]
pub struct MeetingDecision {
    pub id: Uuid,
    pub item_id: Option<Uuid>,
    pub decision: String,
    pub method: DecisionMethod,
    pub votes_for: Option<i32>,
    pub votes_against: Option<i32>,
    pub abstentions: Option<i32>,
    /// "By consent", or "By a vote: 6 for, 1 against, 2 did not vote".
    pub how: String,
    /// The paper it is about.
    pub paper: Option<Named>,
    /// The paper's vision check when the decision was recorded.
    pub vision_summary: Option<String>,
    pub recorded_by: String,
    pub created_at: DateTime<Utc>,
}

/// An action in the tracker or on a meeting page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "db", derive(utoipa::ToSchema))]
pub struct ActionItem {
    pub id: Uuid,
    pub space_id: Uuid,
    pub space_name: String,
    pub what: String,
    pub owner: Named,
    pub due_on: NaiveDate,
    pub status: ActionStatus,
    /// "Overdue: it was due on 3 March 2027 (2 days ago)": never colour alone.
    pub status_words: String,
    pub progress: Option<String>,
    pub done_note: Option<String>,
    pub meeting: Option<Named>,
    pub item_title: Option<String>,
    pub link: String,
    /// May the reader update it (its owner, or the space's leads)?
    pub can_update: bool,
}

/// The minutes of a meeting, or of the one before: a document of the space.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "db", derive(utoipa::ToSchema))]
pub struct MinutesRef {
    pub document_id: Uuid,
    pub title: String,
    pub status: crate::documents::DocumentStatus,
    pub meeting_id: Uuid,
    pub meeting_title: String,
}

/// What the reader may do with a meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "db", derive(utoipa::ToSchema))]
pub struct MeetingAbilities {
    /// Change the meeting and its agenda, add papers, send them (the space's leads).
    pub organise: bool,
    /// Record who came, decisions and actions, and start the minutes (leads and the minute-taker).
    pub record: bool,
    /// Say whether one is coming.
    pub reply: bool,
}

/// A meeting's own page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "db", derive(utoipa::ToSchema))]
pub struct Meeting {
    #[serde(flatten)]
    pub summary: MeetingSummary,
    pub space_slug: String,
    pub space_is_group: bool,
    pub access: Vec<Access>,
    pub papers_days: i32,
    /// "Papers go out on Tuesday 5 January 2027." or "Papers went out on 5 January 2027."
    pub papers_text: String,
    pub papers_sent_at: Option<DateTime<Utc>>,
    pub minute_taker: Option<Named>,
    /// Goes up each time the time or place changes (the calendar's SEQUENCE).
    pub sequence: i32,
    pub items: Vec<AgendaItem>,
    /// Open actions from earlier meetings of the space, to go through first.
    pub matters_arising: Vec<ActionItem>,
    /// The minutes of the meeting before, to agree at this one.
    pub previous_minutes: Option<MinutesRef>,
    pub minutes: Option<MinutesRef>,
    pub attendance: AttendanceSummary,
    pub decisions: Vec<MeetingDecision>,
    pub actions: Vec<ActionItem>,
    /// Access needs people invited have told us about: only for the meeting's organisers.
    pub access_needs: Vec<(String, String)>,
    pub my_reply: Option<Reply>,
    pub can: MeetingAbilities,
    /// Documents of the space that can be added as papers (organisers only): id and title.
    pub documents: Vec<(Uuid, String)>,
    /// People who can lead an item, take minutes or own an action: members of the space.
    pub members: Vec<Named>,
    /// The local date and times, as the edit form shows them: `2027-01-12`, `10:00`, `12:00`.
    pub local_date: String,
    pub local_start: String,
    pub local_end: String,
}
