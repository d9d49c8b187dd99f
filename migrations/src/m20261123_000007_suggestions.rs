//! Suggestions: accessible track changes. A member names a passage of a draft and proposes new
//! words with a reason; others discuss it; an editor accepts it (a new version credited to the
//! suggester) or declines it with a reason.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Documents {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum People {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Suggestions {
    Table,
    Id,
    DocumentId,
    RevisionId,
    Original,
    Proposed,
    Reason,
    AuthorId,
    SupporterId,
    Status,
    DecidedBy,
    DecidedAt,
    DeclineReason,
    AppliedRevisionId,
    CreatedAt,
}

#[derive(DeriveIden)]
enum SuggestionComments {
    Table,
    Id,
    SuggestionId,
    PersonId,
    SupporterId,
    Body,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Suggestions::Table)
                    .col(uuid(Suggestions::Id).primary_key())
                    .col(uuid(Suggestions::DocumentId))
                    .col(uuid(Suggestions::RevisionId))
                    .col(text(Suggestions::Original))
                    .col(text(Suggestions::Proposed))
                    .col(text(Suggestions::Reason))
                    .col(uuid(Suggestions::AuthorId))
                    .col(uuid_null(Suggestions::SupporterId))
                    .col(string_len(Suggestions::Status, 20))
                    .col(uuid_null(Suggestions::DecidedBy))
                    .col(timestamp_with_time_zone_null(Suggestions::DecidedAt))
                    .col(text_null(Suggestions::DeclineReason))
                    .col(uuid_null(Suggestions::AppliedRevisionId))
                    .col(timestamp_with_time_zone(Suggestions::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_suggestions_document")
                            .from(Suggestions::Table, Suggestions::DocumentId)
                            .to(Documents::Table, Documents::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_suggestions_author")
                            .from(Suggestions::Table, Suggestions::AuthorId)
                            .to(People::Table, People::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(Index::create().name("idx_suggestions_document").table(Suggestions::Table).col(Suggestions::DocumentId).to_owned())
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(SuggestionComments::Table)
                    .col(uuid(SuggestionComments::Id).primary_key())
                    .col(uuid(SuggestionComments::SuggestionId))
                    .col(uuid(SuggestionComments::PersonId))
                    .col(uuid_null(SuggestionComments::SupporterId))
                    .col(text(SuggestionComments::Body))
                    .col(timestamp_with_time_zone(SuggestionComments::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_suggestion_comments_suggestion")
                            .from(SuggestionComments::Table, SuggestionComments::SuggestionId)
                            .to(Suggestions::Table, Suggestions::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_suggestion_comments_person")
                            .from(SuggestionComments::Table, SuggestionComments::PersonId)
                            .to(People::Table, People::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create().name("idx_suggestion_comments_suggestion").table(SuggestionComments::Table).col(SuggestionComments::SuggestionId).to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(SuggestionComments::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(Suggestions::Table).to_owned()).await
    }
}
