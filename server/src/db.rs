//! Connecting to SQLite or PostgreSQL and applying migrations.

use std::time::Duration;

use anyhow::Context;
use migrations::{Migrator, MigratorTrait};
use sea_orm::{ConnectOptions, Database, DatabaseConnection};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn of_url(url: &str) -> Self {
        if url.starts_with("sqlite:") { Self::Sqlite } else { Self::Postgres }
    }

    pub fn name(self) -> &'static str {
        match self {
            Self::Sqlite => "sqlite",
            Self::Postgres => "postgres",
        }
    }
}

/// Connects, creating the SQLite file and its folder when needed.
pub async fn connect(url: &str) -> anyhow::Result<DatabaseConnection> {
    connect_with(url, None).await
}

/// One connection, and only one: for changing the schema while the app runs (tests that undo a
/// migration and do it again). sea-orm-migration sends each statement of a SQLite migration on
/// its own, so across a pool one could land on a connection still reading the schema as it was.
pub async fn connect_single(url: &str) -> anyhow::Result<DatabaseConnection> {
    connect_with(url, Some(1)).await
}

async fn connect_with(url: &str, max: Option<u32>) -> anyhow::Result<DatabaseConnection> {
    let backend = Backend::of_url(url);
    if backend == Backend::Sqlite {
        if let Some(path) = sqlite_path(url) {
            if let Some(dir) = std::path::Path::new(&path).parent().filter(|d| !d.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir).with_context(|| format!("could not create the data folder {}", dir.display()))?;
            }
        }
    }
    let mut options = ConnectOptions::new(url.to_owned());
    options
        .sqlx_logging(false)
        .connect_timeout(Duration::from_secs(10))
        .acquire_timeout(Duration::from_secs(10))
        .max_connections(max.unwrap_or(match backend {
            Backend::Sqlite => 8,
            Backend::Postgres => 16,
        }));
    // On every pooled connection: write-ahead logging lets readers carry on while someone saves;
    // `synchronous=NORMAL` is the setting SQLite recommends with WAL (the file cannot be
    // corrupted; a power cut may lose the last moment's commits); a writer waits up to 5 s for
    // another rather than failing; foreign keys are enforced.
    options.map_sqlx_sqlite_opts(|o| {
        use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
        o.journal_mode(SqliteJournalMode::Wal).synchronous(SqliteSynchronous::Normal).busy_timeout(Duration::from_secs(5)).foreign_keys(true)
    });
    // SQLite rolls a transaction back by itself after some errors (a full disk, for one); the
    // rollback sqlx then sends fails, and sqlx goes on believing the connection is inside a
    // transaction. Reused, such a connection refused every later transaction, and readers saw
    // what they wrote vanish (found by the full-disk test). A connection that comes back with a
    // transaction still counted once its rollback has run is closed instead of reused. A
    // connection that comes back from plain work has no transaction counted, and costs nothing.
    options.map_sqlx_sqlite_pool_opts(|o| {
        o.after_release(|conn, _| {
            Box::pin(async move {
                use sea_orm::sqlx::Connection;
                if !conn.is_in_transaction() {
                    return Ok(true);
                }
                // The handle is granted after the commands queued before it: the rollback.
                drop(conn.lock_handle().await?);
                Ok(!conn.is_in_transaction())
            })
        })
    });
    let db = Database::connect(options)
        .await
        .with_context(|| format!("could not connect to the database at {}", crate::config::redacted(url)))?;
    Ok(db)
}

/// Applies every migration not yet applied.
pub async fn migrate(db: &DatabaseConnection) -> anyhow::Result<()> {
    Migrator::up(db, None).await.context("could not apply the database migrations")?;
    // A database from before search: its documents, comments and words are indexed once.
    if let Some(n) = domain::search::index::build_if_empty(db).await.map_err(|e| anyhow::anyhow!("could not build the search index: {e}"))? {
        tracing::info!(indexed = n, "built the search index for what was already here");
    }
    Ok(())
}

fn sqlite_path(url: &str) -> Option<String> {
    let rest = url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next()?;
    (!path.is_empty() && path != ":memory:").then(|| path.to_owned())
}

#[cfg(test)]
mod tests {
    #[test]
    fn finds_the_sqlite_file() {
        assert_eq!(super::sqlite_path("sqlite://data/coboard.db?mode=rwc").as_deref(), Some("data/coboard.db"));
        assert_eq!(super::sqlite_path("sqlite::memory:"), None);
    }
}
