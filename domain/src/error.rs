//! The domain's one error type. Every variant carries a sentence a person can act on; the
//! database's own words are logged, never shown.

use serde::{Deserialize, Serialize};

/// What went wrong, in terms a board member or an API client can act on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum DomainError {
    /// The thing asked for does not exist (or is not visible to the asker).
    #[error("{0}")]
    NotFound(String),
    /// Input that breaks a rule; `field` names the form field or JSON field.
    #[error("{message}")]
    Invalid { field: String, message: String },
    /// The person is not signed in, or their role does not allow this.
    #[error("{0}")]
    Forbidden(String),
    /// Too many attempts in a short time; the message says how long to wait.
    #[error("{0}")]
    TooManyAttempts(String),
    /// The request clashes with what is already stored.
    #[error("{0}")]
    Conflict(String),
    /// The database could not be reached or failed; details are in the server log.
    #[error("Something went wrong on our side. Your work has not been lost; please try again in a minute.")]
    Internal,
}

impl DomainError {
    pub fn invalid(field: &str, message: impl Into<String>) -> Self {
        Self::Invalid { field: field.to_owned(), message: message.into() }
    }

    /// A stable snake_case code for the JSON API's error body.
    pub fn code(&self) -> &'static str {
        match self {
            Self::NotFound(_) => "not_found",
            Self::Invalid { .. } => "invalid_input",
            Self::Conflict(_) => "conflict",
            Self::Forbidden(_) => "forbidden",
            Self::TooManyAttempts(_) => "too_many_attempts",
            Self::Internal => "internal_error",
        }
    }
}

#[cfg(feature = "db")]
impl From<sea_orm::DbErr> for DomainError {
    fn from(err: sea_orm::DbErr) -> Self {
        // The cause goes to the log for whoever runs the server; people see a kind sentence.
        tracing::error!(error = %err, "database error");
        Self::Internal
    }
}

pub type DomainResult<T> = Result<T, DomainError>;
