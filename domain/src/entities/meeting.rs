use sea_orm::entity::prelude::*;

/// A meeting of a space. Times are UTC; the board's time zone shows them as local times.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "meetings")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub space_id: Uuid,
    pub title: String,
    pub starts_at: DateTimeUtc,
    pub ends_at: DateTimeUtc,
    pub place: Option<String>,
    pub join_link: Option<String>,
    /// The access arrangements offered, as keys separated by commas (`bsl,captions`).
    pub access_offered: String,
    /// How many days before the meeting its papers are sent.
    pub papers_days: i32,
    pub papers_sent_at: Option<DateTimeUtc>,
    pub minute_taker_id: Option<Uuid>,
    /// The minutes: a document of the space.
    pub minutes_document_id: Option<Uuid>,
    /// Goes up each time the time or place changes, so calendars replace the old event.
    pub sequence: i32,
    pub created_by: Uuid,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
