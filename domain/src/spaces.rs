//! Spaces: the board and its task-and-finish groups.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::people::{Member, PersonSummary};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "db", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SpaceKind {
    Board,
    Group,
}

impl SpaceKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Board => "board",
            Self::Group => "group",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        match raw {
            "board" => Some(Self::Board),
            "group" => Some(Self::Group),
            _ => None,
        }
    }

    /// What the co-chair role is called in this kind of space.
    pub fn lead_title(self) -> &'static str {
        match self {
            Self::Board => "Co-chair",
            Self::Group => "Convenor",
        }
    }
}

/// Where a task-and-finish group is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "db", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum GroupStatus {
    Active,
    Reporting,
    Finished,
}

impl GroupStatus {
    pub const ALL: [GroupStatus; 3] = [Self::Active, Self::Reporting, Self::Finished];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Active => "active",
            Self::Reporting => "reporting",
            Self::Finished => "finished",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == raw)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Active => "Active",
            Self::Reporting => "Reporting back",
            Self::Finished => "Finished",
        }
    }

    /// The one step a group can take from here: active groups report back, then finish.
    pub fn next(self) -> Option<GroupStatus> {
        match self {
            Self::Active => Some(Self::Reporting),
            Self::Reporting => Some(Self::Finished),
            Self::Finished => None,
        }
    }

    /// One plain sentence saying what the status means.
    pub fn explanation(self) -> &'static str {
        match self {
            Self::Active => "This group is meeting and doing its work.",
            Self::Reporting => "This group has finished its work and is telling the board what it found.",
            Self::Finished => "This group has reported to the board and has now ended.",
        }
    }
}

/// A space as it appears in lists.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "db", derive(utoipa::ToSchema))]
pub struct Space {
    pub id: Uuid,
    pub kind: SpaceKind,
    /// The readable part of the space's web address, such as `policy-group`.
    pub slug: String,
    pub name: String,
    /// The board's purpose, or a group's remit: what it is for.
    pub purpose: String,
    /// The board a group reports to; `null` for a board.
    pub parent_id: Option<Uuid>,
    /// Groups only.
    pub status: Option<GroupStatus>,
    pub start_date: Option<NaiveDate>,
    pub planned_end_date: Option<NaiveDate>,
    /// Documents here are agreed only when at least one expert by experience and one member of
    /// staff agree (the co-production check).
    pub require_coproduction: bool,
    /// Documents here are agreed only after they are checked against every vision statement.
    pub require_vision_check: bool,
    /// Documents here are published only with an up-to-date easy-read version.
    pub require_easy_read: bool,
    /// A board's time zone, such as `Europe/London`, in which its dates are given; `null` for a
    /// group (it uses its board's).
    #[serde(default)]
    pub time_zone: Option<String>,
    /// What a group found, as it reported back to the board (Markdown).
    #[serde(default)]
    pub report_summary: Option<String>,
    /// The day a group reported back to the board, in the board's time zone.
    #[serde(default)]
    pub reported_on: Option<NaiveDate>,
    /// The day a group finished, in the board's time zone.
    #[serde(default)]
    pub finished_on: Option<NaiveDate>,
}

impl Space {
    /// A finished group keeps its work as it was: readable, never changed.
    pub fn has_ended(&self) -> bool {
        self.status == Some(GroupStatus::Finished)
    }
}

/// The time zone a board uses until its co-chairs choose another.
pub const DEFAULT_TIME_ZONE: &str = "Europe/London";

/// What kind of step in a space's life an event records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "db", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    Started,
    Renamed,
    PurposeChanged,
    DatesChanged,
    TimeZoneChanged,
    ReportedBack,
    Finished,
}

impl EventKind {
    pub const ALL: [EventKind; 7] =
        [Self::Started, Self::Renamed, Self::PurposeChanged, Self::DatesChanged, Self::TimeZoneChanged, Self::ReportedBack, Self::Finished];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Started => "started",
            Self::Renamed => "renamed",
            Self::PurposeChanged => "purpose_changed",
            Self::DatesChanged => "dates_changed",
            Self::TimeZoneChanged => "time_zone_changed",
            Self::ReportedBack => "reported_back",
            Self::Finished => "finished",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == raw)
    }
}

/// One step in a board's or group's life, as its page shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "db", derive(utoipa::ToSchema))]
pub struct SpaceEvent {
    pub id: Uuid,
    pub kind: EventKind,
    /// Who took the step ("Sam Lee, supporting Alex Morgan" for people in the space; the person's
    /// name alone for anyone else). `null` when it was done from the command line.
    pub by: Option<String>,
    /// What happened, in words: "Planned end date moved from 31 March 2027 to 30 June 2027."
    pub detail: String,
    /// Why, where a reason was asked for (moving the planned end date).
    pub reason: Option<String>,
    pub at: chrono::DateTime<chrono::Utc>,
    /// The day it happened, in the board's time zone.
    pub on: NaiveDate,
}

