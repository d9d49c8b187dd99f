use sea_orm::entity::prelude::*;

/// One live update, kept so a reconnecting page gets exactly what it missed. Readable by the
/// members of `space_id`, or only by `person_id` when that is set.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "events")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub space_id: Option<Uuid>,
    pub person_id: Option<Uuid>,
    pub kind: String,
    pub thread_id: Option<Uuid>,
    pub comment_id: Option<Uuid>,
    /// JSON: what a page needs to say what happened.
    pub data: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
