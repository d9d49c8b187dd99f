//! Easy-read companions: one easy-read part per section of a document's full text, remembering
//! which text it explains (a hash), so a part is flagged when that section changes.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Spaces {
    Table,
    RequireEasyRead,
}

#[derive(DeriveIden)]
enum Documents {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum EasyReadParts {
    Table,
    Id,
    DocumentId,
    SectionKey,
    SourceHash,
    Body,
    ImageUrl,
    ImageAlt,
    UpdatedBy,
    UpdatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(Table::alter().table(Spaces::Table).add_column(boolean(Spaces::RequireEasyRead).default(false)).to_owned())
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(EasyReadParts::Table)
                    .col(uuid(EasyReadParts::Id).primary_key())
                    .col(uuid(EasyReadParts::DocumentId))
                    .col(string_len(EasyReadParts::SectionKey, 120))
                    .col(string_len(EasyReadParts::SourceHash, 64))
                    .col(text(EasyReadParts::Body))
                    .col(string_len_null(EasyReadParts::ImageUrl, 500))
                    .col(string_len_null(EasyReadParts::ImageAlt, 500))
                    .col(uuid(EasyReadParts::UpdatedBy))
                    .col(timestamp_with_time_zone(EasyReadParts::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_easy_read_parts_document")
                            .from(EasyReadParts::Table, EasyReadParts::DocumentId)
                            .to(Documents::Table, Documents::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_easy_read_parts_document_section")
                    .table(EasyReadParts::Table)
                    .col(EasyReadParts::DocumentId)
                    .col(EasyReadParts::SectionKey)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(EasyReadParts::Table).to_owned()).await?;
        manager.alter_table(Table::alter().table(Spaces::Table).drop_column(Spaces::RequireEasyRead).to_owned()).await
    }
}
