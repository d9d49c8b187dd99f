//! The life of a task-and-finish group: what happened to it and when (started, changed, reported
//! back, finished), the summary it reported, the addresses it had before a rename (so old links
//! still lead to it), and the board's time zone (dates such as "reported back on 12 March 2027"
//! are the board's local dates).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Spaces {
    Table,
    Id,
    TimeZone,
    ReportSummary,
    ReportedOn,
    FinishedOn,
}

#[derive(DeriveIden)]
enum People {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum SpaceSlugs {
    Table,
    Slug,
    SpaceId,
    CreatedAt,
}

#[derive(DeriveIden)]
enum SpaceEvents {
    Table,
    Id,
    SpaceId,
    Kind,
    PersonId,
    SupporterId,
    Detail,
    Reason,
    CreatedAt,
}

fn to_space(table: impl IntoIden + 'static, col: impl IntoIden + 'static, name: &str) -> ForeignKeyCreateStatement {
    ForeignKey::create().name(name).from(table, col).to(Spaces::Table, Spaces::Id).on_delete(ForeignKeyAction::Cascade).to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One change per ALTER: SQLite allows no more.
        manager.alter_table(Table::alter().table(Spaces::Table).add_column(string_len_null(Spaces::TimeZone, 64)).to_owned()).await?;
        manager.alter_table(Table::alter().table(Spaces::Table).add_column(text_null(Spaces::ReportSummary)).to_owned()).await?;
        manager.alter_table(Table::alter().table(Spaces::Table).add_column(date_null(Spaces::ReportedOn)).to_owned()).await?;
        manager.alter_table(Table::alter().table(Spaces::Table).add_column(date_null(Spaces::FinishedOn)).to_owned()).await?;
        manager
            .create_table(
                Table::create()
                    .table(SpaceSlugs::Table)
                    .col(string_len(SpaceSlugs::Slug, 80).primary_key())
                    .col(uuid(SpaceSlugs::SpaceId))
                    .col(timestamp_with_time_zone(SpaceSlugs::CreatedAt))
                    .foreign_key(&mut to_space(SpaceSlugs::Table, SpaceSlugs::SpaceId, "fk_space_slugs_space"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(SpaceEvents::Table)
                    .col(uuid(SpaceEvents::Id).primary_key())
                    .col(uuid(SpaceEvents::SpaceId))
                    .col(string_len(SpaceEvents::Kind, 30))
                    .col(uuid_null(SpaceEvents::PersonId))
                    .col(uuid_null(SpaceEvents::SupporterId))
                    .col(text(SpaceEvents::Detail))
                    .col(text_null(SpaceEvents::Reason))
                    .col(timestamp_with_time_zone(SpaceEvents::CreatedAt))
                    .foreign_key(&mut to_space(SpaceEvents::Table, SpaceEvents::SpaceId, "fk_space_events_space"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_space_events_person")
                            .from(SpaceEvents::Table, SpaceEvents::PersonId)
                            .to(People::Table, People::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_space_events_space")
                    .table(SpaceEvents::Table)
                    .col(SpaceEvents::SpaceId)
                    .col(SpaceEvents::CreatedAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(SpaceEvents::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(SpaceSlugs::Table).to_owned()).await?;
        for col in [Spaces::FinishedOn, Spaces::ReportedOn, Spaces::ReportSummary, Spaces::TimeZone] {
            manager.alter_table(Table::alter().table(Spaces::Table).drop_column(col).to_owned()).await?;
        }
        Ok(())
    }
}
