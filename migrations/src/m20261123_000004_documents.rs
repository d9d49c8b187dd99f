//! Shared drafts: documents in a space, and every saved version of each (revisions).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Documents {
    Table,
    Id,
    SpaceId,
    Title,
    Kind,
    Status,
    Tags,
    CurrentRevisionId,
    PublishedRevisionId,
    CreatedBy,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Revisions {
    Table,
    Id,
    DocumentId,
    Number,
    Body,
    Note,
    AuthorId,
    SupporterId,
    Merged,
    Clashes,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Spaces {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum People {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Documents::Table)
                    .col(uuid(Documents::Id).primary_key())
                    .col(uuid(Documents::SpaceId))
                    .col(string_len(Documents::Title, 200))
                    .col(string_len(Documents::Kind, 20))
                    .col(string_len(Documents::Status, 20))
                    .col(text_null(Documents::Tags))
                    // No foreign key: a document and its newest revision refer to each other.
                    .col(uuid(Documents::CurrentRevisionId))
                    .col(uuid_null(Documents::PublishedRevisionId))
                    .col(uuid(Documents::CreatedBy))
                    .col(timestamp_with_time_zone(Documents::CreatedAt))
                    .col(timestamp_with_time_zone(Documents::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_documents_space")
                            .from(Documents::Table, Documents::SpaceId)
                            .to(Spaces::Table, Spaces::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_documents_creator")
                            .from(Documents::Table, Documents::CreatedBy)
                            .to(People::Table, People::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(Index::create().name("idx_documents_space").table(Documents::Table).col(Documents::SpaceId).to_owned())
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Revisions::Table)
                    .col(uuid(Revisions::Id).primary_key())
                    .col(uuid(Revisions::DocumentId))
                    .col(integer(Revisions::Number))
                    .col(text(Revisions::Body))
                    .col(text_null(Revisions::Note))
                    .col(uuid(Revisions::AuthorId))
                    .col(uuid_null(Revisions::SupporterId))
                    .col(boolean(Revisions::Merged).default(false))
                    .col(integer(Revisions::Clashes).default(0))
                    .col(timestamp_with_time_zone(Revisions::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_revisions_document")
                            .from(Revisions::Table, Revisions::DocumentId)
                            .to(Documents::Table, Documents::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_revisions_author")
                            .from(Revisions::Table, Revisions::AuthorId)
                            .to(People::Table, People::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_revisions_document_number")
                    .table(Revisions::Table)
                    .col(Revisions::DocumentId)
                    .col(Revisions::Number)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(Revisions::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(Documents::Table).to_owned()).await
    }
}
