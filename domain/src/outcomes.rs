//! Outcomes: what the board's work achieved, told as a short story for the public, with links
//! to the policies, decisions and You Said We Did items behind it. The board's members draft
//! them; co-chairs publish them (a role, never a perspective, decides).

use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[cfg(feature = "db")]
pub mod service;

/// What an outcome links to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "db", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum LinkKind {
    Document,
    Decision,
    Feedback,
}

impl LinkKind {
    pub const ALL: [LinkKind; 3] = [Self::Document, Self::Decision, Self::Feedback];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Document => "document",
            Self::Decision => "decision",
            Self::Feedback => "feedback",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == raw)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Document => "Policy or paperwork",
            Self::Decision => "Decision",
            Self::Feedback => "You Said We Did",
        }
    }
}

/// One thing behind an outcome, as the reader may see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "db", derive(utoipa::ToSchema))]
pub struct OutcomeLink {
    pub kind: LinkKind,
    pub id: Uuid,
    pub label: String,
    /// Where to read it, when the reader may (a published document to everyone, a draft only to
    /// the people of its space).
    pub url: Option<String>,
}

/// One outcome.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "db", derive(utoipa::ToSchema))]
pub struct Outcome {
    pub id: Uuid,
    pub title: String,
    /// The story, in Markdown.
    pub story: String,
    /// The story as safe HTML.
    pub story_html: String,
    pub published_at: Option<chrono::DateTime<chrono::Utc>>,
    pub updated_at: chrono::DateTime<chrono::Utc>,
    pub links: Vec<OutcomeLink>,
    pub can_edit: bool,
    pub can_publish: bool,
}

/// An outcome in a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "db", derive(utoipa::ToSchema))]
pub struct OutcomeSummary {
    pub id: Uuid,
    pub title: String,
    /// The story's first words.
    pub summary: String,
    pub published_at: Option<chrono::DateTime<chrono::Utc>>,
    pub updated_at: chrono::DateTime<chrono::Utc>,
}

/// The outcomes page: published ones for everyone, drafts too for the board's members.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "db", derive(utoipa::ToSchema))]
pub struct Outcomes {
    pub board_name: String,
    pub items: Vec<OutcomeSummary>,
    pub can_write: bool,
}

/// Something the board could link an outcome to, for the form's checkboxes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkChoice {
    /// `kind:id`, as the form sends it.
    pub key: String,
    pub kind: LinkKind,
    pub label: String,
}

/// The longest story, in characters.
pub const MAX_STORY: usize = 20_000;
/// At most this many links on one outcome.
pub const MAX_LINKS: usize = 30;
