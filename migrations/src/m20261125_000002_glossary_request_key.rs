//! A word waiting for an explanation is stored once per board, found by an index instead of by
//! reading every open question. `open_key` is the word as a slug while the question is open, and
//! empty (NULL) once answered, so a unique index keeps one open question per word (both databases
//! treat NULLs as distinct, so answered questions never clash).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum GlossaryRequests {
    Table,
    Id,
    Word,
    Status,
    SpaceId,
    OpenKey,
}

/// The key as `domain::spaces::slugify` made it when this migration was written. Kept here as it
/// was: a migration is history, and must give the same answer whatever the domain does later.
fn key(word: &str) -> String {
    let mut slug = String::with_capacity(word.len());
    for ch in word.chars().flat_map(char::to_lowercase) {
        if ch.is_ascii_alphanumeric() {
            slug.push(ch);
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    let slug: String = slug.trim_end_matches('-').chars().take(60).collect();
    let slug = slug.trim_end_matches('-').to_owned();
    if slug.is_empty() { "space".to_owned() } else { slug }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(Table::alter().table(GlossaryRequests::Table).add_column(string_len_null(GlossaryRequests::OpenKey, 60)).to_owned())
            .await?;
        // Open questions get their key. Asking already kept one open question per word.
        let db = manager.get_connection();
        let select = Query::select()
            .columns([GlossaryRequests::Id, GlossaryRequests::Word])
            .from(GlossaryRequests::Table)
            .and_where(Expr::col(GlossaryRequests::Status).eq("open"))
            .to_owned();
        let mut taken = std::collections::HashSet::new();
        for row in db.query_all(&select).await? {
            let id: sea_orm_migration::sea_orm::prelude::Uuid = row.try_get_by_index(0)?;
            let word: String = row.try_get_by_index(1)?;
            let key = key(&word);
            if !taken.insert(key.clone()) {
                continue;
            }
            let update = Query::update().table(GlossaryRequests::Table).value(GlossaryRequests::OpenKey, key).and_where(Expr::col(GlossaryRequests::Id).eq(id)).to_owned();
            db.execute(&update).await?;
        }
        manager
            .create_index(
                Index::create()
                    .name("idx_glossary_requests_open_key")
                    .table(GlossaryRequests::Table)
                    .col(GlossaryRequests::SpaceId)
                    .col(GlossaryRequests::OpenKey)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_index(Index::drop().name("idx_glossary_requests_open_key").table(GlossaryRequests::Table).to_owned()).await?;
        manager.alter_table(Table::alter().table(GlossaryRequests::Table).drop_column(GlossaryRequests::OpenKey).to_owned()).await
    }
}
