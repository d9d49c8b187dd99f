use sea_orm::entity::prelude::*;

/// Something someone agreed to do, by a date.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "actions")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub space_id: Uuid,
    pub meeting_id: Option<Uuid>,
    pub item_id: Option<Uuid>,
    pub what: String,
    pub owner_id: Uuid,
    /// The board's local day it is due by.
    pub due_on: Date,
    pub progress: Option<String>,
    pub progress_at: Option<DateTimeUtc>,
    pub done_at: Option<DateTimeUtc>,
    pub done_note: Option<String>,
    pub done_by: Option<Uuid>,
    pub created_by: Uuid,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
