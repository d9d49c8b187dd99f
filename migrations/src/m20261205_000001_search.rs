//! Search: one row per thing that can be found (`search_entries`), written by the services in
//! the same transaction as the change it reflects, and a full-text index over it that the
//! database keeps in step by itself: on SQLite an FTS5 table fed by triggers, on PostgreSQL a
//! generated `tsvector` column with a GIN index. The rows are the same on both, so the code that
//! writes them is written once; only the query that reads them differs.
//!
//! A row says who may find it: `public` rows (published documents, published You Said We Did,
//! glossary words) are for everyone; the rest for those who can read `space_id`. A public row
//! with a members' `twin` (a published document's published text beside its draft) is left out
//! for those who can read the draft, so nobody sees the same document twice.

use sea_orm_migration::{prelude::*, schema::*, sea_orm::DbBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum SearchEntries {
    Table,
    Id,
    Key,
    Kind,
    ItemId,
    SpaceId,
    Public,
    Twin,
    Url,
    Title,
    Body,
    UpdatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(SearchEntries::Table)
                    // A whole number, because FTS5 keys its rows by one.
                    .col(big_integer(SearchEntries::Id).auto_increment().primary_key())
                    .col(string_len(SearchEntries::Key, 80).unique_key())
                    .col(string_len(SearchEntries::Kind, 20))
                    .col(uuid(SearchEntries::ItemId))
                    .col(uuid_null(SearchEntries::SpaceId))
                    .col(boolean(SearchEntries::Public).default(false))
                    .col(boolean(SearchEntries::Twin).default(false))
                    .col(string_len(SearchEntries::Url, 300))
                    .col(text(SearchEntries::Title))
                    .col(text(SearchEntries::Body))
                    .col(timestamp_with_time_zone(SearchEntries::UpdatedAt))
                    .to_owned(),
            )
            .await?;
        manager.create_index(Index::create().name("idx_search_entries_space").table(SearchEntries::Table).col(SearchEntries::SpaceId).to_owned()).await?;
        let db = manager.get_connection();
        match manager.get_database_backend() {
            DbBackend::Sqlite => {
                // External content: the words live once, in search_entries; FTS5 keeps only its index.
                db.execute_unprepared(
                    "CREATE VIRTUAL TABLE search_fts USING fts5(title, body, content='search_entries', content_rowid='id', tokenize='porter unicode61 remove_diacritics 2')",
                )
                .await?;
                db.execute_unprepared(
                    "CREATE TRIGGER search_entries_ai AFTER INSERT ON search_entries BEGIN \
                       INSERT INTO search_fts(rowid, title, body) VALUES (new.id, new.title, new.body); END",
                )
                .await?;
                db.execute_unprepared(
                    "CREATE TRIGGER search_entries_ad AFTER DELETE ON search_entries BEGIN \
                       INSERT INTO search_fts(search_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body); END",
                )
                .await?;
                db.execute_unprepared(
                    "CREATE TRIGGER search_entries_au AFTER UPDATE ON search_entries BEGIN \
                       INSERT INTO search_fts(search_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body); \
                       INSERT INTO search_fts(rowid, title, body) VALUES (new.id, new.title, new.body); END",
                )
                .await?;
            }
            _ => {
                db.execute_unprepared(
                    "ALTER TABLE search_entries ADD COLUMN words tsvector GENERATED ALWAYS AS \
                       (setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', body), 'B')) STORED",
                )
                .await?;
                db.execute_unprepared("CREATE INDEX idx_search_entries_words ON search_entries USING GIN (words)").await?;
            }
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() == DbBackend::Sqlite {
            manager.get_connection().execute_unprepared("DROP TABLE search_fts").await?;
        }
        manager.drop_table(Table::drop().table(SearchEntries::Table).to_owned()).await
    }
}
