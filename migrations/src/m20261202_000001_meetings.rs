//! Meetings of a space: their agenda items and papers (documents at a fixed version), who is
//! coming and who came, decisions recorded against the items, actions with an owner and a due
//! date, and each person's private calendar feed.
//!
//! Times are stored in UTC; the board's time zone turns them into local times when shown. A
//! meeting's minutes are a document of the space (`minutes_document_id`), so they are versioned,
//! compared, agreed and published as every document is.

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
enum Meetings {
    Table,
    Id,
    SpaceId,
    Title,
    StartsAt,
    EndsAt,
    Place,
    JoinLink,
    AccessOffered,
    PapersDays,
    PapersSentAt,
    MinuteTakerId,
    MinutesDocumentId,
    Sequence,
    CreatedBy,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum AgendaItems {
    Table,
    Id,
    MeetingId,
    Position,
    Title,
    LeadId,
    Minutes,
    CreatedAt,
}

#[derive(DeriveIden)]
enum AgendaPapers {
    Table,
    Id,
    ItemId,
    MeetingId,
    DocumentId,
    RevisionId,
    RevisionNumber,
    AddedBy,
    AddedAt,
}

#[derive(DeriveIden)]
enum Attendance {
    Table,
    MeetingId,
    PersonId,
    Reply,
    RepliedBy,
    RepliedAt,
    Attended,
    RecordedBy,
    RecordedAt,
}

#[derive(DeriveIden)]
enum MeetingDecisions {
    Table,
    Id,
    MeetingId,
    ItemId,
    Decision,
    Method,
    VotesFor,
    VotesAgainst,
    Abstentions,
    DocumentId,
    VisionSummary,
    RecordedBy,
    SupporterId,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Actions {
    Table,
    Id,
    SpaceId,
    MeetingId,
    ItemId,
    What,
    OwnerId,
    DueOn,
    Progress,
    ProgressAt,
    DoneAt,
    DoneNote,
    DoneBy,
    CreatedBy,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum CalendarFeeds {
    Table,
    PersonId,
    SecretHash,
    CreatedAt,
}

fn to_person(name: &str, from: (Alias, Alias), on_delete: ForeignKeyAction) -> ForeignKeyCreateStatement {
    ForeignKey::create().name(name).from(from.0, from.1).to(People::Table, People::Id).on_delete(on_delete).to_owned()
}

fn col(table: &str, column: &str) -> (Alias, Alias) {
    (Alias::new(table), Alias::new(column))
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Meetings::Table)
                    .col(uuid(Meetings::Id).primary_key())
                    .col(uuid(Meetings::SpaceId))
                    .col(string_len(Meetings::Title, 200))
                    .col(timestamp_with_time_zone(Meetings::StartsAt))
                    .col(timestamp_with_time_zone(Meetings::EndsAt))
                    .col(text_null(Meetings::Place))
                    .col(text_null(Meetings::JoinLink))
                    .col(string_len(Meetings::AccessOffered, 500).default(""))
                    .col(integer(Meetings::PapersDays).default(7))
                    .col(timestamp_with_time_zone_null(Meetings::PapersSentAt))
                    .col(uuid_null(Meetings::MinuteTakerId))
                    .col(uuid_null(Meetings::MinutesDocumentId))
                    .col(integer(Meetings::Sequence).default(0))
                    .col(uuid(Meetings::CreatedBy))
                    .col(timestamp_with_time_zone(Meetings::CreatedAt))
                    .col(timestamp_with_time_zone(Meetings::UpdatedAt))
                    .foreign_key(ForeignKey::create().name("fk_meetings_space").from(Meetings::Table, Meetings::SpaceId).to(Spaces::Table, Spaces::Id).on_delete(ForeignKeyAction::Cascade))
                    .foreign_key(&mut to_person("fk_meetings_created_by", col("meetings", "created_by"), ForeignKeyAction::Restrict))
                    .foreign_key(&mut to_person("fk_meetings_minute_taker", col("meetings", "minute_taker_id"), ForeignKeyAction::SetNull))
                    .to_owned(),
            )
            .await?;
        manager.create_index(Index::create().name("idx_meetings_space").table(Meetings::Table).col(Meetings::SpaceId).col(Meetings::StartsAt).to_owned()).await?;
        manager.create_index(Index::create().name("idx_meetings_unsent").table(Meetings::Table).col(Meetings::PapersSentAt).col(Meetings::StartsAt).to_owned()).await?;

