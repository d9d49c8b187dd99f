use sea_orm::entity::prelude::*;

/// The board and its task-and-finish groups share one table: both are places where people work
/// together, and later features (documents, meetings, members) attach to either.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "spaces")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// `board` or `group`.
    pub kind: String,
    #[sea_orm(unique)]
    pub slug: String,
    pub name: String,
    pub purpose: String,
    pub parent_id: Option<Uuid>,
    /// `active`, `reporting` or `finished`; groups only.
    pub status: Option<String>,
    pub start_date: Option<Date>,
    pub planned_end_date: Option<Date>,
    /// Before a document here is agreed, at least one expert by experience and one member of
    /// staff must agree to it (the co-production check).
    pub require_coproduction: bool,
    /// Before a document here is agreed, it must be checked against every vision statement.
    pub require_vision_check: bool,
    /// Before a document here is published, every part needs an up-to-date easy-read version.
    pub require_easy_read: bool,
    /// A board's time zone (an IANA name such as `Europe/London`); `None` means Europe/London.
    pub time_zone: Option<String>,
    /// What a group found, written when it reports back to the board (Markdown).
    pub report_summary: Option<String>,
    /// The board's local date on which a group reported back, and on which it finished.
    pub reported_on: Option<Date>,
    pub finished_on: Option<Date>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(belongs_to = "Entity", from = "Column::ParentId", to = "Column::Id")]
    Parent,
}

impl ActiveModelBehavior for ActiveModel {}