/// How someone on the board takes part in one of its groups of their own accord.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "db", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Participation {
    /// A member: takes part, drafts and comments, and is counted.
    Member,
    /// A follower: sees the group's work and is listed as following, without being counted as a member.
    Follower,
}

impl Participation {
    pub fn parse(raw: &str) -> Option<Self> {
        match raw.trim() {
            "member" | "join" => Some(Self::Member),
            "follower" | "follow" | "observer" => Some(Self::Follower),
            _ => None,
        }
    }
}

/// One of a board's vision statements, against which all work is checked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "db", derive(utoipa::ToSchema))]
pub struct VisionStatement {
    pub id: Uuid,
    pub position: i32,
    /// The short name, such as "Open and honest".
    pub title: String,
    /// What the statement means in practice.
    pub body: String,
}

/// A new board's purpose until its co-chairs write their own.
pub const DEFAULT_BOARD_PURPOSE: &str =
    "We bring together people who use services, carers and council staff to design and decide together, as equals.";

/// Everything a space's page shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "db", derive(utoipa::ToSchema))]
pub struct SpaceDetail {
    pub space: Space,
    /// The board a group reports to.
    pub parent: Option<Space>,
    /// The vision statements of the board (a group shows its board's).
    pub vision: Vec<VisionStatement>,
    /// A board's task-and-finish groups; empty for a group.
    pub groups: Vec<Space>,
    /// Co-chairs of a board, convenors of a group.
    pub leads: Vec<PersonSummary>,
    /// Everyone in the space with their role and perspective, for people in the space. Anyone
    /// else gets only the co-chairs or convenors here (see `seen_from_outside`).
    pub members: Vec<Member>,
    /// How many people take part (co-chairs or convenors, and members), from each perspective:
    /// numbers, never names, for anyone.
    #[serde(default)]
    pub people: Vec<PerspectiveCount>,
    /// How many people follow (observe) the space without being counted as taking part.
    #[serde(default)]
    pub followers: usize,
}

/// How many people in a space bring one perspective.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "db", derive(utoipa::ToSchema))]
pub struct PerspectiveCount {
    pub perspective: crate::people::Perspective,
    pub people: usize,
}

impl SpaceDetail {
    /// Everyone taking part, counted.
    pub fn people_total(&self) -> usize {
        self.people.iter().map(|c| c.people).sum()
    }

    /// What someone outside the space (signed out too) sees. A person's perspective can say
    /// something private about them (that they receive care and support), so the list of named
    /// members with perspectives stays inside the space, as `permissions::Action::ViewSpace`
    /// says. The co-chairs or convenors speak for the space in public, so they stay named; everyone
    /// else is only counted.
    pub fn seen_from_outside(mut self) -> Self {
        self.members.retain(|m| m.role == crate::people::Role::CoChair);
        self
    }
}

/// Something worth knowing about a group right now, for the home page's "What is happening".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "db", derive(utoipa::ToSchema))]
pub struct Happening {
    pub group: Space,
    pub what: HappeningKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "db", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum HappeningKind {
    /// The group is reporting back to the board (since `on`, when known).
    Reporting { on: Option<NaiveDate> },
    /// The group finished within the last [`RECENT_DAYS`] days.
    RecentlyFinished { on: NaiveDate },
    /// The group plans to finish within [`ENDING_SOON_DAYS`] days.
    EndingSoon { days_left: i64 },
    /// The group started within the last [`RECENT_DAYS`] days.
    RecentlyStarted { days_ago: i64 },
}

pub const ENDING_SOON_DAYS: i64 = 60;
pub const RECENT_DAYS: i64 = 30;

/// What is happening in a board's groups on `today`: reporting first, then those ending soonest,
/// then those just started, then those that finished in the last few weeks. Groups that ended
/// longer ago are history, not news.
pub fn happenings(groups: &[Space], today: NaiveDate) -> Vec<Happening> {
    let mut found: Vec<(u8, i64, Happening)> = Vec::new();
    for group in groups {
        let what = match (group.status, group.start_date, group.planned_end_date) {
            (Some(GroupStatus::Reporting), _, _) => Some((0, 0, HappeningKind::Reporting { on: group.reported_on })),
            (Some(GroupStatus::Finished), _, _) => match group.finished_on {
                Some(on) if (0..=RECENT_DAYS).contains(&(today - on).num_days()) => {
                    Some((3, (today - on).num_days(), HappeningKind::RecentlyFinished { on }))
                }
                _ => None,
            },
            (Some(GroupStatus::Active), _, Some(end)) if (0..=ENDING_SOON_DAYS).contains(&(end - today).num_days()) => {
                let days_left = (end - today).num_days();
                Some((1, days_left, HappeningKind::EndingSoon { days_left }))
            }
            (Some(GroupStatus::Active), Some(start), _) if (0..=RECENT_DAYS).contains(&(today - start).num_days()) => {
                let days_ago = (today - start).num_days();
                Some((2, days_ago, HappeningKind::RecentlyStarted { days_ago }))
            }
            _ => None,
        };
        if let Some((rank, days, what)) = what {
            found.push((rank, days, Happening { group: group.clone(), what }));
        }
    }
    found.sort_by_key(|(rank, days, _)| (*rank, *days));
    found.into_iter().map(|(_, _, h)| h).collect()
}

/// What the home page shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Home {
    /// `None` on a fresh install, before any board is set up.
    pub board: Option<SpaceDetail>,
    pub happening: Vec<Happening>,
    /// Whether the person looking may invite people into the board.
    pub can_invite: bool,
    /// Whether the person looking may change the board and its vision statements.
    pub can_edit: bool,
    /// Whether the person looking may start a task-and-finish group.
    #[serde(default)]
    pub can_start_group: bool,
    /// Words people asked about that wait for an explanation; counted for people who take part.
    pub waiting_words: usize,
    /// The board's purpose and vision statements as safe HTML for the home page, glossary words
    /// linked (at first use) to `explained`.
    pub purpose_html: String,
    pub home_vision_html: Vec<String>,
    pub explained: Vec<crate::glossary::Term>,
    /// The vision statements alone, as the vision page shows them, with their own explanations.
    pub vision_html: Vec<String>,
    pub vision_explained: Vec<crate::glossary::Term>,
}

