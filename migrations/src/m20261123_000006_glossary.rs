//! The board's glossary: terms with short plain explanations, and the words people asked about
//! ("I don't understand a word here"), queued for members to answer.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Spaces {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum GlossaryTerms {
    Table,
    Id,
    SpaceId,
    Term,
    Slug,
    Explanation,
    CreatedBy,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum GlossaryRequests {
    Table,
    Id,
    SpaceId,
    Word,
    Page,
    TimesAsked,
    Status,
    TermId,
    AskedBy,
    CreatedAt,
    AnsweredAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(GlossaryTerms::Table)
                    .col(uuid(GlossaryTerms::Id).primary_key())
                    .col(uuid(GlossaryTerms::SpaceId))
                    .col(string_len(GlossaryTerms::Term, 60))
                    .col(string_len(GlossaryTerms::Slug, 80))
                    .col(text(GlossaryTerms::Explanation))
                    .col(uuid_null(GlossaryTerms::CreatedBy))
                    .col(timestamp_with_time_zone(GlossaryTerms::CreatedAt))
                    .col(timestamp_with_time_zone(GlossaryTerms::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_glossary_terms_space")
                            .from(GlossaryTerms::Table, GlossaryTerms::SpaceId)
                            .to(Spaces::Table, Spaces::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_glossary_terms_space_slug")
                    .table(GlossaryTerms::Table)
                    .col(GlossaryTerms::SpaceId)
                    .col(GlossaryTerms::Slug)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(GlossaryRequests::Table)
                    .col(uuid(GlossaryRequests::Id).primary_key())
                    .col(uuid(GlossaryRequests::SpaceId))
                    .col(string_len(GlossaryRequests::Word, 60))
                    .col(string_len_null(GlossaryRequests::Page, 300))
                    .col(integer(GlossaryRequests::TimesAsked).default(1))
                    .col(string_len(GlossaryRequests::Status, 20))
                    .col(uuid_null(GlossaryRequests::TermId))
                    .col(uuid_null(GlossaryRequests::AskedBy))
                    .col(timestamp_with_time_zone(GlossaryRequests::CreatedAt))
                    .col(timestamp_with_time_zone_null(GlossaryRequests::AnsweredAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_glossary_requests_space")
                            .from(GlossaryRequests::Table, GlossaryRequests::SpaceId)
                            .to(Spaces::Table, Spaces::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_glossary_requests_space_status")
                    .table(GlossaryRequests::Table)
                    .col(GlossaryRequests::SpaceId)
                    .col(GlossaryRequests::Status)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(GlossaryRequests::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(GlossaryTerms::Table).to_owned()).await
    }
}
