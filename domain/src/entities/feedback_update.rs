use sea_orm::entity::prelude::*;

/// One dated entry in a feedback item's timeline: a progress note, a change of status, or the
/// answer of someone who gave the feedback.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "feedback_updates")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub item_id: Uuid,
    pub author_id: Option<Uuid>,
    /// For an entry not written by a member: who it came from, in words.
    pub author_name: Option<String>,
    pub body: String,
    pub status_from: Option<String>,
    pub status_to: Option<String>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
