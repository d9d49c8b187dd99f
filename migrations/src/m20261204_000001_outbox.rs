//! Email that is never lost: every message is written to `outbox` in the same transaction as
//! the change that caused it, and a worker sends it, recording each attempt in
//! `outbox_attempts`. A message is claimed for a short while (`claimed_until`) by the instance
//! sending it, so several instances on one database never send the same one twice.
//!
//! Notifications say how they are emailed (`email_state`: `none`, `instant`, `digest` waiting for
//! the next digest, `digested`) and which message carried them (`outbox_id`).
//!
//! `document_follows`: people who want to hear when a document moves (status, published).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum People {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Documents {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Outbox {
    Table,
    Id,
    PersonId,
    ToAddress,
    Kind,
    Urgent,
    Subject,
    Content,
    Status,
    Attempts,
    NextAttemptAt,
    ClaimedUntil,
    ClaimedBy,
    LastError,
    SettingsKeyHash,
    CreatedAt,
    SentAt,
}

#[derive(DeriveIden)]
enum OutboxAttempts {
    Table,
    Id,
    OutboxId,
    AttemptedAt,
    Instance,
    Outcome,
    Error,
}

#[derive(DeriveIden)]
enum Notifications {
    Table,
    EmailState,
    OutboxId,
    CreatedAt,
}

#[derive(DeriveIden)]
enum DocumentFollows {
    Table,
    PersonId,
    DocumentId,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Outbox::Table)
                    .col(uuid(Outbox::Id).primary_key())
                    .col(uuid_null(Outbox::PersonId))
                    .col(string_len(Outbox::ToAddress, 320))
                    .col(string_len(Outbox::Kind, 30))
                    .col(boolean(Outbox::Urgent).default(false))
                    .col(string_len(Outbox::Subject, 300))
                    .col(text(Outbox::Content))
                    .col(string_len(Outbox::Status, 20))
                    .col(integer(Outbox::Attempts).default(0))
                    .col(timestamp_with_time_zone(Outbox::NextAttemptAt))
                    .col(timestamp_with_time_zone_null(Outbox::ClaimedUntil))
                    .col(string_len_null(Outbox::ClaimedBy, 100))
                    .col(text_null(Outbox::LastError))
                    .col(string_len_null(Outbox::SettingsKeyHash, 64))
                    .col(timestamp_with_time_zone(Outbox::CreatedAt))
                    .col(timestamp_with_time_zone_null(Outbox::SentAt))
                    .foreign_key(ForeignKey::create().name("fk_outbox_person").from(Outbox::Table, Outbox::PersonId).to(People::Table, People::Id).on_delete(ForeignKeyAction::SetNull))
                    .to_owned(),
            )
            .await?;
        // The worker's question: what is waiting and due, most urgent first.
        manager.create_index(Index::create().name("idx_outbox_due").table(Outbox::Table).col(Outbox::Status).col(Outbox::NextAttemptAt).to_owned()).await?;
        manager.create_index(Index::create().name("idx_outbox_settings_key").table(Outbox::Table).col(Outbox::SettingsKeyHash).to_owned()).await?;
        manager
            .create_table(
                Table::create()
                    .table(OutboxAttempts::Table)
                    .col(uuid(OutboxAttempts::Id).primary_key())
                    .col(uuid(OutboxAttempts::OutboxId))
                    .col(timestamp_with_time_zone(OutboxAttempts::AttemptedAt))
                    .col(string_len(OutboxAttempts::Instance, 100))
                    .col(string_len(OutboxAttempts::Outcome, 20))
                    .col(text_null(OutboxAttempts::Error))
                    .foreign_key(ForeignKey::create().name("fk_outbox_attempts_outbox").from(OutboxAttempts::Table, OutboxAttempts::OutboxId).to(Outbox::Table, Outbox::Id).on_delete(ForeignKeyAction::Cascade))
                    .to_owned(),
            )
            .await?;
        manager.create_index(Index::create().name("idx_outbox_attempts_outbox").table(OutboxAttempts::Table).col(OutboxAttempts::OutboxId).to_owned()).await?;
        // SQLite adds one column per statement.
        manager.alter_table(Table::alter().table(Notifications::Table).add_column(string_len(Notifications::EmailState, 20).default("none")).to_owned()).await?;
        manager.alter_table(Table::alter().table(Notifications::Table).add_column(uuid_null(Notifications::OutboxId)).to_owned()).await?;
        manager
            .create_index(Index::create().name("idx_notifications_email").table(Notifications::Table).col(Notifications::EmailState).col(Notifications::CreatedAt).to_owned())
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(DocumentFollows::Table)
                    .col(uuid(DocumentFollows::PersonId))
                    .col(uuid(DocumentFollows::DocumentId))
                    .col(timestamp_with_time_zone(DocumentFollows::CreatedAt))
                    .primary_key(Index::create().col(DocumentFollows::DocumentId).col(DocumentFollows::PersonId))
                    .foreign_key(ForeignKey::create().name("fk_document_follows_person").from(DocumentFollows::Table, DocumentFollows::PersonId).to(People::Table, People::Id).on_delete(ForeignKeyAction::Cascade))
                    .foreign_key(
                        ForeignKey::create().name("fk_document_follows_document").from(DocumentFollows::Table, DocumentFollows::DocumentId).to(Documents::Table, Documents::Id).on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(DocumentFollows::Table).to_owned()).await?;
        manager.drop_index(Index::drop().name("idx_notifications_email").table(Notifications::Table).to_owned()).await?;
        manager.alter_table(Table::alter().table(Notifications::Table).drop_column(Notifications::OutboxId).to_owned()).await?;
        manager.alter_table(Table::alter().table(Notifications::Table).drop_column(Notifications::EmailState).to_owned()).await?;
        manager.drop_table(Table::drop().table(OutboxAttempts::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(Outbox::Table).to_owned()).await?;
        Ok(())
    }
}
