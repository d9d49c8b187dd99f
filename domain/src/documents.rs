//! Shared drafts: documents in a space, every save kept as a revision, edits made at the same
//! time merged so nobody's words are lost, and versions compared word by word.

pub mod merge;
#[cfg(feature = "db")]
pub mod render;
#[cfg(feature = "db")]
pub mod service;

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
    Other,
}

impl DocumentKind {
    pub const ALL: [DocumentKind; 6] = [Self::Policy, Self::Paperwork, Self::Form, Self::Report, Self::EasyRead, Self::Other];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Policy => "policy",
            Self::Paperwork => "paperwork",
            Self::Form => "form",
            Self::Report => "report",
            Self::EasyRead => "easy_read",
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
}

/// One saved version, as the history lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "db", derive(utoipa::ToSchema))]
pub struct RevisionSummary {
    pub id: Uuid,
    pub number: i32,
    /// "Priya Shah", or "Sam Lee, supporting Jordan Reid".
    pub author: String,
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
    pub revision: RevisionSummary,
    pub body_markdown: String,
    /// Rendered from the Markdown and cleaned: no script or unsafe link survives.
    pub body_html: String,
}

/// A document in a list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "db", derive(utoipa::ToSchema))]
pub struct DocumentSummary {
    pub id: Uuid,
    pub title: String,
    pub kind: DocumentKind,
    pub status: DocumentStatus,
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
}
