use sea_orm::entity::prelude::*;

/// A decision recorded in a meeting's minutes.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "meeting_decisions")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub meeting_id: Uuid,
    pub item_id: Option<Uuid>,
    pub decision: String,
    /// `consent` or `vote`.
    pub method: String,
    pub votes_for: Option<i32>,
    pub votes_against: Option<i32>,
    pub abstentions: Option<i32>,
    /// The paper the decision is about, if any.
    pub document_id: Option<Uuid>,
    /// The paper's vision check as it stood when the decision was recorded.
    pub vision_summary: Option<String>,
    pub recorded_by: Uuid,
    pub supporter_id: Option<Uuid>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
