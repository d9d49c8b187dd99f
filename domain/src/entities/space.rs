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
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(belongs_to = "Entity", from = "Column::ParentId", to = "Column::Id")]
    Parent,
}

impl ActiveModelBehavior for ActiveModel {}
