//! Spaces (the board and its groups), their vision statements, people and memberships.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Spaces {
    Table,
    Id,
    Kind,
    Slug,
    Name,
    Purpose,
    ParentId,
    Status,
    StartDate,
    PlannedEndDate,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum VisionStatements {
    Table,
    Id,
    SpaceId,
    Position,
    Title,
    Body,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum People {
    Table,
    Id,
    DisplayName,
    Pronouns,
    Perspective,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Memberships {
    Table,
    SpaceId,
    PersonId,
    Role,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Spaces::Table)
                    .col(uuid(Spaces::Id).primary_key())
                    .col(string_len(Spaces::Kind, 16))
                    .col(string_len(Spaces::Slug, 80).unique_key())
                    .col(string_len(Spaces::Name, 200))
                    .col(text(Spaces::Purpose))
                    .col(uuid_null(Spaces::ParentId))
                    .col(string_len_null(Spaces::Status, 16))
                    .col(date_null(Spaces::StartDate))
                    .col(date_null(Spaces::PlannedEndDate))
                    .col(timestamp_with_time_zone(Spaces::CreatedAt))
                    .col(timestamp_with_time_zone(Spaces::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_spaces_parent")
                            .from(Spaces::Table, Spaces::ParentId)
                            .to(Spaces::Table, Spaces::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(Index::create().name("idx_spaces_parent").table(Spaces::Table).col(Spaces::ParentId).to_owned())
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(VisionStatements::Table)
                    .col(uuid(VisionStatements::Id).primary_key())
                    .col(uuid(VisionStatements::SpaceId))
                    .col(integer(VisionStatements::Position))
                    .col(string_len(VisionStatements::Title, 200))
                    .col(text(VisionStatements::Body))
                    .col(timestamp_with_time_zone(VisionStatements::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_vision_space")
                            .from(VisionStatements::Table, VisionStatements::SpaceId)
                            .to(Spaces::Table, Spaces::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_vision_space_position")
                    .table(VisionStatements::Table)
                    .col(VisionStatements::SpaceId)
                    .col(VisionStatements::Position)
                    .unique()
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(People::Table)
                    .col(uuid(People::Id).primary_key())
                    .col(string_len(People::DisplayName, 200))
                    .col(string_len_null(People::Pronouns, 60))
                    .col(string_len(People::Perspective, 16))
                    .col(timestamp_with_time_zone(People::CreatedAt))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Memberships::Table)
                    .col(uuid(Memberships::SpaceId))
                    .col(uuid(Memberships::PersonId))
                    .col(string_len(Memberships::Role, 16))
                    .col(timestamp_with_time_zone(Memberships::CreatedAt))
                    .primary_key(Index::create().col(Memberships::SpaceId).col(Memberships::PersonId))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_memberships_space")
                            .from(Memberships::Table, Memberships::SpaceId)
                            .to(Spaces::Table, Spaces::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_memberships_person")
                            .from(Memberships::Table, Memberships::PersonId)
                            .to(People::Table, People::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create().name("idx_memberships_person").table(Memberships::Table).col(Memberships::PersonId).to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in ["memberships", "people", "vision_statements", "spaces"] {
            manager.drop_table(Table::drop().table(Alias::new(table)).to_owned()).await?;
        }
        Ok(())
    }
}
