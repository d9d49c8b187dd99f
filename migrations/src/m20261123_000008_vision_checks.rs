//! Vision checks: people rate a document against each of the board's vision statements (yes,
//! partly, not yet) with a comment; spaces can require a complete check before agreeing.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Spaces {
    Table,
    RequireVisionCheck,
}

#[derive(DeriveIden)]
enum Documents {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum VisionReviews {
    Table,
    Id,
    DocumentId,
    RevisionId,
    StatementId,
    PersonId,
    SupporterId,
    Rating,
    Comment,
    UpdatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(Table::alter().table(Spaces::Table).add_column(boolean(Spaces::RequireVisionCheck).default(false)).to_owned())
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(VisionReviews::Table)
                    .col(uuid(VisionReviews::Id).primary_key())
                    .col(uuid(VisionReviews::DocumentId))
                    .col(uuid(VisionReviews::RevisionId))
                    .col(uuid(VisionReviews::StatementId))
                    .col(uuid(VisionReviews::PersonId))
                    .col(uuid_null(VisionReviews::SupporterId))
                    .col(string_len(VisionReviews::Rating, 20))
                    .col(text_null(VisionReviews::Comment))
                    .col(timestamp_with_time_zone(VisionReviews::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_vision_reviews_document")
                            .from(VisionReviews::Table, VisionReviews::DocumentId)
                            .to(Documents::Table, Documents::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_vision_reviews_document_person_statement")
                    .table(VisionReviews::Table)
                    .col(VisionReviews::DocumentId)
                    .col(VisionReviews::PersonId)
                    .col(VisionReviews::StatementId)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(VisionReviews::Table).to_owned()).await?;
        manager.alter_table(Table::alter().table(Spaces::Table).drop_column(Spaces::RequireVisionCheck).to_owned()).await
    }
}
