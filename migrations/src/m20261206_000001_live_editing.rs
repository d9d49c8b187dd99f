//! Live editing: several people writing one draft at once. Each document being written live has
//! one `live_documents` row (inserting it is what starts a session, so two instances can never
//! both start one and double the text) and the CRDT updates people sent, in `live_updates`, kept
//! as they arrive so a restart loses nothing received. Revisions stay the record: the live text
//! is saved as an ordinary revision, and `written_with` on it credits everyone who wrote it.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Documents {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Revisions {
    Table,
    WrittenWith,
}

#[derive(DeriveIden)]
enum LiveDocuments {
    Table,
    DocumentId,
    /// The revision the live text last matched (at the start, or at the last save).
    BaseRevisionId,
    /// The newest update already saved in a revision (0 when none).
    SavedThrough,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum LiveUpdates {
    Table,
    Id,
    DocumentId,
    PersonId,
    /// `typed` (someone's editor), `start` (the text it began from), `form` (a form save merged
    /// in) or `kept` (earlier updates packed into one).
    Kind,
    Data,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(LiveDocuments::Table)
                    .col(uuid(LiveDocuments::DocumentId).primary_key())
                    .col(uuid(LiveDocuments::BaseRevisionId))
                    .col(big_integer(LiveDocuments::SavedThrough).default(0))
                    .col(timestamp_with_time_zone(LiveDocuments::CreatedAt))
                    .col(timestamp_with_time_zone(LiveDocuments::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_live_documents_document")
                            .from(LiveDocuments::Table, LiveDocuments::DocumentId)
                            .to(Documents::Table, Documents::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(LiveUpdates::Table)
                    .col(big_integer(LiveUpdates::Id).auto_increment().primary_key())
                    .col(uuid(LiveUpdates::DocumentId))
                    .col(uuid_null(LiveUpdates::PersonId))
                    .col(string_len(LiveUpdates::Kind, 16))
                    .col(blob(LiveUpdates::Data))
                    .col(timestamp_with_time_zone(LiveUpdates::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_live_updates_document")
                            .from(LiveUpdates::Table, LiveUpdates::DocumentId)
                            .to(LiveDocuments::Table, LiveDocuments::DocumentId)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(Index::create().name("ix_live_updates_document").table(LiveUpdates::Table).col(LiveUpdates::DocumentId).col(LiveUpdates::Id).to_owned())
            .await?;
        manager.alter_table(Table::alter().table(Revisions::Table).add_column(text_null(Revisions::WrittenWith)).to_owned()).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.alter_table(Table::alter().table(Revisions::Table).drop_column(Revisions::WrittenWith).to_owned()).await?;
        manager.drop_table(Table::drop().table(LiveUpdates::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(LiveDocuments::Table).to_owned()).await?;
        Ok(())
    }
}
