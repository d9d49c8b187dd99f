//! The board's glossary: complex words with short plain explanations, explained wherever they
//! appear, and the words people asked about ("I don't understand a word here").

#[cfg(feature = "db")]
pub mod service;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "db", derive(utoipa::ToSchema))]
pub struct Term {
    pub id: Uuid,
    pub term: String,
    /// The anchor on the glossary page and in "Words explained": `/glossary#direct-payment`.
    pub slug: String,
    pub explanation: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "db", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RequestStatus {
    Open,
    Answered,
}

/// A word someone asked about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "db", derive(utoipa::ToSchema))]
pub struct WordRequest {
    pub id: Uuid,
    pub word: String,
    pub page: Option<String>,
    pub times_asked: i32,
    pub status: RequestStatus,
    pub created_at: chrono::DateTime<chrono::Utc>,
}

/// What happened when someone asked about a word.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "db", derive(utoipa::ToSchema))]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum AskOutcome {
    /// The word is already explained: here is the explanation.
    Explained { term: Term },
    /// The word is queued for members to explain.
    Queued { request: WordRequest },
}
