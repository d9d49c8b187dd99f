use sea_orm::entity::prelude::*;

/// Proposed new words for a passage of a document, with a reason.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "suggestions")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub document_id: Uuid,
    /// The version the suggester was reading.
    pub revision_id: Uuid,
    pub original: String,
    pub proposed: String,
    pub reason: String,
    pub author_id: Uuid,
    pub supporter_id: Option<Uuid>,
    /// `open`, `accepted` or `declined`.
    pub status: String,
    pub decided_by: Option<Uuid>,
    pub decided_at: Option<DateTimeUtc>,
    pub decline_reason: Option<String>,
    /// The version made by accepting it.
    pub applied_revision_id: Option<Uuid>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
