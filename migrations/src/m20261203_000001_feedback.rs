//! You Said We Did: what people told the board (feedback items, each with every source it came
//! from and how many people said it), what the board did about it (status, owner, target date,
//! a dated timeline of updates, links to the documents, decisions and actions that carry it out),
//! and the "did this make a difference?" question put to the people who agreed to be asked.
//!
//! Items belong to the board. An item merged into another keeps its row (`merged_into`), so old
//! links still lead somewhere; its sources move to the item it joined.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

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

#[derive(DeriveIden)]
enum FeedbackItems {
    Table,
    Id,
    SpaceId,
    GroupId,
    Said,
    Themes,
    Status,
    StatusReason,
    Response,
    OwnerId,
    TargetOn,
    PublishedAt,
    PublishedBy,
    MergedInto,
    StatusSince,
    LastUpdateAt,
    CreatedBy,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum FeedbackSources {
    Table,
    Id,
    ItemId,
    Kind,
    Detail,
    SaidOn,
    Words,
    ShowWords,
    People,
    ContactName,
    ContactEmail,
    MayAsk,
    CreatedAt,
}

#[derive(DeriveIden)]
enum FeedbackUpdates {
    Table,
    Id,
    ItemId,
    AuthorId,
    AuthorName,
    Body,
    StatusFrom,
    StatusTo,
    CreatedAt,
}

#[derive(DeriveIden)]
enum FeedbackLinks {
    Table,
    Id,
    ItemId,
    Kind,
    TargetId,
    AddedBy,
    AddedAt,
}

#[derive(DeriveIden)]
enum FeedbackAsks {
    Table,
    Id,
    ItemId,
    SourceId,
    SecretHash,
    SentAt,
    Answer,
    AnswerWords,
    AnsweredAt,
}

fn to_person(name: &str, table: &str, column: &str, on_delete: ForeignKeyAction) -> ForeignKeyCreateStatement {
    ForeignKey::create().name(name).from(Alias::new(table), Alias::new(column)).to(People::Table, People::Id).on_delete(on_delete).to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(FeedbackItems::Table)
                    .col(uuid(FeedbackItems::Id).primary_key())
                    .col(uuid(FeedbackItems::SpaceId))
                    .col(uuid_null(FeedbackItems::GroupId))
                    .col(text(FeedbackItems::Said))
                    .col(string_len(FeedbackItems::Themes, 500).default(""))
                    .col(string_len(FeedbackItems::Status, 20))
                    .col(text_null(FeedbackItems::StatusReason))
                    .col(text_null(FeedbackItems::Response))
                    .col(uuid_null(FeedbackItems::OwnerId))
                    .col(date_null(FeedbackItems::TargetOn))
                    .col(timestamp_with_time_zone_null(FeedbackItems::PublishedAt))
                    .col(uuid_null(FeedbackItems::PublishedBy))
                    .col(uuid_null(FeedbackItems::MergedInto))
                    .col(timestamp_with_time_zone(FeedbackItems::StatusSince))
                    .col(timestamp_with_time_zone(FeedbackItems::LastUpdateAt))
                    .col(uuid_null(FeedbackItems::CreatedBy))
                    .col(timestamp_with_time_zone(FeedbackItems::CreatedAt))
                    .col(timestamp_with_time_zone(FeedbackItems::UpdatedAt))
                    .foreign_key(ForeignKey::create().name("fk_feedback_items_space").from(FeedbackItems::Table, FeedbackItems::SpaceId).to(Spaces::Table, Spaces::Id).on_delete(ForeignKeyAction::Cascade))
                    .foreign_key(ForeignKey::create().name("fk_feedback_items_group").from(FeedbackItems::Table, FeedbackItems::GroupId).to(Spaces::Table, Spaces::Id).on_delete(ForeignKeyAction::SetNull))
                    .foreign_key(&mut to_person("fk_feedback_items_owner", "feedback_items", "owner_id", ForeignKeyAction::SetNull))
                    .foreign_key(&mut to_person("fk_feedback_items_published_by", "feedback_items", "published_by", ForeignKeyAction::SetNull))
                    .foreign_key(&mut to_person("fk_feedback_items_created_by", "feedback_items", "created_by", ForeignKeyAction::SetNull))
                    .to_owned(),
            )
            .await?;
        manager.create_index(Index::create().name("idx_feedback_items_space").table(FeedbackItems::Table).col(FeedbackItems::SpaceId).col(FeedbackItems::CreatedAt).to_owned()).await?;
        manager.create_index(Index::create().name("idx_feedback_items_published").table(FeedbackItems::Table).col(FeedbackItems::PublishedAt).to_owned()).await?;