        manager
            .create_table(
                Table::create()
                    .table(AgendaItems::Table)
                    .col(uuid(AgendaItems::Id).primary_key())
                    .col(uuid(AgendaItems::MeetingId))
                    .col(integer(AgendaItems::Position))
                    .col(string_len(AgendaItems::Title, 200))
                    .col(uuid_null(AgendaItems::LeadId))
                    .col(integer_null(AgendaItems::Minutes))
                    .col(timestamp_with_time_zone(AgendaItems::CreatedAt))
                    .foreign_key(ForeignKey::create().name("fk_agenda_items_meeting").from(AgendaItems::Table, AgendaItems::MeetingId).to(Meetings::Table, Meetings::Id).on_delete(ForeignKeyAction::Cascade))
                    .foreign_key(&mut to_person("fk_agenda_items_lead", col("agenda_items", "lead_id"), ForeignKeyAction::SetNull))
                    .to_owned(),
            )
            .await?;
        manager.create_index(Index::create().name("idx_agenda_items_meeting").table(AgendaItems::Table).col(AgendaItems::MeetingId).col(AgendaItems::Position).to_owned()).await?;

        manager
            .create_table(
                Table::create()
                    .table(AgendaPapers::Table)
                    .col(uuid(AgendaPapers::Id).primary_key())
                    .col(uuid(AgendaPapers::ItemId))
                    .col(uuid(AgendaPapers::MeetingId))
                    .col(uuid(AgendaPapers::DocumentId))
                    .col(uuid(AgendaPapers::RevisionId))
                    .col(integer(AgendaPapers::RevisionNumber))
                    .col(uuid(AgendaPapers::AddedBy))
                    .col(timestamp_with_time_zone(AgendaPapers::AddedAt))
                    .foreign_key(ForeignKey::create().name("fk_agenda_papers_item").from(AgendaPapers::Table, AgendaPapers::ItemId).to(AgendaItems::Table, AgendaItems::Id).on_delete(ForeignKeyAction::Cascade))
                    .foreign_key(ForeignKey::create().name("fk_agenda_papers_meeting").from(AgendaPapers::Table, AgendaPapers::MeetingId).to(Meetings::Table, Meetings::Id).on_delete(ForeignKeyAction::Cascade))
                    .foreign_key(&mut to_person("fk_agenda_papers_added_by", col("agenda_papers", "added_by"), ForeignKeyAction::Restrict))
                    .to_owned(),
            )
            .await?;
        manager.create_index(Index::create().name("idx_agenda_papers_meeting").table(AgendaPapers::Table).col(AgendaPapers::MeetingId).to_owned()).await?;