/// Turns a name into the readable part of a web address: "Recruitment & retention" becomes
/// "recruitment-retention".
pub fn slugify(name: &str) -> String {
    let mut slug = String::with_capacity(name.len());
    for ch in name.chars().flat_map(char::to_lowercase) {
        if ch.is_ascii_alphanumeric() {
            slug.push(ch);
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-');
    let slug: String = slug.chars().take(60).collect();
    let slug = slug.trim_end_matches('-').to_owned();
    if slug.is_empty() { "space".to_owned() } else { slug }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_readable() {
        assert_eq!(slugify("Communications, paperwork, finance and audit"), "communications-paperwork-finance-and-audit");
        assert_eq!(slugify("  Recruitment & retention!  "), "recruitment-retention");
        assert_eq!(slugify("££"), "space");
    }

    fn group(name: &str, status: GroupStatus, start: (i32, u32, u32), end: (i32, u32, u32)) -> Space {
        Space {
            id: Uuid::nil(),
            kind: SpaceKind::Group,
            slug: slugify(name),
            name: name.into(),
            purpose: "A remit.".into(),
            parent_id: None,
            require_coproduction: true,
            require_vision_check: false,
            require_easy_read: false,
            time_zone: None,
            report_summary: None,
            reported_on: None,
            finished_on: None,
            status: Some(status),
            start_date: NaiveDate::from_ymd_opt(start.0, start.1, start.2),
            planned_end_date: NaiveDate::from_ymd_opt(end.0, end.1, end.2),
        }
    }

    #[test]
    fn happenings_put_reporting_first_then_soonest_end_then_new() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let groups = vec![
            group("Quiet", GroupStatus::Active, (2026, 1, 1), (2027, 12, 1)),
            group("Just started", GroupStatus::Active, (2026, 11, 13), (2027, 6, 1)),
            group("Ending later", GroupStatus::Active, (2026, 1, 1), (2027, 1, 20)),
            group("Ending soon", GroupStatus::Active, (2026, 1, 1), (2026, 12, 3)),
            group("Reporting", GroupStatus::Reporting, (2026, 1, 1), (2026, 12, 1)),
            group("Done", GroupStatus::Finished, (2026, 1, 1), (2026, 11, 30)),
            group("Overdue", GroupStatus::Active, (2026, 1, 1), (2026, 11, 1)),
        ];
        let got: Vec<(String, HappeningKind)> =
            happenings(&groups, today).into_iter().map(|h| (h.group.name, h.what)).collect();
        assert_eq!(
            got,
            vec![
                ("Reporting".to_owned(), HappeningKind::Reporting { on: None }),
                ("Ending soon".to_owned(), HappeningKind::EndingSoon { days_left: 10 }),
                ("Ending later".to_owned(), HappeningKind::EndingSoon { days_left: 58 }),
                ("Just started".to_owned(), HappeningKind::RecentlyStarted { days_ago: 10 }),
            ]
        );
    }

    #[test]
    fn statuses_round_trip() {
        for status in GroupStatus::ALL {
            assert_eq!(GroupStatus::parse(status.as_str()), Some(status));
        }
        assert_eq!(GroupStatus::parse("paused"), None);
    }
}

#[cfg(feature = "db")]
pub mod service;
#[cfg(feature = "db")]
pub mod life;
