//! The error type of the server-function boundary, shown to people as a plain sentence.

use domain::DomainError;
use leptos::server_fn::{codec::JsonEncoding, error::{FromServerFnError, ServerFnErrorErr}};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum AppError {
    #[error("{0}")]
    NotFound(String),
    #[error("{message}")]
    Invalid { field: String, message: String },
    #[error("{0}")]
    Conflict(String),
    #[error("{0}")]
    Forbidden(String),
    #[error("{0}")]
    TooManyAttempts(String),
    #[error("Something went wrong on our side. Your work has not been lost; please try again in a minute.")]
    Internal,
    /// The database is unavailable just now (503); the sentence says what to do.
    #[error("{0}")]
    Unavailable(String),
    /// The request or response could not travel (a dropped connection, for example).
    #[error("We could not reach Coboard. Please check your connection and try again.")]
    Transport(String),
}

impl From<DomainError> for AppError {
    fn from(err: DomainError) -> Self {
        match err {
            DomainError::NotFound(m) => Self::NotFound(m),
            DomainError::Invalid { field, message } => Self::Invalid { field, message },
            DomainError::Conflict(m) => Self::Conflict(m),
            DomainError::Forbidden(m) => Self::Forbidden(m),
            DomainError::TooManyAttempts(m) => Self::TooManyAttempts(m),
            DomainError::Internal => Self::Internal,
            DomainError::Unavailable(m) => Self::Unavailable(m),
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        Self::Transport(value.to_string())
    }
}
