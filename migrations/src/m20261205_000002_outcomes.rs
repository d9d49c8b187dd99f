//! Outcomes: what the board's work achieved, told as a short story, with links to the
//! policies, decisions and You Said We Did items behind it. Drafted by the board's members;
//! published by its co-chairs, when it is public.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Spaces {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Outcomes {
    Table,
    Id,
    SpaceId,
    Title,
    Story,
    PublishedAt,
    PublishedBy,
    CreatedBy,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum OutcomeLinks {
    Table,
    Id,
    OutcomeId,
    Kind,
    TargetId,
    Position,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Outcomes::Table)
                    .col(uuid(Outcomes::Id).primary_key())
                    .col(uuid(Outcomes::SpaceId))
                    .col(string_len(Outcomes::Title, 200))
                    .col(text(Outcomes::Story))
                    .col(timestamp_with_time_zone_null(Outcomes::PublishedAt))
                    .col(uuid_null(Outcomes::PublishedBy))
                    .col(uuid(Outcomes::CreatedBy))
                    .col(timestamp_with_time_zone(Outcomes::CreatedAt))
                    .col(timestamp_with_time_zone(Outcomes::UpdatedAt))
                    .foreign_key(ForeignKey::create().name("fk_outcomes_space").from(Outcomes::Table, Outcomes::SpaceId).to(Spaces::Table, Spaces::Id).on_delete(ForeignKeyAction::Cascade))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(OutcomeLinks::Table)
                    .col(uuid(OutcomeLinks::Id).primary_key())
                    .col(uuid(OutcomeLinks::OutcomeId))
                    .col(string_len(OutcomeLinks::Kind, 20))
                    .col(uuid(OutcomeLinks::TargetId))
                    .col(integer(OutcomeLinks::Position))
                    .foreign_key(ForeignKey::create().name("fk_outcome_links_outcome").from(OutcomeLinks::Table, OutcomeLinks::OutcomeId).to(Outcomes::Table, Outcomes::Id).on_delete(ForeignKeyAction::Cascade))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(Index::create().name("idx_outcome_links_one").table(OutcomeLinks::Table).col(OutcomeLinks::OutcomeId).col(OutcomeLinks::Kind).col(OutcomeLinks::TargetId).unique().to_owned())
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(OutcomeLinks::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(Outcomes::Table).to_owned()).await
    }
}