        manager
            .create_table(
                Table::create()
                    .table(FeedbackSources::Table)
                    .col(uuid(FeedbackSources::Id).primary_key())
                    .col(uuid(FeedbackSources::ItemId))
                    .col(string_len(FeedbackSources::Kind, 20))
                    .col(text_null(FeedbackSources::Detail))
                    .col(date(FeedbackSources::SaidOn))
                    .col(text(FeedbackSources::Words))
                    .col(boolean(FeedbackSources::ShowWords).default(false))
                    .col(integer(FeedbackSources::People).default(1))
                    .col(text_null(FeedbackSources::ContactName))
                    .col(text_null(FeedbackSources::ContactEmail))
                    .col(boolean(FeedbackSources::MayAsk).default(false))
                    .col(timestamp_with_time_zone(FeedbackSources::CreatedAt))
                    .foreign_key(ForeignKey::create().name("fk_feedback_sources_item").from(FeedbackSources::Table, FeedbackSources::ItemId).to(FeedbackItems::Table, FeedbackItems::Id).on_delete(ForeignKeyAction::Cascade))
                    .to_owned(),
            )
            .await?;
        manager.create_index(Index::create().name("idx_feedback_sources_item").table(FeedbackSources::Table).col(FeedbackSources::ItemId).to_owned()).await?;

        manager
            .create_table(
                Table::create()
                    .table(FeedbackUpdates::Table)
                    .col(uuid(FeedbackUpdates::Id).primary_key())
                    .col(uuid(FeedbackUpdates::ItemId))
                    .col(uuid_null(FeedbackUpdates::AuthorId))
                    .col(text_null(FeedbackUpdates::AuthorName))
                    .col(text(FeedbackUpdates::Body))
                    .col(string_len_null(FeedbackUpdates::StatusFrom, 20))
                    .col(string_len_null(FeedbackUpdates::StatusTo, 20))
                    .col(timestamp_with_time_zone(FeedbackUpdates::CreatedAt))
                    .foreign_key(ForeignKey::create().name("fk_feedback_updates_item").from(FeedbackUpdates::Table, FeedbackUpdates::ItemId).to(FeedbackItems::Table, FeedbackItems::Id).on_delete(ForeignKeyAction::Cascade))
                    .foreign_key(&mut to_person("fk_feedback_updates_author", "feedback_updates", "author_id", ForeignKeyAction::SetNull))
                    .to_owned(),
            )
            .await?;
        manager.create_index(Index::create().name("idx_feedback_updates_item").table(FeedbackUpdates::Table).col(FeedbackUpdates::ItemId).col(FeedbackUpdates::CreatedAt).to_owned()).await?;

        manager
            .create_table(
                Table::create()
                    .table(FeedbackLinks::Table)
                    .col(uuid(FeedbackLinks::Id).primary_key())
                    .col(uuid(FeedbackLinks::ItemId))
                    .col(string_len(FeedbackLinks::Kind, 20))
                    .col(uuid(FeedbackLinks::TargetId))
                    .col(uuid(FeedbackLinks::AddedBy))
                    .col(timestamp_with_time_zone(FeedbackLinks::AddedAt))
                    .foreign_key(ForeignKey::create().name("fk_feedback_links_item").from(FeedbackLinks::Table, FeedbackLinks::ItemId).to(FeedbackItems::Table, FeedbackItems::Id).on_delete(ForeignKeyAction::Cascade))
                    .foreign_key(&mut to_person("fk_feedback_links_added_by", "feedback_links", "added_by", ForeignKeyAction::Restrict))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(Index::create().name("idx_feedback_links_unique").table(FeedbackLinks::Table).col(FeedbackLinks::ItemId).col(FeedbackLinks::Kind).col(FeedbackLinks::TargetId).unique().to_owned())
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(FeedbackAsks::Table)
                    .col(uuid(FeedbackAsks::Id).primary_key())
                    .col(uuid(FeedbackAsks::ItemId))
                    .col(uuid(FeedbackAsks::SourceId))
                    .col(string_len(FeedbackAsks::SecretHash, 64).unique_key())
                    .col(timestamp_with_time_zone(FeedbackAsks::SentAt))
                    .col(string_len_null(FeedbackAsks::Answer, 20))
                    .col(text_null(FeedbackAsks::AnswerWords))
                    .col(timestamp_with_time_zone_null(FeedbackAsks::AnsweredAt))
                    .foreign_key(ForeignKey::create().name("fk_feedback_asks_item").from(FeedbackAsks::Table, FeedbackAsks::ItemId).to(FeedbackItems::Table, FeedbackItems::Id).on_delete(ForeignKeyAction::Cascade))
                    .foreign_key(ForeignKey::create().name("fk_feedback_asks_source").from(FeedbackAsks::Table, FeedbackAsks::SourceId).to(FeedbackSources::Table, FeedbackSources::Id).on_delete(ForeignKeyAction::Cascade))
                    .to_owned(),
            )
            .await?;
        manager.create_index(Index::create().name("idx_feedback_asks_item").table(FeedbackAsks::Table).col(FeedbackAsks::ItemId).to_owned()).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in ["feedback_asks", "feedback_links", "feedback_updates", "feedback_sources", "feedback_items"] {
            manager.drop_table(Table::drop().table(Alias::new(table)).to_owned()).await?;
        }
        Ok(())
    }
}