        manager
            .create_table(
                Table::create()
                    .table(Attendance::Table)
                    .col(uuid(Attendance::MeetingId))
                    .col(uuid(Attendance::PersonId))
                    .col(string_len_null(Attendance::Reply, 20))
                    .col(uuid_null(Attendance::RepliedBy))
                    .col(timestamp_with_time_zone_null(Attendance::RepliedAt))
                    .col(string_len_null(Attendance::Attended, 20))
                    .col(uuid_null(Attendance::RecordedBy))
                    .col(timestamp_with_time_zone_null(Attendance::RecordedAt))
                    .primary_key(Index::create().col(Attendance::MeetingId).col(Attendance::PersonId))
                    .foreign_key(ForeignKey::create().name("fk_attendance_meeting").from(Attendance::Table, Attendance::MeetingId).to(Meetings::Table, Meetings::Id).on_delete(ForeignKeyAction::Cascade))
                    .foreign_key(&mut to_person("fk_attendance_person", col("attendance", "person_id"), ForeignKeyAction::Cascade))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(MeetingDecisions::Table)
                    .col(uuid(MeetingDecisions::Id).primary_key())
                    .col(uuid(MeetingDecisions::MeetingId))
                    .col(uuid_null(MeetingDecisions::ItemId))
                    .col(text(MeetingDecisions::Decision))
                    .col(string_len(MeetingDecisions::Method, 20))
                    .col(integer_null(MeetingDecisions::VotesFor))
                    .col(integer_null(MeetingDecisions::VotesAgainst))
                    .col(integer_null(MeetingDecisions::Abstentions))
                    .col(uuid_null(MeetingDecisions::DocumentId))
                    .col(text_null(MeetingDecisions::VisionSummary))
                    .col(uuid(MeetingDecisions::RecordedBy))
                    .col(uuid_null(MeetingDecisions::SupporterId))
                    .col(timestamp_with_time_zone(MeetingDecisions::CreatedAt))
                    .foreign_key(ForeignKey::create().name("fk_meeting_decisions_meeting").from(MeetingDecisions::Table, MeetingDecisions::MeetingId).to(Meetings::Table, Meetings::Id).on_delete(ForeignKeyAction::Cascade))
                    .foreign_key(&mut to_person("fk_meeting_decisions_recorded_by", col("meeting_decisions", "recorded_by"), ForeignKeyAction::Restrict))
                    .to_owned(),
            )
            .await?;
        manager.create_index(Index::create().name("idx_meeting_decisions_meeting").table(MeetingDecisions::Table).col(MeetingDecisions::MeetingId).to_owned()).await?;

        manager
            .create_table(
                Table::create()
                    .table(Actions::Table)
                    .col(uuid(Actions::Id).primary_key())
                    .col(uuid(Actions::SpaceId))
                    .col(uuid_null(Actions::MeetingId))
                    .col(uuid_null(Actions::ItemId))
                    .col(text(Actions::What))
                    .col(uuid(Actions::OwnerId))
                    .col(date(Actions::DueOn))
                    .col(text_null(Actions::Progress))
                    .col(timestamp_with_time_zone_null(Actions::ProgressAt))
                    .col(timestamp_with_time_zone_null(Actions::DoneAt))
                    .col(text_null(Actions::DoneNote))
                    .col(uuid_null(Actions::DoneBy))
                    .col(uuid(Actions::CreatedBy))
                    .col(timestamp_with_time_zone(Actions::CreatedAt))
                    .col(timestamp_with_time_zone(Actions::UpdatedAt))
                    .foreign_key(ForeignKey::create().name("fk_actions_space").from(Actions::Table, Actions::SpaceId).to(Spaces::Table, Spaces::Id).on_delete(ForeignKeyAction::Cascade))
                    .foreign_key(ForeignKey::create().name("fk_actions_meeting").from(Actions::Table, Actions::MeetingId).to(Meetings::Table, Meetings::Id).on_delete(ForeignKeyAction::SetNull))
                    .foreign_key(&mut to_person("fk_actions_owner", col("actions", "owner_id"), ForeignKeyAction::Restrict))
                    .to_owned(),
            )
            .await?;
        manager.create_index(Index::create().name("idx_actions_space").table(Actions::Table).col(Actions::SpaceId).col(Actions::DueOn).to_owned()).await?;
        manager.create_index(Index::create().name("idx_actions_owner").table(Actions::Table).col(Actions::OwnerId).to_owned()).await?;

        manager
            .create_table(
                Table::create()
                    .table(CalendarFeeds::Table)
                    .col(uuid(CalendarFeeds::PersonId).primary_key())
                    .col(string_len(CalendarFeeds::SecretHash, 64).unique_key())
                    .col(timestamp_with_time_zone(CalendarFeeds::CreatedAt))
                    .foreign_key(&mut to_person("fk_calendar_feeds_person", col("calendar_feeds", "person_id"), ForeignKeyAction::Cascade))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in ["calendar_feeds", "actions", "meeting_decisions", "attendance", "agenda_papers", "agenda_items", "meetings"] {
            manager.drop_table(Table::drop().table(Alias::new(table)).to_owned()).await?;
        }
        Ok(())
    }
}
