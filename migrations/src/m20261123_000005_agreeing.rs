//! Agreeing documents: each person's view on a version (agree, agree with concerns, object),
//! the consent decisions that moved a document to *agreed* with everyone's views copied in as
//! they stood, every status change, and each space's co-production rule.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Spaces {
    Table,
    RequireCoproduction,
}

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
enum ConsentViews {
    Table,
    Id,
    DocumentId,
    RevisionId,
    PersonId,
    SupporterId,
    Response,
    Reason,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Decisions {
    Table,
    Id,
    DocumentId,
    RevisionId,
    RecordedBy,
    SupporterId,
    Note,
    CoproductionRequired,
    CreatedAt,
}

#[derive(DeriveIden)]
enum DecisionVoices {
    Table,
    Id,
    DecisionId,
    PersonId,
    DisplayName,
    Perspective,
    Response,
    Reason,
}

#[derive(DeriveIden)]
enum StatusChanges {
    Table,
    Id,
    DocumentId,
    FromStatus,
    ToStatus,
    RevisionId,
    PersonId,
    SupporterId,
    Note,
    CreatedAt,
}

fn to_document(table: impl IntoIden + 'static, col: impl IntoIden + 'static, name: &str) -> ForeignKeyCreateStatement {
    ForeignKey::create().name(name).from(table, col).to(Documents::Table, Documents::Id).on_delete(ForeignKeyAction::Cascade).to_owned()
}

fn to_person(table: impl IntoIden + 'static, col: impl IntoIden + 'static, name: &str) -> ForeignKeyCreateStatement {
    ForeignKey::create().name(name).from(table, col).to(People::Table, People::Id).on_delete(ForeignKeyAction::Restrict).to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // On by default: agreeing together is the point of a co-production board.
        manager
            .alter_table(Table::alter().table(Spaces::Table).add_column(boolean(Spaces::RequireCoproduction).default(true)).to_owned())
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ConsentViews::Table)
                    .col(uuid(ConsentViews::Id).primary_key())
                    .col(uuid(ConsentViews::DocumentId))
                    .col(uuid(ConsentViews::RevisionId))
                    .col(uuid(ConsentViews::PersonId))
                    .col(uuid_null(ConsentViews::SupporterId))
                    .col(string_len(ConsentViews::Response, 20))
                    .col(text_null(ConsentViews::Reason))
                    .col(timestamp_with_time_zone(ConsentViews::CreatedAt))
                    .col(timestamp_with_time_zone(ConsentViews::UpdatedAt))
                    .foreign_key(&mut to_document(ConsentViews::Table, ConsentViews::DocumentId, "fk_consent_views_document"))
                    .foreign_key(&mut to_person(ConsentViews::Table, ConsentViews::PersonId, "fk_consent_views_person"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_consent_views_revision_person")
                    .table(ConsentViews::Table)
                    .col(ConsentViews::RevisionId)
                    .col(ConsentViews::PersonId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Decisions::Table)
                    .col(uuid(Decisions::Id).primary_key())
                    .col(uuid(Decisions::DocumentId))
                    .col(uuid(Decisions::RevisionId))
                    .col(uuid(Decisions::RecordedBy))
                    .col(uuid_null(Decisions::SupporterId))
                    .col(text_null(Decisions::Note))
                    .col(boolean(Decisions::CoproductionRequired))
                    .col(timestamp_with_time_zone(Decisions::CreatedAt))
                    .foreign_key(&mut to_document(Decisions::Table, Decisions::DocumentId, "fk_decisions_document"))
                    .foreign_key(&mut to_person(Decisions::Table, Decisions::RecordedBy, "fk_decisions_recorded_by"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(Index::create().name("idx_decisions_document").table(Decisions::Table).col(Decisions::DocumentId).to_owned())
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(DecisionVoices::Table)
                    .col(uuid(DecisionVoices::Id).primary_key())
                    .col(uuid(DecisionVoices::DecisionId))
                    .col(uuid(DecisionVoices::PersonId))
                    // Copied as they stood on the day: a decision's record does not change later.
                    .col(string_len(DecisionVoices::DisplayName, 100))
                    .col(string_len(DecisionVoices::Perspective, 20))
                    .col(string_len(DecisionVoices::Response, 20))
                    .col(text_null(DecisionVoices::Reason))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_decision_voices_decision")
                            .from(DecisionVoices::Table, DecisionVoices::DecisionId)
                            .to(Decisions::Table, Decisions::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create().name("idx_decision_voices_decision").table(DecisionVoices::Table).col(DecisionVoices::DecisionId).to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(StatusChanges::Table)
                    .col(uuid(StatusChanges::Id).primary_key())
                    .col(uuid(StatusChanges::DocumentId))
                    .col(string_len(StatusChanges::FromStatus, 20))
                    .col(string_len(StatusChanges::ToStatus, 20))
                    .col(uuid(StatusChanges::RevisionId))
                    .col(uuid(StatusChanges::PersonId))
                    .col(uuid_null(StatusChanges::SupporterId))
                    .col(text_null(StatusChanges::Note))
                    .col(timestamp_with_time_zone(StatusChanges::CreatedAt))
                    .foreign_key(&mut to_document(StatusChanges::Table, StatusChanges::DocumentId, "fk_status_changes_document"))
                    .foreign_key(&mut to_person(StatusChanges::Table, StatusChanges::PersonId, "fk_status_changes_person"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create().name("idx_status_changes_document").table(StatusChanges::Table).col(StatusChanges::DocumentId).to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [StatusChanges::Table.into_iden(), DecisionVoices::Table.into_iden(), Decisions::Table.into_iden(), ConsentViews::Table.into_iden()] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        manager.alter_table(Table::alter().table(Spaces::Table).drop_column(Spaces::RequireCoproduction).to_owned()).await
    }
}
