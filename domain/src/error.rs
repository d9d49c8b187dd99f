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
    /// The database cannot be reached, is busy, or cannot take writes just now (a stopped
    /// server, a full disk, a read-only copy). Nothing was changed; the sentence says what to do.
    /// Shown as 503, so people and programs know to try again rather than that they did wrong.
    #[error("{0}")]
    Unavailable(String),
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
            Self::Unavailable(_) => "database_unavailable",
        }
    }
}

/// Why the database could not do what was asked, when the cause is the database's state and not
/// the request: each needs a different sentence, and all of them are worth trying again later.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outage {
    /// No connection could be made or kept (the server is stopped, restarting or unreachable).
    Unreachable,
    /// Another writer holds the database longer than we wait (SQLite busy or locked).
    Busy,
    /// The disk is full or the database only allows reading (a full disk, a read-only file or
    /// mount, a PostgreSQL standby or a database set read-only).
    CannotWrite,
}

impl Outage {
    pub fn sentence(self) -> &'static str {
        match self {
            Self::Unreachable => "We cannot reach Coboard's database just now. Please try again in a minute.",
            Self::Busy => "Coboard is busy saving other work just now, so this was not saved. Please try again in a moment.",
            Self::CannotWrite => "Coboard cannot save anything just now: the place it keeps its data is full or only allows reading. Nothing was changed. Please tell whoever looks after Coboard; reading still works.",
        }
    }
}

/// Sorts a database error by cause: `Some` when the database itself is unavailable (see
/// [`Outage`]), `None` for anything else (a bug, a broken constraint), which stays an internal
/// error.
#[cfg(feature = "db")]
pub fn outage_of(err: &sea_orm::DbErr) -> Option<Outage> {
    use sea_orm::{DbErr, RuntimeErr, SqlxError};
    match err {
        DbErr::ConnectionAcquire(_) => Some(Outage::Unreachable),
        DbErr::Conn(RuntimeErr::SqlxError(e)) | DbErr::Exec(RuntimeErr::SqlxError(e)) | DbErr::Query(RuntimeErr::SqlxError(e)) => match &**e {
            SqlxError::Io(_) | SqlxError::PoolTimedOut | SqlxError::PoolClosed | SqlxError::WorkerCrashed | SqlxError::Tls(_) => Some(Outage::Unreachable),
            // PostgreSQL's codes can be all digits too ("25006"): ask which database said it.
            SqlxError::Database(db) => {
                let sqlite = db.try_downcast_ref::<sea_orm::SqlxSqliteError>().is_some();
                db.code().and_then(|code| if sqlite { outage_of_sqlite_code(&code) } else { outage_of_postgres_code(&code) })
            }
            _ => matches!(err, DbErr::Conn(_)).then_some(Outage::Unreachable),
        },
        DbErr::Conn(_) => Some(Outage::Unreachable),
        _ => None,
    }
}

/// SQLite's extended result codes (a number; the low byte is the primary code) that mean the
/// database, not the request, is at fault.
#[cfg(feature = "db")]
fn outage_of_sqlite_code(code: &str) -> Option<Outage> {
    let extended = code.parse::<i32>().ok()?;
    match extended & 0xff {
        // SQLITE_BUSY, SQLITE_LOCKED
        5 | 6 => Some(Outage::Busy),
        // SQLITE_READONLY, SQLITE_FULL, SQLITE_CANTOPEN
        8 | 13 | 14 => Some(Outage::CannotWrite),
        // SQLITE_IOERR_WRITE and SQLITE_IOERR_FSYNC (a write the disk refused); other I/O
        // errors may be reads, and stay internal errors
        10 if extended == 778 || extended == 1034 => Some(Outage::CannotWrite),
        _ => None,
    }
}

/// PostgreSQL's SQLSTATE codes that mean the database, not the request, is at fault.
#[cfg(feature = "db")]
fn outage_of_postgres_code(code: &str) -> Option<Outage> {
    match code {
        // read_only_sql_transaction: a standby, or default_transaction_read_only
        "25006" => Some(Outage::CannotWrite),
        // disk full; too many connections
        "53100" => Some(Outage::CannotWrite),
        "53300" => Some(Outage::Busy),
        // the server is shutting down, crashed, or not accepting connections yet
        c if c.starts_with("08") || c.starts_with("57P") => Some(Outage::Unreachable),
        // deadlock or serialization failure under load: worth trying again
        "40001" | "40P01" | "55P03" => Some(Outage::Busy),
        _ => None,
    }
}

/// For bookkeeping writes made while reading (when a session or token was last used): a
/// database that cannot take writes just now must not stop people reading, so that failure is
/// logged and passed over. Any other failure is returned.
#[cfg(feature = "db")]
pub fn unless_cannot_write<T>(result: Result<T, sea_orm::DbErr>) -> DomainResult<()> {
    match result {
        Ok(_) => Ok(()),
        Err(err) if matches!(outage_of(&err), Some(Outage::CannotWrite | Outage::Busy)) => {
            tracing::warn!(error = %err, "could not note when this was last used: the database cannot take writes just now");
            Ok(())
        }
        Err(err) => Err(err.into()),
    }
}

#[cfg(feature = "db")]
impl From<sea_orm::DbErr> for DomainError {
    fn from(err: sea_orm::DbErr) -> Self {
        // The cause goes to the log for whoever runs the server; people see a kind sentence.
        match outage_of(&err) {
            Some(outage) => {
                tracing::warn!(error = %err, ?outage, "the database is unavailable");
                Self::Unavailable(outage.sentence().to_owned())
            }
            None => {
                tracing::error!(error = %err, "database error");
                Self::Internal
            }
        }
    }
}

pub type DomainResult<T> = Result<T, DomainError>;

#[cfg(all(test, feature = "db"))]
mod tests {
    use super::{Outage, outage_of_postgres_code, outage_of_sqlite_code};

    #[test]
    fn sorts_database_codes_by_cause() {
        // SQLite: busy (and its busy-snapshot variant), full, read-only, a refused write.
        assert_eq!(outage_of_sqlite_code("5"), Some(Outage::Busy));
        assert_eq!(outage_of_sqlite_code("517"), Some(Outage::Busy));
        assert_eq!(outage_of_sqlite_code("13"), Some(Outage::CannotWrite));
        assert_eq!(outage_of_sqlite_code("8"), Some(Outage::CannotWrite));
        assert_eq!(outage_of_sqlite_code("778"), Some(Outage::CannotWrite));
        // A failed read and a broken constraint are not the database being unavailable.
        assert_eq!(outage_of_sqlite_code("266"), None);
        assert_eq!(outage_of_sqlite_code("2067"), None);
        // PostgreSQL: read-only, disk full, shutting down, a broken connection; a duplicate key is not.
        assert_eq!(outage_of_postgres_code("25006"), Some(Outage::CannotWrite));
        assert_eq!(outage_of_postgres_code("53100"), Some(Outage::CannotWrite));
        assert_eq!(outage_of_postgres_code("57P01"), Some(Outage::Unreachable));
        assert_eq!(outage_of_postgres_code("08006"), Some(Outage::Unreachable));
        assert_eq!(outage_of_postgres_code("23505"), None);
        // The same digits mean different things to each: PostgreSQL's read-only is no SQLite code.
        assert_eq!(outage_of_sqlite_code("25006"), None);
    }
}
